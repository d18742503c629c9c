/**
 * SpreadsheetApp adapter for one report table at A1 of its sheet: read it back, and write it in one batch
 * (number formats, values, bold header: three range calls whatever the row count). Cells outside the table's
 * columns are never touched.
 */
import type { Cell, TableColumn } from '../reports/table';
import { fromSheetValue, NUMBER_FORMATS, type SheetValue, toSheetValue } from '../sheets/cells';
import type { SheetTable } from '../sheets/plan';

export const SPREADSHEET_CELL_LIMIT = 10_000_000;

export class SheetWriteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SheetWriteError';
  }
}

function spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

export function findSheet(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
  return spreadsheet().getSheetByName(name);
}

function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Reads the table: its columns, from row 1 down to the first row that is empty in those columns. */
export function readTable(sheetName: string, columns: readonly TableColumn[]): SheetTable {
  const sheet = findSheet(sheetName);
  if (!sheet) return { header: [], rows: [], height: 0 };
  const lastRow = sheet.getLastRow();
  if (lastRow === 0) return { header: [], rows: [], height: 0 };
  const values = sheet.getRange(1, 1, lastRow, columns.length).getValues();
  const timeZone = spreadsheet().getSpreadsheetTimeZone();
  const formatDate = (date: Date) => Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
  let height = values.findIndex((row) => row.every(isBlank));
  if (height === -1) height = values.length;
  const header = (values[0] ?? []).map((value) => (isBlank(value) ? '' : String(value)));
  const rows = values
    .slice(1, height)
    .map((row) => columns.map((column, index) => fromSheetValue(row[index], column.type, formatDate)));
  const table: SheetTable = { header, rows, height };
  for (let row = height; row < values.length; row++) {
    const column = values[row]!.findIndex((value) => !isBlank(value));
    if (column >= 0) {
      table.obstacle = {
        row: row + 1,
        a1: `${columnLetters(column + 1)}${row + 1}`,
        value: String(values[row]![column]),
      };
      break;
    }
  }
  return table;
}

function cellsInUse(exceptSheet: GoogleAppsScript.Spreadsheet.Sheet | null): number {
  return spreadsheet()
    .getSheets()
    .filter((sheet) => !exceptSheet || sheet.getSheetId() !== exceptSheet.getSheetId())
    .reduce((total, sheet) => total + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
}

/**
 * Writes header + rows at A1, clearing the table's own old rows below them. Fails before touching the sheet when
 * the table would grow over the user's own content below it, or the spreadsheet would go over Sheets' cell limit.
 */
export function writeTable(
  sheetName: string,
  columns: readonly TableColumn[],
  rows: readonly Cell[][],
  current: SheetTable,
): void {
  const existing = findSheet(sheetName);
  const height = rows.length + 1;
  const previousHeight = current.height;
  if (current.obstacle && height >= current.obstacle.row) {
    throw new SheetWriteError(
      'table_blocked',
      `The table now needs rows 1–${height} of sheet "${sheetName}", but ${current.obstacle.a1} below it holds your own content ("${current.obstacle.value.slice(0, 40)}"). Nothing was written. Move that content to the right of column ${columnLetters(columns.length)} or further down, then run again.`,
    );
  }
  const writeHeight = Math.max(height, previousHeight);
  const width = columns.length;
  const sheetRows = Math.max(existing?.getMaxRows() ?? 1000, writeHeight);
  const sheetColumns = Math.max(existing?.getMaxColumns() ?? 26, width);
  const total = cellsInUse(existing) + sheetRows * sheetColumns;
  if (total > SPREADSHEET_CELL_LIMIT) {
    throw new SheetWriteError(
      'cell_limit',
      `This refresh needs ${height.toLocaleString('en-US')} rows × ${width} columns and would take the spreadsheet to ${total.toLocaleString('en-US')} cells, over Google Sheets' limit of 10,000,000. Nothing was written. Shorten the date range, or move this DataSet to another spreadsheet.`,
    );
  }
  const sheet = existing ?? spreadsheet().insertSheet(sheetName);
  const formatRow = columns.map((column) => NUMBER_FORMATS[column.type]);
  const blankRow: SheetValue[] = columns.map(() => '');
  const values: SheetValue[][] = [columns.map((column) => column.header)];
  const formats: string[][] = [columns.map(() => '@')];
  for (const row of rows) {
    values.push(columns.map((column, index) => toSheetValue(row[index] ?? null, column.type)));
    formats.push(formatRow);
  }
  for (let index = height; index < writeHeight; index++) {
    values.push(blankRow);
    formats.push(formatRow);
  }
  const range = sheet.getRange(1, 1, writeHeight, width);
  range.setNumberFormats(formats);
  range.setValues(values);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
}
