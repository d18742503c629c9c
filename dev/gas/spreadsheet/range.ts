import type { Env } from '../env';
import { GasError, signatureError } from '../errors';
import { type GridRect, toA1 } from './a1';
import { type CellContext, checkWritable, DEFAULT_FORMAT, displayCell, readCell, writeCell } from './cells';
import { rangeModels } from './charts';
import type { SheetModel } from './model';
import { FORMULA_VALUE } from './typing';

/** Range: a rectangle of one sheet. Reads and writes go straight to the shared SheetModel. */

export interface RangeApi {
  getValues(): unknown[][];
  getValue(): unknown;
  setValues(values: unknown[][]): RangeApi;
  setValue(value: unknown): RangeApi;
  getDisplayValues(): string[][];
  getDisplayValue(): string;
  getNumberFormats(): string[][];
  getNumberFormat(): string;
  setNumberFormat(format: string): RangeApi;
  setNumberFormats(formats: string[][]): RangeApi;
  getFormulas(): string[][];
  getFormula(): string;
  setFormula(formula: string): RangeApi;
  getFontWeights(): string[][];
  getFontWeight(): string;
  setFontWeight(weight: string | null): RangeApi;
  setFontWeights(weights: Array<Array<string | null>>): RangeApi;
  clearContent(): RangeApi;
  clearFormat(): RangeApi;
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): RangeApi;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getHeight(): number;
  getWidth(): number;
  getA1Notation(): string;
  setNote(note: string | null): RangeApi;
  getNote(): string;
  getSheet(): unknown;
  activate(): RangeApi;
}

function dimensionError(kind: 'rows' | 'columns', data: number, range: number): GasError {
  return new GasError(
    `The number of ${kind} in the data does not match the number of ${kind} in the range. The data has ${data} but the range has ${range}.`,
  );
}

export function createRange(env: Env, sheet: SheetModel, rect: GridRect, sheetApi: () => unknown): RangeApi {
  const { realm, state } = env;
  const book = state.spreadsheet;
  const ctx = (): CellContext => ({ timeZone: book.timeZone, locale: book.locale });
  const lastRow = rect.row + rect.numRows - 1;
  const lastColumn = rect.column + rect.numColumns - 1;

  const grid = <T>(read: (row: number, column: number) => T): T[][] => {
    const rows: T[][] = [];
    for (let r = rect.row; r <= lastRow; r++) {
      const row: T[] = [];
      for (let c = rect.column; c <= lastColumn; c++) row.push(read(r, c));
      rows.push(realm.array(row));
    }
    return realm.array(rows);
  };

  /** The exact-dimension check of setValues & co. */
  const matrix = (data: unknown, method: string): unknown[][] => {
    if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) throw signatureError(method, [data]);
    const rows = data as unknown[][];
    if (rows.length !== rect.numRows) throw dimensionError('rows', rows.length, rect.numRows);
    for (const row of rows)
      if (row.length !== rect.numColumns) throw dimensionError('columns', row.length, rect.numColumns);
    return rows;
  };

  const each = (visit: (row: number, column: number, i: number, j: number) => void): void => {
    for (let r = rect.row; r <= lastRow; r++)
      for (let c = rect.column; c <= lastColumn; c++) visit(r, c, r - rect.row, c - rect.column);
  };

  const setFormat = (row: number, column: number, format: unknown): void => {
    const cell = sheet.upsert(row, column);
    if (format === null || format === undefined || format === '' || format === DEFAULT_FORMAT) delete cell.format;
    else cell.format = String(format);
    sheet.tidy(row, column);
  };

  const setWeight = (row: number, column: number, weight: unknown): void => {
    const cell = sheet.upsert(row, column);
    if (weight === null || weight === undefined || weight === 'normal') delete cell.fontWeight;
    else cell.fontWeight = String(weight);
    sheet.tidy(row, column);
  };

  const api: RangeApi = {
    getValues: () => grid((r, c) => readCell(sheet.cell(r, c), ctx(), realm)),
    getValue: () => readCell(sheet.cell(rect.row, rect.column), ctx(), realm),
    setValues(values) {
      const rows = matrix(values, 'SpreadsheetApp.Range.setValues');
      for (const row of rows) for (const value of row) checkWritable(value);
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c, i, j) => writeCell(sheet, r, c, rows[i]?.[j], ctx()));
      return api;
    },
    setValue(value) {
      checkWritable(value);
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c) => writeCell(sheet, r, c, value, ctx()));
      return api;
    },
    getDisplayValues: () => grid((r, c) => displayCell(sheet.cell(r, c))),
    getDisplayValue: () => displayCell(sheet.cell(rect.row, rect.column)),
    getNumberFormats: () => grid((r, c) => sheet.cell(r, c)?.format ?? DEFAULT_FORMAT),
    getNumberFormat: () => sheet.cell(rect.row, rect.column)?.format ?? DEFAULT_FORMAT,
    setNumberFormat(format) {
      if (typeof format !== 'string') throw signatureError('SpreadsheetApp.Range.setNumberFormat', [format]);
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c) => setFormat(r, c, format));
      return api;
    },
    setNumberFormats(formats) {
      const rows = matrix(formats, 'SpreadsheetApp.Range.setNumberFormats');
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c, i, j) => setFormat(r, c, rows[i]?.[j]));
      return api;
    },
    getFormulas: () => grid((r, c) => sheet.cell(r, c)?.formula ?? ''),
    getFormula: () => sheet.cell(rect.row, rect.column)?.formula ?? '',
    setFormula(formula) {
      const text = String(formula);
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c) => {
        if (!text.startsWith('=')) return writeCell(sheet, r, c, text, ctx());
        const cell = sheet.upsert(r, c);
        cell.formula = text;
        cell.value = FORMULA_VALUE;
      });
      return api;
    },
    getFontWeights: () => grid((r, c) => sheet.cell(r, c)?.fontWeight ?? 'normal'),
    getFontWeight: () => sheet.cell(rect.row, rect.column)?.fontWeight ?? 'normal',
    setFontWeight(weight) {
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c) => setWeight(r, c, weight));
      return api;
    },
    setFontWeights(weights) {
      const rows = matrix(weights, 'SpreadsheetApp.Range.setFontWeights');
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c, i, j) => setWeight(r, c, rows[i]?.[j]));
      return api;
    },
    clearContent() {
      sheet.clear({ contents: true, formats: false }, rect);
      return api;
    },
    clearFormat() {
      sheet.clear({ contents: false, formats: true }, rect);
      return api;
    },
    setNote(note) {
      if (note !== null && typeof note !== 'string') throw signatureError('SpreadsheetApp.Range.setNote', [note]);
      book.ensureGrid(sheet, lastRow, lastColumn);
      each((r, c) => {
        if (note) sheet.notes.set(`${r},${c}`, note);
        else sheet.notes.delete(`${r},${c}`);
      });
      return api;
    },
    getNote: () => sheet.notes.get(`${rect.row},${rect.column}`) ?? '',
    clear(options) {
      const contentsOnly = options?.contentsOnly === true;
      const formatOnly = options?.formatOnly === true;
      sheet.clear({ contents: !formatOnly || contentsOnly, formats: !contentsOnly || formatOnly }, rect);
      return api;
    },
    getRow: () => rect.row,
    getColumn: () => rect.column,
    getNumRows: () => rect.numRows,
    getNumColumns: () => rect.numColumns,
    getLastRow: () => lastRow,
    getLastColumn: () => lastColumn,
    getHeight: () => rect.numRows,
    getWidth: () => rect.numColumns,
    getA1Notation: () => toA1(rect),
    getSheet: () => sheetApi(),
    activate() {
      book.activeSheetId = sheet.id;
      return api;
    },
  };
  rangeModels.set(api, { sheet, rect });
  return env.wrap('Range', api);
}
