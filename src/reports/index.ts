/** The report catalog: every WeChat datacube report, its columns, and how its rows become a sheet table. */
import { CATALOG } from './catalog';
import type { ReportDefinition } from './types';

export const REPORTS: readonly ReportDefinition[] = CATALOG;

const REPORTS_BY_ID = new Map(REPORTS.map((report) => [report.id, report]));

export function getReport(id: string): ReportDefinition | undefined {
  return REPORTS_BY_ID.get(id);
}

export {
  CLASSIC_EARLIEST_DATE,
  DEFAULT_RESTATEMENT_DAYS,
  PUBLISHED_EARLIEST_DATE,
  READ_SCENES,
  READ_USER_SOURCE_OTHER_KEY,
} from './catalog';
export {
  COUNT_INTERVALS,
  codeLabel,
  MSG_TYPES,
  PUBLISH_TYPES,
  READ_SOURCES,
  SHARE_SCENES,
  USER_SUMMARY_SOURCES,
} from './codes';
export type { ReportTable } from './table';
export {
  buildTable,
  type ColumnGuide,
  coerceValue,
  columnGuide,
  isJsonObject,
  labelColumnKey,
  rowKeyIndexes,
  tableColumns,
} from './table';
export type * from './types';
