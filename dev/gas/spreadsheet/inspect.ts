import { type GridRect, parseA1 } from './a1';
import { DEFAULT_FORMAT, displayCell, readCellHost } from './cells';
import { type ChartSnapshot, chartSnapshots } from './chart-inspect';
import type { CellValue, SheetModel, SpreadsheetModel } from './model';

/** Read-only views of the emulated workbook for tests: values, formulas, formats, frozen rows, grid size. */

export interface CellSnapshot {
  /** As getValues returns it (host Date for date-formatted cells). */
  value: CellValue | Date;
  /** What is stored (a date is its serial number). */
  raw: CellValue;
  formula: string;
  numberFormat: string;
  displayValue: string;
  fontWeight: string;
}

export interface FakeSheet {
  readonly name: string;
  readonly id: number;
  /** 1-based tab position. */
  readonly index: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly hidden: boolean;
  readonly lastRow: number;
  readonly lastColumn: number;
  cell(a1: string): CellSnapshot;
  /** The note on a cell ('' when none). */
  note(a1: string): string;
  /** A column's width in pixels (1-based column). */
  columnWidth(column: number): number;
  cellAt(row: number, column: number): CellSnapshot;
  /** Without a range: the data range (A1 to last row/column), like getDataRange().getValues(). */
  values(a1?: string): Array<Array<CellValue | Date>>;
  displayValues(a1?: string): string[][];
  formulas(a1?: string): string[][];
  numberFormats(a1?: string): string[][];
  fontWeights(a1?: string): string[][];
  /** The embedded charts of the sheet, in insertion order. */
  charts(): ChartSnapshot[];
}

export interface FakeSpreadsheet {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
  /** maxRows × maxColumns summed over sheets (the 10,000,000 limit applies to this). */
  readonly totalCells: number;
  readonly activeSheetName: string;
  sheetNames(): string[];
  hasSheet(name: string): boolean;
  /** Throws if there is no such sheet. */
  sheet(name: string): FakeSheet;
}

function fakeSheet(book: SpreadsheetModel, sheet: SheetModel): FakeSheet {
  const ctx = () => ({ timeZone: book.timeZone, locale: book.locale });
  const snapshot = (row: number, column: number): CellSnapshot => {
    const cell = sheet.cell(row, column);
    return {
      value: readCellHost(cell, ctx()),
      raw: cell?.value ?? '',
      formula: cell?.formula ?? '',
      numberFormat: cell?.format ?? DEFAULT_FORMAT,
      displayValue: displayCell(cell),
      fontWeight: cell?.fontWeight ?? 'normal',
    };
  };
  const rectOf = (a1?: string): GridRect =>
    a1 === undefined
      ? { row: 1, column: 1, numRows: Math.max(1, sheet.lastRow()), numColumns: Math.max(1, sheet.lastColumn()) }
      : parseA1(a1, sheet.maxRows, sheet.maxColumns);
  const grid = <T>(a1: string | undefined, pick: (s: CellSnapshot) => T): T[][] => {
    const rect = rectOf(a1);
    return Array.from({ length: rect.numRows }, (_, i) =>
      Array.from({ length: rect.numColumns }, (_, j) => pick(snapshot(rect.row + i, rect.column + j))),
    );
  };
  return {
    get name() {
      return sheet.name;
    },
    id: sheet.id,
    get index() {
      return book.sheets.indexOf(sheet) + 1;
    },
    get maxRows() {
      return sheet.maxRows;
    },
    get maxColumns() {
      return sheet.maxColumns;
    },
    get frozenRows() {
      return sheet.frozenRows;
    },
    get frozenColumns() {
      return sheet.frozenColumns;
    },
    get hidden() {
      return sheet.hidden;
    },
    get lastRow() {
      return sheet.lastRow();
    },
    get lastColumn() {
      return sheet.lastColumn();
    },
    cell(a1) {
      const rect = parseA1(a1, sheet.maxRows, sheet.maxColumns);
      return snapshot(rect.row, rect.column);
    },
    note(a1) {
      const rect = parseA1(a1, sheet.maxRows, sheet.maxColumns);
      return sheet.notes.get(`${rect.row},${rect.column}`) ?? '';
    },
    columnWidth: (column) => sheet.columnWidths.get(column) ?? 100,
    cellAt: snapshot,
    values: (a1) => grid(a1, (s) => s.value),
    displayValues: (a1) => grid(a1, (s) => s.displayValue),
    formulas: (a1) => grid(a1, (s) => s.formula),
    numberFormats: (a1) => grid(a1, (s) => s.numberFormat),
    fontWeights: (a1) => grid(a1, (s) => s.fontWeight),
    charts: () => chartSnapshots(book, sheet),
  };
}

export function createFakeSpreadsheet(book: SpreadsheetModel): FakeSpreadsheet {
  return {
    get id() {
      return book.id;
    },
    get name() {
      return book.name;
    },
    get timeZone() {
      return book.timeZone;
    },
    get locale() {
      return book.locale;
    },
    get totalCells() {
      return book.totalCells();
    },
    get activeSheetName() {
      return book.activeSheet().name;
    },
    sheetNames: () => book.sheets.map((s) => s.name),
    hasSheet: (name) => book.sheetByName(name) !== undefined,
    sheet(name) {
      const sheet = book.sheetByName(name);
      if (!sheet) throw new Error(`No sheet named "${name}" (sheets: ${book.sheets.map((s) => s.name).join(', ')})`);
      return fakeSheet(book, sheet);
    },
  };
}
