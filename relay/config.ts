/**
 * The relay's configuration: accounts (App ID, display name, App Secret, Account Type) with the keys allowed to use
 * each, WeChat's hosts per Account Type, limits, and how many reverse proxies in front may name the client address. Read from JSON (RELAY_CONFIG, or a file named by
 * RELAY_CONFIG_FILE), checked strictly: unknown fields, a missing key or a weak key stop the relay from starting.
 * Error messages name the field, never a secret or key value.
 */
import { isIP } from 'node:net';
import { type KeyGrant, keyWeakness } from './auth';

export type AccountType = 'china' | 'international';

export interface RelayAccount {
  appId: string;
  /** Shown in the add-on's account picker (GET /accounts); default the App ID. */
  name: string;
  appSecret: string;
  type: AccountType;
}

/** One WeChat host: where to connect, and the host name to send (Host header, TLS server name). */
export interface UpstreamBase {
  /** Origin without a trailing slash, e.g. https://api.weixin.qq.com. */
  url: string;
  host: string;
}

export interface UpstreamSettings {
  /** Bases in failover order, per Account Type. */
  hosts: Record<AccountType, UpstreamBase[]>;
  /** Local address outgoing calls leave from (a host with several addresses; tests bind 127.0.0.2). */
  localAddress?: string;
  /**
   * Per attempt, counted from when the attempt has a socket (waiting for a free socket is not counted). Only an
   * attempt that never reached WeChat (no connection) fails over to the next host.
   */
  timeoutMs: number;
  maxResponseBytes: number;
  /** Connections per WeChat host; more calls than this wait for a free one. */
  maxSockets: number;
}

export interface RelayLimits {
  maxBodyBytes: number;
  /** Sustained requests per minute per key. */
  ratePerMinute: number;
  /** Requests a key may send at once before the sustained rate applies. */
  burst: number;
  /** Failed authentications per client address: this many at once, then refused (429) until the rate refills. */
  failedAuthBurst: number;
  failedAuthPerMinute: number;
}

export interface RelayConfig {
  accounts: RelayAccount[];
  /** One entry per key name, with every App ID it may use. */
  keys: KeyGrant[];
  upstream: UpstreamSettings;
  limits: RelayLimits;
  /**
   * Reverse proxies in front of the relay (Caddy, Cloud Run's front end) that append the caller's address to
   * X-Forwarded-For: the client address is that many entries from its end. 0 = the TCP peer (no proxy).
   */
  trustedProxyHops: number;
}

/** The configuration as written (RELAY_CONFIG / RELAY_CONFIG_FILE / startRelay); see docs/relay.md. */
export interface RelayConfigInput {
  accounts: {
    appId: string;
    /** Default: the App ID. */
    name?: string;
    appSecret: string;
    /** Default "china". */
    type?: AccountType;
    keys: { name: string; key: string }[];
  }[];
  upstream?: {
    china?: (string | { url: string; host?: string })[];
    international?: (string | { url: string; host?: string })[];
    localAddress?: string;
    timeoutMs?: number;
    maxResponseBytes?: number;
    maxSockets?: number;
  };
  limits?: Partial<RelayLimits>;
  /** Default 0. */
  trustedProxyHops?: number;
}

export const DEFAULT_HOSTS: Readonly<Record<AccountType, readonly string[]>> = {
  china: ['https://api.weixin.qq.com', 'https://api2.weixin.qq.com'],
  international: ['https://api.wechat.com'],
};

export const DEFAULT_LIMITS: Readonly<RelayLimits> = {
  maxBodyBytes: 16 * 1024,
  ratePerMinute: 1200,
  burst: 200,
  failedAuthBurst: 20,
  failedAuthPerMinute: 10,
};
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;
/** Enough for every request of a full burst to have its own connection while WeChat is slow. */
export const DEFAULT_MAX_SOCKETS = 512;
/** UrlFetchApp cannot take more than 50 MB either. */
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, path: string, allowed: readonly string[]): Obj {
  if (!isObject(value)) throw new ConfigError(`${path} must be a JSON object`);
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new ConfigError(`${path} has unknown field(s): ${unknown.join(', ')}`);
  return value;
}

function stringAt(obj: Obj, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ConfigError(`${path}.${key} must be a non-empty string`);
  return value.trim();
}

function positiveIntAt(obj: Obj, key: string, path: string, fallback: number): number {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${path}.${key} must be a positive whole number`);
  }
  return value;
}

function wholeNumberAt(obj: Obj, key: string, path: string, fallback: number, max: number): number {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ConfigError(`${path}.${key} must be a whole number from 0 to ${max}`);
  }
  return value;
}

function listAt(obj: Obj, key: string, path: string): unknown[] {
  const value = obj[key];
  if (!Array.isArray(value) || value.length === 0) throw new ConfigError(`${path}.${key} must be a non-empty list`);
  return value;
}

const APP_ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_ACCOUNT_NAME = 100;
const MAX_PROXY_HOPS = 5;

interface ParsedKey {
  name: string;
  key: string;
  path: string;
}

function parseKey(value: unknown, path: string): ParsedKey {
  const obj = objectAt(value, path, ['name', 'key']);
  const name = stringAt(obj, 'name', path);
  if (!KEY_NAME.test(name)) throw new ConfigError(`${path}.name must be 1-64 letters, digits, '.', '_' or '-'`);
  if (typeof obj.key !== 'string' || obj.key === '') throw new ConfigError(`${path}.key must be a non-empty string`);
  const weakness = keyWeakness(obj.key);
  if (weakness) {
    throw new ConfigError(
      `${path}.key (${name}) is too weak: it ${weakness}. Generate one with: node .build/relay/server.js --generate-key`,
    );
  }
  return { name, key: obj.key, path };
}

function parseAccount(value: unknown, path: string): { account: RelayAccount; keys: ParsedKey[] } {
  const obj = objectAt(value, path, ['appId', 'name', 'appSecret', 'type', 'keys']);
  const appId = stringAt(obj, 'appId', path);
  if (!APP_ID.test(appId)) throw new ConfigError(`${path}.appId must be 1-64 letters, digits, '_' or '-'`);
  const name = obj.name === undefined ? appId : stringAt(obj, 'name', path);
  if (name.length > MAX_ACCOUNT_NAME || [...name].some((char) => char < ' ' || char === '\u007f')) {
    throw new ConfigError(`${path}.name must be at most ${MAX_ACCOUNT_NAME} characters without control characters`);
  }
  if (typeof obj.appSecret !== 'string' || obj.appSecret.length < 8) {
    throw new ConfigError(`${path}.appSecret must be the account's App Secret`);
  }
  const type = obj.type ?? 'china';
  if (type !== 'china' && type !== 'international') {
    throw new ConfigError(`${path}.type must be "china" or "international"`);
  }
  const keys = listAt(obj, 'keys', path).map((key, index) => parseKey(key, `${path}.keys[${index}]`));
  return { account: { appId, name, appSecret: obj.appSecret, type }, keys };
}

/** Merges keys by name: one name is one key value; the same key may be listed under several accounts. */
function grantsOf(parsed: { account: RelayAccount; keys: ParsedKey[] }[]): KeyGrant[] {
  const byName = new Map<string, KeyGrant & { appIds: string[] }>();
  const nameByKey = new Map<string, string>();
  const secrets = new Set(parsed.map((p) => p.account.appSecret));
  for (const { account, keys } of parsed) {
    for (const { name, key, path } of keys) {
      if (secrets.has(key)) throw new ConfigError(`${path}.key (${name}) must not be an App Secret`);
      const existing = byName.get(name);
      if (existing && existing.key !== key) {
        throw new ConfigError(`${path}: key name "${name}" is used for two different keys`);
      }
      const otherName = nameByKey.get(key);
      if (otherName !== undefined && otherName !== name) {
        throw new ConfigError(`${path}: key "${name}" has the same value as key "${otherName}"`);
      }
      nameByKey.set(key, name);
      const grant = existing ?? { name, key, appIds: [] };
      if (!grant.appIds.includes(account.appId)) grant.appIds.push(account.appId);
      byName.set(name, grant);
    }
  }
  return [...byName.values()];
}

function parseBase(value: unknown, path: string): UpstreamBase {
  const obj: Obj = typeof value === 'string' ? { url: value } : objectAt(value, path, ['url', 'host']);
  const text = stringAt(obj, 'url', path);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${path}.url is not a URL`);
  }
  const originOnly = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !originOnly || url.username || url.password) {
    throw new ConfigError(`${path}.url must be an http(s) origin such as https://api.weixin.qq.com`);
  }
  const host = obj.host === undefined ? url.host : stringAt(obj, 'host', path);
  return { url: url.origin, host };
}

function parseHosts(obj: Obj, type: AccountType, path: string): UpstreamBase[] {
  if (obj[type] === undefined) return DEFAULT_HOSTS[type].map((url) => parseBase(url, `${path}.${type}`));
  return listAt(obj, type, path).map((base, index) => parseBase(base, `${path}.${type}[${index}]`));
}

function parseUpstream(value: unknown): UpstreamSettings {
  const path = 'upstream';
  const obj = objectAt(value ?? {}, path, [
    'china',
    'international',
    'localAddress',
    'timeoutMs',
    'maxResponseBytes',
    'maxSockets',
  ]);
  const settings: UpstreamSettings = {
    hosts: { china: parseHosts(obj, 'china', path), international: parseHosts(obj, 'international', path) },
    timeoutMs: positiveIntAt(obj, 'timeoutMs', path, DEFAULT_UPSTREAM_TIMEOUT_MS),
    maxResponseBytes: positiveIntAt(obj, 'maxResponseBytes', path, DEFAULT_MAX_RESPONSE_BYTES),
    maxSockets: positiveIntAt(obj, 'maxSockets', path, DEFAULT_MAX_SOCKETS),
  };
  if (obj.localAddress !== undefined) {
    const localAddress = stringAt(obj, 'localAddress', path);
    if (isIP(localAddress) === 0) throw new ConfigError(`${path}.localAddress must be an IP address`);
    settings.localAddress = localAddress;
  }
  return settings;
}

function parseLimits(value: unknown): RelayLimits {
  const path = 'limits';
  const fields = Object.keys(DEFAULT_LIMITS) as (keyof RelayLimits)[];
  const obj = objectAt(value ?? {}, path, fields);
  const limits = { ...DEFAULT_LIMITS };
  for (const field of fields) limits[field] = positiveIntAt(obj, field, path, DEFAULT_LIMITS[field]);
  return limits;
}

/** Checks a configuration (the parsed JSON) and fills in the defaults. Throws ConfigError. */
export function parseRelayConfig(input: unknown): RelayConfig {
  const obj = objectAt(input, 'config', ['accounts', 'upstream', 'limits', 'trustedProxyHops']);
  if (obj.accounts === undefined) throw new ConfigError('config.accounts is missing: the relay serves no account');
  const parsed = listAt(obj, 'accounts', 'config').map((account, index) => parseAccount(account, `accounts[${index}]`));
  const seen = new Set<string>();
  for (const { account } of parsed) {
    if (seen.has(account.appId)) throw new ConfigError(`App ID ${account.appId} is configured twice`);
    seen.add(account.appId);
  }
  return {
    accounts: parsed.map((p) => p.account),
    keys: grantsOf(parsed),
    upstream: parseUpstream(obj.upstream),
    limits: parseLimits(obj.limits),
    trustedProxyHops: wholeNumberAt(obj, 'trustedProxyHops', 'config', 0, MAX_PROXY_HOPS),
  };
}

/** From RELAY_CONFIG (JSON) or RELAY_CONFIG_FILE (a path to JSON); exactly one of them. */
export function loadRelayConfig(
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): RelayConfig {
  const inline = env.RELAY_CONFIG;
  const file = env.RELAY_CONFIG_FILE;
  if (inline && file) throw new ConfigError('Set RELAY_CONFIG or RELAY_CONFIG_FILE, not both');
  if (!inline && !file) throw new ConfigError('Set RELAY_CONFIG (JSON) or RELAY_CONFIG_FILE (path to a JSON file)');
  let text: string;
  if (inline) {
    text = inline;
  } else {
    try {
      text = readFile(file ?? '');
    } catch {
      throw new ConfigError(`Cannot read RELAY_CONFIG_FILE ${file}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the error, which may hold a secret: never pass its message on.
    throw new ConfigError(`${inline ? 'RELAY_CONFIG' : `RELAY_CONFIG_FILE ${file}`} is not valid JSON`);
  }
  return parseRelayConfig(json);
}
