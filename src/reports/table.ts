/** Pure table shaping: flattened report rows → header + typed cells, ready for the sheet writer. */
import { compareRowsByKey, rowKeyOf } from '../table/rows';
import type { Cell, TableColumn } from '../table/types';
import { codeLabel } from './codes';
import type {
  CodeTable,
  ColumnSpec,
  ColumnType,
  FlatRow,
  FlatValue,
  JsonObject,
  JsonValue,
  Lang,
  Localized,
  ReportDefinition,
} from './types';

export interface ReportTable {
  columns: TableColumn[];
  rows: Cell[][];
}

const NUMERIC_STRING = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Key of the readable label column that follows a code column. */
export function labelColumnKey(codeKey: string): string {
  return `${codeKey}_label`;
}

function labelHeader(header: string, lang: Lang): string {
  return lang === 'zh' ? `${header}（说明）` : `${header} (label)`;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumber(value: JsonValue | FlatValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return NUMERIC_STRING.test(trimmed) ? Number(trimmed) : null;
  }
  return null;
}

function toText(value: JsonValue | FlatValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function toDate(value: JsonValue | FlatValue | undefined): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A code that is not numeric is still kept (as text): unknown codes must survive. */
function toCode(value: JsonValue | FlatValue | undefined): number | string | null {
  const asNumber = toNumber(value);
  if (asNumber !== null) return asNumber;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}

function toBool(value: JsonValue | FlatValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1 || value === '1') return true;
  if (value === 'false' || value === 0 || value === '0') return false;
  return null;
}

/** Converts a raw WeChat value to the cell a column of `type` holds; missing or unusable values become null. */
export function coerceValue(type: ColumnType, value: JsonValue | FlatValue | undefined): FlatValue {
  switch (type) {
    case 'date':
      return toDate(value);
    case 'hour':
    case 'int':
    case 'number':
    case 'percent':
      return toNumber(value);
    case 'code':
      return toCode(value);
    case 'text':
      return toText(value);
    case 'bool':
      return toBool(value);
  }
}

export function tableColumns(report: ReportDefinition, lang: Lang): TableColumn[] {
  const columns: TableColumn[] = [];
  for (const spec of report.columns) {
    const header = spec.header[lang];
    columns.push({ key: spec.key, header, type: spec.type });
    if (spec.type === 'code') {
      columns.push({ key: labelColumnKey(spec.key), header: labelHeader(header, lang), type: 'label' });
    }
  }
  return columns;
}

function labelCell(codes: CodeTable | undefined, code: FlatValue, lang: Lang): Cell {
  if (code === null || typeof code === 'boolean') return null;
  return codeLabel(codes ?? {}, code, lang);
}

function rowCells(specs: readonly ColumnSpec[], flat: FlatRow, lang: Lang): Cell[] {
  const cells: Cell[] = [];
  for (const spec of specs) {
    const value = coerceValue(spec.type, flat[spec.key]);
    cells.push(value);
    if (spec.type === 'code') cells.push(labelCell(spec.codes, value, lang));
  }
  return cells;
}

/**
 * Flattens every `list[]` item, coerces cells to the column types, fills label cells, keeps the last row of each
 * row key and sorts by row key.
 */
export function buildTable(report: ReportDefinition, items: readonly JsonObject[], lang: Lang): ReportTable {
  const columns = tableColumns(report, lang);
  const keyIndexes = rowKeyIndexes(report, columns);
  const byKey = new Map<string, Cell[]>();
  for (const item of items) {
    if (!isJsonObject(item)) continue;
    for (const flat of report.flatten(item)) {
      const row = rowCells(report.columns, flat, lang);
      const key = rowKeyOf(row, keyIndexes);
      byKey.set(key, row);
    }
  }
  const rows = Array.from(byKey.values()).sort(compareRowsByKey(keyIndexes));
  return { columns, rows };
}

/** Positions of the report's row-key columns in `columns`; throws if one is missing (a catalog bug). */
export function rowKeyIndexes(report: ReportDefinition, columns: readonly TableColumn[]): number[] {
  return report.rowKey.map((key) => {
    const index = columns.findIndex((column) => column.key === key);
    if (index < 0) throw new Error(`Report ${report.id}: row key column "${key}" is not a column`);
    return index;
  });
}

/** One column of a report's table as the Help tab explains it: its header, type, codes and whether it keys rows. */
export interface ColumnGuide {
  header: Localized;
  type: TableColumn['type'];
  /** Part of the row key: an Append replaces the rows with the same key. */
  key: boolean;
  /** A code column's known codes and their names. */
  codes?: Array<{ code: string; label: Localized }>;
}

/** The columns of a report's table in both languages, from the catalog (the sheet's own headers). */
export function columnGuide(report: ReportDefinition): ColumnGuide[] {
  const zh = tableColumns(report, 'zh');
  const codesOf = new Map(report.columns.map((spec) => [spec.key, spec.codes]));
  return tableColumns(report, 'en').map((column, index) => {
    const codes = column.type === 'code' ? codesOf.get(column.key) : undefined;
    const guide: ColumnGuide = {
      header: { en: column.header, zh: zh[index]?.header ?? column.header },
      type: column.type,
      key: report.rowKey.includes(column.key),
    };
    // Copies: a code table shared by several reports would otherwise be one object met twice in the answer.
    if (codes) guide.codes = Object.entries(codes).map(([code, label]) => ({ code, label: { ...label } }));
    return guide;
  });
}
