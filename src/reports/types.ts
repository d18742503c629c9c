/** Shapes of the report catalog: what each WeChat datacube endpoint returns and how it becomes sheet rows. */
import type { ColumnType } from '../table/types';

export interface Localized {
  en: string;
  zh: string;
}

export type { ColumnType } from '../table/types';

export type CodeTable = Readonly<Record<string, Localized>>;

export interface ColumnSpec {
  /** Field name in a flattened row. */
  key: string;
  header: Localized;
  type: ColumnType;
  /** Only for type 'code'. */
  codes?: CodeTable;
}

export type ReportGroup = 'users' | 'articles' | 'published' | 'messages' | 'interface';
export type ReportGranularity = 'day' | 'hour' | 'week' | 'month';

/** A JSON value as WeChat sends it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type FlatValue = string | number | boolean | null;
/** One flattened row: column key → value (missing keys are empty cells). */
export type FlatRow = Record<string, FlatValue>;

export interface ReportDefinition {
  /** Stable id stored in DataSet configs, e.g. `user_summary`. */
  id: string;
  /** Datacube endpoint name, e.g. `getusersummary` (POST /datacube/<endpoint>). */
  endpoint: string;
  group: ReportGroup;
  granularity: ReportGranularity;
  label: Localized;
  description: Localized;
  /** Longest window one call may ask for, in days, inclusive (end − begin + 1). */
  maxSpanDays: number;
  /** First `YYYY-MM-DD` WeChat has data for. */
  earliestDate: string;
  /** Deprecated by WeChat (the classic article reports). */
  deprecated: boolean;
  /** Days re-fetched on an incremental (Append) refresh because WeChat restates them. */
  restatementDays: number;
  columns: readonly ColumnSpec[];
  /** Column keys that identify a row; Append replaces rows with the same key. */
  rowKey: readonly string[];
  /** One `list[]` item of the response → zero or more flat rows. Unknown fields are ignored. */
  flatten(item: JsonObject): FlatRow[];
}

/** Language of sheet headers and code labels. */
export type Lang = 'en' | 'zh';
