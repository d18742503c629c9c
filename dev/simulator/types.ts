/** The simulator's public shapes: accounts, faults, settings, clock, log and stats. */
import type { JsonObject } from './data';
export type AccountType = 'china' | 'international';

export interface SimAccount {
  appid: string;
  secret: string;
  type: AccountType;
  /**
   * Caller IPs admitted to the token endpoints. New AppSecrets have the IP whitelist on, so absent = an empty
   * whitelist that admits nobody (40164); 'off' = the owner turned the whitelist off and everyone is admitted.
   */
  whitelist?: string[] | 'off';
  /**
   * Daily calls per datacube API (counted per API, per Beijing day), then 45009 for that API only: one number for
   * every API, or per endpoint name (others get DEFAULT_DATACUBE_DAILY_LIMIT). Absent = that default for each.
   */
  dailyQuota?: number | Record<string, number>;
  /** false → 48001 on datacube calls. Default true. */
  verified?: boolean;
}

export const DEMO_ACCOUNT: Readonly<SimAccount> = {
  appid: 'wx_demo_account_0001',
  secret: 'demo_secret_0123456789abcdef01',
  type: 'china',
  whitelist: 'off',
};

/** Fires on the next N calls (a number), on every call (true or 'always'), or never (false, 0, absent). */
export type FaultCount = number | boolean | 'always';

/** Per-account faults; they apply to datacube calls made with one of the account's tokens. */
export interface AccountFaults {
  /** errcode -1 "system error". */
  busy?: FaultCount;
  /** After N more datacube calls, every token issued so far to the account becomes invalid (40001). One-shot. */
  invalidateTokensAfter?: number;
  /** 45009 once N more datacube calls have been accepted; lasts until the faults are changed. */
  quotaAfter?: number;
  /** 45011 once N calls were accepted within the current clock minute. */
  minuteQuota?: number;
  /** 61503 on every call. */
  notReady?: boolean;
  /** HTTP 200 with a truncated JSON or a non-JSON body. */
  malformed?: FaultCount;
  /** 'alternate' (default) switches between the two kinds on successive hits. */
  malformedKind?: 'truncated' | 'text' | 'alternate';
  /** HTTP 5xx with an HTML body. */
  http5xx?: FaultCount;
  /** Fixed status for http5xx; default cycles 502, 503, 500. */
  http5xxStatus?: 500 | 502 | 503;
  /** Extra delay before each answer. */
  slowMs?: number;
  /** Never answer (the socket stays open until the client gives up or the simulator closes). */
  hang?: boolean;
  /** 61501 regardless of the dates. */
  rangeError?: boolean;
  /** 47009: true = the deprecated article endpoints, or a list of endpoint names. */
  retired?: boolean | string[];
  /** `{"list": []}` whatever the dates. */
  emptyList?: boolean;
  /** Unknown keys at every level and rows with unknown codes. */
  unknownFields?: boolean;
  /** Pads the envelope with an unknown key: true = 20 MB, or a size in bytes. */
  largeResponse?: boolean | number;
}

export type NotReadyMode = '61503' | 'empty';

export interface SimulatorSettings {
  /**
   * Time every WeChat answer takes from the moment its request arrives (the simulator's own work included, as a
   * server that answers many requests in parallel would), unless that work takes longer.
   */
  latencyMs: number;
  /** What asking for yesterday before 08:00 Beijing gives: errcode 61503, or a list without yesterday's rows. */
  notReadyMode: NotReadyMode;
  /** Endpoints answering 47009 for every account. */
  retiredEndpoints: string[];
}

export interface ClockSetting {
  /** Freeze the clock at this time. */
  nowMs?: number;
  /** Run with the base clock shifted by this much (unfreezes). */
  offsetMs?: number;
  /** Move the clock forward (frozen or not). */
  advanceMs?: number;
  /** Back to the base clock. */
  real?: boolean;
}

export interface ClockState {
  nowMs: number;
  fixed: boolean;
  offsetMs: number;
  /** `YYYY-MM-DD HH:mm` in Beijing time. */
  beijing: string;
}

export interface SimulatorOptions {
  /** Default: the demo account only. */
  accounts?: SimAccount[];
  /** Base clock; default Date.now. */
  now?: () => number;
  clock?: ClockSetting;
  notReadyMode?: NotReadyMode;
  /** true = all deprecated article endpoints. */
  retiredEndpoints?: boolean | string[];
  latencyMs?: number;
  /** Initial faults by appid. */
  faults?: Record<string, AccountFaults>;
  /** Log entries kept (oldest dropped first); default 20 000. */
  logLimit?: number;
  /** Characters of each request/response body kept in the log; default 16 384. */
  logBodyLimit?: number;
  /**
   * A request header carrying the caller's clock (ms). When present the simulator's clock moves forward to it,
   * so a caller on a virtual clock (the Apps Script emulation) and the simulator agree on the time.
   */
  clockHeader?: string;
}

export type RequestKind = 'token' | 'stable_token' | 'datacube' | 'quota' | 'unknown';

export interface RequestLogEntry {
  seq: number;
  timeMs: number;
  kind: RequestKind;
  method: string;
  /** The WeChat host the request was addressed to (Host or X-Forwarded-Host, defaulting to api.weixin.qq.com). */
  host: string;
  rawHost: string | null;
  path: string;
  /** Query parameters as sent, access_token included. */
  query: Record<string, string>;
  body: string;
  ip: string;
  appid: string | null;
  endpoint: string | null;
  /** null while the request hangs. */
  status: number | null;
  errcode: number | null;
  responseBody: string;
  responseBytes: number;
  truncated: boolean;
}

export interface LogFilter {
  kind?: RequestKind;
  appid?: string;
  endpoint?: string;
  errcode?: number;
  /** Only entries with a larger seq. */
  sinceSeq?: number;
}

export interface SimulatorStats {
  requests: number;
  tokenCalls: { classic: number; stable: number; byAccount: Record<string, { classic: number; stable: number }> };
  datacubeCalls: { total: number; byAccount: Record<string, { total: number; byEndpoint: Record<string, number> }> };
  /** Answers by errcode ("0" for successes without errcode). */
  errcodes: Record<string, number>;
  httpStatus: Record<string, number>;
  servedItems: number;
}

export interface Simulator {
  listen(port?: number, host?: string): Promise<{ port: number }>;
  close(): Promise<void>;
  /** Back to the state right after createSimulator: accounts, faults, settings, clock; tokens, log and stats cleared. */
  reset(): void;
  /** Replaces the account's faults ({} clears them) and restarts their counters. */
  setFaults(appid: string, faults: AccountFaults): void;
  faults(appid: string): AccountFaults;
  setClock(setting: ClockSetting): ClockState;
  clock(): ClockState;
  now(): number;
  /** Adds accounts or replaces their configuration (tokens and counters are kept). */
  upsertAccounts(accounts: SimAccount | SimAccount[]): SimAccount[];
  accounts(): SimAccount[];
  configure(settings: Partial<SimulatorSettings>): SimulatorSettings;
  settings(): SimulatorSettings;
  log(filter?: LogFilter): RequestLogEntry[];
  stats(): SimulatorStats;
  /** Every `list` item served successfully for (appid, endpoint), in serving order. */
  servedItems(appid: string, endpoint: string): JsonObject[];
}
