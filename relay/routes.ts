/**
 * What the relay answers. It is the organisation's gateway to WeChat: a caller presents a relay key and names an
 * account (X-WeChat-AppId); the relay attaches the access token it holds and forwards exactly two kinds of call,
 * the datacube reports (`POST /datacube/<name>`) and WeChat's quota lookup (`POST /cgi-bin/openapi/quota/get`).
 * `GET /accounts` lists the accounts the key may use, and `GET /healthz` (no key) says it is alive. Nothing else is
 * served, and no answer ever carries an access token: the relay is not an open proxy and not a token vending machine.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyCheck, KeyRing } from './auth';
import type { RelayAccount } from './config';
import { type RelayRefusal, refusal } from './errors';
import type { Masker } from './mask';
import type { RateLimiter } from './rate-limit';
import type { TokenCache } from './token-cache';
import type { Upstream, UpstreamOutcome } from './upstream';

export interface Exchange {
  /** The caller's address (the TCP peer, or as trusted proxies name it). */
  client: string;
  method: string;
  /** The raw request path, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Filled in while answering, for the log line. */
  note: { appId?: string; key?: string; errcode?: number };
}

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  headers?: Record<string, string>;
}

export type Handler = (exchange: Exchange) => Promise<Answer>;

export type Route = { kind: 'serve'; handler: Handler; readsBody: boolean } | { kind: 'refuse'; refusal: RelayRefusal };

export interface RouteDeps {
  accounts: readonly RelayAccount[];
  keys: KeyRing;
  /** Per key name: every request a key sends is charged to it. */
  limiter: RateLimiter;
  /** Per client address: failed authentications. */
  authFailures: RateLimiter;
  tokens: TokenCache;
  upstream: Upstream;
  masker: Masker;
  /** Problems worth an operator's attention (never with a secret). */
  logError: (message: string) => void;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** WeChat's datacube endpoint names are lowercase words; nothing else is forwarded. */
export const DATACUBE_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const DATACUBE_PATH = /^\/datacube\/([^/]*)$/;
const QUOTA_PATH = '/cgi-bin/openapi/quota/get';
/** WeChat's answers to a token it does not accept: the relay fetches a token again and retries once. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
const ERRCODE_AT_START = /^\s*\{\s*"errcode"\s*:\s*(-?\d+)/;
const APP_ID_HEADER = 'x-wechat-appid';
const SERVED = 'GET /accounts, POST /datacube/<name>, POST /cgi-bin/openapi/quota/get and GET /healthz';

export function jsonAnswer(status: number, value: unknown, headers?: Record<string, string>): Answer {
  const answer: Answer = { status, contentType: JSON_TYPE, body: Buffer.from(JSON.stringify(value), 'utf8') };
  if (headers) answer.headers = headers;
  return answer;
}

export function refusalAnswer(refused: RelayRefusal): Answer {
  return jsonAnswer(refused.status, { errcode: refused.errcode, errmsg: refused.errmsg }, refused.headers);
}

/** The errcode of a WeChat-shaped error body (WeChat puts it first), without parsing a large answer. */
export function errcodeOf(body: Buffer): number | undefined {
  const match = ERRCODE_AT_START.exec(body.subarray(0, 100).toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function refuse(refused: RelayRefusal): Route {
  return { kind: 'refuse', refusal: refused };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

type Granted = Extract<KeyCheck, { ok: true }>;

export class RelayRoutes {
  private readonly accounts: Map<string, RelayAccount>;

  constructor(private readonly deps: RouteDeps) {
    this.accounts = new Map(deps.accounts.map((account) => [account.appId, account]));
  }

  /** Decides from the request line and headers alone, so a refused request's body is never read. */
  route(exchange: Exchange): Route {
    const { method, path } = exchange;
    if (path === '/healthz') {
      return this.only(exchange, ['GET', 'HEAD'], () => Promise.resolve(jsonAnswer(200, { status: 'ok' })), false);
    }
    const key = this.authenticate(exchange);
    if (!key.ok) return refuse(key.refusal);
    if (exchange.query.has('access_token')) {
      return refuse(refusal('badRequest', 'access tokens never travel to or from the relay; remove access_token'));
    }
    if (path === '/accounts') return this.only(exchange, ['GET'], () => Promise.resolve(this.list(key.grant)), false);
    const datacube = DATACUBE_PATH.exec(path);
    const forwarded = datacube && DATACUBE_NAME.test(datacube[1] ?? '') ? path : path === QUOTA_PATH ? path : null;
    if (forwarded === null)
      return refuse(refusal('pathNotServed', `this path is not served; the relay serves ${SERVED}`));
    if (method !== 'POST') return refuse(this.methodNotAllowed(exchange, ['POST']));
    const account = this.accountFor(exchange, key.grant);
    if (!account.ok) return refuse(account.refusal);
    const handler: Handler =
      forwarded === QUOTA_PATH
        ? (ex) => this.quota(ex, account.account)
        : (ex) => this.forward(ex, account.account, forwarded, ex.body);
    return { kind: 'serve', handler, readsBody: true };
  }

  private only(exchange: Exchange, allowed: string[], handler: Handler, readsBody: boolean): Route {
    if (allowed.includes(exchange.method)) return { kind: 'serve', handler, readsBody };
    return refuse(this.methodNotAllowed(exchange, allowed));
  }

  private methodNotAllowed(exchange: Exchange, allowed: string[]): RelayRefusal {
    const detail = `${exchange.method} is not allowed on ${exchange.path}`;
    return refusal('methodNotAllowed', detail, { Allow: allowed.join(', ') });
  }

  /** Checks the key, charges the request to it, and refuses an address that failed too often. */
  private authenticate(exchange: Exchange): { ok: true; grant: Granted } | { ok: false; refusal: RelayRefusal } {
    const blocked = this.deps.authFailures.peek(exchange.client);
    if (!blocked.ok) {
      const detail = `too many failed authentications from this address; retry in ${blocked.retryAfterSeconds} s`;
      return { ok: false, refusal: this.limited(detail, blocked.retryAfterSeconds) };
    }
    const key = this.deps.keys.check(exchange.headers.authorization);
    if (!key.ok) {
      this.deps.authFailures.take(exchange.client);
      return {
        ok: false,
        refusal:
          key.reason === 'missing'
            ? refusal('missingKey', 'send the relay key as "Authorization: Bearer <relay key>"')
            : refusal('invalidKey', 'the relay key is wrong; check it against the relay configuration'),
      };
    }
    exchange.note.key = key.name;
    const charged = this.deps.limiter.take(key.name);
    if (!charged.ok) {
      const detail = `too many requests for this key; retry in ${charged.retryAfterSeconds} s`;
      return { ok: false, refusal: this.limited(detail, charged.retryAfterSeconds) };
    }
    return { ok: true, grant: key };
  }

  private limited(detail: string, retryAfterSeconds: number): RelayRefusal {
    return refusal('rateLimited', detail, { 'Retry-After': String(retryAfterSeconds) });
  }

  private accountFor(
    exchange: Exchange,
    grant: Granted,
  ): { ok: true; account: RelayAccount } | { ok: false; refusal: RelayRefusal } {
    const appId = headerValue(exchange.headers, APP_ID_HEADER);
    if (appId === '') {
      return { ok: false, refusal: refusal('badRequest', 'name the account in the header X-WeChat-AppId') };
    }
    exchange.note.appId = appId;
    const account = this.accounts.get(appId);
    if (!account || !grant.appIds.has(appId)) {
      // Unknown and forbidden App IDs get the same answer; the App ID is echoed (masked, in case a key was pasted).
      const detail = this.deps.masker.text(
        `this relay key may not use App ID ${appId}; GET /accounts lists those it may`,
      );
      return { ok: false, refusal: refusal('appIdNotAllowed', detail) };
    }
    return { ok: true, account };
  }

  private list(grant: Granted): Answer {
    const accounts = [...grant.appIds]
      .map((appId) => this.accounts.get(appId))
      .filter((account): account is RelayAccount => account !== undefined)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.appId < b.appId ? -1 : 1))
      .map(({ appId, name, type }) => ({ appId, name, type }));
    return jsonAnswer(200, { accounts });
  }

  private quota(exchange: Exchange, account: RelayAccount): Promise<Answer> {
    const body = parseJsonObject(exchange.body);
    const cgiPath = body?.cgi_path;
    const datacube = typeof cgiPath === 'string' ? DATACUBE_PATH.exec(cgiPath) : null;
    if (!datacube || !DATACUBE_NAME.test(datacube[1] ?? '')) {
      const detail = 'the body must be {"cgi_path":"/datacube/<name>"}: the relay looks up datacube quotas only';
      return Promise.resolve(refusalAnswer(refusal('badRequest', detail)));
    }
    return this.forward(exchange, account, QUOTA_PATH, Buffer.from(JSON.stringify({ cgi_path: cgiPath })));
  }

  /** Sends the call with the account's token; on a rejected token, fetches one again and retries once. */
  private async forward(exchange: Exchange, account: RelayAccount, path: string, body: Buffer): Promise<Answer> {
    if (!parseJsonObject(body)) {
      return refusalAnswer(refusal('badRequest', 'the body must be a JSON object, as WeChat expects'));
    }
    for (let attempt = 1; ; attempt++) {
      const token = await this.deps.tokens.get(account.appId);
      if (token.kind !== 'token') return this.tokenFailure(token.outcome, exchange);
      const outcome = await this.deps.upstream.post(
        account.type,
        `${path}?access_token=${encodeURIComponent(token.token)}`,
        body,
      );
      const answer = this.passOn(outcome, exchange);
      const rejected = outcome.kind === 'answer' && TOKEN_REJECTED.has(exchange.note.errcode ?? 0);
      if (!rejected || attempt === 2) return answer;
      this.deps.tokens.rejected(account.appId, token.token);
      exchange.note.errcode = undefined;
    }
  }

  /** WeChat would not give a token (its error, e.g. 40164 naming the relay's IP), or could not be reached. */
  private tokenFailure(outcome: UpstreamOutcome, exchange: Exchange): Answer {
    if (outcome.kind === 'answer' && outcome.body.includes('access_token')) {
      // A token answer the relay could not read: never pass on something that may hold a token.
      this.deps.logError(`unreadable stable_token answer from ${outcome.host} (HTTP ${outcome.status})`);
      return refusalAnswer(refusal('internal', "WeChat's token answer could not be read; see the relay log"));
    }
    return this.passOn(outcome, exchange);
  }

  /** WeChat's answer as it came (secrets and tokens masked), or the relay's refusal when WeChat was not reached. */
  private passOn(outcome: UpstreamOutcome, exchange: Exchange): Answer {
    if (outcome.kind === 'failure') {
      switch (outcome.failure) {
        case 'timeout':
          return refusalAnswer(refusal('upstreamTimeout', `WeChat (${outcome.host}) did not answer in time`));
        case 'too_large':
          return refusalAnswer(refusal('upstreamTooLarge', `WeChat's answer (${outcome.host}) was too large`));
        default:
          return refusalAnswer(
            refusal(
              'upstreamUnreachable',
              outcome.sent
                ? `the connection to WeChat (${outcome.host}) failed before its answer`
                : `could not connect to WeChat (${outcome.host})`,
            ),
          );
      }
    }
    const errcode = errcodeOf(outcome.body);
    if (errcode !== undefined) exchange.note.errcode = errcode;
    return { status: outcome.status, contentType: outcome.contentType, body: this.deps.masker.buffer(outcome.body) };
  }
}
