/**
 * The dashboard's numbers, from the source rows: pure, no Apps Script. Sums run over the days of the period
 * only (the source sheets keep older rows too); a day with no row counts as missing, never as zero.
 */
import { addDays, daysBetween, type IsoDate } from '../dates';
import { PUBLISHED_EARLIEST_DATE } from '../reports';
import { codeLabel, USER_SUMMARY_SOURCES } from '../reports/codes';
import type { ArticleRow, ArticleSource, DailyReadRow, DashboardInputs, Period, Source, UserSummaryRow } from './types';

/** Named acquisition channels shown as their own series; the rest (channel 0 included) is "Other". */
export const MAX_NAMED_CHANNELS = 5;
export const TOP_ARTICLES = 10;
export const OTHER_CHANNELS = 'other';

export type Blocked = { message: string };
export type Block<T> = T | Blocked;

export function isBlocked<T>(block: Block<T>): block is Blocked {
  return typeof block === 'object' && block !== null && 'message' in block && Object.keys(block).length === 1;
}

export interface FollowerKpis {
  /** Followers on the newest day of the period that has a row (null: none). */
  followersNow: { value: number; date: IsoDate } | null;
}

export interface GrowthKpis {
  newFollowers: number;
  cancelled: number;
  /** Σ new − Σ cancelled over the period. */
  netGrowth: number;
  previousNetGrowth: number;
  /** (net − previous) / |previous|; null when the previous period's net growth is 0 or it has no data. */
  change: number | null;
  /** Days of the period (and of the previous period) with at least one row. */
  daysWithData: number;
  previousDaysWithData: number;
}

export interface ReadKpis {
  readers: number;
  sharers: number;
  daysWithData: number;
}

export interface DailyPoint {
  date: IsoDate;
  followers: number | null;
  newFollowers: number | null;
  cancelled: number | null;
  net: number | null;
  messages: number | null;
  readers: number | null;
  sharers: number | null;
  /** New followers per acquisition series (same order as `channels`). */
  byChannel: Array<number | null>;
}

export interface Channel {
  /** The user_source code, or OTHER_CHANNELS. */
  key: string;
  label: string;
  total: number;
}

export interface TopArticle {
  title: string;
  publishDate: IsoDate;
  readers: number;
  sharers: number;
  readThrough: number | null;
  source: ArticleSource;
}

export interface DashboardData {
  period: Period;
  previous: Period;
  followers: Block<FollowerKpis>;
  growth: Block<GrowthKpis>;
  reads: Block<ReadKpis>;
  messages: Block<{ total: number; daysWithData: number }>;
  daily: DailyPoint[];
  channels: Block<Channel[]>;
  topArticles: Block<{ articles: TopArticle[]; sources: ArticleSource[] }>;
  /** Messages per hour of day 0–23 over the period. */
  byHour: Block<number[]>;
  /** Blocks fed by each source: which are shown and which carry a message. */
  dailyProblems: string[];
}

export function previousPeriod(period: Period): Period {
  return { start: addDays(period.start, -period.days), end: addDays(period.start, -1), days: period.days };
}

export function datesOf(period: Period): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = period.start; daysBetween(date, period.end) >= 0; date = addDays(date, 1)) dates.push(date);
  return dates;
}

const within = (date: IsoDate, period: Period) => date >= period.start && date <= period.end;

function sumBy<T>(rows: readonly T[], key: (row: T) => string, value: (row: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + value(row));
  return sums;
}

export function growthKpis(rows: readonly UserSummaryRow[], period: Period): GrowthKpis {
  const previous = previousPeriod(period);
  const current = rows.filter((row) => within(row.date, period));
  const before = rows.filter((row) => within(row.date, previous));
  const newFollowers = current.reduce((sum, row) => sum + row.newUsers, 0);
  const cancelled = current.reduce((sum, row) => sum + row.cancelledUsers, 0);
  const netGrowth = newFollowers - cancelled;
  const previousNetGrowth = before.reduce((sum, row) => sum + row.newUsers - row.cancelledUsers, 0);
  const previousDaysWithData = new Set(before.map((row) => row.date)).size;
  const change =
    previousDaysWithData === 0 || previousNetGrowth === 0
      ? null
      : (netGrowth - previousNetGrowth) / Math.abs(previousNetGrowth);
  return {
    newFollowers,
    cancelled,
    netGrowth,
    previousNetGrowth,
    change,
    daysWithData: new Set(current.map((row) => row.date)).size,
    previousDaysWithData,
  };
}

/** Channels by their period total, the biggest MAX_NAMED_CHANNELS named, channel 0 and the rest as "Other". */
export function acquisitionChannels(rows: readonly UserSummaryRow[], period: Period, language: 'en' | 'zh'): Channel[] {
  const totals = sumBy(
    rows.filter((row) => within(row.date, period)),
    (row) => String(row.source),
    (row) => row.newUsers,
  );
  const named = [...totals.entries()]
    .filter(([code, total]) => code !== '0' && total > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_NAMED_CHANNELS);
  const namedCodes = new Set(named.map(([code]) => code));
  const otherTotal = [...totals.entries()].reduce((sum, [code, total]) => sum + (namedCodes.has(code) ? 0 : total), 0);
  const channels: Channel[] = named.map(([code, total]) => ({
    key: code,
    label: codeLabel(USER_SUMMARY_SOURCES, code, language),
    total,
  }));
  if (otherTotal > 0 || channels.length === 0) {
    channels.push({ key: OTHER_CHANNELS, label: language === 'zh' ? '其他' : 'Other', total: otherTotal });
  }
  return channels;
}

/** Daily readers/sharers: published-content rows for dates from 2025-11-01, the classic rows before. */
export function dailyReadsOf(inputs: DashboardInputs['dailyReads']): Source<DailyReadRow> {
  const parts: Array<[Source<DailyReadRow> | undefined, (date: IsoDate) => boolean]> = [
    [inputs.published, (date) => date >= PUBLISHED_EARLIEST_DATE],
    [inputs.classic, (date) => date < PUBLISHED_EARLIEST_DATE],
  ];
  const rows: DailyReadRow[] = [];
  for (const [source, keep] of parts) {
    if (!source) continue;
    if (!source.ok) return source;
    rows.push(...source.rows.filter((row) => keep(row.date)));
  }
  return { ok: true, rows };
}

/**
 * Articles published in the period, each at its newest counting day up to the period's end, by readers. Each
 * article comes from the reports of its publishing date: published content from 2025-11-01, article reports before.
 */
export function topArticles(
  inputs: DashboardInputs['articles'],
  period: Period,
): Block<{ articles: TopArticle[]; sources: ArticleSource[] }> {
  const newest = new Map<string, ArticleRow>();
  const sources = new Set<ArticleSource>();
  for (const [source, part] of [
    ['published', inputs.published],
    ['classic', inputs.classic],
  ] as const) {
    if (!part) continue;
    if (!part.ok) return { message: part.message };
    for (const row of part.rows) {
      const ownDates =
        source === 'published' ? row.publishDate >= PUBLISHED_EARLIEST_DATE : row.publishDate < PUBLISHED_EARLIEST_DATE;
      if (!ownDates || !within(row.publishDate, period) || row.statDate > period.end) continue;
      sources.add(source);
      const key = `${source}:${row.msgid}`;
      const kept = newest.get(key);
      if (!kept || row.statDate > kept.statDate) newest.set(key, row);
    }
  }
  const articles = [...newest.values()]
    .sort((a, b) => b.readers - a.readers || b.sharers - a.sharers || a.title.localeCompare(b.title))
    .slice(0, TOP_ARTICLES)
    .map(({ title, publishDate, readers, sharers, readThrough, source }) => ({
      title,
      publishDate,
      readers,
      sharers,
      readThrough,
      source,
    }));
  return { articles, sources: (['published', 'classic'] as const).filter((source) => sources.has(source)) };
}

export function aggregate(inputs: DashboardInputs): DashboardData {
  const { period } = inputs;
  const days = datesOf(period);
  const dailyProblems: string[] = [];
  const blocked = (source: { ok: false; message: string }) => {
    if (!dailyProblems.includes(source.message)) dailyProblems.push(source.message);
    return { message: source.message };
  };

  const summary = inputs.userSummary;
  const growth: Block<GrowthKpis> = summary.ok ? growthKpis(summary.rows, period) : blocked(summary);
  const channels: Block<Channel[]> = summary.ok
    ? acquisitionChannels(summary.rows, period, inputs.language)
    : { message: summary.message };
  const cumulate = inputs.userCumulate;
  const followersByDate = cumulate.ok
    ? new Map(cumulate.rows.filter((row) => within(row.date, period)).map((row) => [row.date, row.followers]))
    : undefined;
  if (!cumulate.ok) blocked(cumulate);
  const newestFollowers = followersByDate && [...followersByDate.keys()].sort().pop();
  const followers: Block<FollowerKpis> = cumulate.ok
    ? {
        followersNow:
          newestFollowers === undefined
            ? null
            : { value: followersByDate!.get(newestFollowers)!, date: newestFollowers },
      }
    : { message: cumulate.message };

  const readSource = dailyReadsOf(inputs.dailyReads);
  const readRows = readSource.ok ? readSource.rows.filter((row) => within(row.date, period)) : [];
  const reads: Block<ReadKpis> = readSource.ok
    ? {
        readers: readRows.reduce((sum, row) => sum + row.readers, 0),
        sharers: readRows.reduce((sum, row) => sum + row.sharers, 0),
        daysWithData: new Set(readRows.map((row) => row.date)).size,
      }
    : blocked(readSource);
  const readsByDate = new Map<string, DailyReadRow>();
  for (const row of readRows) {
    const kept = readsByDate.get(row.date);
    readsByDate.set(
      row.date,
      kept ? { ...kept, readers: kept.readers + row.readers, sharers: kept.sharers + row.sharers } : row,
    );
  }

  const messageSource = inputs.messages;
  const messageRows = messageSource.ok ? messageSource.rows.filter((row) => within(row.date, period)) : [];
  const messagesByDate = sumBy(
    messageRows,
    (row) => row.date,
    (row) => row.messages,
  );
  const messages = messageSource.ok
    ? { total: messageRows.reduce((sum, row) => sum + row.messages, 0), daysWithData: messagesByDate.size }
    : blocked(messageSource);

  const summaryRows = summary.ok ? summary.rows.filter((row) => within(row.date, period)) : [];
  const summaryDates = new Set(summaryRows.map((row) => row.date));
  const newByDate = sumBy(
    summaryRows,
    (row) => row.date,
    (row) => row.newUsers,
  );
  const cancelledByDate = sumBy(
    summaryRows,
    (row) => row.date,
    (row) => row.cancelledUsers,
  );
  const channelKeys = isBlocked(channels) ? [] : channels.map((channel) => channel.key);
  const named = new Set(channelKeys.filter((key) => key !== OTHER_CHANNELS));
  const byChannel = sumBy(
    summaryRows,
    (row) => `${row.date}|${named.has(String(row.source)) ? String(row.source) : OTHER_CHANNELS}`,
    (row) => row.newUsers,
  );

  const daily: DailyPoint[] = days.map((date) => {
    const hasSummary = summaryDates.has(date);
    const newFollowers = hasSummary ? (newByDate.get(date) ?? 0) : null;
    const cancelled = hasSummary ? (cancelledByDate.get(date) ?? 0) : null;
    const read = readsByDate.get(date);
    return {
      date,
      followers: followersByDate?.get(date) ?? null,
      newFollowers,
      cancelled,
      net: newFollowers === null || cancelled === null ? null : newFollowers - cancelled,
      messages: messagesByDate.get(date) ?? null,
      readers: read ? read.readers : null,
      sharers: read ? read.sharers : null,
      byChannel: channelKeys.map((key) => (hasSummary ? (byChannel.get(`${date}|${key}`) ?? 0) : null)),
    };
  });

  const hourly = inputs.messagesByHour;
  let byHour: Block<number[]>;
  if (!hourly.ok) byHour = { message: hourly.message };
  else {
    const hours = new Array<number>(24).fill(0);
    for (const row of hourly.rows) {
      if (within(row.date, period) && row.hour >= 0 && row.hour < 24) hours[row.hour] = hours[row.hour]! + row.messages;
    }
    byHour = hours;
  }

  return {
    period,
    previous: previousPeriod(period),
    followers,
    growth,
    reads,
    messages,
    daily,
    channels,
    topArticles: topArticles(inputs.articles, period),
    byHour,
    dailyProblems,
  };
}
