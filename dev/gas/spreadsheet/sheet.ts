import type { Env } from '../env';
import { GasError, signatureError } from '../errors';
import { type GridRect, MAX_COLUMNS, parseA1, splitSheetName } from './a1';
import { checkWritable, displayCell, writeCell } from './cells';
import { chartMethods } from './charts';
import type { SheetModel } from './model';
import { createRange, type RangeApi } from './range';
import { createRangeList, type RangeListApi } from './range-list';

/** Sheet: one tab of the workbook. */

export interface SheetApi {
  getName(): string;
  getSheetName(): string;
  setName(name: string): SheetApi;
  getSheetId(): number;
  getIndex(): number;
  getParent(): unknown;
  getRange(a1OrRow: string | number, column?: number, numRows?: number, numColumns?: number): RangeApi;
  getRangeList(a1Notations: string[]): RangeListApi;
  getDataRange(): RangeApi;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi;
  insertRowsBefore(beforePosition: number, howMany: number): SheetApi;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi;
  deleteRows(rowPosition: number, howMany: number): void;
  deleteRow(rowPosition: number): SheetApi;
  setFrozenRows(rows: number): void;
  getFrozenRows(): number;
  setFrozenColumns(columns: number): void;
  getFrozenColumns(): number;
  appendRow(rowContents: unknown[]): SheetApi;
  clear(): SheetApi;
  clearContents(): SheetApi;
  clearFormats(): SheetApi;
  activate(): SheetApi;
  autoResizeColumns(startColumn: number, numColumns: number): SheetApi;
  getColumnWidth(columnPosition: number): number;
  setColumnWidth(columnPosition: number, width: number): SheetApi;
  autoResizeColumn(columnPosition: number): SheetApi;
  hideSheet(): SheetApi;
  showSheet(): SheetApi;
  isSheetHidden(): boolean;
  newChart(): object;
  getCharts(): object[];
  insertChart(chart: unknown): void;
  updateChart(chart: unknown): void;
  removeChart(chart: unknown): void;
}

/** Sheet facades of every realm → their model (to resolve the Sheet passed to deleteSheet/setActiveSheet). */
export const sheetModels = new WeakMap<object, SheetModel>();

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

function rectFrom(args: readonly unknown[]): GridRect {
  if (!args.every(isCount) || args.length < 2 || args.length > 4)
    throw signatureError('SpreadsheetApp.Sheet.getRange', args);
  const [row, column, numRows = 1, numColumns = 1] = (args as number[]).map(Math.floor) as [
    number,
    number,
    number?,
    number?,
  ];
  if (row < 1) throw new GasError('The starting row of the range is too small.');
  if (column < 1) throw new GasError('The starting column of the range is too small.');
  if (numRows < 1) throw new GasError('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw new GasError('The number of columns in the range must be at least 1.');
  if (column + numColumns - 1 > MAX_COLUMNS)
    throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
  return { row, column, numRows, numColumns };
}

const rectArgs = (rect: GridRect): [number, number, number, number] => [
  rect.row,
  rect.column,
  rect.numRows,
  rect.numColumns,
];

export function createSheet(env: Env, sheet: SheetModel, spreadsheetApi: () => unknown): SheetApi {
  const book = env.state.spreadsheet;
  const range = (rect: GridRect) => createRange(env, sheet, rect, () => createSheet(env, sheet, spreadsheetApi));
  const rectOfA1 = (a1: string): GridRect => {
    const { sheetName, range: text } = splitSheetName(a1);
    if (sheetName !== undefined && book.sheetByName(sheetName) !== sheet) throw new GasError('Range not found');
    return parseA1(text, sheet.maxRows, sheet.maxColumns);
  };
  const rowsInBounds = (position: number, count: number) => {
    if (!isCount(position) || !isCount(count) || position < 1 || count < 1 || position + count - 1 > sheet.maxRows) {
      throw new GasError('Those rows are out of bounds.');
    }
  };

  const api: SheetApi = {
    getName: () => sheet.name,
    getSheetName: () => sheet.name,
    setName(name) {
      const text = String(name);
      if (text.trim() === '') throw new GasError('Invalid argument: name');
      book.assertNameFree(text, sheet);
      sheet.name = text;
      return api;
    },
    getSheetId: () => sheet.id,
    getIndex: () => book.sheets.indexOf(sheet) + 1,
    getParent: () => spreadsheetApi(),
    getRange(...args: unknown[]) {
      if (args.length === 1 && typeof args[0] === 'string') return range(rectOfA1(args[0]));
      return range(rectFrom(args));
    },
    getRangeList(a1Notations) {
      if (!Array.isArray(a1Notations) || !a1Notations.every((a1) => typeof a1 === 'string'))
        throw signatureError('SpreadsheetApp.Sheet.getRangeList', [a1Notations]);
      return createRangeList(env, sheet, a1Notations.map(rectOfA1), () => createSheet(env, sheet, spreadsheetApi));
    },
    getDataRange: () =>
      range({ row: 1, column: 1, numRows: Math.max(1, sheet.lastRow()), numColumns: Math.max(1, sheet.lastColumn()) }),
    getLastRow: () => sheet.lastRow(),
    getLastColumn: () => sheet.lastColumn(),
    getMaxRows: () => sheet.maxRows,
    getMaxColumns: () => sheet.maxColumns,
    insertRowsAfter(afterPosition, howMany) {
      rowsInBounds(afterPosition, 1);
      if (!isCount(howMany) || howMany < 1) throw new GasError('Invalid argument: howMany');
      book.resize(sheet, sheet.maxRows + howMany, sheet.maxColumns);
      sheet.shiftRows(afterPosition + 1, howMany);
      return api;
    },
    insertRowsBefore(beforePosition, howMany) {
      rowsInBounds(beforePosition, 1);
      if (!isCount(howMany) || howMany < 1) throw new GasError('Invalid argument: howMany');
      book.resize(sheet, sheet.maxRows + howMany, sheet.maxColumns);
      sheet.shiftRows(beforePosition, howMany);
      return api;
    },
    insertColumnsAfter(afterPosition, howMany) {
      if (!isCount(afterPosition) || afterPosition < 1 || afterPosition > sheet.maxColumns) {
        throw new GasError('Those columns are out of bounds.');
      }
      if (!isCount(howMany) || howMany < 1) throw new GasError('Invalid argument: howMany');
      if (sheet.maxColumns + howMany > MAX_COLUMNS) throw new GasError('Those columns are out of bounds.');
      book.resize(sheet, sheet.maxRows, sheet.maxColumns + howMany);
      sheet.shiftColumns(afterPosition + 1, howMany);
      return api;
    },
    deleteRows(rowPosition, howMany) {
      rowsInBounds(rowPosition, howMany);
      if (sheet.maxRows - howMany <= sheet.frozenRows) {
        throw new GasError('Sorry, it is not possible to delete all non-frozen rows.');
      }
      sheet.shiftRows(rowPosition, -howMany);
      book.resize(sheet, sheet.maxRows - howMany, sheet.maxColumns);
    },
    deleteRow(rowPosition) {
      api.deleteRows(rowPosition, 1);
      return api;
    },
    setFrozenRows(rows) {
      if (!isCount(rows) || rows < 0) throw new GasError('Invalid argument: rows');
      if (rows >= sheet.maxRows) throw new GasError("You can't freeze all visible rows in the sheet.");
      sheet.frozenRows = Math.floor(rows);
    },
    getFrozenRows: () => sheet.frozenRows,
    setFrozenColumns(columns) {
      if (!isCount(columns) || columns < 0) throw new GasError('Invalid argument: columns');
      if (columns >= sheet.maxColumns) throw new GasError("You can't freeze all visible columns in the sheet.");
      sheet.frozenColumns = Math.floor(columns);
    },
    getFrozenColumns: () => sheet.frozenColumns,
    appendRow(rowContents) {
      if (!Array.isArray(rowContents)) throw signatureError('SpreadsheetApp.Sheet.appendRow', [rowContents]);
      for (const value of rowContents) checkWritable(value);
      const row = sheet.lastRow() + 1;
      book.ensureGrid(sheet, row, Math.max(1, rowContents.length));
      const ctx = { timeZone: book.timeZone, locale: book.locale };
      rowContents.forEach((value, index) => {
        writeCell(sheet, row, index + 1, value, ctx);
      });
      return api;
    },
    clear() {
      sheet.clear({ contents: true, formats: true });
      return api;
    },
    clearContents() {
      sheet.clear({ contents: true, formats: false });
      return api;
    },
    clearFormats() {
      sheet.clear({ contents: false, formats: true });
      return api;
    },
    activate() {
      sheet.hidden = false;
      book.activeSheetId = sheet.id;
      return api;
    },
    autoResizeColumns(startColumn, numColumns) {
      if (!isCount(startColumn) || !isCount(numColumns)) {
        throw signatureError('SpreadsheetApp.Sheet.autoResizeColumns', [startColumn, numColumns]);
      }
      for (let column = startColumn; column < startColumn + numColumns; column++)
        sheet.columnWidths.set(column, fittedWidth(sheet, column));
      return api;
    },
    getColumnWidth(columnPosition) {
      if (!isCount(columnPosition)) throw signatureError('SpreadsheetApp.Sheet.getColumnWidth', [columnPosition]);
      return sheet.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
    },
    setColumnWidth(columnPosition, width) {
      if (!isCount(columnPosition) || !isCount(width))
        throw signatureError('SpreadsheetApp.Sheet.setColumnWidth', [columnPosition, width]);
      sheet.columnWidths.set(columnPosition, width);
      return api;
    },
    autoResizeColumn(columnPosition) {
      if (!isCount(columnPosition)) throw signatureError('SpreadsheetApp.Sheet.autoResizeColumn', [columnPosition]);
      return api;
    },
    hideSheet() {
      if (!sheet.hidden && book.sheets.filter((s) => !s.hidden).length === 1) {
        throw new GasError("You can't hide all the sheets in a document.");
      }
      sheet.hidden = true;
      return api;
    },
    showSheet() {
      sheet.hidden = false;
      return api;
    },
    isSheetHidden: () => sheet.hidden,
    ...chartMethods(
      { env, sheet, rangeOf: (ref) => createSheet(env, ref.sheet, spreadsheetApi).getRange(...rectArgs(ref.rect)) },
      book,
    ),
  };
  sheetModels.set(api, sheet);
  return env.wrap('Sheet', api);
}

/** A new sheet's columns are 100 px wide (Sheets' default). */
const DEFAULT_COLUMN_WIDTH = 100;

/**
 * What autoResizeColumn makes of a column: as wide as its longest shown value in Arial 10, plus the cell's
 * padding. An approximation of the font's metrics (about 7 px a Latin character, 13 px a CJK one), enough to
 * tell a fitted column from the 100 px default.
 */
function fittedWidth(sheet: SheetModel, column: number): number {
  let widest = 0;
  // lastRow() scans the whole sheet: read once, or a large table takes quadratic time.
  const lastRow = sheet.lastRow();
  for (let row = 1; row <= lastRow; row++) {
    const cell = sheet.cell(row, column);
    if (!cell) continue;
    let width = 0;
    for (const character of displayCell(cell)) width += character.codePointAt(0)! >= 0x2e80 ? 13 : 7;
    widest = Math.max(widest, width);
  }
  return widest + 10;
}
