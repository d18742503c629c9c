/**
 * What a dashboard hands to its Sheets adapters (src/gas/dashboard-sheet.ts, src/gas/charts.ts) and gets back:
 * plain values, so the adapters need nothing of the dashboard's logic.
 */
import type { SheetValue } from './sheet-values';
import type { Cell } from './types';

export type FontWeight = 'bold' | 'normal';

/** The dashboard's rectangle at A1: values with their number formats and font weights, and its charts. */
export interface DashboardLayout {
  width: number;
  height: number;
  values: SheetValue[][];
  formats: string[][];
  weights: FontWeight[][];
  charts: ChartSpec[];
}

/** A source DataSet's table as a dashboard reads it: its rows, or why it cannot be read. */
export type SheetRead = { ok: true; rows: Cell[][] } | { ok: false; reason: 'missing' | 'header' };

/** A native Sheets chart as the dashboard wants it (applied by src/gas/charts.ts). */

export type ChartKind = 'LINE' | 'COLUMN' | 'BAR';

export interface ChartSpec {
  /** Stable name of the chart within its dashboard (its id in Sheets is kept under this key). */
  key: string;
  type: ChartKind;
  title: string;
  /** A1 ranges on the dashboard sheet, header row first: the first is the domain, the others the series. */
  ranges: string[];
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  /** Chart options (setOption): width, height, isStacked, legend… */
  options: Record<string, string | number | boolean>;
}

/** A chart a refresh left on the dashboard sheet. */
export interface ChartSummary {
  key: string;
  type: ChartKind;
  chartId: number;
  ranges: string[];
  anchorRow: number;
  anchorColumn: number;
}
