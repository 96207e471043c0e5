/**
 * Analysis (issue 5): cross-tabs over the families and people of the poverty-targeting sources,
 * drill-down to the families behind any cell, a family's full record, region profiles, cross-tab
 * export and saved analyses.
 */
import type { AttributeMeta } from '../analysis/attributes.ts';
import type { Language } from './system.ts';
import type { LinkedPair } from './linkage.ts';
import type { BatchSummary } from '../model/source.ts';

/** A family-bearing source as analysed: P3KE (keluarga + individu), DTSEN (keluarga + individu), DTKS. */
export type AnalysisSource = 'p3ke' | 'dtsen' | 'dtks';
export const ANALYSIS_SOURCES: readonly AnalysisSource[] = ['p3ke', 'dtsen', 'dtks'];

/** Rows: a region level (1 provinsi … 4 desa/kelurahan) or an attribute. */
export type RowDimension =
  | { readonly kind: 'region'; readonly level: 1 | 2 | 3 | 4 }
  | { readonly kind: 'attribute'; readonly key: string };

/** A filter on one attribute: a set of codes, or a range of codes for ordered attributes. */
export interface AttributeFilter {
  readonly attribute: string;
  readonly values?: readonly number[];
  readonly min?: number;
  readonly max?: number;
  /** Keep everything except what matches. */
  readonly exclude?: boolean;
}

export type Measure = 'families' | 'persons';

export interface CrosstabSpec {
  readonly rows: RowDimension;
  /** Columns: an attribute key, or null for a single total column. */
  readonly cols: string | null;
  /** Restrict to a region subtree (dotted Kemendagri code); the working province by default. */
  readonly region?: string;
  readonly filters?: readonly AttributeFilter[];
  /** Sources in the universe (default: P3KE, else the first source that has data). */
  readonly sources?: readonly AnalysisSource[];
  /** Batch ids chosen instead of the latest of their kind (a vintage per source kind). */
  readonly batches?: readonly number[];
  /** Reference date for ages (ISO); default today. */
  readonly ageDate?: string;
  /** What the UI shows first; both measures are always computed. */
  readonly measure?: Measure;
}

/** One dataset of the universe: a source and the batches it is read from. */
export interface DatasetInfo {
  readonly source: AnalysisSource;
  readonly familyBatch: BatchSummary;
  /** The batch holding the members (P3KE/DTSEN individu); null when the family batch holds them or none is loaded. */
  readonly personBatch: BatchSummary | null;
  readonly families: number;
  readonly persons: number;
}

export interface AxisItem {
  /** Stable key used to address the cell (region code, or the attribute code as text, '' for no data). */
  readonly key: string;
  readonly label: string;
  /** For region rows: the index of the parent group in `groups`. */
  readonly group?: number;
}

export interface CellBlock {
  readonly families: readonly (readonly number[])[];
  readonly persons: readonly (readonly number[])[];
}

export interface Totals {
  readonly families: readonly number[];
  readonly persons: readonly number[];
}

/** Subtotals per parent region when rows are kecamatan or desa. */
export interface RowGroup {
  readonly key: string;
  readonly label: string;
  readonly families: readonly number[];
  readonly persons: readonly number[];
  readonly total: { readonly families: number; readonly persons: number };
}

export interface CrosstabDefinition {
  readonly spec: CrosstabSpec;
  readonly datasets: readonly DatasetInfo[];
  readonly region: { readonly code: string; readonly name: string; readonly level: number };
  readonly ageDate: string;
  /** The table's provenance in words (rows, columns, filters, sources with vintages), in the UI language. */
  readonly description: readonly string[];
  readonly title: string;
}

export interface CrosstabResult {
  readonly definition: CrosstabDefinition;
  readonly rows: readonly AxisItem[];
  readonly cols: readonly AxisItem[];
  readonly cells: CellBlock;
  readonly rowTotals: Totals;
  readonly colTotals: Totals;
  readonly total: { readonly families: number; readonly persons: number };
  readonly groups: readonly RowGroup[];
  /** Level of people: the table was computed over members (a person attribute is used). */
  readonly personLevel: boolean;
  readonly ms: number;
}

/** The drill-down grid's columns (sortable, filterable in the warehouse). */
export const DRILL_COLUMNS = [
  'sumber', 'kabupaten', 'kecamatan', 'desa', 'id_keluarga', 'no_kk', 'nik_kepala', 'nama_kepala', 'alamat',
  'desil', 'jumlah_anggota', 'jk_kepala', 'umur_kepala', 'lantai', 'air_minum', 'jamban', 'stunting',
] as const;
export type DrillColumn = (typeof DRILL_COLUMNS)[number];

export interface DrillSort {
  readonly column: DrillColumn;
  readonly dir: 'asc' | 'desc';
}

/** A grid column filter: text (contains / equals / starts with) or a number comparison. */
export type DrillColumnFilter =
  | { readonly column: DrillColumn; readonly type: 'contains' | 'equals' | 'startsWith' | 'notContains'; readonly text: string }
  | { readonly column: DrillColumn; readonly type: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; readonly number: number }
  | { readonly column: DrillColumn; readonly type: 'between'; readonly number: number; readonly to: number };

export interface DrillArgs {
  readonly spec: CrosstabSpec;
  /** Row key of the cell (null = every row, the column total). */
  readonly row: string | null;
  /** Column key (null = every column, the row total). */
  readonly col: string | null;
  readonly sort?: readonly DrillSort[];
  readonly filters?: readonly DrillColumnFilter[];
  readonly startRow: number;
  readonly endRow: number;
}

export interface DrillRow {
  readonly familyId: number;
  readonly sumber: string;
  readonly kabupaten: string | null;
  readonly kecamatan: string | null;
  readonly desa: string | null;
  readonly regionCode: string | null;
  readonly id_keluarga: string | null;
  /** Masked (`5301**********03`). */
  readonly no_kk: string | null;
  readonly nik_kepala: string | null;
  readonly nama_kepala: string | null;
  readonly alamat: string | null;
  readonly desil: number | null;
  readonly jumlah_anggota: number | null;
  readonly jk_kepala: string | null;
  readonly umur_kepala: number | null;
  readonly lantai: string | null;
  readonly air_minum: string | null;
  readonly jamban: string | null;
  readonly stunting: string | null;
}

export interface DrillPage {
  /** Families matching the cell and the grid's column filters (the grid's exact row count). */
  readonly count: number;
  readonly rows: readonly DrillRow[];
  readonly ms: number;
}

export interface FamilyField {
  readonly key: string;
  readonly label: string;
  readonly value: string | null;
  /** The stored code for categorical fields. */
  readonly code?: number | null;
}

export interface FamilyMember {
  readonly personId: number;
  readonly nik: string | null;
  readonly name: string | null;
  readonly fields: readonly FamilyField[];
}

export interface FamilyAppearance {
  readonly batch: BatchSummary;
  readonly familyId: number | null;
  /** How it was found: the same family id, the same No KK, or a member's NIK on a recipient list. */
  readonly matchedBy: 'source_id' | 'kk' | 'nik';
  readonly detail: string | null;
}

export interface FamilyDetail {
  readonly familyId: number;
  readonly batch: BatchSummary;
  readonly source: AnalysisSource | null;
  readonly fields: readonly FamilyField[];
  readonly region: readonly { readonly level: number; readonly code: string; readonly name: string }[];
  readonly members: readonly FamilyMember[];
  /** Columns the source file had that the warehouse does not model, kept at import (header → text). */
  readonly extraColumns: readonly { readonly header: string; readonly value: string }[];
  readonly extraFields: readonly { readonly key: string; readonly value: string }[];
  readonly appearances: readonly FamilyAppearance[];
  /** Padu-padan: its records next to the records of other batches they were linked to. */
  readonly linked: readonly LinkedPair[];
  readonly nikShown: boolean;
}

export interface ProfileFigure {
  readonly key: string;
  readonly label: string;
  /** Families counted, the base they are a share of (families with data), and the share (0–1, null without base). */
  readonly count: number;
  readonly base: number;
  readonly share: number | null;
  readonly parentCount: number;
  readonly parentBase: number;
  readonly parentShare: number | null;
}

export interface IndicatorEntry {
  readonly indicator: string;
  readonly period: string;
  readonly value: number | null;
  readonly unit: string | null;
  readonly source: string | null;
  readonly batch: BatchSummary;
  /** The same indicator and period from another source with another value. */
  readonly conflict: boolean;
}

export interface RegionProfile {
  readonly region: { readonly code: string; readonly name: string; readonly level: number };
  readonly parent: { readonly code: string; readonly name: string; readonly level: number } | null;
  readonly datasets: readonly DatasetInfo[];
  readonly families: number;
  readonly persons: number;
  readonly parentFamilies: number;
  readonly parentPersons: number;
  /** Families per desil (region and parent). */
  readonly desil: readonly { readonly desil: number; readonly families: number; readonly parentFamilies: number }[];
  readonly figures: readonly ProfileFigure[];
  /** The region's children with the same shares, for a quick comparison. */
  readonly children: readonly {
    readonly code: string;
    readonly name: string;
    readonly families: number;
    readonly shares: readonly (number | null)[];
  }[];
  readonly indicators: readonly IndicatorEntry[];
  readonly parentIndicators: readonly IndicatorEntry[];
}

export type PercentMode = 'none' | 'row' | 'col' | 'total';

export interface SavedAnalysis {
  readonly id: number;
  readonly name: string;
  readonly spec: CrosstabSpec;
  readonly view: AnalysisView;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** How the table and chart were shown (restored with a saved analysis). */
export interface AnalysisView {
  readonly percent: PercentMode;
  readonly chart: 'bar' | 'stacked' | 'stacked100' | 'none';
}

export interface AnalysisCatalog {
  readonly attributes: readonly AttributeMeta[];
  /** Batches per analysis source, newest first. */
  readonly sources: readonly {
    readonly source: AnalysisSource;
    readonly familyBatches: readonly BatchSummary[];
    readonly personBatches: readonly BatchSummary[];
    /** Attributes this source's latest batches fill (others are all "no data"). */
    readonly filled: readonly string[];
  }[];
  readonly language: Language;
}

export interface AnalysisContract {
  /** Attributes, sources and their batches, for the spec builder. */
  'analysis.catalog': (args: Record<string, never>) => AnalysisCatalog;
  /** A cross-tab: families and people per cell, totals, subtotals, its definition in words. */
  'analysis.crosstab': (args: { readonly spec: CrosstabSpec }) => CrosstabResult;
  /** A page of the families behind a cell (or a total), sorted and filtered in the warehouse. */
  'analysis.drill': (args: DrillArgs) => DrillPage;
  /** Everything about one family; full NIKs only when asked (logged). */
  'analysis.family': (args: { readonly familyId: number; readonly showFullNik?: boolean }) => FamilyDetail;
  /** Key figures of a region next to its parent's, with sectoral indicators. */
  'analysis.profile': (args: { readonly regionCode: string; readonly sources?: readonly AnalysisSource[]; readonly batches?: readonly number[] }) => RegionProfile;
  /** Write the cross-tab to an .xlsx in the export folder (or `path`); logged. */
  'analysis.export': (args: { readonly spec: CrosstabSpec; readonly percent?: PercentMode; readonly title?: string; readonly path?: string }) => {
    readonly path: string;
    readonly fileName: string;
  };
  'analysis.saved.list': (args: Record<string, never>) => readonly SavedAnalysis[];
  /** Create (no id) or overwrite (id) a saved analysis. */
  'analysis.saved.save': (args: { readonly id?: number; readonly name: string; readonly spec: CrosstabSpec; readonly view: AnalysisView }) => SavedAnalysis;
  'analysis.saved.delete': (args: { readonly id: number }) => { readonly deleted: boolean };
}
