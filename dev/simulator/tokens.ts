/**
 * The token endpoints (shared/wechat-api.md §2): classic /cgi-bin/token and /cgi-bin/stable_token, with their
 * daily limits, the IP whitelist, overlap and force refresh; and resolving an access_token to its account.
 */
import { randomBytes } from 'node:crypto';
import { type AccountState, isReply, type TokenKind, type TokenRecord } from './accounts';
import type { Replies, SimCore } from './core';
import { beijingDate } from './data';
import type { RequestKind, SimAccount } from './types';
import { type Exchange, hostRegion, normalizeIp, parseJsonObject, type Reply } from './wire';

const TOKEN_LIFETIME_MS = 7_200_000;
const RENEWAL_WINDOW_MS = 300_000;
const OVERLAP_MS = 300_000;
const FORCE_REFRESH_GAP_MS = 30_000;
const FORCE_REFRESHES_PER_DAY = 20;
const CLASSIC_TOKENS_PER_DAY = 2000;

function newToken(): string {
  // Real tokens are ~136 opaque characters; a random body keeps tokens distinct across accounts and resets.
  return `93_${randomBytes(100).toString('base64url')}`;
}

export class TokenDesk {
  constructor(
    private readonly core: SimCore,
    private readonly replies: Replies,
  ) {}

  private now(): number {
    return this.core.now();
  }

  private issueToken(state: AccountState, kind: TokenKind): TokenRecord {
    const record: TokenRecord = {
      token: newToken(),
      appid: state.account.appid,
      kind,
      expiresMs: this.now() + TOKEN_LIFETIME_MS,
      invalidFromMs: null,
    };
    this.pruneTokens(state);
    state.tokens.push(record);
    this.core.tokens.set(record.token, record);
    return record;
  }

  /** Forgets tokens that expired more than a day ago, so long runs do not grow without bound. */
  private pruneTokens(state: AccountState): void {
    const horizon = this.now() - 86_400_000;
    const stale = state.tokens.filter((t) => t.expiresMs < horizon);
    if (stale.length === 0) return;
    for (const record of stale) this.core.tokens.delete(record.token);
    state.tokens = state.tokens.filter((t) => t.expiresMs >= horizon);
  }

  private invalidateFrom(record: TokenRecord | null, fromMs: number): void {
    if (record && (record.invalidFromMs === null || record.invalidFromMs > fromMs)) record.invalidFromMs = fromMs;
  }

  revokeAllTokens(state: AccountState): void {
    const now = this.now();
    for (const record of state.tokens) this.invalidateFrom(record, now);
  }

  private tokenReply(kind: RequestKind, state: AccountState, record: TokenRecord): Reply {
    const expiresIn = Math.max(0, Math.floor((record.expiresMs - this.now()) / 1000));
    const body = JSON.stringify({ access_token: record.token, expires_in: expiresIn });
    return this.replies.reply(kind, state.account.appid, null, { body });
  }

  private ipAdmitted(account: SimAccount, ip: string): boolean {
    const whitelist = account.whitelist ?? [];
    return whitelist === 'off' || whitelist.map(normalizeIp).includes(ip);
  }

  private whitelistError(kind: RequestKind, appid: string, ip: string): Reply {
    const ipv6 = ip.includes(':') ? ip : `::ffff:${ip}`;
    return this.replies.errorReply(kind, appid, null, 40164, `invalid ip ${ip} ipv6 ${ipv6}, not in whitelist`);
  }

  private countTokenCall(kind: TokenKind, appid: string | null): void {
    this.core.stats().tokenCalls[kind] += 1;
    if (!appid || !this.core.states.has(appid)) return;
    const byAccount = this.core.stats().tokenCalls.byAccount;
    const entry = byAccount[appid] ?? { classic: 0, stable: 0 };
    entry[kind] += 1;
    byAccount[appid] = entry;
  }

  /** Checks shared by both token endpoints; returns the account state or the error reply. */
  private checkTokenRequest(
    kind: RequestKind,
    exchange: Exchange,
    params: { grantType: unknown; appid: unknown; secret: unknown },
    wrongSecretCode: number,
  ): AccountState | Reply {
    if (params.grantType !== 'client_credential') return this.replies.errorReply(kind, null, null, 40002);
    if (typeof params.appid !== 'string' || params.appid === '')
      return this.replies.errorReply(kind, null, null, 41002);
    const state = this.core.states.get(params.appid);
    if (!state) return this.replies.errorReply(kind, null, null, 40013);
    const appid = state.account.appid;
    if (hostRegion(exchange.host) !== state.account.type) return this.replies.errorReply(kind, appid, null, 50001);
    if (typeof params.secret !== 'string' || params.secret === '')
      return this.replies.errorReply(kind, appid, null, 41004);
    if (params.secret !== state.account.secret) return this.replies.errorReply(kind, appid, null, wrongSecretCode);
    if (!this.ipAdmitted(state.account, exchange.ip)) return this.whitelistError(kind, appid, exchange.ip);
    return state;
  }

  handleClassicToken(exchange: Exchange): Reply {
    const query = exchange.url.searchParams;
    const appid = query.get('appid');
    this.countTokenCall('classic', appid);
    const params = { grantType: query.get('grant_type'), appid, secret: query.get('secret') };
    const checked = this.checkTokenRequest('token', exchange, params, 40001);
    if (isReply(checked)) return checked;
    const state = checked;
    const today = beijingDate(this.now());
    if (state.classicDay !== today) {
      state.classicDay = today;
      state.classicCount = 0;
    }
    if (state.classicCount >= CLASSIC_TOKENS_PER_DAY)
      return this.replies.errorReply('token', state.account.appid, null, 45009);
    state.classicCount += 1;
    // Each fetch supersedes the previous token, which stays usable for five more minutes.
    this.invalidateFrom(state.classicCurrent, this.now() + OVERLAP_MS);
    state.classicCurrent = this.issueToken(state, 'classic');
    return this.tokenReply('token', state, state.classicCurrent);
  }

  handleStableToken(exchange: Exchange): Reply {
    const kind: RequestKind = 'stable_token';
    const parsed = exchange.body.trim() === '' ? null : parseJsonObject(exchange.body);
    const appidGuess = parsed && typeof parsed.appid === 'string' ? parsed.appid : null;
    this.countTokenCall('stable', appidGuess);
    if (exchange.method !== 'POST') return this.replies.errorReply(kind, null, null, 43002);
    if (exchange.body.trim() === '') return this.replies.errorReply(kind, null, null, 44002);
    if (!parsed) return this.replies.errorReply(kind, null, null, 47001);
    const params = { grantType: parsed.grant_type, appid: parsed.appid, secret: parsed.secret };
    const checked = this.checkTokenRequest(kind, exchange, params, 40125);
    if (isReply(checked)) return checked;
    return parsed.force_refresh === true ? this.forceRefresh(checked) : this.stableNormal(checked);
  }

  private isUsable(record: TokenRecord | null, now: number): record is TokenRecord {
    return record !== null && now < record.expiresMs && (record.invalidFromMs === null || now < record.invalidFromMs);
  }

  /** Same token while valid; inside its last five minutes a new one (the old one keeps its own expiry). */
  private stableNormal(state: AccountState): Reply {
    const now = this.now();
    const current = state.stableCurrent;
    if (this.isUsable(current, now) && now < current.expiresMs - RENEWAL_WINDOW_MS) {
      return this.tokenReply('stable_token', state, current);
    }
    state.stableCurrent = this.issueToken(state, 'stable');
    return this.tokenReply('stable_token', state, state.stableCurrent);
  }

  private forceRefresh(state: AccountState): Reply {
    const now = this.now();
    // Within 30 s of the last forced refresh nothing is refreshed: the caller gets the current token.
    if (state.lastForceMs !== null && now - state.lastForceMs < FORCE_REFRESH_GAP_MS) return this.stableNormal(state);
    const today = beijingDate(now);
    if (state.forceDay !== today) {
      state.forceDay = today;
      state.forceCount = 0;
    }
    if (state.forceCount >= FORCE_REFRESHES_PER_DAY) {
      return this.replies.errorReply('stable_token', state.account.appid, null, 45009);
    }
    state.forceCount += 1;
    state.lastForceMs = now;
    for (const record of state.tokens) if (record.kind === 'stable') this.invalidateFrom(record, now);
    state.stableCurrent = this.issueToken(state, 'stable');
    return this.tokenReply('stable_token', state, state.stableCurrent);
  }

  /** Resolves the access token to an account, or the error WeChat gives for it. */
  authenticate(exchange: Exchange, endpoint: string | null, kind: RequestKind = 'datacube'): AccountState | Reply {
    const token = exchange.url.searchParams.get('access_token');
    if (!token) return this.replies.errorReply(kind, null, endpoint, 41001);
    const record = this.core.tokens.get(token);
    const state = record ? this.core.states.get(record.appid) : undefined;
    if (!record || !state) return this.replies.errorReply(kind, null, endpoint, 40014);
    const now = this.now();
    const appid = state.account.appid;
    if (now >= record.expiresMs) return this.replies.errorReply(kind, appid, endpoint, 42001);
    if (record.invalidFromMs !== null && now >= record.invalidFromMs) {
      return this.replies.errorReply(kind, appid, endpoint, 40001);
    }
    if (hostRegion(exchange.host) !== state.account.type) return this.replies.errorReply(kind, appid, endpoint, 50001);
    if (state.account.verified === false) return this.replies.errorReply(kind, appid, endpoint, 48001);
    return state;
  }
}
