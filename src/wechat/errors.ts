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

export interface ErrorInfo {
  code: string;
  kind: WeChatErrorKind;
  message: string;
  errcode?: number;
  params?: Record<string, string | number>;
}

export class WeChatError extends Error {
  readonly code: string;
  readonly kind: WeChatErrorKind;
  readonly errcode: number | undefined;
  readonly params: Record<string, string | number>;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'WeChatError';
    this.code = info.code;
    this.kind = info.kind;
    this.errcode = info.errcode;
    this.params = info.params ?? {};
  }

  toInfo(): ErrorInfo {
    return { code: this.code, kind: this.kind, message: this.message, errcode: this.errcode, params: this.params };
  }
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

const BUG_CODES: Record<number, string> = {
  40002: 'grant_type must be client_credential',
  41001: 'the access token is missing',
  41002: 'the App ID is missing',
  41004: 'the App Secret is missing',
  43002: 'the call must be a POST',
  44002: 'the request body is empty',
  47001: 'the request body is not valid JSON',
};

function bugError(errcode: number, what: string): ErrorInfo {
  return {
    code: 'wechat_request_rejected',
    kind: 'bug',
    errcode,
    message: `WeChat rejected the request (${errcode}: ${what}). This is a fault in the add-on; please report it with this message.`,
  };
}

function ipError(errcode: number, errmsg: string, ctx: Context): ErrorInfo {
  const ip = ipFromErrmsg(errmsg) ?? 'unknown';
  const fix = ctx.relay
    ? `Add the relay host's fixed IP (${ip}) to the Official Account's IP whitelist (WeChat admin console → Settings and Development → Basic Configuration → IP whitelist).`
    : "Google Apps Script calls WeChat from changing Google addresses, so a whitelist cannot admit it: use your organisation's relay (a server with a fixed IP that is on the whitelist) by choosing the Relay connection for this account.";
  return {
    code: 'wechat_ip_not_whitelisted',
    kind: 'ip',
    errcode,
    params: { ip },
    message: `WeChat refused the access token because the calling IP ${ip} is not on the account's IP whitelist (40164). ${fix}`,
  };
}

/** Maps a WeChat errcode (non-zero) to the error users see. */
export function describeWeChatError(errcode: number, errmsg: string, ctx: Context): ErrorInfo {
  const bug = BUG_CODES[errcode];
  if (bug) return bugError(errcode, bug);
  if (isRelayCode(errcode)) return relayError(errcode, errmsg);
  const secretFix = ctx.relay
    ? 'Update appSecret in the relay configuration and restart the relay.'
    : 'Reset or copy it in the WeChat admin console → Settings and Development → Basic Configuration, and enter it again.';
  switch (errcode) {
    case -1:
      return {
        code: 'wechat_busy',
        kind: 'busy',
        errcode,
        message: 'WeChat is busy (-1) and did not answer after several tries. Nothing was changed; run it again later.',
      };
    case 40001:
      if (ctx.tokenCall) {
        return credentialsError(errcode, `The App Secret is wrong or belongs to another account (40001). ${secretFix}`);
      }
      return ctx.relay ? relayTokenError(errcode) : tokenError(errcode);
    case 40014:
    case 42001:
      return ctx.relay ? relayTokenError(errcode) : tokenError(errcode);
    case 40013:
      return credentialsError(
        errcode,
        'WeChat does not know this App ID (40013). Copy the App ID (AppID, starts with "wx") from the WeChat admin console → Settings and Development → Basic Configuration.',
      );
    case 40125:
      return credentialsError(errcode, `The App Secret is wrong (40125). ${secretFix}`);
    case 40164:
      return ipError(errcode, errmsg, ctx);
    case 45009:
      return {
        code: 'wechat_daily_quota',
        kind: 'quota',
        errcode,
        message:
          "The account's daily WeChat quota for this report's API is used up (45009). Nothing was lost; the refresh can continue tomorrow (quotas reset at midnight Beijing time). The account's other reports are not affected.",
      };
    case 45011:
      return {
        code: 'wechat_minute_quota',
        kind: 'minute_quota',
        errcode,
        message:
          'WeChat limits calls per minute (45011) and the limit was still reached after waiting. Run it again in a few minutes.',
      };
    case 47009:
      return {
        code: 'wechat_retired',
        kind: 'retired',
        errcode,
        message:
          'WeChat has retired this report (47009). Choose one of the published-content reports (Article Read, Article Share, Account Summary, Article Total Detail) instead.',
      };
    case 48001:
      return permissionError(
        errcode,
        'This Official Account may not use this WeChat API (48001 api unauthorized). Data APIs need a verified (认证) account.',
      );
    case 48004:
      return permissionError(
        errcode,
        'WeChat has banned this API for the account (48004). Check notices in the WeChat admin console.',
      );
    case 50001:
      return permissionError(
        errcode,
        'WeChat says this account is not authorized on this host (50001). If the account is registered outside mainland China, set its Account Type to International; otherwise China.',
      );
    case 50002:
      return permissionError(
        errcode,
        'The Official Account is restricted by WeChat (50002). Check the WeChat admin console.',
      );
    case 61500:
      return bugError(errcode, 'the date format is wrong');
    case 61501:
      return {
        code: 'wechat_date_range',
        kind: 'range',
        errcode,
        message:
          'WeChat refused the date range (61501) even for a single day. Choose dates up to yesterday (Beijing time).',
      };
    case 61503:
      return {
        code: 'wechat_not_ready',
        kind: 'not_ready',
        errcode,
        message:
          'WeChat has not finished computing this data yet (61503). It is usually ready after 08:00 Beijing time.',
      };
    case 89503:
      return credentialsError(
        errcode,
        'WeChat asks the account admin to approve this IP (89503). Approve the request in WeChat, then try again.',
      );
    case 89506:
    case 89507:
      return credentialsError(
        errcode,
        `The account admin rejected this IP (${errcode}). Try again after ${errcode === 89506 ? '24 hours' : '1 hour'}, or use a relay with a whitelisted IP.`,
      );
    default:
      return {
        code: 'wechat_unknown',
        kind: 'unknown',
        errcode,
        message: `WeChat returned error ${errcode}${errmsg ? ` (${stripRequestId(errmsg)})` : ''}. Nothing was changed.`,
      };
  }
}

function relayError(errcode: number, errmsg: string): ErrorInfo {
  const said = stripRequestId(errmsg).replace(/^relay:\s*/, '');
  const info = (kind: WeChatErrorKind, fix: string): ErrorInfo => ({
    code: `relay_${errcode}`,
    kind,
    errcode,
    message: `The relay refused the call (${errcode}: ${said}). ${fix}`,
  });
  switch (errcode) {
    case RELAY_CODE.missingKey:
    case RELAY_CODE.invalidKey:
      return info('credentials', 'Enter the relay key exactly as it is configured on the relay.');
    case RELAY_CODE.appIdNotAllowed:
      return info(
        'credentials',
        "The relay does not serve this App ID with this key: check the App ID and the relay's configuration.",
      );
    case RELAY_CODE.pathNotServed:
    case RELAY_CODE.methodNotAllowed:
      return info('credentials', "The Relay URL must be the relay's base URL, e.g. https://relay.example.com.");
    case RELAY_CODE.rateLimited:
      return info('busy', 'The relay is rate-limiting this key; try again in a minute.');
    case RELAY_CODE.upstreamTimeout:
    case RELAY_CODE.upstreamUnreachable:
      return info('network', 'The relay could not reach WeChat; check the relay host, then try again.');
    default:
      return info('bug', 'Check the relay log; if it persists, report it with this message.');
  }
}

function credentialsError(errcode: number, message: string): ErrorInfo {
  return { code: `wechat_credentials_${errcode}`, kind: 'credentials', errcode, message };
}

function permissionError(errcode: number, message: string): ErrorInfo {
  return { code: `wechat_permission_${errcode}`, kind: 'permission', errcode, message };
}

function tokenError(errcode: number): ErrorInfo {
  return {
    code: 'wechat_token_invalid',
    kind: 'token',
    errcode,
    message: `WeChat rejected the access token (${errcode}) even after it was fetched again. Another system may be force-refreshing this account's token; try again in a few minutes.`,
  };
}

/** Through a relay, a token error reached us after the relay fetched the token again and retried once. */
function relayTokenError(errcode: number): ErrorInfo {
  return {
    code: 'wechat_token_invalid',
    kind: 'token',
    errcode,
    message: `WeChat rejected the relay's access token (${errcode}) even after the relay fetched it again. Check appSecret in the relay configuration; if it is right, another system may be force-refreshing this account's token: try again in a few minutes.`,
  };
}

/** A relay URL this deployment's manifest does not allow: Apps Script would refuse every fetch to it. */
export function relayNotAllowedError(relayUrl: string): ErrorInfo {
  return {
    code: 'relay_not_allowed',
    kind: 'credentials',
    params: { relayUrl },
    message: `This deployment of the add-on may not call ${relayUrl}: Apps Script fetches only the URLs its manifest allows. Whoever deploys the add-on adds "${relayUrl.replace(/\/+$/, '')}/" to relayUrls in addon.config.json and redeploys it (npm run deploy).`,
  };
}

function stripRequestId(errmsg: string): string {
  return errmsg.replace(/\s*rid:\s*\S+/, '').replace(/\s*hint:\s*\[[^\]]*\]/, '');
}

/** Apps Script refused the fetch: the URL is outside the manifest's urlFetchWhitelist (no retry can help). */
export function urlNotAllowedError(host: string): ErrorInfo {
  return {
    code: 'url_not_allowed',
    kind: 'permission',
    params: { host },
    message: `Apps Script refused to call ${host}: this deployment's manifest does not allow it (urlFetchWhitelist). Whoever deploys the add-on lists the relay in addon.config.json (relayUrls) and redeploys it (npm run deploy).`,
  };
}

export function networkError(host: string, detail: string): ErrorInfo {
  return {
    code: 'network',
    kind: 'network',
    params: { host },
    // A hang is not tried again in the same run (it costs a minute each time); other failures are.
    message:
      detail === 'timeout'
        ? `Could not reach ${host} (timeout: no answer within a minute). Nothing was changed; try again later.`
        : `Could not reach ${host} (${detail}) after several tries. Nothing was changed; try again later.`,
  };
}

export function httpError(host: string, status: number): ErrorInfo {
  return {
    code: 'http_error',
    kind: 'http',
    params: { host, status },
    message: `${host} answered with HTTP ${status} after several tries. Nothing was changed; try again later.`,
  };
}

export function badResponseError(host: string): ErrorInfo {
  return {
    code: 'bad_response',
    kind: 'bad_response',
    params: { host },
    message: `${host} sent an answer that is not WeChat's JSON (truncated or not JSON) after several tries. Nothing was changed; try again later.`,
  };
}

/**
 * Apps Script itself refused the call: the Google account's daily quota of a service (shared by every script and
 * add-on the user runs) is used up, or too many calls came in a short time. Retrying now only wastes the run.
 */
export function appsScriptLimitError(limit: 'daily_quota' | 'throttled', service = 'urlfetch'): ErrorInfo {
  if (limit === 'throttled') {
    return {
      code: 'apps_script_throttled',
      kind: 'apps_script_throttled',
      params: { service },
      message: `Google Apps Script refused the call: too many ${service} calls in a short time. Nothing was lost; the refresh continues on its next run, or run it again in a minute.`,
    };
  }
  return {
    code: 'apps_script_quota',
    kind: 'apps_script_quota',
    params: { service },
    message: `Your Google account's daily Apps Script quota for ${service} is used up (it is shared by every script and add-on you run). Nothing was lost; the refresh continues when the quota resets, 24 hours after its first use. Refresh less often, or fewer DataSets, to stay under it.`,
  };
}
