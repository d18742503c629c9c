/** Dashboards: one sheet per account with KPIs and native charts over the rows of a few DataSets. */
import type { Problem } from '../datasets/problems';
import type { Language } from '../datasets/types';
import type { DateSpec, IsoDate } from '../dates';
import type { ChartSummary } from '../table/dashboard';

/**
 * What each source DataSet is to a dashboard. Published-content reports serve dates from 2025-11-01, the
 * deprecated article reports the dates before.
 */
export type SourceRole =
  | 'userSummary'
  | 'userCumulate'
  | 'publishedSummary'
  | 'publishedArticles'
  | 'classicRead'
  | 'classicArticles'
  | 'messages'
  | 'messagesByHour';

/** A dashboard as stored (kept small: PropertiesService allows about 9 KB a value). */
export interface DashboardConfig {
  id: string;
  accountId: string;
  dates: DateSpec;
  language: Language;
  sheetName: string;
  /** Role → DataSet id. */
  sources: Partial<Record<SourceRole, string>>;
  createdAt: string;
}

/** What a refresh leaves for the next one. */
export interface DashboardState {
  /** Chart key → the id Sheets gave the chart. */
  charts: Record<string, number>;
  /** Rows the dashboard last wrote (a shorter layout blanks the rest of its own rows). */
  height: number;
  refreshedAt?: string;
  /** Why the last refresh failed (the dashboard sheet was left as it was). */
  error?: string;
}

export interface Period {
  start: IsoDate;
  end: IsoDate;
  days: number;
}

/** Rows of one source as the aggregation reads them, or why the block it feeds cannot be shown. */
export type Source<T> = { ok: true; rows: T[] } | { ok: false; message: string };

export interface UserSummaryRow {
  date: IsoDate;
  source: number | string;
  newUsers: number;
  cancelledUsers: number;
}

export interface CumulateRow {
  date: IsoDate;
  followers: number;
}

/** Account-level article readers and sharers of one day. */
export interface DailyReadRow {
  date: IsoDate;
  readers: number;
  sharers: number;
}

export type ArticleSource = 'published' | 'classic';

/** One counting day of one article (cumulative from publishing to statDate). */
export interface ArticleRow {
  publishDate: IsoDate;
  statDate: IsoDate;
  msgid: string;
  title: string;
  readers: number;
  sharers: number;
  /** Finish rate 0–1 (published-content reports only). */
  readThrough: number | null;
  source: ArticleSource;
}

export interface MessageRow {
  date: IsoDate;
  messages: number;
  users: number;
}

export interface HourlyMessageRow {
  date: IsoDate;
  /** 0–23 */
  hour: number;
  messages: number;
}

/** The rows a dashboard is computed from, one source per role it uses. */
export interface DashboardInputs {
  period: Period;
  language: Language;
  userSummary: Source<UserSummaryRow>;
  userCumulate: Source<CumulateRow>;
  /** Daily readers/sharers: published-content for dates from 2025-11-01, classic before; absent = not needed. */
  dailyReads: { published?: Source<DailyReadRow>; classic?: Source<DailyReadRow> };
  articles: { published?: Source<ArticleRow>; classic?: Source<ArticleRow> };
  messages: Source<MessageRow>;
  messagesByHour: Source<HourlyMessageRow>;
}

export type RefreshResult =
  | { ok: true; sheetName: string; charts: ChartSummary[]; messages: string[] }
  | { ok: false; code: string; message: string };

/** A dashboard as listDashboards shows it, next to the DataSets. */
export interface DashboardView {
  id: string;
  accountId: string;
  accountName: string;
  sheetName: string;
  dates: DateSpec;
  language: Language;
  dataSets: Array<{ role: SourceRole; id: string; name: string; sheetName: string; missing?: true }>;
  refreshedAt?: string;
  error?: string;
}

export type CreateDashboardResult =
  | {
      ok: true;
      dashboard: {
        id: string;
        sheetName: string;
        dataSetIds: string[];
        /** DataSets this call created (the others were reused); they fill the dashboard once they have run. */
        newDataSetIds: string[];
        charts: ChartSummary[];
      };
    }
  | { ok: false; problems: Problem[] };

export type DeleteDashboardResult = { ok: true } | { ok: false; code: string; message: string };
