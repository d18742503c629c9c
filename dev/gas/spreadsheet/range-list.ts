/**
 * RangeList: several ranges of one sheet, one call for all of them
 * (https://developers.google.com/apps-script/reference/spreadsheet/range-list: "A collection of one or more Range
 * instances in the same sheet ... to apply operations on collections of non-adjacent ranges or cells"). A setter
 * is one service call whatever the number of ranges: it is counted and charged once, as `RangeList.<method>`
 * (dev/gas/costs.ts prices it like a Range write of one value: no per-cell payload), and applies the Range setter
 * to each range in turn.
 */
import type { Env } from '../env';
import { GasError, signatureError } from '../errors';
import type { GridRect } from './a1';
import type { SheetModel } from './model';
import { createRange, type RangeApi } from './range';

export interface RangeListApi {
  getRanges(): RangeApi[];
  setNumberFormat(format: string): RangeListApi;
  setFontWeight(weight: string | null): RangeListApi;
  setValue(value: unknown): RangeListApi;
  setNote(note: string | null): RangeListApi;
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): RangeListApi;
  clearContent(): RangeListApi;
  clearFormat(): RangeListApi;
}

export function createRangeList(
  env: Env,
  sheet: SheetModel,
  rects: readonly GridRect[],
  sheetApi: () => unknown,
): RangeListApi {
  if (rects.length === 0) throw new GasError('Invalid argument: a1Notations');
  // The ranges the list's own setters act through: not service calls of their own.
  const quiet: Env = { ...env, wrap: (_className, api) => api };
  const each = (apply: (range: RangeApi) => void): void => {
    for (const rect of rects) apply(createRange(quiet, sheet, rect, sheetApi));
  };
  const api: RangeListApi = {
    getRanges: () => env.realm.array(rects.map((rect) => createRange(env, sheet, rect, sheetApi))),
    setNumberFormat(format) {
      if (typeof format !== 'string') throw signatureError('SpreadsheetApp.RangeList.setNumberFormat', [format]);
      each((range) => range.setNumberFormat(format));
      return api;
    },
    setFontWeight(weight) {
      each((range) => range.setFontWeight(weight));
      return api;
    },
    setValue(value) {
      each((range) => range.setValue(value));
      return api;
    },
    setNote(note) {
      if (note !== null && typeof note !== 'string') throw signatureError('SpreadsheetApp.RangeList.setNote', [note]);
      each((range) => range.setNote(note));
      return api;
    },
    clear(options) {
      each((range) => range.clear(options));
      return api;
    },
    clearContent() {
      each((range) => range.clearContent());
      return api;
    },
    clearFormat() {
      each((range) => range.clearFormat());
      return api;
    },
  };
  return env.wrap('RangeList', api);
}
