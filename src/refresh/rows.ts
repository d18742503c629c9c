/** Pure helpers of a run's rows and dates: the chunks of a run combined, the days of its windows. */

import type { DataSetState } from '../datasets/types';
import { addDays, type DateWindow, daysBetween } from '../dates';
import { compareRowsByKey, headersMatch, rowKeyOf } from '../table/rows';
import type { Cell, SheetTable, TableColumn } from '../table/types';

/** Every day of the windows, in order. */
export function datesOf(windows: readonly DateWindow[]): string[] {
  const dates: string[] = [];
  for (const window of windows) {
    for (let date = window.begin; daysBetween(date, window.end) >= 0; date = addDays(date, 1)) dates.push(date);
  }
  return dates;
}

/** Rows from several chunks: one per row key (the later chunk wins), sorted by the key. */
export function combineRows(rows: Cell[][], keyIndexes: readonly number[]): Cell[][] {
  const byKey = new Map<string, Cell[]>();
  for (const row of rows) byKey.set(rowKeyOf(row, keyIndexes), row);
  return [...byKey.values()].sort(compareRowsByKey(keyIndexes));
}

/**
 * A sheet of that name this DataSet never wrote, whose first row is not this report's header, is the user's own:
 * it is never overwritten (an edited header of the DataSet's own table may be rewritten by Replace, as documented).
 * DataSets that wrote before the sheet was recorded count as having written it once they completed a run.
 */
export function isUsersOwnSheet(
  existing: SheetTable,
  columns: readonly TableColumn[],
  state: DataSetState,
  sheetName: string,
): boolean {
  if (!existing.header.some((cell) => cell !== '') || headersMatch(columns, existing.header)) return false;
  const wroteIt = state.sheet === undefined ? state.lastCompleteDate !== undefined : state.sheet === sheetName;
  return !wroteIt;
}
