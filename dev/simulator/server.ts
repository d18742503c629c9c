/**
 * The simulator server: HTTP plumbing, the request log and stats, the public API and the control API
 * (/__sim/…). Requests are handled by the token and datacube desks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AccountState, newAccountState, newCounters, type TokenRecord } from './accounts';
import { SimClock } from './clock';
import { InputError, retiredList } from './config';
import { handleControl } from './control';
import { Replies, type SimCore } from './core';
import type { JsonObject } from './data';
import { DatacubeDesk } from './datacube';
import { QuotaDesk } from './quota';
import { TokenDesk } from './tokens';
import {
  type AccountFaults,
  type ClockSetting,
  type ClockState,
  DEMO_ACCOUNT,
  type LogFilter,
  type RequestLogEntry,
  type SimAccount,
  type Simulator,
  type SimulatorOptions,
  type SimulatorSettings,
  type SimulatorStats,
} from './types';
import {
  CONTROL_PREFIX,
  type Exchange,
  firstHeader,
  increment,
  MAX_REQUEST_BYTES,
  normalizeIp,
  type Reply,
  wechatHost,
} from './wire';

function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    tokenCalls: { classic: 0, stable: 0, byAccount: {} },
    datacubeCalls: { total: 0, byAccount: {} },
    errcodes: {},
    httpStatus: {},
    servedItems: 0,
  };
}

export class WeChatSimulator implements Simulator {
  private readonly clockImpl: SimClock;
  private readonly states = new Map<string, AccountState>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly served = new Map<string, JsonObject[]>();
  private logEntries: RequestLogEntry[] = [];
  private statsData: SimulatorStats = emptyStats();
  private settingsData: SimulatorSettings;
  private seq = 0;
  private server: Server | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logLimit: number;
  private readonly logBodyLimit: number;

  private readonly replies: Replies;
  private readonly tokenDesk: TokenDesk;
  private readonly datacubeDesk: DatacubeDesk;
  private readonly quotaDesk: QuotaDesk;

  constructor(private readonly options: SimulatorOptions) {
    this.clockImpl = new SimClock(options.now ?? Date.now);
    const core: SimCore = {
      now: () => this.now(),
      states: this.states,
      tokens: this.tokens,
      stats: () => this.statsData,
      settings: () => this.settingsData,
    };
    this.replies = new Replies(core);
    this.tokenDesk = new TokenDesk(core, this.replies);
    this.datacubeDesk = new DatacubeDesk(core, this.replies, this.tokenDesk);
    this.quotaDesk = new QuotaDesk(core, this.replies, this.tokenDesk);
    this.logLimit = options.logLimit ?? 20_000;
    this.logBodyLimit = options.logBodyLimit ?? 16_384;
    this.settingsData = this.initialSettings();
    this.reset();
  }

  // -- public API ------------------------------------------------------------------------------------------------

  listen(port = 0, host = '127.0.0.1'): Promise<{ port: number }> {
    const server = createServer((req, res) => this.onRequest(req, res));
    server.keepAliveTimeout = 5_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, 1024, () => {
        server.off('error', reject);
        resolve({ port: (server.address() as AddressInfo).port });
      });
    });
  }

  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  reset(): void {
    this.clockImpl.apply({ real: true });
    if (this.options.clock) this.clockImpl.apply(this.options.clock);
    this.settingsData = this.initialSettings();
    this.states.clear();
    this.tokens.clear();
    this.served.clear();
    this.logEntries = [];
    this.statsData = emptyStats();
    const accounts = this.options.accounts ?? [{ ...DEMO_ACCOUNT }];
    for (const account of accounts) {
      this.states.set(account.appid, newAccountState({ ...account }, { ...this.options.faults?.[account.appid] }));
    }
  }

  setFaults(appid: string, faults: AccountFaults): void {
    const state = this.requireState(appid);
    state.faults = { ...faults };
    state.counters = newCounters(state.faults);
    state.minuteCalls = 0;
    if (state.counters.invalidateAfter !== null && state.counters.invalidateAfter <= 0)
      this.tokenDesk.revokeAllTokens(state);
  }

  faults(appid: string): AccountFaults {
    return { ...this.requireState(appid).faults };
  }

  setClock(setting: ClockSetting): ClockState {
    this.clockImpl.apply(setting);
    return this.clockImpl.state();
  }

  clock(): ClockState {
    return this.clockImpl.state();
  }

  now(): number {
    return this.clockImpl.now();
  }

  private followCallerClock(req: IncomingMessage): void {
    const header = this.options.clockHeader;
    if (!header) return;
    const stamp = Number(firstHeader(req.headers[header.toLowerCase()]));
    if (Number.isFinite(stamp) && stamp > this.now()) this.clockImpl.apply({ nowMs: stamp });
  }

  upsertAccounts(accounts: SimAccount | SimAccount[]): SimAccount[] {
    for (const account of Array.isArray(accounts) ? accounts : [accounts]) {
      const existing = this.states.get(account.appid);
      if (existing) existing.account = { ...account };
      else this.states.set(account.appid, newAccountState({ ...account }, {}));
    }
    return this.accounts();
  }

  accounts(): SimAccount[] {
    return [...this.states.values()].map((state) => ({ ...state.account }));
  }

  configure(settings: Partial<SimulatorSettings>): SimulatorSettings {
    this.settingsData = { ...this.settingsData, ...settings };
    return this.settings();
  }

  settings(): SimulatorSettings {
    return { ...this.settingsData, retiredEndpoints: [...this.settingsData.retiredEndpoints] };
  }

  log(filter: LogFilter = {}): RequestLogEntry[] {
    return this.logEntries.filter(
      (entry) =>
        (filter.kind === undefined || entry.kind === filter.kind) &&
        (filter.appid === undefined || entry.appid === filter.appid) &&
        (filter.endpoint === undefined || entry.endpoint === filter.endpoint) &&
        (filter.errcode === undefined || entry.errcode === filter.errcode) &&
        (filter.sinceSeq === undefined || entry.seq > filter.sinceSeq),
    );
  }

  stats(): SimulatorStats {
    return structuredClone(this.statsData);
  }

  servedItems(appid: string, endpoint: string): JsonObject[] {
    return [...(this.served.get(`${appid}\u0001${endpoint}`) ?? [])];
  }

  // -- setup -----------------------------------------------------------------------------------------------------

  private initialSettings(): SimulatorSettings {
    return {
      latencyMs: this.options.latencyMs ?? 0,
      notReadyMode: this.options.notReadyMode ?? '61503',
      retiredEndpoints: retiredList(this.options.retiredEndpoints),
    };
  }

  private requireState(appid: string): AccountState {
    const state = this.states.get(appid);
    if (!state) throw new InputError(`unknown appid ${appid}`);
    return state;
  }

  // -- HTTP plumbing -----------------------------------------------------------------------------------------------

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => this.dispatch(req, res, Buffer.concat(chunks).toString('utf8'), arrivedAt));
    req.on('error', () => res.destroy());
  }

  private dispatch(req: IncomingMessage, res: ServerResponse, body: string, arrivedAt: number): void {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      handleControl(this, req.method ?? 'GET', url, body, res);
      return;
    }
    this.followCallerClock(req);
    const rawHost = firstHeader(req.headers['x-forwarded-host']) ?? firstHeader(req.headers.host);
    const exchange: Exchange = {
      res,
      url,
      method: req.method ?? 'GET',
      host: wechatHost(rawHost),
      rawHost,
      ip: normalizeIp(req.socket.remoteAddress ?? ''),
      body,
      receivedMs: this.now(),
      arrivedAt,
    };
    this.statsData.requests += 1;
    this.deliver(exchange, this.route(exchange));
  }

  private deliver(exchange: Exchange, reply: Reply): void {
    this.record(exchange, reply);
    if (reply.hang) return;
    const send = (): void => {
      const { res } = exchange;
      if (res.destroyed) return;
      res.writeHead(reply.status, {
        'Content-Type': reply.contentType,
        'Content-Length': Buffer.byteLength(reply.body),
      });
      res.end(reply.body);
      if (reply.served && reply.appid && reply.endpoint) this.recordServed(reply.appid, reply.endpoint, reply.served);
    };
    const waitMs = reply.delayMs - (performance.now() - exchange.arrivedAt);
    if (waitMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, waitMs);
    this.timers.add(timer);
  }

  private recordServed(appid: string, endpoint: string, items: JsonObject[]): void {
    const key = `${appid}\u0001${endpoint}`;
    const list = this.served.get(key) ?? [];
    list.push(...items);
    this.served.set(key, list);
    this.statsData.servedItems += items.length;
  }

  private clip(text: string): { text: string; clipped: boolean } {
    return text.length > this.logBodyLimit
      ? { text: text.slice(0, this.logBodyLimit), clipped: true }
      : { text, clipped: false };
  }

  private record(exchange: Exchange, reply: Reply): void {
    const requestBody = this.clip(exchange.body);
    const responseBody = this.clip(reply.hang ? '' : reply.body);
    this.seq += 1;
    this.logEntries.push({
      seq: this.seq,
      timeMs: exchange.receivedMs,
      kind: reply.kind,
      method: exchange.method,
      host: exchange.host,
      rawHost: exchange.rawHost,
      path: exchange.url.pathname,
      query: Object.fromEntries(exchange.url.searchParams),
      body: requestBody.text,
      ip: exchange.ip,
      appid: reply.appid,
      endpoint: reply.endpoint,
      status: reply.hang ? null : reply.status,
      errcode: reply.errcode,
      responseBody: responseBody.text,
      responseBytes: reply.hang ? 0 : Buffer.byteLength(reply.body),
      truncated: requestBody.clipped || responseBody.clipped,
    });
    if (this.logEntries.length > this.logLimit * 1.1) this.logEntries = this.logEntries.slice(-this.logLimit);
    if (!reply.hang) increment(this.statsData.httpStatus, String(reply.status));
    if (reply.status === 200 && !reply.hang) increment(this.statsData.errcodes, String(reply.errcode ?? 0));
  }

  // -- replies -----------------------------------------------------------------------------------------------------
  private route(exchange: Exchange): Reply {
    const path = exchange.url.pathname;
    if (path === '/cgi-bin/token') return this.tokenDesk.handleClassicToken(exchange);
    if (path === '/cgi-bin/stable_token') return this.tokenDesk.handleStableToken(exchange);
    if (path === '/cgi-bin/openapi/quota/get') return this.quotaDesk.handleQuotaGet(exchange);
    if (path.startsWith('/datacube/')) return this.datacubeDesk.handleDatacube(exchange);
    return this.replies.httpErrorReply('unknown', null, null, 404);
  }

  // -- tokens ------------------------------------------------------------------------------------------------------
}
