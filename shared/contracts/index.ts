import type { AnalysisContract } from './analysis.ts';
import type { AuditContract } from './audit.ts';
import type { DemoContract } from './demo.ts';
import type { HomeContract } from './home.ts';
import type { ImportsContract } from './imports.ts';
import type { InterventionsContract } from './interventions.ts';
import type { LinkageContract } from './linkage.ts';
import type { MapsContract } from './maps.ts';
import type { ReferenceContract } from './reference.ts';
import type { SystemContract } from './system.ts';

/** Every warehouse method, by dotted name. Add a slice per domain and intersect it here. */
export type Contract = SystemContract & ReferenceContract & HomeContract & DemoContract & ImportsContract & AnalysisContract
  & InterventionsContract & AuditContract & LinkageContract & MapsContract;

export type Method = keyof Contract;
export type ArgsOf<M extends Method> = Parameters<Contract[M]>[0];
export type ResultOf<M extends Method> = ReturnType<Contract[M]>;

export type { EventMap, EventName } from './events.ts';
