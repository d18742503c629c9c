/**
 * Access tokens per account: `stable_token` in normal mode (never force: that would knock out the token the
 * account's other systems use), one upstream call at a time per account, cached until five minutes before expiry.
 * Five minutes is WeChat's renewal window, so the next fetch returns a fresh token, and a token handed out always
 * has more than the add-on's own three-minute margin left.
 *
 * It also remembers every token it received (until it expires) and for which account: a datacube call is only
 * forwarded with a token this relay obtained, which is how the relay knows the App ID and host of that call.
 */
import type { RelayAccount } from './config';
import type { Upstream, UpstreamOutcome } from './upstream';

export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Re-reading every account's token to recognise a token from before a restart: at most this often. */
export const RELEARN_INTERVAL_MS = 30 * 1000;

export type TokenResult =
  | { kind: 'token'; token: string; expiresAtMs: number }
  /** WeChat refused (its answer, as it came) or could not be reached. */
  | { kind: 'upstream'; outcome: UpstreamOutcome };

interface Issued {
  appId: string;
  token: string;
  expiresAtMs: number;
  /** The key that last received this token (its datacube calls count against that key's rate limit). */
  keyName?: string;
}

export interface TokenOwner {
  appId: string;
  keyName?: string;
}

function parseToken(outcome: UpstreamOutcome): { token: string; expiresInSeconds: number } | undefined {
  if (outcome.kind !== 'answer' || outcome.status !== 200) return undefined;
  try {
    const body: unknown = JSON.parse(outcome.body.toString('utf8'));
    if (typeof body !== 'object' || body === null) return undefined;
    const { access_token: token, expires_in: expiresIn } = body as Record<string, unknown>;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || expiresIn <= 0) return undefined;
    return { token, expiresInSeconds: expiresIn };
  } catch {
    return undefined;
  }
}

export class TokenCache {
  private readonly accounts: Map<string, RelayAccount>;
  private readonly current = new Map<string, Issued>();
  private readonly inflight = new Map<string, Promise<TokenResult>>();
  private readonly issued = new Map<string, Issued>();
  private lastRelearnMs = Number.NEGATIVE_INFINITY;
  private relearning: Promise<void> | undefined;

  constructor(
    accounts: readonly RelayAccount[],
    private readonly upstream: Upstream,
    private readonly now: () => number,
  ) {
    this.accounts = new Map(accounts.map((account) => [account.appId, account]));
  }

  /** The account's token: cached, or fetched (concurrent callers share one fetch). */
  get(appId: string): Promise<TokenResult> {
    const cached = this.current.get(appId);
    if (cached && cached.expiresAtMs - REFRESH_MARGIN_MS > this.now()) {
      return Promise.resolve({ kind: 'token', token: cached.token, expiresAtMs: cached.expiresAtMs });
    }
    const running = this.inflight.get(appId);
    if (running) return running;
    const fetching = this.fetch(appId).finally(() => this.inflight.delete(appId));
    this.inflight.set(appId, fetching);
    return fetching;
  }

  /** Who a token was issued to, while it is valid. */
  ownerOf(token: string): TokenOwner | undefined {
    const issued = this.issued.get(token);
    if (!issued) return undefined;
    if (issued.expiresAtMs <= this.now()) {
      this.issued.delete(token);
      return undefined;
    }
    return issued.keyName === undefined ? { appId: issued.appId } : { appId: issued.appId, keyName: issued.keyName };
  }

  /** Records which key a token was handed to. */
  handedTo(token: string, keyName: string): void {
    const issued = this.issued.get(token);
    if (issued) issued.keyName = keyName;
  }

  /** WeChat said the token is invalid or expired: stop handing it out. */
  forget(token: string): void {
    const issued = this.issued.get(token);
    if (!issued) return;
    this.issued.delete(token);
    if (this.current.get(issued.appId)?.token === token) this.current.delete(issued.appId);
  }

  /**
   * After a restart the relay does not know the tokens it handed out before, but WeChat's normal-mode
   * stable_token answers with the same token while it is valid: fetching each account's token again teaches it.
   */
  relearn(): Promise<void> {
    if (this.relearning) return this.relearning;
    if (this.now() - this.lastRelearnMs < RELEARN_INTERVAL_MS) return Promise.resolve();
    this.lastRelearnMs = this.now();
    this.relearning = Promise.all([...this.accounts.keys()].map((appId) => this.get(appId)))
      .then(() => undefined)
      .finally(() => {
        this.relearning = undefined;
      });
    return this.relearning;
  }

  private async fetch(appId: string): Promise<TokenResult> {
    const account = this.accounts.get(appId);
    if (!account) throw new Error('token requested for an account the relay does not serve');
    const body = Buffer.from(
      JSON.stringify({
        grant_type: 'client_credential',
        appid: account.appId,
        secret: account.appSecret,
        force_refresh: false,
      }),
    );
    const outcome = await this.upstream.post(account.type, '/cgi-bin/stable_token', body);
    const parsed = parseToken(outcome);
    if (!parsed) return { kind: 'upstream', outcome };
    const issued: Issued = { appId, token: parsed.token, expiresAtMs: this.now() + parsed.expiresInSeconds * 1000 };
    this.pruneExpired();
    this.issued.set(issued.token, issued);
    this.current.set(appId, issued);
    return { kind: 'token', token: issued.token, expiresAtMs: issued.expiresAtMs };
  }

  private pruneExpired(): void {
    const now = this.now();
    for (const [token, issued] of this.issued) if (issued.expiresAtMs <= now) this.issued.delete(token);
  }
}
