/** What travels over HTTP: the WeChat hosts, error messages, one exchange (request) and its reply. */
import type { ServerResponse } from 'node:http';
import { isPlainObject } from './config';
import type { JsonObject } from './data';
import type { AccountType, RequestKind } from './types';

export const LARGE_RESPONSE_BYTES = 20 * 1024 * 1024;
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';
export const HTML_CONTENT_TYPE = 'text/html';
export const DEFAULT_HOST = 'api.weixin.qq.com';
export const CHINA_HOSTS = new Set([
  'api.weixin.qq.com',
  'api2.weixin.qq.com',
  'sh.api.weixin.qq.com',
  'sz.api.weixin.qq.com',
  'hk.api.weixin.qq.com',
]);
export const INTERNATIONAL_HOSTS = new Set(['api.wechat.com']);
export const CONTROL_PREFIX = '/__sim/';

export const MESSAGES: Readonly<Record<number, string>> = {
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
  76003: 'invalid cgi_path',
  76021: 'cgi_path not found, please check',
  76022: 'could not use this cgi_path,no permission',
};

export interface Exchange {
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

export interface Reply {
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

export type Gate = () => Reply | null;

export function normalizeIp(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

export function firstHeader(value: string | string[] | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  const first = raw?.split(',')[0]?.trim();
  return first ? first : null;
}

export function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? host;
}

/** The WeChat host a request was addressed to; anything unknown counts as the general China host. */
export function wechatHost(rawHost: string | null): string {
  if (!rawHost) return DEFAULT_HOST;
  const host = stripPort(rawHost).toLowerCase();
  return CHINA_HOSTS.has(host) || INTERNATIONAL_HOSTS.has(host) ? host : DEFAULT_HOST;
}

export function hostRegion(host: string): AccountType {
  return INTERNATIONAL_HOSTS.has(host) ? 'international' : 'china';
}

export function htmlPage(status: number, reason: string): string {
  const title = `${status} ${reason}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export const HTTP_REASONS: Readonly<Record<number, string>> = {
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

export function parseJsonObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

export function increment(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}
