/**
 * What the sidebar sends to and receives from the server: the google.script.run surface, as plain JSON types.
 * Types only (no Apps Script global), so the sidebar bundle can import it. test/unit/sidebar-contract.test.ts
 * checks at compile time that src/main.ts exports each of these functions with matching results.
 */
import type { Problem } from '../datasets/problems';
import type { AccountView, DataSetConfig, Language, RunRecord, RunStatus } from '../datasets/types';
import type { AccountInput } from '../datasets/validate-account';
import type { DataSetInput } from '../datasets/validate-dataset';
import type { DateSpec } from '../dates/types';
import type { Localized, ReportGroup } from '../reports/types';

export type { AccountInput, AccountView, DataSetConfig, DataSetInput, DateSpec, Language, Problem, RunRecord };

/** Which part of the sidebar a menu item opens. */
export type SidebarView = 'new-dataset' | 'datasets' | 'refresh-all' | 'accounts' | 'help';

export interface ReportSummary {
  id: string;
  group: ReportGroup;
  label: Localized;
  description: Localized;
  deprecated: boolean;
  maxSpanDays: number;
  earliestDate: string;
}

export interface DataSetSummary extends DataSetConfig {
  lastRun?: RunRecord;
  /** ISO time of the next scheduled run (none for manual or paused DataSets). */
  nextRun?: string;
  /** Why the schedule paused this DataSet (resumeDataSet starts it again). */
  paused?: { code: string; message: string; atMs: number };
  /** An unfinished run, continued by the next tick or "Run now". */
  running?: RunProgress;
}

export interface RunProgress {
  windowsDone: number;
  windowsTotal: number;
  rows: number;
}

/** Who runs the spreadsheet's schedule (their hourly trigger), and its last tick. */
export interface ScheduleSummary {
  needed: boolean;
  owner?: { user: string; sinceMs: number };
  ownedByMe: boolean;
  myTrigger: boolean;
  lastTick?: { atMs: number; user: string; durationMs: number; deferred: number };
  me: string;
}

/** Everything the sidebar needs to draw its first screen, in one round trip. */
export interface SidebarContext {
  language: Language;
  /** The spreadsheet's time zone (IANA id): schedules run on its wall clock. */
  timeZone: string;
  accounts: AccountView[];
  reports: ReportSummary[];
  dataSets: DataSetSummary[];
  /** Absent when it could not be read (the schedule keeps running regardless). */
  schedule?: ScheduleSummary;
}

export type SaveAccountResult = { ok: true; account: AccountView } | { ok: false; problems: Problem[] };
export type DeleteResult = { ok: true } | { ok: false; problems: Problem[] };
export type TestConnectionResult =
  | { ok: true; message: string }
  | { ok: false; code: string; message: string; problems?: Problem[] };
export type SaveDataSetResult = { ok: true; dataSet: DataSetConfig } | { ok: false; problems: Problem[] };
export type DatePreview =
  | { ok: true; start: string; end: string; days: number; calls: number; notices: string[] }
  | { ok: false; problems: Problem[] };

export interface RunOutcome {
  ok: boolean;
  status: RunStatus | 'busy';
  code?: string;
  message: string;
  rows: number;
  calls: number;
  tokenCalls: number;
  sheetName: string;
  start?: string;
  end?: string;
  pendingDates: string[];
  notices: string[];
  /** With status 'running': how far the run is; calling runDataSet again continues it. */
  progress?: RunProgress;
}

/** The server functions the sidebar calls, by name. */
export interface ServerFunctions {
  getSidebarContext(): SidebarContext;
  setSidebarLanguage(language: Language): Language;
  activateSheet(sheetName: string): boolean;
  listAccounts(): AccountView[];
  saveAccount(input: AccountInput): SaveAccountResult;
  deleteAccount(id: string): DeleteResult;
  testConnection(input: AccountInput): TestConnectionResult;
  listReports(): ReportSummary[];
  listDataSets(): DataSetSummary[];
  getDataSet(id: string): DataSetConfig | null;
  saveDataSet(input: DataSetInput): SaveDataSetResult;
  deleteDataSet(id: string): { ok: true };
  runDataSet(id: string): RunOutcome;
  resumeDataSet(id: string): { ok: true } | { ok: false; message: string };
  getScheduleInfo(): ScheduleSummary;
  getRunHistory(id: string): RunRecord[];
  previewDates(reportId: string, dates: DateSpec): DatePreview;
}
