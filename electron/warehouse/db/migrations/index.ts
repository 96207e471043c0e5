import type { Migration } from '../migrate.ts';
import { m001Init } from './001_init.ts';

/** In order; never edit a released migration, add the next number. */
export const MIGRATIONS: readonly Migration[] = [m001Init];
