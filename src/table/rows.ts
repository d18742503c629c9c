/** Row keys and row order: how rows are matched (Append de-duplication) and sorted, whatever reads or writes them. */
import type { Cell, TableColumn } from './types';

/** Joins row-key parts; a control character no WeChat value contains. */
const KEY_SEPARATOR = '\u001f';

/** Orders key cells: numbers numerically before strings, strings by code unit, nulls last. */
export function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const left = String(a);
  const right = String(b);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

export function compareRowsByKey(indexes: readonly number[]): (a: Cell[], b: Cell[]) => number {
  return (a, b) => {
    for (const index of indexes) {
      const order = compareCells(a[index] ?? null, b[index] ?? null);
      if (order !== 0) return order;
    }
    return 0;
  };
}

function keyPart(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

/**
 * A stable string key for a row. Numbers and numeric strings give the same key (1 and "1"), so rows read back
 * from a sheet match freshly built ones.
 */
export function rowKeyOf(row: readonly Cell[], indexes: readonly number[]): string {
  return indexes.map((index) => keyPart(row[index])).join(KEY_SEPARATOR);
}

export function headersMatch(expected: readonly TableColumn[], header: readonly string[]): boolean {
  return expected.every((column, index) => (header[index] ?? '') === column.header);
}
