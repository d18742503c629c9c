/**
 * What the sidebar sends to and receives from the server: the google.script.run surface, as plain JSON types,
 * with every problem and outcome as a code and its params (MessageParams says which params each code carries; the
 * English `message` beside them is built from both). Types only (no Apps Script global), so the sidebar bundle
 * can import it. src/main.ts types its entry points
 * with ServerFunctions (a result that differs does not compile); test/unit/ui/contract.test.ts checks that
 * the build declares each of them.
 */

import type {
  AccountQuotaResult,
  ApiQuotaView,
  DataSetSummary,
  DatePreview,
  DeleteResult,
  EstimateRunsResult,
  Failure,
  InvalidArgument,
  ListRelayAccountsResult,
  ReportSummary,
  RunEstimate,
  SaveAccountResult,
  SaveDataSetResult,
  TestConnectionResult,
} from '../api/types';
import type {
  CreateDashboardResult,
  DashboardView,
  DeleteDashboardResult,
  RefreshResult as RefreshDashboardResult,
} from '../dashboard/types';
import type { Problem } from '../datasets/problems';
import type { AccountView, DataSetConfig, Language, Recorded, RelayAccount, RunRecord } from '../datasets/types';
import type { AccountInput } from '../datasets/validate-account';
import type { DataSetInput } from '../datasets/validate-dataset';
import type { DateNotice, DateSpec } from '../dates/types';
import type { MessageCode, MessageParams, ProblemCode, Said } from '../messages/codes';
import type { RunOutcome, RunProgress } from '../refresh/outcome';
import type { RefreshAllFailure, RefreshAllResult, RefreshAllView } from '../refresh/refresh-all-view';

export type {
  AccountInput,
  AccountQuotaResult,
  AccountView,
  ApiQuotaView,
  CreateDashboardResult,
  DashboardView,
  DataSetConfig,
  DataSetInput,
  DataSetSummary,
  DateNotice,
  DatePreview,
  DateSpec,
  DeleteResult,
  EstimateRunsResult,
  Failure,
  InvalidArgument,
  Language,
  ListRelayAccountsResult,
  MessageCode,
  MessageParams,
  Problem,
  ProblemCode,
  Recorded,
  RefreshAllFailure,
  RefreshAllResult,
  RefreshAllView,
  RefreshDashboardResult,
  RelayAccount,
  ReportSummary,
  RunEstimate,
  RunOutcome,
  RunProgress,
  RunRecord,
  Said,
  SaveAccountResult,
  SaveDataSetResult,
  TestConnectionResult,
};

/** Which part of the sidebar a menu item opens. */
export type SidebarView = 'new-dataset' | 'new-dashboard' | 'datasets' | 'refresh-all' | 'accounts' | 'help';

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
  /** The relay URL prefixes this deployment may call (addon.config.json at build time); empty: none. */
  relayUrls: string[];
  /** The newest complete day in Beijing (YYYY-MM-DD) when the sidebar opened: date pickers offer nothing later. */
  yesterday: string;
  /** The last "Refresh all now", if one was made in the last day: its progress, or its summary. */
  refreshAll?: RefreshAllView;
}

/** The server functions the sidebar calls, by name. */
export interface ServerFunctions {
  getSidebarContext(): SidebarContext;
  setSidebarLanguage(language: Language): Language;
  activateSheet(sheetName: string): boolean;
  listAccounts(): AccountView[];
  saveAccount(input: AccountInput): SaveAccountResult;
  deleteAccount(id: string): DeleteResult | InvalidArgument;
  testConnection(input: AccountInput): TestConnectionResult;
  getAccountQuota(accountId: string): AccountQuotaResult;
  estimateRuns(dataSetIds: string[]): EstimateRunsResult;
  listRelayAccounts(input: { relayUrl: string; relayKey?: string; accountId?: string }): ListRelayAccountsResult;
  listReports(): ReportSummary[];
  listDataSets(): DataSetSummary[];
  getDataSet(id: string): DataSetConfig | null | InvalidArgument;
  saveDataSet(input: DataSetInput): SaveDataSetResult;
  deleteDataSet(id: string): { ok: true } | InvalidArgument;
  runDataSet(id: string): RunOutcome;
  runDataSets(ids: string[]): RunOutcome[];
  startRefreshAll(): RefreshAllResult;
  continueRefreshAll(): RefreshAllResult;
  getRefreshAll(): RefreshAllView | null;
  resumeDataSet(id: string): { ok: true } | Failure;
  getScheduleInfo(): ScheduleSummary;
  getRunHistory(id: string): RunRecord[] | InvalidArgument;
  previewDates(reportId: string, dates: DateSpec): DatePreview;
  createDashboard(input: { accountId: string; dates: DateSpec; language: Language }): CreateDashboardResult;
  listDashboards(): DashboardView[];
  refreshDashboard(id: string): RefreshDashboardResult;
  deleteDashboard(id: string): DeleteDashboardResult;
}
