/**
 * Access tokens per account, held by the relay and never handed out: `stable_token` in normal mode (never force:
 * that would knock out the token the account's other systems use), one upstream call at a time per account
 * (callers that arrive meanwhile share it), cached until five minutes before expiry. Five minutes is WeChat's
 * renewal window, so the next fetch returns a fresh token rather than the same one about to expire.
 */
import type { RelayAccount } from './config';
import type { Upstream, UpstreamOutcome } from './upstream';

export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export type TokenResult =
  | { kind: 'token'; token: string }
  /** WeChat refused (its answer, as it came) or could not be reached. */
  | { kind: 'upstream'; outcome: UpstreamOutcome };

interface Held {
  token: string;
  expiresAtMs: number;
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
  private readonly current = new Map<string, Held>();
  private readonly inflight = new Map<string, Promise<TokenResult>>();
  /** Tokens replaced or rejected but not yet expired: still masked from anything the relay passes back. */
  private readonly retired: Held[] = [];

  constructor(
    accounts: readonly RelayAccount[],
    private readonly upstream: Upstream,
    private readonly now: () => number,
  ) {
    this.accounts = new Map(accounts.map((account) => [account.appId, account]));
  }

  /** The account's token: cached, or fetched (concurrent callers share one fetch). */
  get(appId: string): Promise<TokenResult> {
    const held = this.current.get(appId);
    if (held && held.expiresAtMs - REFRESH_MARGIN_MS > this.now()) return Promise.resolve({ kind: 'token', ...held });
    const running = this.inflight.get(appId);
    if (running) return running;
    const fetching = this.fetch(appId).finally(() => this.inflight.delete(appId));
    this.inflight.set(appId, fetching);
    return fetching;
  }

  /** WeChat refused `token` (40001, 40014, 42001): the next get() fetches again, unless another call already did. */
  rejected(appId: string, token: string): void {
    const held = this.current.get(appId);
    if (held?.token !== token) return;
    this.current.delete(appId);
    this.retire(held);
  }

  /** Every token the relay holds or held and that may still work: to be masked from answers and logs. */
  tokens(): string[] {
    const now = this.now();
    for (let i = this.retired.length - 1; i >= 0; i--) {
      if ((this.retired[i]?.expiresAtMs ?? 0) <= now) this.retired.splice(i, 1);
    }
    return [...[...this.current.values()].map((held) => held.token), ...this.retired.map((held) => held.token)];
  }

  private retire(held: Held): void {
    this.retired.push(held);
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
    const previous = this.current.get(appId);
    if (previous && previous.token !== parsed.token) this.retire(previous);
    const held: Held = { token: parsed.token, expiresAtMs: this.now() + parsed.expiresInSeconds * 1000 };
    this.current.set(appId, held);
    return { kind: 'token', token: held.token };
  }
}
