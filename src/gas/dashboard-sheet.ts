/**
 * SpreadsheetApp adapter for dashboards: reads the tables of its source DataSets, and writes the dashboard's
 * rectangle at A1 in one batch (number formats, values, font weights: three range calls), then its charts.
 */
import type { DashboardLayout, FontWeight } from '../dashboard/layout';
import type { DashboardSheets, SheetRead } from '../dashboard/refresh';
import type { TableColumn } from '../reports/table';
import type { SheetValue } from '../sheets/cells';
import { headersMatch } from '../sheets/plan';
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

export const dashboardSheets: DashboardSheets = {
  readTable: readSourceTable,
  write: writeDashboard,
  syncCharts: (sheetName, charts, known) => {
    const sheet = findSheet(sheetName);
    return sheet ? syncCharts(sheet, charts, known) : {};
  },
};

export function sheetExists(name: string): boolean {
  return findSheet(name) !== null;
}
