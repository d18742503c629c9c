/**
 * Embedded charts: Sheet.newChart() → EmbeddedChartBuilder → build() → EmbeddedChart, and Sheet.insertChart /
 * updateChart / removeChart / getCharts, with the Charts enums. Modelled on the Apps Script reference:
 * - https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder (addRange, setChartType,
 *   setPosition(anchorRowPos, anchorColPos, offsetX, offsetY), setOption, setNumHeaders, build; "changes made to
 *   the chart are not saved until Sheet.updateChart(chart) is called on the rebuilt chart")
 * - https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart (getChartId: "a stable
 *   identifier … unique across the spreadsheet … or null if the chart is not in a spreadsheet"; modify())
 * - https://developers.google.com/apps-script/reference/spreadsheet/container-info (1-indexed anchor row and
 *   column, pixel offsets)
 * - Sheets API OverlayPosition (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#overlayposition):
 *   a chart is 600 × 371 px unless told otherwise; its anchor cell must lie inside the grid.
 * Charts may take ranges from any sheet of the spreadsheet (a dashboard over another tab's data is common).
 * Best guesses (no public wording found): the messages for an anchor outside the grid, a negative offset,
 * inserting a chart that is already in the spreadsheet, and updating or removing one that is not on this sheet.
 */
import type { EnumValue } from '../enums';
import type { Env } from '../env';
import { GasError, signatureError } from '../errors';
import { type GridRect, toA1 } from './a1';
import type { SheetModel, SpreadsheetModel } from './model';

export const DEFAULT_CHART_WIDTH = 600;
export const DEFAULT_CHART_HEIGHT = 371;

export interface ChartRangeRef {
  sheet: SheetModel;
  rect: GridRect;
}

export interface ChartPosition {
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
}

/** A chart as stored in a sheet (or as a built, not yet inserted chart holds it). */
export interface ChartModel {
  id: number | null;
  type: string | null;
  ranges: ChartRangeRef[];
  position: ChartPosition;
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenStrategy: string;
}

/** Range facades → their cells (set by range.ts), so addRange can tell a Range from anything else. */
export const rangeModels = new WeakMap<object, ChartRangeRef>();
const builtCharts = new WeakMap<object, ChartModel>();
const sheetCharts = new WeakMap<SheetModel, ChartModel[]>();
const nextIds = new WeakMap<SpreadsheetModel, number>();

export function chartsOf(sheet: SheetModel): readonly ChartModel[] {
  return sheetCharts.get(sheet) ?? [];
}

function listOf(sheet: SheetModel): ChartModel[] {
  let list = sheetCharts.get(sheet);
  if (!list) {
    list = [];
    sheetCharts.set(sheet, list);
  }
  return list;
}

function copy(model: ChartModel): ChartModel {
  return {
    ...model,
    ranges: model.ranges.map((ref) => ({ sheet: ref.sheet, rect: { ...ref.rect } })),
    position: { ...model.position },
    options: structuredClone(model.options),
  };
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function enumOf(value: unknown, values: Readonly<Record<string, EnumValue>>, method: string): string {
  const found = Object.values(values).find((candidate) => candidate === value);
  if (!found) throw signatureError(method, [value]);
  return found.name();
}

export interface ChartHost {
  env: Env;
  sheet: SheetModel;
  /** A Range facade over cells of any sheet (for getRanges). */
  rangeOf(ref: ChartRangeRef): unknown;
}

function createContainerInfo(env: Env, position: ChartPosition) {
  return env.wrap('ContainerInfo', {
    getAnchorRow: () => position.anchorRow,
    getAnchorColumn: () => position.anchorColumn,
    getOffsetX: () => position.offsetX,
    getOffsetY: () => position.offsetY,
  });
}

function createChart(host: ChartHost, model: ChartModel): object {
  const { env } = host;
  const { enums } = env.state;
  const snapshot = copy(model);
  const api = env.wrap('EmbeddedChart', {
    getChartId: () => snapshot.id,
    getContainerInfo: () => createContainerInfo(env, { ...snapshot.position }),
    getRanges: () => env.realm.array(snapshot.ranges.map((ref) => host.rangeOf(ref))),
    getOptions: () =>
      env.wrap('ChartOptions', {
        get: (option: unknown) => {
          if (typeof option !== 'string') throw signatureError('Charts.ChartOptions.get', [option]);
          return snapshot.options[option] ?? null;
        },
      }),
    getNumHeaders: () => snapshot.numHeaders,
    getTransposeRowsAndColumns: () => snapshot.transpose,
    getMergeStrategy: () => enums.ChartMergeStrategy[snapshot.mergeStrategy as 'MERGE_COLUMNS'],
    getHiddenDimensionStrategy: () => enums.ChartHiddenDimensionStrategy[snapshot.hiddenStrategy as 'IGNORE_BOTH'],
    modify: () => createBuilder(host, copy(snapshot)),
  });
  builtCharts.set(api, snapshot);
  return api;
}

export function createBuilder(host: ChartHost, initial?: ChartModel): object {
  const { env } = host;
  const { enums } = env.state;
  const model: ChartModel = initial ?? {
    id: null,
    type: null,
    ranges: [],
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    options: {},
    numHeaders: -1,
    transpose: false,
    mergeStrategy: 'MERGE_COLUMNS',
    hiddenStrategy: 'IGNORE_BOTH',
  };
  const as = (type: string) => () => {
    model.type = type;
    return api;
  };
  const api: Record<string, unknown> = {
    addRange(range: unknown) {
      const ref = typeof range === 'object' && range !== null ? rangeModels.get(range) : undefined;
      if (!ref) throw signatureError('SpreadsheetApp.EmbeddedChartBuilder.addRange', [range]);
      model.ranges.push({ sheet: ref.sheet, rect: { ...ref.rect } });
      return api;
    },
    removeRange(range: unknown) {
      const ref = typeof range === 'object' && range !== null ? rangeModels.get(range) : undefined;
      if (!ref) throw signatureError('SpreadsheetApp.EmbeddedChartBuilder.removeRange', [range]);
      model.ranges = model.ranges.filter((kept) => kept.sheet !== ref.sheet || toA1(kept.rect) !== toA1(ref.rect));
      return api;
    },
    clearRanges() {
      model.ranges = [];
      return api;
    },
    getRanges: () => env.realm.array(model.ranges.map((ref) => host.rangeOf(ref))),
    setChartType(type: unknown) {
      model.type = enumOf(type, enums.ChartType, 'SpreadsheetApp.EmbeddedChartBuilder.setChartType');
      return api;
    },
    getChartType: () => (model.type === null ? null : enums.ChartType[model.type as 'LINE']),
    asAreaChart: as('AREA'),
    asBarChart: as('BAR'),
    asColumnChart: as('COLUMN'),
    asComboChart: as('COMBO'),
    asLineChart: as('LINE'),
    asPieChart: as('PIE'),
    asScatterChart: as('SCATTER'),
    asTableChart: as('TABLE'),
    setPosition(...args: unknown[]) {
      if (args.length !== 4 || !args.every((arg) => typeof arg === 'number')) {
        throw signatureError('SpreadsheetApp.EmbeddedChartBuilder.setPosition', args);
      }
      const [anchorRow, anchorColumn, offsetX, offsetY] = (args as number[]).map(Math.floor) as [
        number,
        number,
        number,
        number,
      ];
      model.position = { anchorRow, anchorColumn, offsetX, offsetY };
      return api;
    },
    getContainer: () => createContainerInfo(env, { ...model.position }),
    setOption(...args: unknown[]) {
      const [option, value] = args;
      if (typeof option !== 'string' || args.length !== 2) {
        throw signatureError('SpreadsheetApp.EmbeddedChartBuilder.setOption', args);
      }
      model.options[option] = structuredClone(value);
      return api;
    },
    setNumHeaders(headers: unknown) {
      if (!isInteger(headers)) throw signatureError('SpreadsheetApp.EmbeddedChartBuilder.setNumHeaders', [headers]);
      model.numHeaders = headers;
      return api;
    },
    setTransposeRowsAndColumns(transpose: unknown) {
      if (typeof transpose !== 'boolean') {
        throw signatureError('SpreadsheetApp.EmbeddedChartBuilder.setTransposeRowsAndColumns', [transpose]);
      }
      model.transpose = transpose;
      return api;
    },
    setMergeStrategy(strategy: unknown) {
      model.mergeStrategy = enumOf(
        strategy,
        enums.ChartMergeStrategy,
        'SpreadsheetApp.EmbeddedChartBuilder.setMergeStrategy',
      );
      return api;
    },
    setHiddenDimensionStrategy(strategy: unknown) {
      model.hiddenStrategy = enumOf(
        strategy,
        enums.ChartHiddenDimensionStrategy,
        'SpreadsheetApp.EmbeddedChartBuilder.setHiddenDimensionStrategy',
      );
      return api;
    },
    build: () => createChart(host, model),
  };
  return env.wrap('EmbeddedChartBuilder', api);
}

/** The chart behind an EmbeddedChart facade, checked for what a sheet needs to hold it. */
function builtChart(chart: unknown, method: string): ChartModel {
  const model = typeof chart === 'object' && chart !== null ? builtCharts.get(chart) : undefined;
  if (!model) throw signatureError(method, [chart]);
  return model;
}

function checkPlacement(model: ChartModel, sheet: SheetModel): void {
  const { anchorRow, anchorColumn, offsetX, offsetY } = model.position;
  if (anchorRow < 1 || anchorRow > sheet.maxRows || anchorColumn < 1 || anchorColumn > sheet.maxColumns) {
    throw new GasError(
      `The chart's anchor cell (row ${anchorRow}, column ${anchorColumn}) is outside the dimensions of the sheet (${sheet.maxRows} rows, ${sheet.maxColumns} columns).`,
    );
  }
  if (offsetX < 0 || offsetY < 0) throw new GasError('The chart offsets must be zero or more pixels.');
  if (model.type === null) throw new GasError('The chart has no chart type. Set one with setChartType.');
}

/** The chart methods of a Sheet. */
export function chartMethods(host: ChartHost, book: SpreadsheetModel) {
  const { env, sheet } = host;
  const inBook = (id: number) => book.sheets.some((other) => chartsOf(other).some((chart) => chart.id === id));
  return {
    newChart: () => createBuilder(host),
    getCharts: () => env.realm.array(chartsOf(sheet).map((chart) => createChart(host, chart))),
    insertChart(chart: unknown) {
      const model = builtChart(chart, 'SpreadsheetApp.Sheet.insertChart');
      if (model.id !== null && inBook(model.id)) {
        throw new GasError('This chart is already in the spreadsheet. Use updateChart to change it.');
      }
      checkPlacement(model, sheet);
      const id = nextIds.get(book) ?? 1_283_907_301;
      nextIds.set(book, id + 7_919);
      listOf(sheet).push({ ...copy(model), id });
    },
    updateChart(chart: unknown) {
      const model = builtChart(chart, 'SpreadsheetApp.Sheet.updateChart');
      const list = listOf(sheet);
      const index = list.findIndex((stored) => model.id !== null && stored.id === model.id);
      if (index < 0)
        throw new GasError('The chart to update is not on this sheet (it was removed, or never inserted).');
      checkPlacement(model, sheet);
      list[index] = copy(model);
    },
    removeChart(chart: unknown) {
      const model = builtChart(chart, 'SpreadsheetApp.Sheet.removeChart');
      const list = listOf(sheet);
      const index = list.findIndex((stored) => model.id !== null && stored.id === model.id);
      if (index < 0)
        throw new GasError('The chart to remove is not on this sheet (it was removed, or never inserted).');
      list.splice(index, 1);
    },
  };
}
