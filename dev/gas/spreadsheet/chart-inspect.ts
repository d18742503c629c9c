/** Read-only views of a sheet's embedded charts for tests and the playground: type, ranges, place, options, data. */
import { toA1 } from './a1';
import { displayCell } from './cells';
import { type ChartRangeRef, chartsOf, DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH } from './charts';
import type { SheetModel, SpreadsheetModel } from './model';

export interface ChartSnapshot {
  id: number;
  type: string;
  /** A1 ranges with their sheet ("'Dashboard'!A1:B8"); "#REF!" for a range whose sheet was deleted. */
  ranges: string[];
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  options: Record<string, unknown>;
  /** The cells of each range as displayed, row by row (what the chart draws). */
  data: string[][][];
}

function quoted(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function rangeData(book: SpreadsheetModel, ref: ChartRangeRef): string[][] {
  if (!book.sheets.includes(ref.sheet)) return [];
  const { row, column, numRows, numColumns } = ref.rect;
  return Array.from({ length: numRows }, (_, i) =>
    Array.from({ length: numColumns }, (_, j) => displayCell(ref.sheet.cell(row + i, column + j))),
  );
}

export function chartSnapshots(book: SpreadsheetModel, sheet: SheetModel): ChartSnapshot[] {
  return chartsOf(sheet).map((chart) => {
    const width = typeof chart.options.width === 'number' ? chart.options.width : DEFAULT_CHART_WIDTH;
    const height = typeof chart.options.height === 'number' ? chart.options.height : DEFAULT_CHART_HEIGHT;
    return {
      id: chart.id ?? 0,
      type: chart.type ?? '',
      ranges: chart.ranges.map((ref) =>
        book.sheets.includes(ref.sheet) ? `${quoted(ref.sheet.name)}!${toA1(ref.rect)}` : '#REF!',
      ),
      ...chart.position,
      width,
      height,
      options: structuredClone(chart.options),
      data: chart.ranges.map((ref) => rangeData(book, ref)),
    };
  });
}
