/**
 * WeChat's own count of an account's calls: `POST /cgi-bin/openapi/quota/get` with `{"cgi_path": "/datacube/<name>"}`
 * answers `{"errcode":0,"errmsg":"ok","quota":{"daily_limit":N,"used":N,"remain":N}}` for one API (WeChat counts
 * daily quotas per API). Direct accounts call it with their access token; Relay accounts through the relay, which
 * forwards it with the account's token (the relay's contract: the key and the App ID in headers, no token).
 */
import type { HttpRequest } from '../gas/http';
import type { JsonObject } from '../reports/types';
import type { WeChatConnection } from './connection';
import { badResponseError, type ErrorInfo } from './errors';
import type { WeChatTransport } from './transport';

export interface ApiQuota {
  endpoint: string;
  dailyLimit: number;
  used: number;
  remain: number;
}

export const QUOTA_PATH = '/cgi-bin/openapi/quota/get';

/** The quota request for one datacube endpoint against `baseUrl` (a WeChat host, or the relay). */
export function quotaRequest(
  connection: WeChatConnection,
  baseUrl: string,
  endpoint: string,
  accessToken?: string,
): HttpRequest {
  const json = { cgi_path: `/datacube/${endpoint}` };
  if (connection.kind === 'relay') {
    return {
      url: `${baseUrl}${QUOTA_PATH}`,
      method: 'post',
      headers: { Authorization: `Bearer ${connection.relayKey ?? ''}`, 'X-WeChat-AppId': connection.appId },
      json,
    };
  }
  return { url: `${baseUrl}${QUOTA_PATH}?access_token=${encodeURIComponent(accessToken ?? '')}`, method: 'post', json };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The quota in WeChat's answer, or undefined when the answer does not have one. */
export function quotaOf(endpoint: string, body: JsonObject): ApiQuota | undefined {
  const quota = body.quota;
  if (typeof quota !== 'object' || quota === null || Array.isArray(quota)) return undefined;
  const record = quota as JsonObject;
  const dailyLimit = count(record.daily_limit);
  const used = count(record.used);
  const remain = count(record.remain);
  if (dailyLimit === undefined || used === undefined || remain === undefined) return undefined;
  return { endpoint, dailyLimit, used, remain };
}

export interface QuotaLookup {
  quotas: ApiQuota[];
  /** The first failure (the lookup stops there). */
  error?: ErrorInfo;
}

/** Asks WeChat for the quota of each endpoint (one call each, sent together). */
export function fetchApiQuotas(
  endpoints: readonly string[],
  deps: { connection: WeChatConnection; transport: WeChatTransport; accessToken?: () => string },
): QuotaLookup {
  if (endpoints.length === 0) return { quotas: [] };
  const token = deps.connection.kind === 'direct' ? deps.accessToken?.() : undefined;
  const results = deps.transport.sendAll(
    endpoints.map((endpoint) => (base: string) => quotaRequest(deps.connection, base, endpoint, token)),
  );
  const quotas: ApiQuota[] = [];
  for (const [index, result] of results.entries()) {
    const endpoint = endpoints[index]!;
    if (!result.ok) return { quotas, error: result.error };
    const quota = quotaOf(endpoint, result.body);
    if (!quota) {
      return {
        quotas,
        error: badResponseError(undefined, 'quota', endpoint),
      };
    }
    quotas.push(quota);
  }
  return { quotas };
}
