/** Parsing untrusted control/config input (the control API and the CLI's --config) into simulator options. */
import { DEPRECATED_ENDPOINTS } from './data';
import type {
  AccountFaults,
  ClockSetting,
  FaultCount,
  LogFilter,
  NotReadyMode,
  RequestKind,
  SimAccount,
  SimulatorOptions,
  SimulatorSettings,
} from './types';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function retiredList(value: boolean | string[] | undefined): string[] {
  if (value === true) return [...DEPRECATED_ENDPOINTS];
  return Array.isArray(value) ? [...value] : [];
}

export class InputError extends Error {}

export function fieldOf(obj: Record<string, unknown>, key: string): unknown {
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

export function requiredString(obj: Record<string, unknown>, key: string): string {
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

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InputError(`${what} must be a JSON object`);
  return value;
}

function parseDailyQuota(obj: Record<string, unknown>): SimAccount['dailyQuota'] {
  const value = fieldOf(obj, 'dailyQuota');
  if (!isPlainObject(value)) return optionalNumber(obj, 'dailyQuota');
  const limits: Record<string, number> = {};
  for (const [endpoint, limit] of Object.entries(value)) {
    if (typeof limit !== 'number' || !Number.isFinite(limit))
      throw new InputError(`dailyQuota.${endpoint} must be a number`);
    limits[endpoint] = limit;
  }
  return limits;
}

export function parseAccount(value: unknown): SimAccount {
  const obj = asRecord(value, 'account');
  const type = fieldOf(obj, 'type') ?? 'china';
  if (type !== 'china' && type !== 'international') throw new InputError('type must be china or international');
  const account: SimAccount = { appid: requiredString(obj, 'appid'), secret: requiredString(obj, 'secret'), type };
  const whitelist = fieldOf(obj, 'whitelist') === 'off' ? 'off' : optionalStringList(obj, 'whitelist');
  const dailyQuota = parseDailyQuota(obj);
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

export function parseAccountsBody(value: unknown): SimAccount[] {
  if (Array.isArray(value)) return value.map(parseAccount);
  const obj = asRecord(value, 'body');
  const accounts = fieldOf(obj, 'accounts');
  if (accounts === undefined) return [parseAccount(obj)];
  if (!Array.isArray(accounts)) throw new InputError('accounts must be a list');
  return accounts.map(parseAccount);
}

const REQUEST_KINDS: readonly RequestKind[] = ['token', 'stable_token', 'datacube', 'quota', 'unknown'];

export function logFilterFrom(query: URLSearchParams): LogFilter {
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
