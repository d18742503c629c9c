/** A native Sheets chart as the dashboard wants it: plain values, applied by the src/gas/charts adapter. */

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
