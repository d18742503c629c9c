/**
 * Daily quotas per API, as WeChat counts them: one counter per API (cgi path) per account, reset at 00:00 Beijing
 * time; 45009 answers only the API whose counter is used up (shared/wechat-api.md §8). `POST
 * /cgi-bin/openapi/quota/get` reports one API's counter: `{"errcode":0,"errmsg":"ok","quota":{"daily_limit",
 * "used","remain"}}`; an unknown cgi_path gives 76021, a path without its leading "/" or with the host gives 76003
 * (developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/openApi/get_api_quota.html). The quota
 * query itself is not counted against any datacube API.
 */
import { type AccountState, isReply } from './accounts';
import type { Replies, SimCore } from './core';
import { beijingDate, endpointSpec } from './data';
import type { TokenDesk } from './tokens';
import type { SimAccount } from './types';
import { type Exchange, parseJsonObject, type Reply } from './wire';

/**
 * WeChat does not publish the datacube daily limits ([D-limits]; a community question asking for them went
 * unanswered). Each API gets this many calls a day unless the account says otherwise: a conservative pick, low
 * enough that a connector which wastes calls meets it in tests.
 */
export const DEFAULT_DATACUBE_DAILY_LIMIT = 1000;

export interface ApiQuota {
  daily_limit: number;
  used: number;
  remain: number;
}

export type QuotaLookup = { quota: ApiQuota } | { errcode: 76003 | 76021 };

export function datacubePath(endpoint: string): string {
  return `/datacube/${endpoint}`;
}

/** The account's daily limit for one API (cgi path). */
export function dailyLimit(account: SimAccount, cgiPath: string): number {
  const quota = account.dailyQuota;
  if (typeof quota === 'number') return quota;
  const endpoint = cgiPath.slice('/datacube/'.length);
  return quota?.[endpoint] ?? DEFAULT_DATACUBE_DAILY_LIMIT;
}

function rollOver(state: AccountState, now: number): void {
  const today = beijingDate(now);
  if (state.quotaDay === today) return;
  state.quotaDay = today;
  state.usedByApi.clear();
}

export function usedToday(state: AccountState, cgiPath: string, now: number): number {
  rollOver(state, now);
  return state.usedByApi.get(cgiPath) ?? 0;
}

/** Counts one call of the API unless its daily limit is used up; false = answer 45009. */
export function takeDailyCall(state: AccountState, cgiPath: string, now: number): boolean {
  const used = usedToday(state, cgiPath, now);
  if (used >= dailyLimit(state.account, cgiPath)) return false;
  state.usedByApi.set(cgiPath, used + 1);
  return true;
}

/** Only the datacube paths are modelled: any other path answers 76021 here. */
function knownPath(cgiPath: string): boolean {
  return cgiPath.startsWith('/datacube/') && endpointSpec(cgiPath.slice('/datacube/'.length)) !== undefined;
}

/** What openapi/quota/get answers for `cgi_path`. */
export function lookupQuota(state: AccountState, cgiPath: unknown, now: number): QuotaLookup {
  if (typeof cgiPath !== 'string' || !cgiPath.startsWith('/') || cgiPath.includes('://')) return { errcode: 76003 };
  if (!knownPath(cgiPath)) return { errcode: 76021 };
  const limit = dailyLimit(state.account, cgiPath);
  const used = Math.min(usedToday(state, cgiPath, now), limit);
  return { quota: { daily_limit: limit, used, remain: limit - used } };
}

/** `POST /cgi-bin/openapi/quota/get?access_token=…` with `{"cgi_path": "/datacube/<name>"}`. */
export class QuotaDesk {
  constructor(
    private readonly core: SimCore,
    private readonly replies: Replies,
    private readonly tokens: TokenDesk,
  ) {}

  handleQuotaGet(exchange: Exchange): Reply {
    const state = this.tokens.authenticate(exchange, null, 'quota');
    if (isReply(state)) return state;
    const appid = state.account.appid;
    if (exchange.method !== 'POST') return this.replies.errorReply('quota', appid, null, 43002);
    if (exchange.body.trim() === '') return this.replies.errorReply('quota', appid, null, 44002);
    const body = parseJsonObject(exchange.body);
    if (!body) return this.replies.errorReply('quota', appid, null, 47001);
    const found = lookupQuota(state, body.cgi_path, this.core.now());
    if ('errcode' in found) return this.replies.errorReply('quota', appid, null, found.errcode);
    const answer = JSON.stringify({ errcode: 0, errmsg: 'ok', quota: found.quota });
    return this.replies.reply('quota', appid, null, { body: answer, errcode: 0 });
  }
}
