/**
 * Where everything sits on a dashboard sheet, as one rectangle of values (A1 to the last column and row the
 * dashboard owns) and the charts over it. Pure: the sheet adapter writes `values` in one call and applies `charts`.
 *
 *   rows 1–3   title, period, when it was computed
 *   rows 4–6   KPI labels, values, notes
 *   rows 8–61  six charts, two a row (the cells under them stay empty)
 *   rows 62–87 top articles (A–G) and messages by hour (I–J)
 *   rows 89–   daily figures: the ranges of the daily charts
 */
import type { DateSpec } from '../dates';
import type { ChartKind, ChartSpec, DashboardLayout, FontWeight } from '../table/dashboard';
import { isoDateToSerial, type SheetValue } from '../table/sheet-values';
import { type Block, type DashboardData, isBlocked } from './aggregate';
import { type DashboardLabels, dashboardLabels } from './labels';
import { maxPeriodDays } from './sources';
import type { DashboardConfig } from './types';

export type { DashboardLayout, FontWeight } from '../table/dashboard';

export const WIDTH = 14;
const KPI_ROW = 4;
const CHART_ROWS = [8, 26, 44] as const;
const CHART_COLUMNS = [1, 8] as const;
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 357;
const TABLES_ROW = 62;
const HOUR_COLUMN = 9;
const DAILY_ROW = 89;
const DAILY_CHANNEL_COLUMN = 9;

const COUNT = '#,##0';
const DATE = 'yyyy-mm-dd';
const TEXT = '@';
const PERCENT = '0.0%';
const CHANGE = '"▲ "0.0%;"▼ "0.0%;"= "0%';

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function a1(row: number, column: number, lastRow: number, lastColumn = column): string {
  return `${columnLetters(column)}${row}:${columnLetters(lastColumn)}${lastRow}`;
}

/** Rows the dashboard keeps for its dates (the longest period they can have). */
export function layoutHeight(dates: DateSpec, data: Pick<DashboardData, 'period'>): number {
  return DAILY_ROW + 1 + maxPeriodDays(dates, data.period);
}

class Grid {
  readonly values: SheetValue[][];
  readonly formats: string[][];
  readonly weights: FontWeight[][];

  constructor(readonly height: number) {
    this.values = Array.from({ length: height }, () => new Array<SheetValue>(WIDTH).fill(''));
    this.formats = Array.from({ length: height }, () => new Array<string>(WIDTH).fill(TEXT));
    this.weights = Array.from({ length: height }, () => new Array<FontWeight>(WIDTH).fill('normal'));
  }

  /** Text is written under the plain-text format, so a title starting with "=" stays text. */
  text(row: number, column: number, value: string, bold = false): void {
    this.put(row, column, value, TEXT, bold);
  }

  number(row: number, column: number, value: number | null, format = COUNT): void {
    if (value === null) return;
    this.put(row, column, value, format);
  }

  texts(row: number, column: number, values: readonly string[], bold = false): void {
    for (let index = 0; index < values.length; index++) this.text(row, column + index, values[index]!, bold);
  }

  numbers(row: number, column: number, values: ReadonlyArray<number | null>): void {
    for (let index = 0; index < values.length; index++) this.number(row, column + index, values[index]!);
  }

  date(row: number, column: number, iso: string): void {
    this.put(row, column, isoDateToSerial(iso), DATE);
  }

  private put(row: number, column: number, value: SheetValue, format: string, bold = false): void {
    if (row > this.height || column > WIDTH) return;
    this.values[row - 1]![column - 1] = value;
    this.formats[row - 1]![column - 1] = format;
    if (bold) this.weights[row - 1]![column - 1] = 'bold';
  }
}

interface ChartSlot {
  key: string;
  slot: number;
}

function chart(
  slot: ChartSlot,
  type: ChartKind,
  title: string,
  ranges: string[],
  extra: ChartSpec['options'] = {},
): ChartSpec {
  return {
    key: slot.key,
    type,
    title,
    ranges,
    anchorRow: CHART_ROWS[Math.floor(slot.slot / 2)]!,
    anchorColumn: CHART_COLUMNS[slot.slot % 2]!,
    offsetX: 0,
    offsetY: 0,
    options: { title, width: CHART_WIDTH, height: CHART_HEIGHT, 'legend.position': 'bottom', ...extra },
  };
}

/** A chart, or its block's message written where the chart would be. */
function chartOrMessage(
  grid: Grid,
  charts: ChartSpec[],
  slot: ChartSlot,
  block: Block<unknown>,
  make: () => ChartSpec | string,
): void {
  const made = isBlocked(block) ? block.message : make();
  if (typeof made === 'string') {
    grid.text(CHART_ROWS[Math.floor(slot.slot / 2)]! + 1, CHART_COLUMNS[slot.slot % 2]!, made);
  } else charts.push(made);
}

function kpis(grid: Grid, data: DashboardData, t: DashboardLabels): void {
  const labels = [
    t.followersNow,
    t.netGrowth,
    t.versusPrevious,
    t.newFollowers,
    t.cancelled,
    t.readers,
    t.sharers,
    t.messages,
  ];
  grid.texts(KPI_ROW, 1, labels, true);
  const value = KPI_ROW + 1;
  const note = KPI_ROW + 2;
  const days = data.period.days;
  const kpi = <T>(column: number, block: Block<T>, show: (value: T) => void) => {
    if (isBlocked(block)) grid.text(note, column, block.message);
    else show(block);
  };
  kpi(1, data.followers, ({ followersNow }) => {
    grid.number(value, 1, followersNow?.value ?? null);
    if (followersNow) grid.text(note, 1, t.onDate(followersNow.date));
  });
  kpi(2, data.growth, (growth) => {
    grid.number(value, 2, growth.netGrowth);
    if (growth.daysWithData < days) grid.text(note, 2, t.coverage(growth.daysWithData, days));
    grid.number(value, 3, growth.change, CHANGE);
    grid.text(note, 3, growth.change === null ? t.noComparison : t.previousNet(growth.previousNetGrowth, days));
    grid.number(value, 4, growth.newFollowers);
    grid.number(value, 5, growth.cancelled);
  });
  if (isBlocked(data.growth)) for (const column of [3, 4, 5]) grid.text(note, column, data.growth.message);
  kpi(6, data.reads, (reads) => {
    grid.number(value, 6, reads.readers);
    grid.number(value, 7, reads.sharers);
    grid.text(note, 6, reads.daysWithData < days ? t.coverage(reads.daysWithData, days) : t.readersNote);
  });
  if (isBlocked(data.reads)) grid.text(note, 7, data.reads.message);
  kpi(8, data.messages, (messages) => {
    grid.number(value, 8, messages.total);
    if (messages.daysWithData < days) grid.text(note, 8, t.coverage(messages.daysWithData, days));
  });
}

function articlesBlock(grid: Grid, data: DashboardData, t: DashboardLabels): number {
  const top = TABLES_ROW;
  grid.text(top, 1, t.topArticles, true);
  grid.texts(top + 1, 1, [t.rank, t.articleTitle, t.published, t.readers, t.sharers, t.readThrough, t.source], true);
  const block = data.topArticles;
  if (isBlocked(block)) {
    grid.text(top + 2, 1, block.message);
    return 0;
  }
  block.articles.forEach((article, index) => {
    const row = top + 2 + index;
    grid.number(row, 1, index + 1);
    grid.text(row, 2, article.title);
    grid.date(row, 3, article.publishDate);
    grid.number(row, 4, article.readers);
    grid.number(row, 5, article.sharers);
    grid.number(row, 6, article.readThrough, PERCENT);
    grid.text(row, 7, article.source === 'published' ? t.publishedSource : t.classicSource);
  });
  const names = block.sources.map((source) => (source === 'published' ? t.publishedSource : t.classicSource));
  if (block.articles.length === 0) grid.text(top + 2, 1, t.noArticles);
  if (names.length > 0) grid.text(top + 13, 1, t.articlesFrom(names.join(' + ')));
  return block.articles.length;
}

function hoursBlock(grid: Grid, data: DashboardData, t: DashboardLabels): void {
  grid.text(TABLES_ROW, HOUR_COLUMN, t.messagesByHour, true);
  grid.text(TABLES_ROW + 1, HOUR_COLUMN, t.hour, true);
  grid.text(TABLES_ROW + 1, HOUR_COLUMN + 1, t.messages, true);
  if (isBlocked(data.byHour)) {
    grid.text(TABLES_ROW + 2, HOUR_COLUMN, data.byHour.message);
    return;
  }
  data.byHour.forEach((messages, hour) => {
    grid.text(TABLES_ROW + 2 + hour, HOUR_COLUMN, `${String(hour).padStart(2, '0')}:00`);
    grid.number(TABLES_ROW + 2 + hour, HOUR_COLUMN + 1, messages);
  });
}

function dailyBlock(grid: Grid, data: DashboardData, t: DashboardLabels): void {
  grid.text(DAILY_ROW, 1, t.daily, true);
  const channels = isBlocked(data.channels) ? [] : data.channels;
  const headers = [t.date, t.followerTrend, t.newFollowers, t.cancelled, t.net, t.messages, t.readers, t.sharers];
  grid.texts(DAILY_ROW + 1, 1, [...headers, ...channels.map((channel) => channel.label)], true);
  data.daily.forEach((point, index) => {
    const row = DAILY_ROW + 2 + index;
    grid.date(row, 1, point.date);
    const numbers = [
      point.followers,
      point.newFollowers,
      point.cancelled,
      point.net,
      point.messages,
      point.readers,
      point.sharers,
    ];
    grid.numbers(row, 2, numbers);
    grid.numbers(row, DAILY_CHANNEL_COLUMN, point.byChannel);
  });
}

export function buildLayout(
  dashboard: Pick<DashboardConfig, 'dates' | 'language'>,
  accountName: string,
  data: DashboardData,
  updatedAt: string,
): DashboardLayout {
  const t = dashboardLabels(dashboard.language);
  const height = layoutHeight(dashboard.dates, data);
  const grid = new Grid(height);
  grid.text(1, 1, t.title(accountName), true);
  grid.text(2, 1, t.period(data.period.start, data.period.end, data.period.days));
  grid.text(3, 1, t.updated(updatedAt));
  kpis(grid, data, t);
  const articleCount = articlesBlock(grid, data, t);
  hoursBlock(grid, data, t);
  dailyBlock(grid, data, t);

  const header = DAILY_ROW + 1;
  const last = header + data.daily.length;
  const dates = a1(header, 1, last);
  const charts: ChartSpec[] = [];
  const slots = ['followers', 'newVsCancelled', 'acquisition', 'messagesByDay', 'topArticles', 'messagesByHour'];
  const slot = (key: string): ChartSlot => ({ key, slot: slots.indexOf(key) });
  chartOrMessage(grid, charts, slot('followers'), data.followers, () =>
    chart(slot('followers'), 'LINE', t.followerTrend, [dates, a1(header, 2, last)]),
  );
  chartOrMessage(grid, charts, slot('newVsCancelled'), data.growth, () =>
    chart(slot('newVsCancelled'), 'COLUMN', t.newVsCancelled, [dates, a1(header, 3, last, 4)]),
  );
  chartOrMessage(grid, charts, slot('acquisition'), data.channels, () => {
    const count = isBlocked(data.channels) ? 0 : data.channels.length;
    const lastColumn = DAILY_CHANNEL_COLUMN + count - 1;
    return chart(
      slot('acquisition'),
      'COLUMN',
      t.acquisition,
      [dates, a1(header, DAILY_CHANNEL_COLUMN, last, lastColumn)],
      {
        isStacked: true,
      },
    );
  });
  chartOrMessage(grid, charts, slot('messagesByDay'), data.messages, () =>
    chart(slot('messagesByDay'), 'COLUMN', t.messagesByDay, [dates, a1(header, 6, last)]),
  );
  chartOrMessage(grid, charts, slot('topArticles'), data.topArticles, () => {
    if (articleCount === 0) return t.noArticles;
    const end = TABLES_ROW + 1 + articleCount;
    return chart(slot('topArticles'), 'BAR', t.topArticles, [a1(TABLES_ROW + 1, 2, end), a1(TABLES_ROW + 1, 4, end)]);
  });
  chartOrMessage(grid, charts, slot('messagesByHour'), data.byHour, () =>
    chart(slot('messagesByHour'), 'COLUMN', t.messagesByHour, [
      a1(TABLES_ROW + 1, HOUR_COLUMN, TABLES_ROW + 25, HOUR_COLUMN),
      a1(TABLES_ROW + 1, HOUR_COLUMN + 1, TABLES_ROW + 25),
    ]),
  );
  return { width: WIDTH, height, values: grid.values, formats: grid.formats, weights: grid.weights, charts };
}
