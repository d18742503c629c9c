/**
 * The datacube endpoints (shared/wechat-api.md §3–§5): authentication, the account's faults, quotas, date rules
 * (61500/61501/61503) and the generated data.
 */
import { type AccountState, consume, isReply } from './accounts';
import { retiredList } from './config';
import type { Replies, SimCore } from './core';
import {
  addDays,
  addUnknownFields,
  beijingDate,
  beijingHour,
  dayNumber,
  type EndpointSpec,
  endpointSpec,
  generateData,
  isValidIsoDate,
  type JsonObject,
} from './data';
import { datacubePath, takeDailyCall } from './quota';
import type { TokenDesk } from './tokens';
import { type Exchange, type Gate, increment, LARGE_RESPONSE_BYTES, parseJsonObject, type Reply } from './wire';

export class DatacubeDesk {
  constructor(
    private readonly core: SimCore,
    private readonly replies: Replies,
    private readonly tokens: TokenDesk,
  ) {}

  private now(): number {
    return this.core.now();
  }

  private countDatacubeCall(appid: string, endpoint: string): void {
    const byAccount = this.core.stats().datacubeCalls.byAccount;
    const entry = byAccount[appid] ?? { total: 0, byEndpoint: {} };
    entry.total += 1;
    increment(entry.byEndpoint, endpoint);
    byAccount[appid] = entry;
  }

  private noteAuthenticatedCall(state: AccountState): void {
    const counters = state.counters;
    if (counters.invalidateAfter === null) return;
    counters.invalidateAfter -= 1;
    if (counters.invalidateAfter > 0) return;
    counters.invalidateAfter = null;
    this.tokens.revokeAllTokens(state);
  }

  handleDatacube(exchange: Exchange): Reply {
    const endpoint = exchange.url.pathname.slice('/datacube/'.length);
    const spec = endpointSpec(endpoint);
    this.core.stats().datacubeCalls.total += 1;
    if (!spec) return this.replies.httpErrorReply('datacube', null, null, 404);
    const state = this.tokens.authenticate(exchange, endpoint);
    if (isReply(state)) return state;
    const appid = state.account.appid;
    this.countDatacubeCall(appid, endpoint);
    this.noteAuthenticatedCall(state);
    const gates: Gate[] = [
      () => this.transportFaultGate(state, endpoint),
      () => (exchange.method === 'POST' ? null : this.replies.errorReply('datacube', appid, endpoint, 43002)),
      () => (consume(state.counters, 'busy') ? this.replies.errorReply('datacube', appid, endpoint, -1) : null),
      () => this.retiredGate(state, endpoint),
      () => this.quotaGate(state, endpoint),
    ];
    for (const gate of gates) {
      const reply = gate();
      if (reply) return reply;
    }
    if (exchange.body.trim() === '') return this.replies.errorReply('datacube', appid, endpoint, 44002);
    const body = parseJsonObject(exchange.body);
    if (!body) return this.replies.errorReply('datacube', appid, endpoint, 47001);
    return this.answerDatacube(state, spec, body);
  }

  private transportFaultGate(state: AccountState, endpoint: string): Reply | null {
    const appid = state.account.appid;
    if (state.faults.hang) return this.replies.reply('datacube', appid, endpoint, { hang: true });
    if (!consume(state.counters, 'http5xx')) return null;
    const cycle = [502, 503, 500];
    const status = state.faults.http5xxStatus ?? cycle[state.counters.hits5xx % cycle.length] ?? 502;
    state.counters.hits5xx += 1;
    return this.replies.httpErrorReply('datacube', appid, endpoint, status);
  }

  private retiredGate(state: AccountState, endpoint: string): Reply | null {
    const perAccount = retiredList(state.faults.retired);
    const retired = this.core.settings().retiredEndpoints.includes(endpoint) || perAccount.includes(endpoint);
    return retired ? this.replies.errorReply('datacube', state.account.appid, endpoint, 47009) : null;
  }

  private quotaGate(state: AccountState, endpoint: string): Reply | null {
    const now = this.now();
    const minute = Math.floor(now / 60_000);
    if (state.minute !== minute) {
      state.minute = minute;
      state.minuteCalls = 0;
    }
    const appid = state.account.appid;
    const { counters, faults } = state;
    if (counters.quotaAfter !== null && counters.quotaAfter <= 0)
      return this.replies.errorReply('datacube', appid, endpoint, 45009);
    if (faults.minuteQuota !== undefined && state.minuteCalls >= faults.minuteQuota) {
      return this.replies.errorReply('datacube', appid, endpoint, 45011);
    }
    if (!takeDailyCall(state, datacubePath(endpoint), now)) {
      return this.replies.errorReply('datacube', appid, endpoint, 45009);
    }
    state.minuteCalls += 1;
    if (counters.quotaAfter !== null) counters.quotaAfter -= 1;
    return null;
  }

  /** Dates → 61500 / 61501, readiness → 61503, then the data. */
  private answerDatacube(state: AccountState, spec: EndpointSpec, body: JsonObject): Reply {
    const appid = state.account.appid;
    const endpoint = spec.name;
    const error = (code: number): Reply => this.replies.errorReply('datacube', appid, endpoint, code);
    if (state.faults.rangeError) return error(61501);
    const begin = body.begin_date;
    const end = body.end_date;
    if (typeof begin !== 'string' || typeof end !== 'string' || !isValidIsoDate(begin) || !isValidIsoDate(end)) {
      return error(61500);
    }
    const now = this.now();
    const today = beijingDate(now);
    const span = dayNumber(end) - dayNumber(begin) + 1;
    if (span < 1 || span > spec.maxSpanDays || end >= today) return error(61501);
    const yesterday = addDays(today, -1);
    const ready = beijingHour(now) >= 8;
    if (state.faults.notReady) return error(61503);
    if (!ready && end >= yesterday && this.core.settings().notReadyMode === '61503') return error(61503);
    const newestDate = ready ? yesterday : addDays(today, -2);
    const data = generateData({ appid, endpoint, beginDate: begin, endDate: end, newestDate });
    return this.successReply(state, spec, state.faults.emptyList ? [] : data.list, data.isDelay);
  }

  private successReply(state: AccountState, spec: EndpointSpec, items: JsonObject[], isDelay: boolean | null): Reply {
    const { faults } = state;
    const list = faults.unknownFields ? addUnknownFields(spec.name, items) : items;
    const envelope: JsonObject = {};
    if (isDelay !== null) envelope.is_delay = isDelay;
    envelope.list = list;
    if (faults.unknownFields) envelope.unknown_envelope_field = { version: 2, note: 'added by a future WeChat' };
    let body = JSON.stringify(envelope);
    const padding = faults.largeResponse === true ? LARGE_RESPONSE_BYTES : Number(faults.largeResponse ?? 0);
    if (padding > 0) body = `${body.slice(0, -1)},"ext_padding":"${'x'.repeat(padding)}"}`;
    const appid = state.account.appid;
    if (consume(state.counters, 'malformed')) {
      return this.replies.reply('datacube', appid, spec.name, { body: this.corrupt(state, body), errcode: null });
    }
    return this.replies.reply('datacube', appid, spec.name, { body, served: list });
  }

  private corrupt(state: AccountState, body: string): string {
    const kind = state.faults.malformedKind ?? 'alternate';
    const hit = state.counters.hitsMalformed;
    state.counters.hitsMalformed += 1;
    const truncated = kind === 'truncated' || (kind === 'alternate' && hit % 2 === 0);
    // A strict prefix of a JSON object is never valid JSON.
    return truncated ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : 'upstream busy, please retry\n';
  }
}
