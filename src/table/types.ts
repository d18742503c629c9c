/**
 * The table every layer shares: a cell, a column, a table as it stands in a sheet. Types only; this folder imports
 * nothing outside itself, so the report catalog, the merge planner and the Sheets adapter can all depend on it.
 */

/** One sheet cell; date columns hold `YYYY-MM-DD` strings. */
export type Cell = string | number | boolean | null;

/**
 * date: a `YYYY-MM-DD` calendar day (written as a real date);
 * hour: `ref_hour` (hour × 100, 0…2300), written as a time of day (00:00…23:00);
 * int / number: counts and amounts (thousands separators); percent: a ratio WeChat gives (0.45), shown as 45.00%;
 * text: written as plain text (never parsed as a formula);
 * code: a WeChat code (user_source, share_scene, msg_type, count_interval, publish_type…), written as a number,
 *       with a readable label column right beside it; unknown codes are kept.
 */
export type ColumnType = 'date' | 'hour' | 'int' | 'number' | 'percent' | 'text' | 'code' | 'bool';

export interface TableColumn {
  key: string;
  header: string;
  /** label: the readable text beside a code column. */
  type: ColumnType | 'label';
}

/** Rows (header included) × columns a table took at A1 of its sheet. */
export interface TableExtent {
  rows: number;
  columns: number;
}

/** Replace takes the new rows; Append keeps the rows already there and adds the new ones by row key. */
export type UpdateMethod = 'replace' | 'append';

export interface ExistingTable {
  header: string[];
  rows: Cell[][];
  /**
   * A cheaper view for a merge, when the reader offers one: the same rows with only the cells at `indexes` read
   * (the others null or absent). The writer completes any such row it has to rewrite and leaves the others where
   * they are.
   */
  keyRows?(indexes: readonly number[]): Cell[][];
}

/** The table in a sheet: its rows, its height, and the first cell of user content below it (if any). */
export interface SheetTable extends ExistingTable {
  /** Rows of the table, header included: from row 1 down to the first row that is empty in the table's columns. */
  height: number;
  /** The first non-empty cell in the table's columns below the table (the user's own content). */
  obstacle?: { row: number; a1: string; value: string };
}
