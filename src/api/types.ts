/**
 * What the server functions return, as plain JSON types. Types only, importing no Apps Script service, so the
 * sidebar can share them (src/ui/contract.ts).
 */
import type { Problem } from '../datasets/problems';
import type { AccountView, DataSetConfig, DataSetState, RelayAccount, RunRecord } from '../datasets/types';
import type { DateNotice } from '../dates/types';
import type { Said } from '../messages/codes';
import type { RunProgress } from '../refresh/outcome';
import type { ColumnGuide } from '../reports/table';
import type { Localized, ReportGroup } from '../reports/types';

/** A call that failed: the code and params of what went wrong, and the English built from them. */
export type Failure = { ok: false } & Said;

/** A server function got an argument of the wrong type (e.g. an object where an id goes). */
export type InvalidArgument = { ok: false; problems: Problem[] } & Said<'invalid_argument'>;

/** WeChat's count for one API of an account today, and what the account's DataSets on it need next. */
export interface ApiQuotaView {
  /** The datacube endpoint, e.g. getusersummary. */
  endpoint: string;
  dailyLimit: number;
  used: number;
  remain: number;
  /** The DataSets of the account that use this API, with the calls their next run makes. */
  dataSets: Array<{ id: string; name: string; callsNeeded: number }>;
  /** Their next runs need more calls than are left today. */
  short: boolean;
}

/** The WeChat calls one DataSet's next run makes (estimateRuns). */
export interface RunEstimate {
  id: string;
  accountId: string;
  /** The datacube endpoint its report calls, e.g. getusersummary. */
  endpoint: string;
  calls: number;
}

export type EstimateRunsResult = { ok: true; dataSets: RunEstimate[]; total: number } | InvalidArgument;

export type AccountQuotaResult = { ok: true; apis: ApiQuotaView[] } | Failure | InvalidArgument;

export type SaveAccountResult = { ok: true; account: AccountView } | { ok: false; problems: Problem[] };
export type DeleteResult = { ok: true } | { ok: false; problems: Problem[] };
/** The Official Accounts a relay key may use, as the relay lists them (GET /accounts). */
export type ListRelayAccountsResult = { ok: true; accounts: RelayAccount[] } | (Failure & { problems?: Problem[] });

export type TestConnectionResult =
  | ({ ok: true } & Said<'connected_direct' | 'connected_relay'>)
  | (Failure & { problems?: Problem[] });

export interface DataSetSummary extends DataSetConfig {
  lastRun?: RunRecord;
  /** ISO time of the next scheduled run (none for manual or paused DataSets). */
  nextRun?: string;
  paused?: DataSetState['paused'];
  /** An unfinished run continues on the next tick or "Run now". */
  running?: RunProgress;
}

export type SaveDataSetResult = { ok: true; dataSet: DataSetConfig } | { ok: false; problems: Problem[] };

export type DatePreview =
  | { ok: true; start: string; end: string; days: number; calls: number; notices: DateNotice[] }
  | { ok: false; problems: Problem[] };

export interface ReportSummary {
  id: string;
  group: ReportGroup;
  label: Localized;
  description: Localized;
  deprecated: boolean;
  maxSpanDays: number;
  earliestDate: string;
  /** The table's columns (both languages), for the Help tab. */
  columns: ColumnGuide[];
}
