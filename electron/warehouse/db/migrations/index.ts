import type { Migration } from '../migrate.ts';
import { m001Init } from './001_init.ts';
import { m002Import } from './002_import.ts';
import { m003Analysis } from './003_analysis.ts';
import { m004Interventions } from './004_interventions.ts';
import { m005Linkage } from './005_linkage.ts';
import { m006Maps } from './006_maps.ts';
import { m007LinkAreas } from './007_link_areas.ts';
import { m008MapOverview } from './008_map_overview.ts';
import { m009LinkSides } from './009_link_sides.ts';
import { m010BatchLoader } from './010_batch_loader.ts';

/** In order; never edit a released migration, add the next number. */
export const MIGRATIONS: readonly Migration[] = [m001Init, m002Import, m003Analysis, m004Interventions, m005Linkage, m006Maps, m007LinkAreas, m008MapOverview, m009LinkSides, m010BatchLoader];
