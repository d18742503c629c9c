/**
 * The access token of one Direct account (a Relay account has none on our side): `stable_token` in normal mode (never force: it would knock out the token the
 * customer's other systems use), cached in document properties with its expiry, fetched under the document lock
 * and re-read after taking it, and fetched again at most once per run when WeChat says it is invalid.
 */
import { tokenKey } from '../datasets/keys';
import type { Clock } from '../gas/clock';
import type { HttpClient } from '../gas/http';
import type { Locker } from '../gas/lock';
import type { KeyValueStore } from '../gas/store';
import type { WeChatConnection } from './connection';
import { badResponseError, busyLockError, WeChatError } from './errors';
import { DEFAULT_TRANSPORT_OPTIONS, type TransportOptions, WeChatTransport } from './transport';

export interface TokenDeps {
  http: HttpClient;
  store: KeyValueStore;
  locker: Locker;
  clock: Clock;
  /** A one-way fingerprint (e.g. SHA-256 hex) so a cached token is only used by the credentials it came from. */
  fingerprint(text: string): string;
  transport?: TransportOptions;
}

interface CachedToken {
  fp: string;
  token: string;
  expiresAt: number;
}

/** A token is used until this long before WeChat's expiry. */
export const TOKEN_EXPIRY_MARGIN_MS = 3 * 60 * 1000;
const LOCK_WAIT_MS = 30 * 1000;

export class TokenProvider {
  private current: string | undefined;
  private refetched = false;
  /** Token endpoint calls made by this provider (retries included). */
  tokenCalls = 0;

  constructor(
    private readonly connection: WeChatConnection,
    private readonly deps: TokenDeps,
  ) {}

  /**
   * The token to use now (cached, or fetched). Throws a WeChatError when WeChat refuses. A valid cached token is
   * read without the lock; only a fetch takes it, and reads the cache again first (another run may have fetched).
   */
  get(): string {
    if (this.current) return this.current;
    this.current = this.readCache() ?? this.withLock(() => this.readCache() ?? this.fetchAndStore());
    return this.current;
  }

  /** After WeChat rejected `rejected` (40001/40014/42001): a fresh token, once per run; false if already tried. */
  refreshAfterRejection(rejected: string): boolean {
    if (this.refetched) return false;
    this.refetched = true;
    this.current = this.withLock(() => {
      const cached = this.readCache();
      if (cached && cached !== rejected) return cached;
      return this.fetchAndStore();
    });
    return true;
  }

  private withLock(work: () => string): string {
    const outcome = this.deps.locker.withLock(LOCK_WAIT_MS, work);
    if (!outcome.acquired) {
      throw new WeChatError(busyLockError());
    }
    return outcome.value;
  }

  private fingerprint(): string {
    const c = this.connection;
    return this.deps.fingerprint(`${c.appId}\n${c.baseUrls.join(',')}\nsecret:${c.secret ?? ''}`);
  }

  private readCache(): string | undefined {
    const raw = this.deps.store.get(tokenKey(this.connection.accountId));
    if (!raw) return undefined;
    try {
      const cached = JSON.parse(raw) as CachedToken;
      if (cached.fp !== this.fingerprint()) return undefined;
      if (cached.expiresAt - TOKEN_EXPIRY_MARGIN_MS <= this.deps.clock.now()) return undefined;
      return cached.token;
    } catch {
      return undefined;
    }
  }

  private fetchAndStore(): string {
    const { token, expiresInSeconds } = this.fetchToken();
    const cached: CachedToken = {
      fp: this.fingerprint(),
      token,
      expiresAt: this.deps.clock.now() + expiresInSeconds * 1000,
    };
    try {
      this.deps.store.set(tokenKey(this.connection.accountId), JSON.stringify(cached));
    } catch {
      // A store too full to cache it: the token still serves this execution, and the next one asks for it again.
    }
    return token;
  }

  private fetchToken(): { token: string; expiresInSeconds: number } {
    const c = this.connection;
    const transport = new WeChatTransport(
      c,
      this.deps.http,
      this.deps.clock,
      this.deps.transport ?? DEFAULT_TRANSPORT_OPTIONS,
      true,
    );
    const [result] = transport.sendAll([
      (base) => ({
        url: `${base}/cgi-bin/stable_token`,
        method: 'post',
        json: { grant_type: 'client_credential', appid: c.appId, secret: c.secret ?? '', force_refresh: false },
      }),
    ]);
    this.tokenCalls += transport.requestsSent;
    if (!result) throw new Error('no answer from the token endpoint');
    if (!result.ok) throw new WeChatError(result.error);
    const token = result.body.access_token;
    const expiresIn = result.body.expires_in;
    if (typeof token !== 'string' || token.length === 0) {
      throw new WeChatError(badResponseError(undefined, 'token'));
    }
    return { token, expiresInSeconds: typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 7200 };
  }
}
