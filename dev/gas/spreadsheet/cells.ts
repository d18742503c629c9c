import { GasError, isDateLike } from '../errors';
import type { Realm } from '../realm';
import { formatSerial, isDateFormat } from './date-format';
import type { Cell, CellValue, SheetModel } from './model';
import { formatGeneral, formatNumber } from './number-format';
import { epochToSerial, serialToEpoch } from './serial';
import { parseTyped } from './typing';

/** Reading, writing and displaying single cells: the rules every Range method shares. */

export const PLAIN_TEXT = '@';
/** The format Sheets gives a cell when a JS Date is written into it. */
export const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';
export const DEFAULT_FORMAT = 'General';
const MAX_CELL_CHARS = 50_000;

export interface CellContext {
  timeZone: string;
  locale: string;
}

/** Validates a value before anything is written, so a failing setValues leaves the sheet unchanged. */
export function checkWritable(input: unknown): void {
  if (typeof input === 'string' && input.length > MAX_CELL_CHARS) {
    throw new GasError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
}

function stringOf(input: unknown): string {
  if (Array.isArray(input)) return input.map(String).join(',');
  return String(input);
}

/** Writes one value the way Range.setValues does. */
export function writeCell(sheet: SheetModel, row: number, column: number, input: unknown, ctx: CellContext): void {
  const cell = sheet.upsert(row, column);
  delete cell.formula;
  if (input === null || input === undefined || input === '') {
    cell.value = '';
  } else if (typeof input === 'number') {
    cell.value = Number.isFinite(input) ? input : '#NUM!';
  } else if (typeof input === 'boolean') {
    cell.value = input;
  } else if (isDateLike(input)) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) cell.value = '#VALUE!';
    else {
      cell.value = epochToSerial(ms, ctx.timeZone);
      if (!isDateFormat(cell.format) && cell.format !== PLAIN_TEXT) cell.format = DATE_TIME_FORMAT;
    }
  } else {
    const text = stringOf(input);
    if (cell.format === PLAIN_TEXT) {
      cell.value = text;
    } else {
      const typed = parseTyped(text, ctx.locale);
      cell.value = typed.value;
      if (typed.formula !== undefined) cell.formula = typed.formula;
      const impliesDate = isDateFormat(typed.format);
      if (typed.format && (cell.format === undefined || (impliesDate && !isDateFormat(cell.format)))) {
        cell.format = typed.format;
      }
    }
  }
  sheet.tidy(row, column);
}

/** What getValues returns for a cell; dates come back as Dates of the caller's realm. */
export function readCell(cell: Cell | undefined, ctx: CellContext, realm: Realm): CellValue | Date {
  if (!cell) return '';
  if (typeof cell.value === 'number' && cell.formula === undefined && isDateFormat(cell.format)) {
    return realm.newDate(serialToEpoch(cell.value, ctx.timeZone));
  }
  return cell.value;
}

/** Same as readCell but with host Dates (for inspection from tests). */
export function readCellHost(cell: Cell | undefined, ctx: CellContext): CellValue | Date {
  if (cell && typeof cell.value === 'number' && cell.formula === undefined && isDateFormat(cell.format)) {
    return new Date(serialToEpoch(cell.value, ctx.timeZone));
  }
  return cell?.value ?? '';
}

export function displayCell(cell: Cell | undefined): string {
  if (!cell) return '';
  const { value, format } = cell;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!format || format === DEFAULT_FORMAT || format === PLAIN_TEXT) return formatGeneral(value);
  if (isDateFormat(format)) return formatSerial(value, format);
  return formatNumber(value, format);
}
