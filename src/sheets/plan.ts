/**
 * What a run writes: Replace takes the new rows; Append keeps the rows already in the sheet, drops those of every
 * date fetched again (and any row with the same key), adds the new ones and sorts by the row key, so re-running
 * never duplicates a row.
 */

import type { Said } from '../messages/codes';
import { say } from '../messages/en';
import { compareRowsByKey, headersMatch, rowKeyOf } from '../table/rows';
import type { Cell, ExistingTable, TableColumn, UpdateMethod } from '../table/types';

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

export type MergeResult = { ok: true; rows: Cell[][] } | { ok: false; said: Said<'header_changed'> };

/** The existing rows as far as a merge looks at them: its row key and its date. */
function existingRows(existing: ExistingTable, keyIndexes: readonly number[], dateIndex: number): Cell[][] {
  if (!existing.keyRows) return existing.rows;
  return existing.keyRows(dateIndex >= 0 ? [...keyIndexes, dateIndex] : keyIndexes);
}

export function mergeRows(input: MergeInput): MergeResult {
  const { columns, keyIndexes, newRows, existing } = input;
  const dateIndex = columns.findIndex((column) => column.type === 'date');
  const dateOf = (row: Cell[]) => (dateIndex >= 0 ? row[dateIndex] : null);
  const sameHeader = headersMatch(columns, existing.header);
  if (input.method === 'replace') {
    const pending = input.pendingDates;
    if (!pending || pending.size === 0 || !sameHeader) return { ok: true, rows: [...newRows] };
    const keptPending = existingRows(existing, keyIndexes, dateIndex).filter((row) => {
      const date = dateOf(row);
      return typeof date === 'string' && pending.has(date);
    });
    return { ok: true, rows: [...keptPending, ...newRows].sort(compareRowsByKey(keyIndexes)) };
  }
  if (!sameHeader && (existing.header.some((cell) => cell !== '') || existing.rows.length > 0)) {
    return {
      ok: false,
      said: say('header_changed', {}),
    };
  }
  const newKeys = new Set(newRows.map((row) => rowKeyOf(row, keyIndexes)));
  // With the date in the row key, a row whose date no new row has cannot share its key: no key to build.
  const datePart = (row: Cell[]) => {
    const date = row[dateIndex];
    return date === null || date === undefined ? '' : String(date);
  };
  const newDates = keyIndexes.includes(dateIndex) ? new Set(newRows.map(datePart)) : undefined;
  const before = existingRows(existing, keyIndexes, dateIndex);
  const kept = before.filter((row) => {
    const date = dateOf(row);
    if (typeof date === 'string' && input.refetchedDates.has(date)) return false;
    if (newDates && !newDates.has(datePart(row))) return true;
    return !newKeys.has(rowKeyOf(row, keyIndexes));
  });
  return {
    ok: true,
    rows: sortedConcat(
      kept,
      unchangedAsBefore(newRows, before, columns.length, keyIndexes),
      compareRowsByKey(keyIndexes),
    ),
  };
}

/**
 * The new rows, each one equal in every cell to a whole row already in the sheet (WeChat restated the day with the
 * same figures) given as that row itself: the writer leaves rows it read in place when they stay where they are.
 */
function unchangedAsBefore(
  newRows: readonly Cell[][],
  before: readonly Cell[][],
  width: number,
  keyIndexes: readonly number[],
): Cell[][] {
  const whole = new Map<string, Cell[]>();
  for (const row of before) if (row.length >= width) whole.set(rowKeyOf(row, keyIndexes), row);
  if (whole.size === 0) return [...newRows];
  return newRows.map((row) => {
    const old = whole.get(rowKeyOf(row, keyIndexes));
    return old && row.every((cell, index) => cell === old[index]) ? old : row;
  });
}

/** `[...a, ...b]` sorted; when both are sorted and b starts after a ends (an Append at the end), no sort. */
function sortedConcat(a: Cell[][], b: readonly Cell[][], compare: (x: Cell[], y: Cell[]) => number): Cell[][] {
  const rows = a.concat(b);
  for (let index = 1; index < rows.length; index++) {
    if (compare(rows[index - 1]!, rows[index]!) > 0) return rows.sort(compare);
  }
  return rows;
}
