import type { MessageCode, MessageParams, Said } from '../messages/codes';
import { say } from '../messages/en';
import { redactSaid } from './redact';
/** WeChat error taxonomy: every errcode of wechat-api.md §7 → a typed error a user can act on. */
import { isRelayCode, RELAY_CODE } from './relay-codes';

export type WeChatErrorKind =
  | 'busy' // retry with backoff
  | 'token' // token invalid/expired: refresh once
  | 'credentials' // wrong App ID or secret: stop, ask the user
  | 'ip' // caller IP not whitelisted
  | 'quota' // daily quota used up
  | 'minute_quota' // per-minute limit: wait and retry
  | 'range' // date range: halve the window
  | 'not_ready' // data not computed yet: pending
  | 'retired' // endpoint offline
  | 'permission' // account lacks this API / host / restricted
  | 'bug' // a request we should never send
  | 'network' // no answer (timeout, DNS, connection)
  | 'http' // HTTP status other than 200
  | 'bad_response' // body is not the JSON WeChat sends
  | 'apps_script_quota' // Apps Script's own daily quota (UrlFetch, Properties) is used up: wait for it
  | 'apps_script_throttled' // Apps Script refused a burst of calls: try again shortly
  | 'unknown';

/**
 * What a kind of error means for a refresh, in one place for the fetch and the run:
 * passes: stop, keep what was fetched, and continue later from there (nothing the user must do);
 * user_fix: the user must fix something (a scheduled DataSet pauses at once);
 * fails: the run fails (a schedule keeps trying, and pauses after repeated failures).
 * 'token' passes: it reaches a run only when WeChat rejected a token fetched again a moment before, which means
 * another system is force-refreshing the account's token; the next run gets a fresh one and goes on.
 */
export type ErrorHandling = 'passes' | 'user_fix' | 'fails';

export const ERROR_HANDLING: Readonly<Record<WeChatErrorKind, ErrorHandling>> = {
  busy: 'passes',
  token: 'passes',
  network: 'passes',
  http: 'passes',
  bad_response: 'passes',
  quota: 'passes',
  minute_quota: 'passes',
  apps_script_quota: 'passes',
  apps_script_throttled: 'passes',
  credentials: 'user_fix',
  ip: 'user_fix',
  permission: 'user_fix',
  retired: 'user_fix',
  range: 'fails',
  not_ready: 'fails',
  bug: 'fails',
  unknown: 'fails',
};

/** A WeChat, relay or transport error: its code and params (the English built from them) and how to handle it. */
export type ErrorInfo = Said & { kind: WeChatErrorKind; errcode?: number };

export class WeChatError extends Error {
  readonly code: MessageCode;
  readonly kind: WeChatErrorKind;
  readonly errcode: number | undefined;
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'WeChatError';
    this.code = info.code;
    this.kind = info.kind;
    this.errcode = info.errcode;
    this.info = info;
  }

  get params(): ErrorInfo['params'] {
    return this.info.params;
  }

  toInfo(): ErrorInfo {
    return this.info;
  }
}

function error<C extends MessageCode>(
  kind: WeChatErrorKind,
  code: C,
  params: MessageParams[C],
  errcode?: number,
): ErrorInfo {
  const said = say(code, params);
  return (errcode === undefined ? { ...said, kind } : { ...said, kind, errcode }) as ErrorInfo;
}

/** The caller IP WeChat names in a 40164 errmsg ("invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist"). */
export function ipFromErrmsg(errmsg: string): string | undefined {
  return /invalid ip ([0-9a-fA-F.:]+)/.exec(errmsg)?.[1]?.replace(/,$/, '');
}

interface Context {
  /** True when the error came from the token endpoint (40001 there means a wrong secret). */
  tokenCall: boolean;
  /** True when the account connects through a relay. */
  relay: boolean;
}

/** Errcodes that mean the add-on sent a request it never should (messages/en.ts names each cause). */
const BUG_CODES = new Set([40002, 41001, 41002, 41004, 43002, 44002, 47001, 61500]);

/** Maps a WeChat errcode (non-zero) to the error users see. */
export function describeWeChatError(errcode: number, errmsg: string, ctx: Context): ErrorInfo {
  if (BUG_CODES.has(errcode)) return error('bug', 'wechat_request_rejected', { errcode }, errcode);
  if (isRelayCode(errcode)) return relayError(errcode, errmsg);
  const via = { connection: ctx.relay ? 'relay' : 'direct' } as const;
  switch (errcode) {
    case -1:
      return error('busy', 'wechat_busy', {}, errcode);
    case 40001:
      if (ctx.tokenCall) return error('credentials', 'wechat_credentials_40001', via, errcode);
      return error('token', 'wechat_token_invalid', { ...via, errcode }, errcode);
    case 40014:
    case 42001:
      return error('token', 'wechat_token_invalid', { ...via, errcode }, errcode);
    case 40013:
      return error('credentials', 'wechat_credentials_40013', {}, errcode);
    case 40125:
      return error('credentials', 'wechat_credentials_40125', via, errcode);
    case 40164:
      return error('ip', 'wechat_ip_not_whitelisted', { ...via, ip: ipFromErrmsg(errmsg) ?? 'unknown' }, errcode);
    case 45009:
      return error('quota', 'wechat_daily_quota', {}, errcode);
    case 45011:
      return error('minute_quota', 'wechat_minute_quota', {}, errcode);
    case 47009:
      return error('retired', 'wechat_retired', {}, errcode);
    case 48001:
      return error('permission', 'wechat_permission_48001', {}, errcode);
    case 48004:
      return error('permission', 'wechat_permission_48004', {}, errcode);
    case 50001:
      return error('permission', 'wechat_permission_50001', {}, errcode);
    case 50002:
      return error('permission', 'wechat_permission_50002', {}, errcode);
    case 61501:
      return error('range', 'wechat_date_range', {}, errcode);
    case 61503:
      return error('not_ready', 'wechat_not_ready', {}, errcode);
    case 89503:
      return error('credentials', 'wechat_credentials_89503', {}, errcode);
    case 89506:
      return error('credentials', 'wechat_credentials_89506', {}, errcode);
    case 89507:
      return error('credentials', 'wechat_credentials_89507', {}, errcode);
    default:
      return error('unknown', 'wechat_unknown', { errcode, errmsg: stripRequestId(errmsg) }, errcode);
  }
}

function relayError(errcode: number, errmsg: string): ErrorInfo {
  const said = stripRequestId(errmsg).replace(/^relay:\s*/, '');
  switch (errcode) {
    case RELAY_CODE.missingKey:
      return error('credentials', 'relay_990001', { said }, errcode);
    case RELAY_CODE.invalidKey:
      return error('credentials', 'relay_990002', { said }, errcode);
    case RELAY_CODE.appIdNotAllowed:
      return error('credentials', 'relay_990003', { said }, errcode);
    case RELAY_CODE.pathNotServed:
      return error('credentials', 'relay_990004', { said }, errcode);
    case RELAY_CODE.methodNotAllowed:
      return error('credentials', 'relay_990005', { said }, errcode);
    case RELAY_CODE.rateLimited:
      return error('busy', 'relay_990009', { said }, errcode);
    case RELAY_CODE.upstreamTimeout:
      return error('network', 'relay_990010', { said }, errcode);
    case RELAY_CODE.upstreamUnreachable:
      return error('network', 'relay_990011', { said }, errcode);
    default:
      return error('bug', 'relay_other', { errcode, said }, errcode);
  }
}

/** A relay URL this deployment's manifest does not allow: Apps Script would refuse every fetch to it. */
export function relayNotAllowedError(relayUrl: string): ErrorInfo {
  return error('credentials', 'relay_not_allowed', { relayUrl });
}

function stripRequestId(errmsg: string): string {
  return errmsg.replace(/\s*rid:\s*\S+/, '').replace(/\s*hint:\s*\[[^\]]*\]/, '');
}

/** Apps Script refused the fetch: the URL is outside the manifest's urlFetchWhitelist (no retry can help). */
export function urlNotAllowedError(host: string): ErrorInfo {
  return error('permission', 'url_not_allowed', { host });
}

/** No answer: detail is "timeout" (a hang is not tried again in the same run: it costs a minute), else the cause. */
export function networkError(host: string, detail: string): ErrorInfo {
  return error('network', 'network', { host, detail });
}

export function httpError(host: string, status: number): ErrorInfo {
  return error('http', 'http_error', { host, status });
}

/** An answer that is not the JSON expected (what: which answer, when not a datacube one). */
export function badResponseError(
  host: string | undefined,
  what?: MessageParams['bad_response']['what'],
  endpoint?: string,
): ErrorInfo {
  const params: MessageParams['bad_response'] = {};
  if (host) params.host = host;
  if (what) params.what = what;
  if (endpoint) params.endpoint = endpoint;
  return error('bad_response', 'bad_response', params);
}

/** Another execution holds the token lock: the token could not be fetched now. */
export function busyLockError(): ErrorInfo {
  return error('busy', 'busy_lock', {});
}

/**
 * Apps Script itself refused the call: the Google account's daily quota of a service (shared by every script and
 * add-on the user runs) is used up, or too many calls came in a short time. Retrying now only wastes the run.
 */
export function appsScriptLimitError(limit: 'daily_quota' | 'throttled', service = 'urlfetch'): ErrorInfo {
  return limit === 'throttled'
    ? error('apps_script_throttled', 'apps_script_throttled', { service })
    : error('apps_script_quota', 'apps_script_quota', { service });
}

/** The problem an error reports, without how it is handled: what a server function answers. */
export function saidOf(info: ErrorInfo): Said {
  const { kind: _kind, errcode: _errcode, ...said } = info;
  return said as Said;
}

/** What a caught error says: a WeChat error's own code and params, else an unexpected one; secrets redacted. */
export function saidOfError(error: unknown, secrets: readonly (string | undefined)[] = []): Said {
  if (error instanceof WeChatError) return redactSaid(saidOf(error.info), secrets);
  const detail = error instanceof Error ? error.message : String(error);
  return redactSaid(say('unexpected', { detail }), secrets);
}
