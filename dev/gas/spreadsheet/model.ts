import { createHash } from 'node:crypto';
import { GasError } from '../errors';

/** What a cell holds. '' is an empty cell; a formula cell keeps its text in `formula` and an error as `value`. */
export type CellValue = string | number | boolean;

export interface Cell {
  value: CellValue;
  formula?: string;
  format?: string;
  fontWeight?: string;
}

export const CELL_LIMIT = 10_000_000;
export const CELL_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`;

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== undefined);
}

function isBlank(cell: Cell): boolean {
  return !hasContent(cell) && cell.format === undefined && cell.fontWeight === undefined;
}

export class SheetModel {
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  /** Notes by "row,column" (Range.setNote); clear() leaves them, as in Sheets. */
  readonly notes = new Map<string, string>();
  /** Column widths in pixels set by setColumnWidth / autoResizeColumns; others are Sheets' default 100 px. */
  readonly columnWidths = new Map<number, number>();
  private rows = new Map<number, Map<number, Cell>>();

  constructor(
    readonly id: number,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  cell(row: number, column: number): Cell | undefined {
    return this.rows.get(row)?.get(column);
  }

  /** The cell, created if absent. Call `tidy` after a write that may have blanked it. */
  upsert(row: number, column: number): Cell {
    let cells = this.rows.get(row);
    if (!cells) {
      cells = new Map();
      this.rows.set(row, cells);
    }
    let cell = cells.get(column);
    if (!cell) {
      cell = { value: '' };
      cells.set(column, cell);
    }
    return cell;
  }

  tidy(row: number, column: number): void {
    const cells = this.rows.get(row);
    const cell = cells?.get(column);
    if (!cells || !cell || !isBlank(cell)) return;
    cells.delete(column);
    if (cells.size === 0) this.rows.delete(row);
  }

  lastRow(): number {
    let last = 0;
    for (const [row, cells] of this.rows) {
      if (row > last && [...cells.values()].some(hasContent)) last = row;
    }
    return last;
  }

  lastColumn(): number {
    let last = 0;
    for (const cells of this.rows.values()) {
      for (const [column, cell] of cells) if (column > last && hasContent(cell)) last = column;
    }
    return last;
  }

  /** Every stored cell (content or format only). */
  *entries(): Generator<[number, number, Cell]> {
    for (const [row, cells] of this.rows) for (const [column, cell] of cells) yield [row, column, cell];
  }

  clear(
    what: { contents: boolean; formats: boolean },
    rect?: { row: number; column: number; numRows: number; numColumns: number },
  ): void {
    for (const [row, column, cell] of [...this.entries()]) {
      if (
        rect &&
        (row < rect.row ||
          row >= rect.row + rect.numRows ||
          column < rect.column ||
          column >= rect.column + rect.numColumns)
      )
        continue;
      if (what.contents) {
        cell.value = '';
        delete cell.formula;
      }
      if (what.formats) {
        delete cell.format;
        delete cell.fontWeight;
      }
      this.tidy(row, column);
    }
  }

  /** Moves cells: rows ≥ `fromRow` shift by `delta` (negative deletes the rows in between). */
  shiftRows(fromRow: number, delta: number): void {
    const next = new Map<number, Map<number, Cell>>();
    for (const [row, cells] of this.rows) {
      if (row < fromRow) next.set(row, cells);
      else if (delta > 0 || row >= fromRow - delta) next.set(row + delta, cells);
    }
    this.rows = next;
  }

  shiftColumns(fromColumn: number, delta: number): void {
    for (const [row, cells] of this.rows) {
      const next = new Map<number, Cell>();
      for (const [column, cell] of cells) {
        if (column < fromColumn) next.set(column, cell);
        else if (delta > 0 || column >= fromColumn - delta) next.set(column + delta, cell);
      }
      this.rows.set(row, next);
    }
  }
}

export interface SpreadsheetSettings {
  name: string;
  timeZone: string;
  locale: string;
}

/** The workbook: sheets in tab order, the active sheet, and the 10-million-cell limit. */
export class SpreadsheetModel {
  readonly id: string;
  name: string;
  timeZone: string;
  locale: string;
  readonly sheets: SheetModel[] = [];
  activeSheetId = 0;
  private sheetIdSeed = 0;

  constructor(settings: SpreadsheetSettings) {
    this.name = settings.name;
    this.timeZone = settings.timeZone;
    this.locale = settings.locale;
    this.id = `1${createHash('sha256').update(`spreadsheet:${settings.name}`).digest('base64url').slice(0, 43)}`;
    this.sheets.push(new SheetModel(0, 'Sheet1'));
  }

  totalCells(): number {
    return this.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
  }

  /** Grows or shrinks a sheet's grid, refusing to cross the workbook cell limit. */
  resize(sheet: SheetModel, maxRows: number, maxColumns: number): void {
    const total = this.totalCells() - sheet.maxRows * sheet.maxColumns + maxRows * maxColumns;
    if (total > CELL_LIMIT && total > this.totalCells()) throw new GasError(CELL_LIMIT_MESSAGE);
    sheet.maxRows = maxRows;
    sheet.maxColumns = maxColumns;
  }

  /** Makes sure the grid reaches (row, column), growing it as a write past the edge does. */
  ensureGrid(sheet: SheetModel, lastRow: number, lastColumn: number): void {
    if (lastRow <= sheet.maxRows && lastColumn <= sheet.maxColumns) return;
    this.resize(sheet, Math.max(sheet.maxRows, lastRow), Math.max(sheet.maxColumns, lastColumn));
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  activeSheet(): SheetModel {
    return this.sheetById(this.activeSheetId) ?? (this.sheets[0] as SheetModel);
  }

  assertNameFree(name: string, except?: SheetModel): void {
    const other = this.sheetByName(name);
    if (other && other !== except) {
      throw new GasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  nextDefaultName(): string {
    let n = this.sheets.length + 1;
    while (this.sheetByName(`Sheet${n}`)) n++;
    return `Sheet${n}`;
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    this.assertNameFree(name);
    if (this.totalCells() + 1000 * 26 > CELL_LIMIT) throw new GasError(CELL_LIMIT_MESSAGE);
    // Real sheet ids are large pseudo-random integers; a fixed LCG keeps them stable from run to run.
    this.sheetIdSeed = (this.sheetIdSeed * 1_103_515_245 + 12_345 + this.sheets.length) % 2_147_483_647;
    const sheet = new SheetModel(100_000_000 + (this.sheetIdSeed % 1_900_000_000), name);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    this.activeSheetId = sheet.id;
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    const index = this.sheets.indexOf(sheet);
    if (index < 0) return;
    if (this.sheets.length === 1) throw new GasError("You can't remove all the sheets in a document.");
    this.sheets.splice(index, 1);
    if (this.activeSheetId === sheet.id) this.activeSheetId = (this.sheets[0] as SheetModel).id;
  }
}
