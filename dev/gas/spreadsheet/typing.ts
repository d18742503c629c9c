import type { CellValue } from './model';
import { wallSerial } from './serial';

/** What Sheets stores when a string is entered as if typed (Range.setValues / setValue without a '@' format). */
export interface Typed {
  value: CellValue;
  formula?: string;
  /** A number format the entry implies (dates, percentages, grouped numbers), applied if the cell has none. */
  format?: string;
}

/** The value a formula cell shows: formulas are stored, never evaluated. */
export const FORMULA_VALUE = '#ERROR!';

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?$/;

/** Sheets keeps 15 significant digits of what is typed. */
function fifteenDigits(n: number): number {
  return Number(n.toPrecision(15));
}

function parseNumber(text: string): Typed | undefined {
  if (!NUMBER.test(text) || !/\d/.test(text.replace(/[eE].*$/, ''))) return undefined;
  const value = fifteenDigits(Number(text.replace(/,/g, '')));
  if (!Number.isFinite(value)) return undefined;
  if (!text.includes(',')) return { value };
  return { value, format: text.includes('.') ? '#,##0.00' : '#,##0' };
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(text: string, locale: string): Typed | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!validDate(year, month, day)) return undefined;
    if (iso[4] === undefined) return { value: wallSerial(year, month, day), format: 'yyyy-mm-dd' };
    const [hour, minute, second] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    return { value: wallSerial(year, month, day, hour, minute, second), format: 'yyyy-mm-dd H:mm:ss' };
  }
  const slashed = US_DATE.exec(text);
  if (slashed) {
    const monthFirst = locale.toLowerCase().startsWith('en_us') || locale.toLowerCase() === 'en';
    const month = Number(monthFirst ? slashed[1] : slashed[2]);
    const day = Number(monthFirst ? slashed[2] : slashed[1]);
    const year = Number(slashed[3]);
    if (!validDate(year, month, day)) return undefined;
    return { value: wallSerial(year, month, day), format: monthFirst ? 'M/d/yyyy' : 'd/M/yyyy' };
  }
  const time = TIME.exec(text);
  if (time) {
    let hour = Number(time[1]);
    const [minute, second] = [Number(time[2]), Number(time[3] ?? 0)];
    const meridiem = time[4]?.toLowerCase();
    if (meridiem && (hour < 1 || hour > 12)) return undefined;
    if (meridiem === 'p' && hour < 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    return { value: (hour * 3600 + minute * 60 + second) / 86_400, format: meridiem ? 'h:mm:ss am/pm' : 'H:mm:ss' };
  }
  return undefined;
}

/**
 * Interprets a string the way Sheets interprets typed input: '=…' (and '+…'/'-…' that is not a number) is a
 * formula, numbers/booleans/dates/percentages are converted, a leading apostrophe forces text.
 */
export function parseTyped(input: string, locale: string): Typed {
  if (input === '') return { value: '' };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith('=') && input.length > 1) return { value: FORMULA_VALUE, formula: input };
  const text = input.trim();
  if (text === '') return { value: input };
  const upper = text.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  const number = parseNumber(text);
  if (number) return number;
  if (text.endsWith('%')) {
    const percent = parseNumber(text.slice(0, -1).trim());
    if (percent && typeof percent.value === 'number') {
      return { value: fifteenDigits(percent.value / 100), format: text.includes('.') ? '0.00%' : '0%' };
    }
  }
  const date = parseDate(text, locale);
  if (date) return date;
  // Sheets reads a leading + or - as the start of a formula ("+86 138…" becomes a broken formula).
  if ((text.startsWith('+') || text.startsWith('-')) && text.length > 1) {
    return { value: FORMULA_VALUE, formula: `=${text}` };
  }
  return { value: input };
}
