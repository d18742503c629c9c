/**
 * What the relay answers. Exactly three things are served: `POST /cgi-bin/stable_token` (key required; the relay
 * adds the App Secret), `POST /datacube/<name>` (only with a token this relay obtained, forwarded to that
 * account's WeChat host) and `GET /healthz`. Everything else is refused: the relay is not an open proxy.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyRing } from './auth';
import type { RelayAccount } from './config';
import { type RelayRefusal, refusal } from './errors';
import type { RateLimiter } from './rate-limit';
import type { TokenCache } from './token-cache';
import type { Upstream, UpstreamOutcome } from './upstream';

export interface Exchange {
  method: string;
  /** The raw request path, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Filled in by the handlers, for the log line. */
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
  limiter: RateLimiter;
  tokens: TokenCache;
  upstream: Upstream;
  now: () => number;
  /** App Secrets and keys: masked from any answer that would carry one. */
  secrets: readonly string[];
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** WeChat's datacube endpoint names are lowercase words; nothing else is forwarded. */
const DATACUBE_PATH = /^\/datacube\/([a-z][a-z0-9_]{0,63})$/;
/** WeChat's answers to a token it does not accept: the relay forgets that token. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
const ERRCODE_AT_START = /^\s*\{\s*"errcode"\s*:\s*(-?\d+)/;

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

export class RelayRoutes {
  private readonly accounts: Map<string, RelayAccount>;
  private readonly secrets: Buffer[];

  constructor(private readonly deps: RouteDeps) {
    this.accounts = new Map(deps.accounts.map((account) => [account.appId, account]));
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = deps.secrets
      .filter((secret) => secret.length >= 4)
      .sort((a, b) => b.length - a.length)
      .map((secret) => Buffer.from(secret, 'utf8'));
  }

  route(method: string, path: string): Route {
    const only = (allowed: string[], handler: Handler, readsBody: boolean): Route =>
      allowed.includes(method)
        ? { kind: 'serve', handler, readsBody }
        : {
            kind: 'refuse',
            refusal: refusal('methodNotAllowed', `${method} is not allowed on ${path}`, { Allow: allowed.join(', ') }),
          };
    if (path === '/healthz')
      return only(['GET', 'HEAD'], () => Promise.resolve(jsonAnswer(200, { status: 'ok' })), false);
    if (path === '/cgi-bin/stable_token') return only(['POST'], (exchange) => this.stableToken(exchange), true);
    const datacube = DATACUBE_PATH.exec(path);
    if (datacube) {
      const name = datacube[1] ?? '';
      return only(['POST'], (exchange) => this.datacube(exchange, name), true);
    }
    return {
      kind: 'refuse',
      refusal: refusal(
        'pathNotServed',
        'this path is not served; the relay serves only POST /cgi-bin/stable_token, POST /datacube/<name> and GET /healthz',
      ),
    };
  }

  private async stableToken(exchange: Exchange): Promise<Answer> {
    const key = this.deps.keys.check(exchange.headers.authorization);
    if (!key.ok) {
      return key.reason === 'missing'
        ? refusalAnswer(refusal('missingKey', 'send the relay key as "Authorization: Bearer <relay key>"'))
        : refusalAnswer(refusal('invalidKey', 'the relay key is wrong; check it against the relay configuration'));
    }
    exchange.note.key = key.name;
    const limited = this.rateLimit(key.name);
    if (limited) return limited;
    const body = parseJsonObject(exchange.body);
    if (!body) {
      return refusalAnswer(
        refusal('badRequest', 'the body must be JSON such as {"grant_type":"client_credential","appid":"wx..."}'),
      );
    }
    if (body.grant_type !== 'client_credential') {
      return refusalAnswer(refusal('badRequest', 'grant_type must be "client_credential"'));
    }
    const appId = body.appid;
    if (typeof appId !== 'string' || appId === '') return refusalAnswer(refusal('badRequest', 'appid is required'));
    exchange.note.appId = appId;
    if (body.force_refresh === true) {
      return refusalAnswer(
        refusal(
          'forceRefreshRefused',
          "force_refresh is not offered: it would invalidate the token the account's other systems use",
        ),
      );
    }
    if (!key.appIds.has(appId)) {
      // The App ID is echoed to help whoever configures the add-on; masked, in case a key was pasted there.
      return refusalAnswer(refusal('appIdNotAllowed', this.maskText(`this relay key may not use App ID ${appId}`)));
    }
    const result = await this.deps.tokens.get(appId);
    if (result.kind !== 'token') return this.passOn(result.outcome, exchange);
    this.deps.tokens.handedTo(result.token, key.name);
    const expiresIn = Math.floor((result.expiresAtMs - this.deps.now()) / 1000);
    return jsonAnswer(200, { access_token: result.token, expires_in: expiresIn });
  }

  private async datacube(exchange: Exchange, name: string): Promise<Answer> {
    const token = exchange.query.get('access_token');
    if (!token) return refusalAnswer(refusal('badRequest', 'the access_token query parameter is required'));
    let owner = this.deps.tokens.ownerOf(token);
    if (!owner) {
      await this.deps.tokens.relearn();
      owner = this.deps.tokens.ownerOf(token);
    }
    if (!owner) {
      // WeChat's own code on purpose: to the caller the relay is WeChat, and the cure is WeChat's (fetch a new
      // token from /cgi-bin/stable_token), which every WeChat client already does for 40014.
      exchange.note.errcode = 40014;
      return jsonAnswer(200, {
        errcode: 40014,
        errmsg:
          'invalid access_token (relay: not a current token obtained through this relay; fetch one from /cgi-bin/stable_token)',
      });
    }
    exchange.note.appId = owner.appId;
    if (owner.keyName) exchange.note.key = owner.keyName;
    const limited = this.rateLimit(owner.keyName ?? `account:${owner.appId}`);
    if (limited) return limited;
    const account = this.accounts.get(owner.appId);
    if (!account) throw new Error('token owner is not a configured account');
    const outcome = await this.deps.upstream.post(
      account.type,
      `/datacube/${name}?access_token=${encodeURIComponent(token)}`,
      exchange.body,
    );
    const answer = this.passOn(outcome, exchange);
    if (answer.status === 200 && TOKEN_REJECTED.has(exchange.note.errcode ?? 0)) this.deps.tokens.forget(token);
    return answer;
  }

  private rateLimit(name: string): Answer | undefined {
    const decision = this.deps.limiter.take(name);
    if (decision.ok) return undefined;
    return refusalAnswer(
      refusal('rateLimited', `too many requests for this key; retry in ${decision.retryAfterSeconds} s`, {
        'Retry-After': String(decision.retryAfterSeconds),
      }),
    );
  }

  /** WeChat's answer as it came (secrets masked), or the relay's refusal when WeChat could not be reached. */
  private passOn(outcome: UpstreamOutcome, exchange: Exchange): Answer {
    if (outcome.kind === 'failure') {
      switch (outcome.failure) {
        case 'timeout':
          return refusalAnswer(refusal('upstreamTimeout', `WeChat (${outcome.host}) did not answer in time`));
        case 'too_large':
          return refusalAnswer(refusal('upstreamTooLarge', `WeChat's answer (${outcome.host}) was too large`));
        default:
          return refusalAnswer(refusal('upstreamUnreachable', `could not connect to WeChat (${outcome.host})`));
      }
    }
    const errcode = errcodeOf(outcome.body);
    if (errcode !== undefined) exchange.note.errcode = errcode;
    return { status: outcome.status, contentType: outcome.contentType, body: this.mask(outcome.body) };
  }

  private mask(body: Buffer): Buffer {
    if (!this.secrets.some((secret) => body.includes(secret))) return body;
    return Buffer.from(this.maskText(body.toString('utf8')), 'utf8');
  }

  private maskText(text: string): string {
    let masked = text;
    for (const secret of this.secrets) masked = masked.split(secret.toString('utf8')).join('[redacted]');
    return masked;
  }
}
