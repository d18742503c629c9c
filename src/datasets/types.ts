/** The stored model: Accounts (how to reach WeChat) and DataSets (what to pull into which sheet). */
import type { DateSpec } from '../dates';
import type { Said } from '../messages/codes';
import type { TableExtent, UpdateMethod } from '../table/types';

export type AccountType = 'china' | 'international';
export type ConnectionKind = 'direct' | 'relay';

export interface Account {
  id: string;
  name: string;
  appId: string;
  type: AccountType;
  connection: ConnectionKind;
  /** Relay connections only: the relay's base URL (https). */
  relayUrl?: string;
  /** WeChat calls this account may make per Beijing day, across all DataSets; absent = no limit of ours. */
  dailyCallBudget?: number;
  createdAt: string;
  updatedAt: string;
}

/** Write-only credentials: stored apart from the Account and never returned to a caller. */
export interface AccountCredentials {
  secret?: string;
  relayKey?: string;
}

/** An Official Account a relay key may use, as the relay lists it (GET /accounts). */
export interface RelayAccount {
  appId: string;
  name: string;
  type: AccountType;
}

/** What a client sees of an Account: never a secret, only whether one is set. */
export interface AccountView extends Account {
  secretSet: boolean;
  relayKeySet: boolean;
}

export type { UpdateMethod };
export type Language = 'en' | 'zh';

export type Schedule =
  | { kind: 'manual' }
  | { kind: 'hours'; every: 1 | 2 | 4 | 6 | 8 | 12 }
  | { kind: 'daily'; hour: number }
  | { kind: 'weekly'; weekday: number; hour: number };

export interface DataSetConfig {
  id: string;
  name: string;
  description: string;
  accountId: string;
  reportId: string;
  dates: DateSpec;
  updateMethod: UpdateMethod;
  sheetName: string;
  schedule: Schedule;
  language: Language;
  /** Email the schedule's owner when a scheduled run fails (at most once a day per DataSet). */
  notifyOnFailure?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the schedule knows about a DataSet between runs (kept apart from the config the user edits). */
export interface DataSetState {
  /** When the current schedule was set: it first fires at the first slot after this. */
  scheduledAtMs?: number;
  /** The schedule slot last started. */
  lastSlotMs?: number;
  /** The sheet this DataSet last wrote its table to (a sheet it never wrote, holding other content, is the user's). */
  sheet?: string;
  /** The cells the table took when this DataSet last wrote it (header included): a Replace clears all of them. */
  extent?: TableExtent;
  /** The report or header language changed since the last write: the next run rewrites the sheet (even on Append). */
  rewrite?: boolean;
  /** Newest day fetched complete; Append refreshes from here minus the report's restatement window. */
  lastCompleteDate?: string;
  /** Some days were not ready at WeChat: fetch them again on a later tick. */
  pendingRetry?: boolean;
  consecutiveFailures: number;
  /** Why the schedule paused it (what the failing run said) and when. */
  paused?: Recorded & { atMs: number };
  /** Beijing day of the last failure email. */
  lastMailDay?: string;
}

/** Calls an account made on one Beijing day, and the APIs whose WeChat quota (45009) is used up that day. */
export interface AccountUsage {
  day: string;
  calls: number;
  /** Endpoints (e.g. 'getusersummary') that answered 45009 today: WeChat counts its quotas per API. */
  quotaUsedApis?: string[];
}

/** partial: some days not ready at WeChat yet; running: more chunks to go (continued by the next call or tick). */
export type RunStatus = 'success' | 'partial' | 'failed' | 'running';

/** One line of a DataSet's run history (kept compact: PropertiesService allows about 9 KB a value). */
/**
 * What a stored run or pause says: its code and params (and their English), or, when an earlier version of the
 * add-on wrote it, only the English and maybe a code.
 */
export type Recorded = Said | { code?: string; params?: undefined; message: string };

export type RunRecord = Recorded & {
  start: string;
  end: string;
  status: RunStatus;
  rows: number;
  calls: number;
  /** A failed run kept the rows it fetched (the next run continues from there). */
  rowsKept?: boolean;
  trigger: 'manual' | 'schedule';
};
