import type { Env } from '../env';
import { GasError, signatureError } from '../errors';
import { isValidTimeZone } from '../timezone';
import { splitSheetName } from './a1';
import type { SheetModel } from './model';
import type { RangeApi } from './range';
import { createSheet, type SheetApi, sheetModels } from './sheet';

/** Spreadsheet (the container document) and SpreadsheetApp. */

export interface SpreadsheetApi {
  getId(): string;
  getName(): string;
  rename(newName: string): void;
  getUrl(): string;
  getSheets(): SheetApi[];
  getNumSheets(): number;
  getSheetByName(name: string): SheetApi | null;
  getSheetById(id: number): SheetApi | null;
  insertSheet(nameOrIndex?: string | number, index?: number): SheetApi;
  deleteSheet(sheet: SheetApi): void;
  getActiveSheet(): SheetApi;
  setActiveSheet(sheet: SheetApi): SheetApi;
  getRange(a1Notation: string): RangeApi;
  getSpreadsheetTimeZone(): string;
  setSpreadsheetTimeZone(timeZone: string): void;
  getSpreadsheetLocale(): string;
  toast(message: string, title?: string, timeoutSeconds?: number): void;
}

export interface SpreadsheetAppApi {
  getActiveSpreadsheet(): SpreadsheetApi;
  getActive(): SpreadsheetApi;
  getActiveSheet(): SheetApi;
  getUi(): unknown;
  flush(): void;
}

function modelOf(sheet: unknown, method: string): SheetModel {
  const model = typeof sheet === 'object' && sheet !== null ? sheetModels.get(sheet) : undefined;
  if (!model) throw signatureError(method, [sheet]);
  return model;
}

export function createSpreadsheet(env: Env): SpreadsheetApi {
  const book = env.state.spreadsheet;
  const sheetApi = (sheet: SheetModel) => createSheet(env, sheet, () => api);

  const api: SpreadsheetApi = {
    getId: () => book.id,
    getName: () => book.name,
    rename(newName) {
      book.name = String(newName);
    },
    getUrl: () => `https://docs.google.com/spreadsheets/d/${book.id}/edit`,
    getSheets: () => env.realm.array(book.sheets.map(sheetApi)),
    getNumSheets: () => book.sheets.length,
    getSheetByName(name) {
      const sheet = book.sheetByName(String(name));
      return sheet ? sheetApi(sheet) : null;
    },
    getSheetById(id) {
      const sheet = book.sheetById(Number(id));
      return sheet ? sheetApi(sheet) : null;
    },
    insertSheet(...args: unknown[]) {
      const [first, second] = args;
      let name: string | undefined;
      let index: number | undefined;
      if (typeof first === 'string') name = first;
      else if (typeof first === 'number') index = first;
      else if (first !== undefined) throw signatureError('SpreadsheetApp.Spreadsheet.insertSheet', args);
      if (typeof second === 'number') index = second;
      if (name !== undefined && name.trim() === '') throw new GasError('Invalid argument: sheetName');
      return sheetApi(book.addSheet(name ?? book.nextDefaultName(), index));
    },
    deleteSheet(sheet) {
      book.removeSheet(modelOf(sheet, 'SpreadsheetApp.Spreadsheet.deleteSheet'));
    },
    getActiveSheet: () => sheetApi(book.activeSheet()),
    setActiveSheet(sheet) {
      const model = modelOf(sheet, 'SpreadsheetApp.Spreadsheet.setActiveSheet');
      model.hidden = false;
      book.activeSheetId = model.id;
      return sheetApi(model);
    },
    getRange(a1Notation) {
      const { sheetName, range } = splitSheetName(String(a1Notation));
      const sheet = sheetName === undefined ? book.activeSheet() : book.sheetByName(sheetName);
      if (!sheet) throw new GasError('Range not found');
      return sheetApi(sheet).getRange(range);
    },
    getSpreadsheetTimeZone: () => book.timeZone,
    setSpreadsheetTimeZone(timeZone) {
      if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) throw new GasError('Invalid argument: timeZone');
      book.timeZone = timeZone;
    },
    getSpreadsheetLocale: () => book.locale,
    toast(message, title, timeoutSeconds) {
      env.state.ui.toasts.push({
        message: String(message),
        title: title === undefined || title === null ? '' : String(title),
        timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : 5,
      });
    },
  };
  return env.wrap('Spreadsheet', api);
}

export function createSpreadsheetApp(env: Env, ui: () => unknown): SpreadsheetAppApi {
  return env.wrap('SpreadsheetApp', {
    getActiveSpreadsheet: () => createSpreadsheet(env),
    getActive: () => createSpreadsheet(env),
    getActiveSheet: () => createSpreadsheet(env).getActiveSheet(),
    getUi() {
      if (env.exec.mode === 'trigger') throw new GasError('Cannot call SpreadsheetApp.getUi() from this context.');
      return ui();
    },
    flush() {},
  });
}
