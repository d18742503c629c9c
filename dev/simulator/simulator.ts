/**
 * A faithful fake of the WeChat access-token and datacube APIs over HTTP on loopback (shared/wechat-api.md).
 * Errors are HTTP 200 with `{errcode, errmsg}`; successes are `{"list": [...]}` without errcode. It is an
 * independent model of WeChat: it must not import anything from src/.
 *
 * Control API (JSON, only under /__sim/): GET log, POST reset, GET|POST faults, GET|POST clock,
 * GET|POST accounts, GET|POST config, GET served, GET stats.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  addDays,
  addUnknownFields,
  beijingDate,
  beijingHour,
  DEPRECATED_ENDPOINTS,
  dayNumber,
  type EndpointSpec,
  endpointSpec,
  generateData,
  isValidIsoDate,
  type JsonObject,
} from './data';

export type { JsonObject, JsonValue } from './data';

export type AccountType = 'china' | 'international';

export interface SimAccount {
  appid: string;
  secret: string;
  type: AccountType;
  /** Caller IPs admitted to the token endpoints; absent = everyone. */
  whitelist?: string[];
  /** Datacube calls per Beijing day, then 45009; absent = unlimited. */
  dailyQuota?: number;
  /** false → 48001 on datacube calls. Default true. */
  verified?: boolean;
}

export const DEMO_ACCOUNT: Readonly<SimAccount> = {
  appid: 'wx_demo_account_0001',
  secret: 'demo_secret_0123456789abcdef01',
  type: 'china',
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

export type RequestKind = 'token' | 'stable_token' | 'datacube' | 'unknown';

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

// ---------------------------------------------------------------------------------------------------------------
// Constants.

const TOKEN_LIFETIME_MS = 7_200_000;
const RENEWAL_WINDOW_MS = 300_000;
const OVERLAP_MS = 300_000;
const FORCE_REFRESH_GAP_MS = 30_000;
const FORCE_REFRESHES_PER_DAY = 20;
const CLASSIC_TOKENS_PER_DAY = 2000;
const LARGE_RESPONSE_BYTES = 20 * 1024 * 1024;
const MAX_REQUEST_BYTES = 1024 * 1024;
const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';
const HTML_CONTENT_TYPE = 'text/html';
const DEFAULT_HOST = 'api.weixin.qq.com';
const CHINA_HOSTS = new Set([
  'api.weixin.qq.com',
  'api2.weixin.qq.com',
  'sh.api.weixin.qq.com',
  'sz.api.weixin.qq.com',
  'hk.api.weixin.qq.com',
]);
const INTERNATIONAL_HOSTS = new Set(['api.wechat.com']);
const CONTROL_PREFIX = '/__sim/';

const MESSAGES: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43002: 'require POST method',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47009: 'this api is offline, please use the new api',
  48001: 'api unauthorized',
  50001: 'user unauthorized',
  61500: 'date format error',
  61501: 'date range error',
  61503: 'data not ready, please try later',
};

// ---------------------------------------------------------------------------------------------------------------
// Internal state.

type TokenKind = 'classic' | 'stable';

interface TokenRecord {
  token: string;
  appid: string;
  kind: TokenKind;
  expiresMs: number;
  /** From this time on the token answers 40001 (superseded, force-refreshed or revoked). */
  invalidFromMs: number | null;
}

interface FaultCounters {
  busy: number;
  malformed: number;
  http5xx: number;
  hits5xx: number;
  hitsMalformed: number;
  invalidateAfter: number | null;
  quotaAfter: number | null;
}

interface AccountState {
  account: SimAccount;
  faults: AccountFaults;
  counters: FaultCounters;
  tokens: TokenRecord[];
  classicCurrent: TokenRecord | null;
  stableCurrent: TokenRecord | null;
  lastForceMs: number | null;
  forceDay: string;
  forceCount: number;
  classicDay: string;
  classicCount: number;
  quotaDay: string;
  quotaUsed: number;
  minute: number;
  minuteCalls: number;
}

interface Exchange {
  res: ServerResponse;
  url: URL;
  method: string;
  host: string;
  rawHost: string | null;
  ip: string;
  body: string;
  receivedMs: number;
  /** Real time (performance.now()) the request began to arrive: the latency runs from here. */
  arrivedAt: number;
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
  errcode: number | null;
  kind: RequestKind;
  appid: string | null;
  endpoint: string | null;
  delayMs: number;
  hang: boolean;
  served: JsonObject[] | null;
}

type Gate = () => Reply | null;

function isReply(value: AccountState | Reply): value is Reply {
  return 'status' in value;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers.

function normalizeIp(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function firstHeader(value: string | string[] | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  const first = raw?.split(',')[0]?.trim();
  return first ? first : null;
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? host;
}

/** The WeChat host a request was addressed to; anything unknown counts as the general China host. */
function wechatHost(rawHost: string | null): string {
  if (!rawHost) return DEFAULT_HOST;
  const host = stripPort(rawHost).toLowerCase();
  return CHINA_HOSTS.has(host) || INTERNATIONAL_HOSTS.has(host) ? host : DEFAULT_HOST;
}

function hostRegion(host: string): AccountType {
  return INTERNATIONAL_HOSTS.has(host) ? 'international' : 'china';
}

function remainingFromCount(count: FaultCount | undefined): number {
  if (count === true || count === 'always') return Number.POSITIVE_INFINITY;
  if (typeof count === 'number' && count > 0) return count;
  return 0;
}

function consume(counters: FaultCounters, key: 'busy' | 'malformed' | 'http5xx'): boolean {
  if (counters[key] <= 0) return false;
  counters[key] -= 1;
  return true;
}

function newToken(): string {
  // Real tokens are ~136 opaque characters; a random body keeps tokens distinct across accounts and resets.
  return `93_${randomBytes(100).toString('base64url')}`;
}

function htmlPage(status: number, reason: string): string {
  const title = `${status} ${reason}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const HTTP_REASONS: Readonly<Record<number, string>> = {
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

function parseJsonObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatBeijing(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function increment(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

function retiredList(value: boolean | string[] | undefined): string[] {
  if (value === true) return [...DEPRECATED_ENDPOINTS];
  return Array.isArray(value) ? [...value] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing untrusted control/config input.

class InputError extends Error {}

function fieldOf(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function optionalNumber(obj: Record<string, unknown>, key: string): number | undefined {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(`${key} must be a number`);
  return value;
}

function optionalBoolean(obj: Record<string, unknown>, key: string): boolean | undefined {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new InputError(`${key} must be a boolean`);
  return value;
}

function requiredString(obj: Record<string, unknown>, key: string): string {
  const value = fieldOf(obj, key);
  if (typeof value !== 'string' || value === '') throw new InputError(`${key} must be a non-empty string`);
  return value;
}

function optionalStringList(obj: Record<string, unknown>, key: string): string[] | undefined {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new InputError(`${key} must be a list of strings`);
  }
  return value.map(String);
}

function optionalBooleanOrList(obj: Record<string, unknown>, key: string): boolean | string[] | undefined {
  const value = fieldOf(obj, key);
  return typeof value === 'boolean' ? value : optionalStringList(obj, key);
}

function optionalFaultCount(obj: Record<string, unknown>, key: string): FaultCount | undefined {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) return undefined;
  if (value === 'always' || typeof value === 'boolean') return value;
  return optionalNumber(obj, key);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InputError(`${what} must be a JSON object`);
  return value;
}

export function parseAccount(value: unknown): SimAccount {
  const obj = asRecord(value, 'account');
  const type = fieldOf(obj, 'type') ?? 'china';
  if (type !== 'china' && type !== 'international') throw new InputError('type must be china or international');
  const account: SimAccount = { appid: requiredString(obj, 'appid'), secret: requiredString(obj, 'secret'), type };
  const whitelist = optionalStringList(obj, 'whitelist');
  const dailyQuota = optionalNumber(obj, 'dailyQuota');
  const verified = optionalBoolean(obj, 'verified');
  if (whitelist !== undefined) account.whitelist = whitelist;
  if (dailyQuota !== undefined) account.dailyQuota = dailyQuota;
  if (verified !== undefined) account.verified = verified;
  return account;
}

function parseStatus5xx(obj: Record<string, unknown>): 500 | 502 | 503 | undefined {
  const status = optionalNumber(obj, 'http5xxStatus');
  if (status === undefined) return undefined;
  if (status !== 500 && status !== 502 && status !== 503) throw new InputError('http5xxStatus must be 500, 502 or 503');
  return status;
}

function parseMalformedKind(obj: Record<string, unknown>): AccountFaults['malformedKind'] {
  const kind = fieldOf(obj, 'malformedKind');
  if (kind === undefined || kind === null) return undefined;
  if (kind !== 'truncated' && kind !== 'text' && kind !== 'alternate') {
    throw new InputError('malformedKind must be truncated, text or alternate');
  }
  return kind;
}

export function parseFaults(value: unknown): AccountFaults {
  const obj = asRecord(value, 'faults');
  const known = new Set([
    'busy',
    'invalidateTokensAfter',
    'quotaAfter',
    'minuteQuota',
    'notReady',
    'malformed',
    'malformedKind',
    'http5xx',
    'http5xxStatus',
    'slowMs',
    'hang',
    'rangeError',
    'retired',
    'emptyList',
    'unknownFields',
    'largeResponse',
  ]);
  const unknown = Object.keys(obj).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new InputError(`unknown fault(s): ${unknown.join(', ')}`);
  const largeResponse = fieldOf(obj, 'largeResponse');
  const faults: AccountFaults = {
    busy: optionalFaultCount(obj, 'busy'),
    invalidateTokensAfter: optionalNumber(obj, 'invalidateTokensAfter'),
    quotaAfter: optionalNumber(obj, 'quotaAfter'),
    minuteQuota: optionalNumber(obj, 'minuteQuota'),
    notReady: optionalBoolean(obj, 'notReady'),
    malformed: optionalFaultCount(obj, 'malformed'),
    malformedKind: parseMalformedKind(obj),
    http5xx: optionalFaultCount(obj, 'http5xx'),
    http5xxStatus: parseStatus5xx(obj),
    slowMs: optionalNumber(obj, 'slowMs'),
    hang: optionalBoolean(obj, 'hang'),
    rangeError: optionalBoolean(obj, 'rangeError'),
    retired: optionalBooleanOrList(obj, 'retired'),
    emptyList: optionalBoolean(obj, 'emptyList'),
    unknownFields: optionalBoolean(obj, 'unknownFields'),
    largeResponse: typeof largeResponse === 'boolean' ? largeResponse : optionalNumber(obj, 'largeResponse'),
  };
  return Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)) as AccountFaults;
}

export function parseClockSetting(value: unknown): ClockSetting {
  const obj = asRecord(value, 'clock');
  const setting: ClockSetting = {};
  const nowMs = optionalNumber(obj, 'nowMs');
  const offsetMs = optionalNumber(obj, 'offsetMs');
  const advanceMs = optionalNumber(obj, 'advanceMs');
  const real = optionalBoolean(obj, 'real');
  if (nowMs !== undefined) setting.nowMs = nowMs;
  if (offsetMs !== undefined) setting.offsetMs = offsetMs;
  if (advanceMs !== undefined) setting.advanceMs = advanceMs;
  if (real !== undefined) setting.real = real;
  return setting;
}

function parseNotReadyMode(value: unknown): NotReadyMode | undefined {
  if (value === undefined || value === null) return undefined;
  if (value !== '61503' && value !== 'empty') throw new InputError("notReadyMode must be '61503' or 'empty'");
  return value;
}

export function parseSettings(value: unknown): Partial<SimulatorSettings> {
  const obj = asRecord(value, 'config');
  const settings: Partial<SimulatorSettings> = {};
  const latencyMs = optionalNumber(obj, 'latencyMs');
  const notReadyMode = parseNotReadyMode(fieldOf(obj, 'notReadyMode'));
  const retired = optionalBooleanOrList(obj, 'retiredEndpoints');
  if (latencyMs !== undefined) settings.latencyMs = latencyMs;
  if (notReadyMode !== undefined) settings.notReadyMode = notReadyMode;
  if (retired !== undefined) settings.retiredEndpoints = retiredList(retired);
  return settings;
}

/** SimulatorOptions from JSON (the CLI's --config); `now` cannot come from JSON. */
export function parseSimulatorConfig(value: unknown): SimulatorOptions {
  const obj = asRecord(value, 'config');
  const options: SimulatorOptions = {};
  const accounts = fieldOf(obj, 'accounts');
  if (accounts !== undefined) {
    if (!Array.isArray(accounts)) throw new InputError('accounts must be a list');
    options.accounts = accounts.map(parseAccount);
  }
  const faults = fieldOf(obj, 'faults');
  if (faults !== undefined) {
    options.faults = Object.fromEntries(
      Object.entries(asRecord(faults, 'faults')).map(([appid, f]) => [appid, parseFaults(f)]),
    );
  }
  const clock = fieldOf(obj, 'clock');
  if (clock !== undefined) options.clock = parseClockSetting(clock);
  const settings = parseSettings(obj);
  if (settings.latencyMs !== undefined) options.latencyMs = settings.latencyMs;
  if (settings.notReadyMode !== undefined) options.notReadyMode = settings.notReadyMode;
  if (settings.retiredEndpoints !== undefined) options.retiredEndpoints = settings.retiredEndpoints;
  const logLimit = optionalNumber(obj, 'logLimit');
  if (logLimit !== undefined) options.logLimit = logLimit;
  const logBodyLimit = optionalNumber(obj, 'logBodyLimit');
  if (logBodyLimit !== undefined) options.logBodyLimit = logBodyLimit;
  const clockHeader = fieldOf(obj, 'clockHeader');
  if (clockHeader !== undefined) {
    if (typeof clockHeader !== 'string' || clockHeader === '')
      throw new InputError('clockHeader must be a header name');
    options.clockHeader = clockHeader;
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------------
// Clock.

class SimClock {
  private fixedMs: number | null = null;
  private offsetMs = 0;

  constructor(private readonly base: () => number) {}

  now(): number {
    return this.fixedMs ?? this.base() + this.offsetMs;
  }

  apply(setting: ClockSetting): void {
    if (setting.real) {
      this.fixedMs = null;
      this.offsetMs = 0;
    }
    if (setting.offsetMs !== undefined) {
      this.fixedMs = null;
      this.offsetMs = setting.offsetMs;
    }
    if (setting.nowMs !== undefined) this.fixedMs = setting.nowMs;
    if (setting.advanceMs !== undefined) {
      if (this.fixedMs !== null) this.fixedMs += setting.advanceMs;
      else this.offsetMs += setting.advanceMs;
    }
  }

  state(): ClockState {
    const nowMs = this.now();
    return { nowMs, fixed: this.fixedMs !== null, offsetMs: this.offsetMs, beijing: formatBeijing(nowMs) };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The simulator.

function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    tokenCalls: { classic: 0, stable: 0, byAccount: {} },
    datacubeCalls: { total: 0, byAccount: {} },
    errcodes: {},
    httpStatus: {},
    servedItems: 0,
  };
}

function newCounters(faults: AccountFaults): FaultCounters {
  return {
    busy: remainingFromCount(faults.busy),
    malformed: remainingFromCount(faults.malformed),
    http5xx: remainingFromCount(faults.http5xx),
    hits5xx: 0,
    hitsMalformed: 0,
    invalidateAfter: faults.invalidateTokensAfter ?? null,
    quotaAfter: faults.quotaAfter ?? null,
  };
}

function newAccountState(account: SimAccount, faults: AccountFaults): AccountState {
  return {
    account,
    faults,
    counters: newCounters(faults),
    tokens: [],
    classicCurrent: null,
    stableCurrent: null,
    lastForceMs: null,
    forceDay: '',
    forceCount: 0,
    classicDay: '',
    classicCount: 0,
    quotaDay: '',
    quotaUsed: 0,
    minute: -1,
    minuteCalls: 0,
  };
}

class WeChatSimulator implements Simulator {
  private readonly clockImpl: SimClock;
  private readonly states = new Map<string, AccountState>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly served = new Map<string, JsonObject[]>();
  private logEntries: RequestLogEntry[] = [];
  private statsData: SimulatorStats = emptyStats();
  private settingsData: SimulatorSettings;
  private seq = 0;
  private ridCounter = 0;
  private server: Server | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logLimit: number;
  private readonly logBodyLimit: number;

  constructor(private readonly options: SimulatorOptions) {
    this.clockImpl = new SimClock(options.now ?? Date.now);
    this.logLimit = options.logLimit ?? 20_000;
    this.logBodyLimit = options.logBodyLimit ?? 16_384;
    this.settingsData = this.initialSettings();
    this.reset();
  }

  // -- public API ------------------------------------------------------------------------------------------------

  listen(port = 0, host = '127.0.0.1'): Promise<{ port: number }> {
    const server = createServer((req, res) => this.onRequest(req, res));
    server.keepAliveTimeout = 5_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, 1024, () => {
        server.off('error', reject);
        resolve({ port: (server.address() as AddressInfo).port });
      });
    });
  }

  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  reset(): void {
    this.clockImpl.apply({ real: true });
    if (this.options.clock) this.clockImpl.apply(this.options.clock);
    this.settingsData = this.initialSettings();
    this.states.clear();
    this.tokens.clear();
    this.served.clear();
    this.logEntries = [];
    this.statsData = emptyStats();
    const accounts = this.options.accounts ?? [{ ...DEMO_ACCOUNT }];
    for (const account of accounts) {
      this.states.set(account.appid, newAccountState({ ...account }, { ...this.options.faults?.[account.appid] }));
    }
  }

  setFaults(appid: string, faults: AccountFaults): void {
    const state = this.requireState(appid);
    state.faults = { ...faults };
    state.counters = newCounters(state.faults);
    state.minuteCalls = 0;
    if (state.counters.invalidateAfter !== null && state.counters.invalidateAfter <= 0) this.revokeAllTokens(state);
  }

  faults(appid: string): AccountFaults {
    return { ...this.requireState(appid).faults };
  }

  setClock(setting: ClockSetting): ClockState {
    this.clockImpl.apply(setting);
    return this.clockImpl.state();
  }

  clock(): ClockState {
    return this.clockImpl.state();
  }

  now(): number {
    return this.clockImpl.now();
  }

  private followCallerClock(req: IncomingMessage): void {
    const header = this.options.clockHeader;
    if (!header) return;
    const stamp = Number(firstHeader(req.headers[header.toLowerCase()]));
    if (Number.isFinite(stamp) && stamp > this.now()) this.clockImpl.apply({ nowMs: stamp });
  }

  upsertAccounts(accounts: SimAccount | SimAccount[]): SimAccount[] {
    for (const account of Array.isArray(accounts) ? accounts : [accounts]) {
      const existing = this.states.get(account.appid);
      if (existing) existing.account = { ...account };
      else this.states.set(account.appid, newAccountState({ ...account }, {}));
    }
    return this.accounts();
  }

  accounts(): SimAccount[] {
    return [...this.states.values()].map((state) => ({ ...state.account }));
  }

  configure(settings: Partial<SimulatorSettings>): SimulatorSettings {
    this.settingsData = { ...this.settingsData, ...settings };
    return this.settings();
  }

  settings(): SimulatorSettings {
    return { ...this.settingsData, retiredEndpoints: [...this.settingsData.retiredEndpoints] };
  }

  log(filter: LogFilter = {}): RequestLogEntry[] {
    return this.logEntries.filter(
      (entry) =>
        (filter.kind === undefined || entry.kind === filter.kind) &&
        (filter.appid === undefined || entry.appid === filter.appid) &&
        (filter.endpoint === undefined || entry.endpoint === filter.endpoint) &&
        (filter.errcode === undefined || entry.errcode === filter.errcode) &&
        (filter.sinceSeq === undefined || entry.seq > filter.sinceSeq),
    );
  }

  stats(): SimulatorStats {
    return structuredClone(this.statsData);
  }

  servedItems(appid: string, endpoint: string): JsonObject[] {
    return [...(this.served.get(`${appid}\u0001${endpoint}`) ?? [])];
  }

  // -- setup -----------------------------------------------------------------------------------------------------

  private initialSettings(): SimulatorSettings {
    return {
      latencyMs: this.options.latencyMs ?? 0,
      notReadyMode: this.options.notReadyMode ?? '61503',
      retiredEndpoints: retiredList(this.options.retiredEndpoints),
    };
  }

  private requireState(appid: string): AccountState {
    const state = this.states.get(appid);
    if (!state) throw new InputError(`unknown appid ${appid}`);
    return state;
  }

  // -- HTTP plumbing -----------------------------------------------------------------------------------------------

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => this.dispatch(req, res, Buffer.concat(chunks).toString('utf8'), arrivedAt));
    req.on('error', () => res.destroy());
  }

  private dispatch(req: IncomingMessage, res: ServerResponse, body: string, arrivedAt: number): void {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      this.handleControl(req.method ?? 'GET', url, body, res);
      return;
    }
    this.followCallerClock(req);
    const rawHost = firstHeader(req.headers['x-forwarded-host']) ?? firstHeader(req.headers.host);
    const exchange: Exchange = {
      res,
      url,
      method: req.method ?? 'GET',
      host: wechatHost(rawHost),
      rawHost,
      ip: normalizeIp(req.socket.remoteAddress ?? ''),
      body,
      receivedMs: this.now(),
      arrivedAt,
    };
    this.statsData.requests += 1;
    this.deliver(exchange, this.route(exchange));
  }

  private deliver(exchange: Exchange, reply: Reply): void {
    this.record(exchange, reply);
    if (reply.hang) return;
    const send = (): void => {
      const { res } = exchange;
      if (res.destroyed) return;
      res.writeHead(reply.status, {
        'Content-Type': reply.contentType,
        'Content-Length': Buffer.byteLength(reply.body),
      });
      res.end(reply.body);
      if (reply.served && reply.appid && reply.endpoint) this.recordServed(reply.appid, reply.endpoint, reply.served);
    };
    const waitMs = reply.delayMs - (performance.now() - exchange.arrivedAt);
    if (waitMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, waitMs);
    this.timers.add(timer);
  }

  private recordServed(appid: string, endpoint: string, items: JsonObject[]): void {
    const key = `${appid}\u0001${endpoint}`;
    const list = this.served.get(key) ?? [];
    list.push(...items);
    this.served.set(key, list);
    this.statsData.servedItems += items.length;
  }

  private clip(text: string): { text: string; clipped: boolean } {
    return text.length > this.logBodyLimit
      ? { text: text.slice(0, this.logBodyLimit), clipped: true }
      : { text, clipped: false };
  }

  private record(exchange: Exchange, reply: Reply): void {
    const requestBody = this.clip(exchange.body);
    const responseBody = this.clip(reply.hang ? '' : reply.body);
    this.seq += 1;
    this.logEntries.push({
      seq: this.seq,
      timeMs: exchange.receivedMs,
      kind: reply.kind,
      method: exchange.method,
      host: exchange.host,
      rawHost: exchange.rawHost,
      path: exchange.url.pathname,
      query: Object.fromEntries(exchange.url.searchParams),
      body: requestBody.text,
      ip: exchange.ip,
      appid: reply.appid,
      endpoint: reply.endpoint,
      status: reply.hang ? null : reply.status,
      errcode: reply.errcode,
      responseBody: responseBody.text,
      responseBytes: reply.hang ? 0 : Buffer.byteLength(reply.body),
      truncated: requestBody.clipped || responseBody.clipped,
    });
    if (this.logEntries.length > this.logLimit * 1.1) this.logEntries = this.logEntries.slice(-this.logLimit);
    if (!reply.hang) increment(this.statsData.httpStatus, String(reply.status));
    if (reply.status === 200 && !reply.hang) increment(this.statsData.errcodes, String(reply.errcode ?? 0));
  }

  // -- replies -----------------------------------------------------------------------------------------------------

  private rid(): string {
    this.ridCounter += 1;
    const seconds = Math.floor(this.now() / 1000);
    const mixed = Math.imul(this.ridCounter, 0x9e3779b1) >>> 0;
    return `${seconds.toString(16).padStart(8, '0')}-${this.ridCounter.toString(16).padStart(8, '0')}-${mixed.toString(16).padStart(8, '0')}`;
  }

  private reply(kind: RequestKind, appid: string | null, endpoint: string | null, partial: Partial<Reply>): Reply {
    const state = appid ? this.states.get(appid) : undefined;
    const delayMs = this.settingsData.latencyMs + (state?.faults.slowMs ?? 0);
    return {
      status: 200,
      contentType: JSON_CONTENT_TYPE,
      body: '',
      errcode: null,
      kind,
      appid,
      endpoint,
      delayMs,
      hang: false,
      served: null,
      ...partial,
    };
  }

  private errorReply(
    kind: RequestKind,
    appid: string | null,
    endpoint: string | null,
    errcode: number,
    errmsg = MESSAGES[errcode] ?? 'error',
  ): Reply {
    const body = JSON.stringify({ errcode, errmsg: `${errmsg} rid: ${this.rid()}` });
    return this.reply(kind, appid, endpoint, { body, errcode });
  }

  private httpErrorReply(kind: RequestKind, appid: string | null, endpoint: string | null, status: number): Reply {
    const body = htmlPage(status, HTTP_REASONS[status] ?? 'Error');
    return this.reply(kind, appid, endpoint, { status, body, contentType: HTML_CONTENT_TYPE });
  }

  private route(exchange: Exchange): Reply {
    const path = exchange.url.pathname;
    if (path === '/cgi-bin/token') return this.handleClassicToken(exchange);
    if (path === '/cgi-bin/stable_token') return this.handleStableToken(exchange);
    if (path.startsWith('/datacube/')) return this.handleDatacube(exchange);
    return this.httpErrorReply('unknown', null, null, 404);
  }

  // -- tokens ------------------------------------------------------------------------------------------------------

  private issueToken(state: AccountState, kind: TokenKind): TokenRecord {
    const record: TokenRecord = {
      token: newToken(),
      appid: state.account.appid,
      kind,
      expiresMs: this.now() + TOKEN_LIFETIME_MS,
      invalidFromMs: null,
    };
    this.pruneTokens(state);
    state.tokens.push(record);
    this.tokens.set(record.token, record);
    return record;
  }

  /** Forgets tokens that expired more than a day ago, so long runs do not grow without bound. */
  private pruneTokens(state: AccountState): void {
    const horizon = this.now() - 86_400_000;
    const stale = state.tokens.filter((t) => t.expiresMs < horizon);
    if (stale.length === 0) return;
    for (const record of stale) this.tokens.delete(record.token);
    state.tokens = state.tokens.filter((t) => t.expiresMs >= horizon);
  }

  private invalidateFrom(record: TokenRecord | null, fromMs: number): void {
    if (record && (record.invalidFromMs === null || record.invalidFromMs > fromMs)) record.invalidFromMs = fromMs;
  }

  private revokeAllTokens(state: AccountState): void {
    const now = this.now();
    for (const record of state.tokens) this.invalidateFrom(record, now);
  }

  private tokenReply(kind: RequestKind, state: AccountState, record: TokenRecord): Reply {
    const expiresIn = Math.max(0, Math.floor((record.expiresMs - this.now()) / 1000));
    const body = JSON.stringify({ access_token: record.token, expires_in: expiresIn });
    return this.reply(kind, state.account.appid, null, { body });
  }

  private ipAdmitted(account: SimAccount, ip: string): boolean {
    return account.whitelist === undefined || account.whitelist.map(normalizeIp).includes(ip);
  }

  private whitelistError(kind: RequestKind, appid: string, ip: string): Reply {
    const ipv6 = ip.includes(':') ? ip : `::ffff:${ip}`;
    return this.errorReply(kind, appid, null, 40164, `invalid ip ${ip} ipv6 ${ipv6}, not in whitelist`);
  }

  private countTokenCall(kind: TokenKind, appid: string | null): void {
    this.statsData.tokenCalls[kind] += 1;
    if (!appid || !this.states.has(appid)) return;
    const byAccount = this.statsData.tokenCalls.byAccount;
    const entry = byAccount[appid] ?? { classic: 0, stable: 0 };
    entry[kind] += 1;
    byAccount[appid] = entry;
  }

  /** Checks shared by both token endpoints; returns the account state or the error reply. */
  private checkTokenRequest(
    kind: RequestKind,
    exchange: Exchange,
    params: { grantType: unknown; appid: unknown; secret: unknown },
    wrongSecretCode: number,
  ): AccountState | Reply {
    if (params.grantType !== 'client_credential') return this.errorReply(kind, null, null, 40002);
    if (typeof params.appid !== 'string' || params.appid === '') return this.errorReply(kind, null, null, 41002);
    const state = this.states.get(params.appid);
    if (!state) return this.errorReply(kind, null, null, 40013);
    const appid = state.account.appid;
    if (hostRegion(exchange.host) !== state.account.type) return this.errorReply(kind, appid, null, 50001);
    if (typeof params.secret !== 'string' || params.secret === '') return this.errorReply(kind, appid, null, 41004);
    if (params.secret !== state.account.secret) return this.errorReply(kind, appid, null, wrongSecretCode);
    if (!this.ipAdmitted(state.account, exchange.ip)) return this.whitelistError(kind, appid, exchange.ip);
    return state;
  }

  private handleClassicToken(exchange: Exchange): Reply {
    const query = exchange.url.searchParams;
    const appid = query.get('appid');
    this.countTokenCall('classic', appid);
    const params = { grantType: query.get('grant_type'), appid, secret: query.get('secret') };
    const checked = this.checkTokenRequest('token', exchange, params, 40001);
    if (isReply(checked)) return checked;
    const state = checked;
    const today = beijingDate(this.now());
    if (state.classicDay !== today) {
      state.classicDay = today;
      state.classicCount = 0;
    }
    if (state.classicCount >= CLASSIC_TOKENS_PER_DAY) return this.errorReply('token', state.account.appid, null, 45009);
    state.classicCount += 1;
    // Each fetch supersedes the previous token, which stays usable for five more minutes.
    this.invalidateFrom(state.classicCurrent, this.now() + OVERLAP_MS);
    state.classicCurrent = this.issueToken(state, 'classic');
    return this.tokenReply('token', state, state.classicCurrent);
  }

  private handleStableToken(exchange: Exchange): Reply {
    const kind: RequestKind = 'stable_token';
    const parsed = exchange.body.trim() === '' ? null : parseJsonObject(exchange.body);
    const appidGuess = parsed && typeof parsed.appid === 'string' ? parsed.appid : null;
    this.countTokenCall('stable', appidGuess);
    if (exchange.method !== 'POST') return this.errorReply(kind, null, null, 43002);
    if (exchange.body.trim() === '') return this.errorReply(kind, null, null, 44002);
    if (!parsed) return this.errorReply(kind, null, null, 47001);
    const params = { grantType: parsed.grant_type, appid: parsed.appid, secret: parsed.secret };
    const checked = this.checkTokenRequest(kind, exchange, params, 40125);
    if (isReply(checked)) return checked;
    return parsed.force_refresh === true ? this.forceRefresh(checked) : this.stableNormal(checked);
  }

  private isUsable(record: TokenRecord | null, now: number): record is TokenRecord {
    return record !== null && now < record.expiresMs && (record.invalidFromMs === null || now < record.invalidFromMs);
  }

  /** Same token while valid; inside its last five minutes a new one (the old one keeps its own expiry). */
  private stableNormal(state: AccountState): Reply {
    const now = this.now();
    const current = state.stableCurrent;
    if (this.isUsable(current, now) && now < current.expiresMs - RENEWAL_WINDOW_MS) {
      return this.tokenReply('stable_token', state, current);
    }
    state.stableCurrent = this.issueToken(state, 'stable');
    return this.tokenReply('stable_token', state, state.stableCurrent);
  }

  private forceRefresh(state: AccountState): Reply {
    const now = this.now();
    // Within 30 s of the last forced refresh nothing is refreshed: the caller gets the current token.
    if (state.lastForceMs !== null && now - state.lastForceMs < FORCE_REFRESH_GAP_MS) return this.stableNormal(state);
    const today = beijingDate(now);
    if (state.forceDay !== today) {
      state.forceDay = today;
      state.forceCount = 0;
    }
    if (state.forceCount >= FORCE_REFRESHES_PER_DAY) {
      return this.errorReply('stable_token', state.account.appid, null, 45009);
    }
    state.forceCount += 1;
    state.lastForceMs = now;
    for (const record of state.tokens) if (record.kind === 'stable') this.invalidateFrom(record, now);
    state.stableCurrent = this.issueToken(state, 'stable');
    return this.tokenReply('stable_token', state, state.stableCurrent);
  }

  // -- datacube ----------------------------------------------------------------------------------------------------

  private countDatacubeCall(appid: string, endpoint: string): void {
    const byAccount = this.statsData.datacubeCalls.byAccount;
    const entry = byAccount[appid] ?? { total: 0, byEndpoint: {} };
    entry.total += 1;
    increment(entry.byEndpoint, endpoint);
    byAccount[appid] = entry;
  }

  /** Resolves the access token to an account, or the error WeChat gives for it. */
  private authenticate(exchange: Exchange, endpoint: string): AccountState | Reply {
    const token = exchange.url.searchParams.get('access_token');
    if (!token) return this.errorReply('datacube', null, endpoint, 41001);
    const record = this.tokens.get(token);
    const state = record ? this.states.get(record.appid) : undefined;
    if (!record || !state) return this.errorReply('datacube', null, endpoint, 40014);
    const now = this.now();
    const appid = state.account.appid;
    if (now >= record.expiresMs) return this.errorReply('datacube', appid, endpoint, 42001);
    if (record.invalidFromMs !== null && now >= record.invalidFromMs) {
      return this.errorReply('datacube', appid, endpoint, 40001);
    }
    if (hostRegion(exchange.host) !== state.account.type) return this.errorReply('datacube', appid, endpoint, 50001);
    if (state.account.verified === false) return this.errorReply('datacube', appid, endpoint, 48001);
    return state;
  }

  /** invalidateTokensAfter: the N-th call still succeeds; every token is revoked right after it. */
  private noteAuthenticatedCall(state: AccountState): void {
    const counters = state.counters;
    if (counters.invalidateAfter === null) return;
    counters.invalidateAfter -= 1;
    if (counters.invalidateAfter > 0) return;
    counters.invalidateAfter = null;
    this.revokeAllTokens(state);
  }

  private handleDatacube(exchange: Exchange): Reply {
    const endpoint = exchange.url.pathname.slice('/datacube/'.length);
    const spec = endpointSpec(endpoint);
    this.statsData.datacubeCalls.total += 1;
    if (!spec) return this.httpErrorReply('datacube', null, null, 404);
    const state = this.authenticate(exchange, endpoint);
    if (isReply(state)) return state;
    const appid = state.account.appid;
    this.countDatacubeCall(appid, endpoint);
    this.noteAuthenticatedCall(state);
    const gates: Gate[] = [
      () => this.transportFaultGate(state, endpoint),
      () => (exchange.method === 'POST' ? null : this.errorReply('datacube', appid, endpoint, 43002)),
      () => (consume(state.counters, 'busy') ? this.errorReply('datacube', appid, endpoint, -1) : null),
      () => this.retiredGate(state, endpoint),
      () => this.quotaGate(state, endpoint),
    ];
    for (const gate of gates) {
      const reply = gate();
      if (reply) return reply;
    }
    if (exchange.body.trim() === '') return this.errorReply('datacube', appid, endpoint, 44002);
    const body = parseJsonObject(exchange.body);
    if (!body) return this.errorReply('datacube', appid, endpoint, 47001);
    return this.answerDatacube(state, spec, body);
  }

  private transportFaultGate(state: AccountState, endpoint: string): Reply | null {
    const appid = state.account.appid;
    if (state.faults.hang) return this.reply('datacube', appid, endpoint, { hang: true });
    if (!consume(state.counters, 'http5xx')) return null;
    const cycle = [502, 503, 500];
    const status = state.faults.http5xxStatus ?? cycle[state.counters.hits5xx % cycle.length] ?? 502;
    state.counters.hits5xx += 1;
    return this.httpErrorReply('datacube', appid, endpoint, status);
  }

  private retiredGate(state: AccountState, endpoint: string): Reply | null {
    const perAccount = retiredList(state.faults.retired);
    const retired = this.settingsData.retiredEndpoints.includes(endpoint) || perAccount.includes(endpoint);
    return retired ? this.errorReply('datacube', state.account.appid, endpoint, 47009) : null;
  }

  private quotaGate(state: AccountState, endpoint: string): Reply | null {
    const now = this.now();
    const today = beijingDate(now);
    if (state.quotaDay !== today) {
      state.quotaDay = today;
      state.quotaUsed = 0;
    }
    const minute = Math.floor(now / 60_000);
    if (state.minute !== minute) {
      state.minute = minute;
      state.minuteCalls = 0;
    }
    const appid = state.account.appid;
    const { dailyQuota } = state.account;
    if (dailyQuota !== undefined && state.quotaUsed >= dailyQuota)
      return this.errorReply('datacube', appid, endpoint, 45009);
    const { counters, faults } = state;
    if (counters.quotaAfter !== null && counters.quotaAfter <= 0)
      return this.errorReply('datacube', appid, endpoint, 45009);
    if (faults.minuteQuota !== undefined && state.minuteCalls >= faults.minuteQuota) {
      return this.errorReply('datacube', appid, endpoint, 45011);
    }
    state.quotaUsed += 1;
    state.minuteCalls += 1;
    if (counters.quotaAfter !== null) counters.quotaAfter -= 1;
    return null;
  }

  /** Dates → 61500 / 61501, readiness → 61503, then the data. */
  private answerDatacube(state: AccountState, spec: EndpointSpec, body: JsonObject): Reply {
    const appid = state.account.appid;
    const endpoint = spec.name;
    const error = (code: number): Reply => this.errorReply('datacube', appid, endpoint, code);
    if (state.faults.rangeError) return error(61501);
    const begin = body.begin_date;
    const end = body.end_date;
    if (typeof begin !== 'string' || typeof end !== 'string' || !isValidIsoDate(begin) || !isValidIsoDate(end)) {
      return error(61500);
    }
    const now = this.now();
    const today = beijingDate(now);
    const span = dayNumber(end) - dayNumber(begin) + 1;
    if (span < 1 || span > spec.maxSpanDays || end >= today) return error(61501);
    const yesterday = addDays(today, -1);
    const ready = beijingHour(now) >= 8;
    if (state.faults.notReady) return error(61503);
    if (!ready && end >= yesterday && this.settingsData.notReadyMode === '61503') return error(61503);
    const newestDate = ready ? yesterday : addDays(today, -2);
    const data = generateData({ appid, endpoint, beginDate: begin, endDate: end, newestDate });
    return this.successReply(state, spec, state.faults.emptyList ? [] : data.list, data.isDelay);
  }

  private successReply(state: AccountState, spec: EndpointSpec, items: JsonObject[], isDelay: boolean | null): Reply {
    const { faults } = state;
    const list = faults.unknownFields ? addUnknownFields(spec.name, items) : items;
    const envelope: JsonObject = {};
    if (isDelay !== null) envelope.is_delay = isDelay;
    envelope.list = list;
    if (faults.unknownFields) envelope.unknown_envelope_field = { version: 2, note: 'added by a future WeChat' };
    let body = JSON.stringify(envelope);
    const padding = faults.largeResponse === true ? LARGE_RESPONSE_BYTES : Number(faults.largeResponse ?? 0);
    if (padding > 0) body = `${body.slice(0, -1)},"ext_padding":"${'x'.repeat(padding)}"}`;
    const appid = state.account.appid;
    if (consume(state.counters, 'malformed')) {
      return this.reply('datacube', appid, spec.name, { body: this.corrupt(state, body), errcode: null });
    }
    return this.reply('datacube', appid, spec.name, { body, served: list });
  }

  private corrupt(state: AccountState, body: string): string {
    const kind = state.faults.malformedKind ?? 'alternate';
    const hit = state.counters.hitsMalformed;
    state.counters.hitsMalformed += 1;
    const truncated = kind === 'truncated' || (kind === 'alternate' && hit % 2 === 0);
    // A strict prefix of a JSON object is never valid JSON.
    return truncated ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : 'upstream busy, please retry\n';
  }

  // -- control API -------------------------------------------------------------------------------------------------

  private handleControl(method: string, url: URL, body: string, res: ServerResponse): void {
    let status = 200;
    let payload: unknown;
    try {
      payload = this.control(method, url.pathname.slice(CONTROL_PREFIX.length), url.searchParams, body);
      if (payload === undefined) {
        status = 404;
        payload = { error: `no control route ${method} ${url.pathname}` };
      }
    } catch (error) {
      status = error instanceof InputError ? 400 : 500;
      payload = { error: error instanceof Error ? error.message : String(error) };
    }
    const text = JSON.stringify(payload);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private controlBody(body: string): unknown {
    if (body.trim() === '') return {};
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new InputError('body is not JSON');
    }
  }

  /** Returns the JSON answer, or undefined for an unknown route. */
  private control(method: string, route: string, query: URLSearchParams, text: string): unknown {
    switch (`${method} ${route}`) {
      case 'GET log':
        return { entries: this.log(logFilterFrom(query)) };
      case 'POST reset':
        this.reset();
        return { ok: true };
      case 'GET faults':
        return { appid: query.get('appid'), faults: this.faults(query.get('appid') ?? '') };
      case 'POST faults': {
        const body = asRecord(this.controlBody(text), 'body');
        const appid = requiredString(body, 'appid');
        this.setFaults(appid, parseFaults(fieldOf(body, 'faults') ?? {}));
        return { appid, faults: this.faults(appid) };
      }
      case 'GET clock':
        return this.clock();
      case 'POST clock':
        return this.setClock(parseClockSetting(this.controlBody(text)));
      case 'GET accounts':
        return { accounts: this.accounts() };
      case 'POST accounts':
        return { accounts: this.upsertAccounts(parseAccountsBody(this.controlBody(text))) };
      case 'GET config':
        return this.settings();
      case 'POST config':
        return this.configure(parseSettings(this.controlBody(text)));
      case 'GET served':
        return { items: this.servedItems(query.get('appid') ?? '', query.get('endpoint') ?? '') };
      case 'GET stats':
        return this.stats();
      default:
        return undefined;
    }
  }
}

function parseAccountsBody(value: unknown): SimAccount[] {
  if (Array.isArray(value)) return value.map(parseAccount);
  const obj = asRecord(value, 'body');
  const accounts = fieldOf(obj, 'accounts');
  if (accounts === undefined) return [parseAccount(obj)];
  if (!Array.isArray(accounts)) throw new InputError('accounts must be a list');
  return accounts.map(parseAccount);
}

const REQUEST_KINDS: readonly RequestKind[] = ['token', 'stable_token', 'datacube', 'unknown'];

function logFilterFrom(query: URLSearchParams): LogFilter {
  const filter: LogFilter = {};
  const kind = REQUEST_KINDS.find((k) => k === query.get('kind'));
  if (kind) filter.kind = kind;
  const appid = query.get('appid');
  if (appid) filter.appid = appid;
  const endpoint = query.get('endpoint');
  if (endpoint) filter.endpoint = endpoint;
  const errcode = query.get('errcode');
  if (errcode) filter.errcode = Number(errcode);
  const since = query.get('sinceSeq');
  if (since) filter.sinceSeq = Number(since);
  return filter;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return new WeChatSimulator(options);
}
