/** The stored model: Accounts (how to reach WeChat) and DataSets (what to pull into which sheet). */
import type { DateSpec } from '../dates';

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
  createdAt: string;
  updatedAt: string;
}

/** Write-only credentials: stored apart from the Account and never returned to a caller. */
export interface AccountCredentials {
  secret?: string;
  relayKey?: string;
}

/** What a client sees of an Account: never a secret, only whether one is set. */
export interface AccountView extends Account {
  secretSet: boolean;
  relayKeySet: boolean;
}

export type UpdateMethod = 'replace' | 'append';
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
  createdAt: string;
  updatedAt: string;
}

export type RunStatus = 'success' | 'partial' | 'failed';

/** One line of a DataSet's run history (kept compact: PropertiesService allows about 9 KB a value). */
export interface RunRecord {
  start: string;
  end: string;
  status: RunStatus;
  rows: number;
  calls: number;
  message: string;
  code?: string;
  trigger: 'manual' | 'schedule';
}
