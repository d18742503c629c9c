/** Typed cells: how each column type is written to and read back from a sheet. */
import type { Cell, TableColumn } from './types';

export type SheetValue = string | number | boolean;

/** Sheets counts dates as days since 1899-12-30. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function isoDateToSerial(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(year, month - 1, day) - SERIAL_EPOCH_MS) / DAY_MS);
}

export function serialToIsoDate(serial: number): string {
  return new Date(SERIAL_EPOCH_MS + Math.round(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** An hour cell (WeChat's hour × 100) as the fraction of a day Sheets keeps a time of day as. */
export function hourToDayFraction(hour: number): number {
  return Math.floor(hour / 100) / 24;
}

export const NUMBER_FORMATS: Record<TableColumn['type'], string> = {
  date: 'yyyy-mm-dd',
  hour: 'hh:mm',
  int: '#,##0',
  number: '#,##0.00##',
  percent: '0.00%',
  code: '0',
  label: '@',
  text: '@',
  bool: '@',
};

/** A table cell as the value to write: dates become serial numbers under a date format, text stays text. */
export function toSheetValue(cell: Cell, type: TableColumn['type']): SheetValue {
  if (cell === null || cell === undefined) return '';
  if (type === 'date' && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) return isoDateToSerial(cell);
  if (type === 'hour' && typeof cell === 'number') return hourToDayFraction(cell);
  if (type === 'text' || type === 'label') return String(cell);
  return cell;
}

/**
 * A value read back from the sheet, as a table cell. `formatDate` turns a Date (how Sheets returns date and time
 * cells) into YYYY-MM-DD, `hourOf` into its hour (0…23), both in the spreadsheet's time zone.
 */
export function fromSheetValue(
  value: unknown,
  type: TableColumn['type'],
  formatDate: (date: Date) => string,
  hourOf: (date: Date) => number = (date) => date.getHours(),
): Cell {
  if (value === '' || value === null || value === undefined) return null;
  // Numbers first: most cells of a report are, and they are never Dates.
  if (typeof value === 'number') {
    if (type === 'date') return serialToIsoDate(value);
    // A time of day kept as its fraction (a sheet read as numbers), or an older table's raw 0…2300.
    if (type === 'hour' && value < 1) return Math.round(value * 24) * 100;
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]')
    return type === 'hour' ? hourOf(value as Date) * 100 : formatDate(value as Date);
  const textValue = String(value);
  if (
    (type === 'int' || type === 'number' || type === 'percent' || type === 'hour' || type === 'code') &&
    /^-?\d+(\.\d+)?$/.test(textValue)
  ) {
    return Number(textValue);
  }
  return textValue;
}
