/**
 * What a run writes: Replace takes the new rows; Append keeps the rows already in the sheet, drops those of every
 * date fetched again (and any row with the same key), adds the new ones and sorts by the row key, so re-running
 * never duplicates a row.
 */

import type { UpdateMethod } from '../datasets/types';
import type { Cell, TableColumn } from '../reports/table';
import { compareRowsByKey, rowKeyOf } from '../reports/table';

export interface ExistingTable {
  header: string[];
  rows: Cell[][];
}

/** The table in a sheet: its rows, its height, and the first cell of user content below it (if any). */
export interface SheetTable extends ExistingTable {
  /** Rows of the table, header included: from row 1 down to the first row that is empty in the table's columns. */
  height: number;
  /** The first non-empty cell in the table's columns below the table (the user's own content). */
  obstacle?: { row: number; a1: string; value: string };
}

export interface MergeInput {
  method: UpdateMethod;
  columns: readonly TableColumn[];
  keyIndexes: readonly number[];
  newRows: readonly Cell[][];
  existing: ExistingTable;
  /** Dates (the first date column) whose rows the new fetch replaces. */
  refetchedDates: ReadonlySet<string>;
  /** Dates WeChat has not finished computing: their rows already in the sheet are kept, even on Replace. */
  pendingDates?: ReadonlySet<string>;
}

export type MergeResult = { ok: true; rows: Cell[][] } | { ok: false; code: string; message: string };

export function headersMatch(expected: readonly TableColumn[], header: readonly string[]): boolean {
  return expected.every((column, index) => (header[index] ?? '') === column.header);
}

export function mergeRows(input: MergeInput): MergeResult {
  const { columns, keyIndexes, newRows, existing } = input;
  const dateIndex = columns.findIndex((column) => column.type === 'date');
  const dateOf = (row: Cell[]) => (dateIndex >= 0 ? row[dateIndex] : null);
  const sameHeader = headersMatch(columns, existing.header);
  if (input.method === 'replace') {
    const pending = input.pendingDates;
    if (!pending || pending.size === 0 || !sameHeader) return { ok: true, rows: [...newRows] };
    const keptPending = existing.rows.filter((row) => {
      const date = dateOf(row);
      return typeof date === 'string' && pending.has(date);
    });
    return { ok: true, rows: [...keptPending, ...newRows].sort(compareRowsByKey(keyIndexes)) };
  }
  const hasExistingContent = existing.header.some((cell) => cell !== '') || existing.rows.length > 0;
  if (hasExistingContent && !sameHeader) {
    return {
      ok: false,
      code: 'header_changed',
      message:
        'The header row of the sheet no longer matches this report (it was edited, or the language changed). Restore it, or run once with the Replace update method.',
    };
  }
  const newKeys = new Set(newRows.map((row) => rowKeyOf(row, keyIndexes)));
  const kept = existing.rows.filter((row) => {
    const date = dateOf(row);
    if (typeof date === 'string' && input.refetchedDates.has(date)) return false;
    return !newKeys.has(rowKeyOf(row, keyIndexes));
  });
  return { ok: true, rows: [...kept, ...newRows].sort(compareRowsByKey(keyIndexes)) };
}
