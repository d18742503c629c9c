/**
 * SpreadsheetApp adapter for dashboards: reads the tables of its source DataSets, and writes the dashboard's
 * rectangle at A1 in one batch (number formats, values, font weights: three range calls), then its charts.
 */
import type { ChartSpec, DashboardLayout, FontWeight, SheetRead } from '../table/dashboard';
import { headersMatch } from '../table/rows';
import type { SheetValue } from '../table/sheet-values';
import type { TableColumn } from '../table/types';
import { syncCharts } from './charts';
import { findSheet, readTable } from './spreadsheet';

export function readSourceTable(sheetName: string, columns: readonly TableColumn[]): SheetRead {
  const table = readTable(sheetName, columns);
  if (headersMatch(columns, table.header)) return { ok: true, rows: table.rows };
  return { ok: false, reason: table.header.some((cell) => cell !== '') ? 'header' : 'missing' };
}

/** Writes the layout at A1; rows the dashboard wrote before below its new height are blanked (they were its own). */
export function writeDashboard(sheetName: string, layout: DashboardLayout, previousHeight: number): void {
  const sheet = findSheet(sheetName) ?? SpreadsheetApp.getActiveSpreadsheet().insertSheet(sheetName);
  const height = Math.max(layout.height, previousHeight);
  const blank = <T>(value: T) => new Array<T>(layout.width).fill(value);
  const values: SheetValue[][] = [...layout.values];
  const formats = [...layout.formats];
  const weights = [...layout.weights];
  for (let row = layout.height; row < height; row++) {
    values.push(blank(''));
    formats.push(blank('@'));
    weights.push(blank<FontWeight>('normal'));
  }
  const range = sheet.getRange(1, 1, height, layout.width);
  range.setNumberFormats(formats);
  range.setValues(values);
  range.setFontWeights(weights);
}

/** Inserts, updates or removes the dashboard's charts on its sheet; returns chart key → chart id. */
export function syncDashboardCharts(
  sheetName: string,
  charts: readonly ChartSpec[],
  known: Readonly<Record<string, number>>,
): Record<string, number> {
  const sheet = findSheet(sheetName);
  return sheet ? syncCharts(sheet, charts, known) : {};
}

/** A time as "yyyy-MM-dd HH:mm" in the given zone. */
export function formatMinute(ms: number, timeZone: string): string {
  return Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd HH:mm');
}

export function sheetExists(name: string): boolean {
  return findSheet(name) !== null;
}
