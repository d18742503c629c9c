/**
 * Which DataSets a dashboard reads, and the dates each must cover: the period, and for the user summary also the
 * previous period of the same length (the net-growth comparison). Relative periods get relative DataSet dates, so
 * the daily Append keeps them current; reports that start on 2025-11-01 (published content) or end before it
 * (the deprecated article reports) get that edge as a fixed date. Pure.
 */
import { addDays, beijingToday, type DateSpec, type DaySpec, type IsoDate, resolveDates } from '../dates';
import type { DateProblem } from '../dates/types';
import { CLASSIC_EARLIEST_DATE, PUBLISHED_EARLIEST_DATE } from '../reports';
import type { Period, SourceRole } from './types';

export const ROLE_REPORTS: Readonly<Record<SourceRole, string>> = {
  userSummary: 'user_summary',
  userCumulate: 'user_cumulate',
  publishedSummary: 'biz_summary',
  publishedArticles: 'article_total_detail',
  classicRead: 'user_read',
  classicArticles: 'article_total',
  messages: 'upstream_msg',
  messagesByHour: 'upstream_msg_hour',
};

const LAST_CLASSIC_DATE = addDays(PUBLISHED_EARLIEST_DATE, -1);

/** The period a dashboard shows at `nowMs`, or why its dates cannot be shown. */
export function resolvePeriod(
  dates: DateSpec,
  nowMs: number,
): { ok: true; period: Period } | { ok: false; message: string; problems: DateProblem[] } {
  const resolved = resolveDates(dates, nowMs, { earliestDate: CLASSIC_EARLIEST_DATE });
  if (!resolved.ok) {
    return { ok: false, message: resolved.problems.map((p) => p.message).join(' '), problems: resolved.problems };
  }
  return { ok: true, period: { start: resolved.start, end: resolved.end, days: resolved.days } };
}

/** The most days a period of this spec can have (a month: 31): the dashboard keeps that many rows for it. */
export function maxPeriodDays(dates: DateSpec, period: Period): number {
  if (dates.mode === 'preset' && (dates.preset === 'thisMonth' || dates.preset === 'lastMonth')) return 31;
  return period.days;
}

/** How many days back from today a relative spec's period can start (null: the spec has fixed dates). */
function relativeReach(dates: DateSpec): number | null {
  switch (dates.mode) {
    case 'preset':
      return { yesterday: 1, last7: 7, last30: 30, thisMonth: 31, lastMonth: 62 }[dates.preset];
    case 'single':
      return dates.day.kind === 'daysBack' ? dates.day.days : null;
    case 'range':
      return dates.start.kind === 'daysBack' && dates.end.kind === 'daysBack' ? dates.start.days : null;
  }
}

export interface SourcePlan {
  role: SourceRole;
  reportId: string;
  dates: DateSpec;
}

/**
 * The DataSets a dashboard with these dates needs at `nowMs`, each with the dates it must fetch. Article reads
 * come from the published-content reports for dates from 2025-11-01 and from the article reports before.
 */
export function planSources(dates: DateSpec, period: Period, nowMs: number): SourcePlan[] {
  const reach = relativeReach(dates);
  const previousStart = addDays(period.start, -period.days);
  const covering = (withPrevious: boolean): { start: DaySpec; end: DaySpec; startDate: IsoDate } => {
    if (reach === null) {
      const startDate = withPrevious ? previousStart : period.start;
      return { start: { kind: 'date', date: startDate }, end: { kind: 'date', date: period.end }, startDate };
    }
    const days = withPrevious ? reach + maxPeriodDays(dates, period) : reach;
    const startDate = addDays(beijingToday(nowMs), -days);
    return { start: { kind: 'daysBack', days }, end: { kind: 'daysBack', days: 1 }, startDate };
  };
  const range = (start: DaySpec, end: DaySpec): DateSpec => ({ mode: 'range', start, end });
  const plans: SourcePlan[] = [];
  const add = (role: SourceRole, spec: DateSpec) => plans.push({ role, reportId: ROLE_REPORTS[role], dates: spec });

  const withPrevious = covering(true);
  add('userSummary', range(withPrevious.start, withPrevious.end));
  const own = covering(false);
  const ownRange = range(own.start, own.end);
  add('userCumulate', ownRange);
  if (period.end >= PUBLISHED_EARLIEST_DATE) {
    const start: DaySpec =
      own.startDate < PUBLISHED_EARLIEST_DATE ? { kind: 'date', date: PUBLISHED_EARLIEST_DATE } : own.start;
    add('publishedSummary', range(start, own.end));
    add('publishedArticles', range(start, own.end));
  }
  if (period.start < PUBLISHED_EARLIEST_DATE) {
    const end: DaySpec = period.end >= PUBLISHED_EARLIEST_DATE ? { kind: 'date', date: LAST_CLASSIC_DATE } : own.end;
    add('classicRead', range(own.start, end));
    add('classicArticles', range(own.start, end));
  }
  add('messages', ownRange);
  add('messagesByHour', ownRange);
  return plans;
}
