/**
 * Sends WeChat calls in parallel batches and absorbs transient failures: network errors and timeouts
 * (failing over to the next host), HTTP 5xx, `-1 system busy` and bodies that are not JSON, retried with
 * exponential backoff. Everything else comes back to the caller as a WeChat answer or a typed error.
 */
import type { Clock } from '../gas/clock';
import type { HttpClient, HttpOutcome, HttpRequest } from '../gas/http';
import type { JsonObject } from '../reports/types';
import { hostOf, type WeChatConnection } from './connection';
import {
  appsScriptLimitError,
  badResponseError,
  describeWeChatError,
  type ErrorInfo,
  httpError,
  networkError,
  urlNotAllowedError,
} from './errors';

export type CallResult = { ok: true; body: JsonObject } | { ok: false; error: ErrorInfo };
/** A call's result and how many requests it took (retries of transient failures included). */
export type SentCall = CallResult & { attempts: number };

/** Builds the request for one call against a base URL (so a retry can go to the failover host). */
export type RequestBuilder = (baseUrl: string) => HttpRequest;

export interface TransportOptions {
  /** Requests sent at once with UrlFetchApp.fetchAll. */
  concurrency: number;
  /** Tries per call for transient failures (first try included). */
  maxAttempts: number;
  /** First backoff; doubles on each retry. */
  backoffMs: number;
  /**
   * The run's deadline (clock ms): no retry starts that could not finish before it, counting a fetch that hangs
   * as its full timeout. A first attempt is the caller's decision (it checks the deadline before each batch).
   */
  deadlineMs?: number;
}

/** What a fetch that gets no answer costs: UrlFetchApp gives up after about 60 s. */
export const HUNG_FETCH_MS = 60_000;

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = { concurrency: 10, maxAttempts: 4, backoffMs: 1000 };

/** Apps Script's exception for a URL outside the manifest's urlFetchWhitelist ("…has not been whitelisted…"). */
const NOT_WHITELISTED = /not been whitelisted in the script manifest/i;

/** done: the answer; transient: worth another try; final: a passing failure no retry in this run can fix. */
type Classified = { kind: 'done'; result: CallResult } | { kind: 'transient'; error: ErrorInfo; failover: boolean };

function parseBody(body: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

export class WeChatTransport {
  private hostIndex = 0;
  /** Requests sent, retries included. */
  requestsSent = 0;

  constructor(
    readonly connection: WeChatConnection,
    private readonly http: HttpClient,
    private readonly clock: Clock,
    private readonly options: TransportOptions = DEFAULT_TRANSPORT_OPTIONS,
    private readonly tokenCall = false,
  ) {}

  /** Calls sent together in one UrlFetchApp.fetchAll. */
  get batchSize(): number {
    return this.options.concurrency;
  }

  get baseUrl(): string {
    return this.connection.baseUrls[this.hostIndex] ?? this.connection.baseUrls[0] ?? '';
  }

  /** Sends every call (in batches of `concurrency`) and returns one result per call, in order. */
  sendAll(builders: readonly RequestBuilder[]): SentCall[] {
    const results: SentCall[] = new Array(builders.length);
    for (let from = 0; from < builders.length; from += this.options.concurrency) {
      const indexes = builders.slice(from, from + this.options.concurrency).map((_, offset) => from + offset);
      this.sendBatch(indexes, builders, results);
    }
    return results;
  }

  private sendBatch(indexes: number[], builders: readonly RequestBuilder[], results: SentCall[]): void {
    let pending = indexes;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const base = this.baseUrl;
      const outcomes = this.http.fetchAll(pending.map((index) => builders[index]!(base)));
      this.requestsSent += pending.length;
      const retry: number[] = [];
      let failover = false;
      pending.forEach((index, position) => {
        const classified = this.classify(outcomes[position]!, base);
        if (classified.kind === 'done') {
          results[index] = { ...classified.result, attempts: attempt };
        } else if (attempt >= this.options.maxAttempts) {
          results[index] = { ok: false, error: classified.error, attempts: attempt };
        } else {
          retry.push(index);
          failover ||= classified.failover;
        }
      });
      if (retry.length === 0) return;
      const backoff = this.options.backoffMs * 2 ** (attempt - 1);
      // A hung batch is not sent again in this run (one timeout is all it may cost), and no retry starts that a
      // hang could carry past the deadline: the calls come back failed, and the run continues later.
      const hung = pending.some((_, position) => isHang(outcomes[position]!));
      if (hung || !this.fitsBeforeDeadline(backoff)) {
        for (const index of retry)
          results[index] = { ...this.lastError(index, outcomes, pending, base), attempts: attempt };
        return;
      }
      if (failover && this.hostIndex + 1 < this.connection.baseUrls.length) this.hostIndex++;
      this.clock.sleep(backoff);
      pending = retry;
    }
  }

  /** Whether an attempt started now would end before the deadline even if it hangs. */
  attemptFits(): boolean {
    return this.fitsBeforeDeadline(0);
  }

  private fitsBeforeDeadline(waitMs: number): boolean {
    const deadline = this.options.deadlineMs;
    return deadline === undefined || this.clock.now() + waitMs + HUNG_FETCH_MS <= deadline;
  }

  private lastError(index: number, outcomes: HttpOutcome[], pending: number[], base: string): CallResult {
    const classified = this.classify(outcomes[pending.indexOf(index)]!, base);
    return classified.kind === 'done' ? classified.result : { ok: false, error: classified.error };
  }

  private classify(outcome: HttpOutcome, base: string): Classified {
    const host = hostOf(base);
    // Apps Script refused to send: another try now would be refused again.
    if (outcome.kind === 'service_limit') {
      return { kind: 'done', result: { ok: false, error: appsScriptLimitError(outcome.limit) } };
    }
    if (outcome.kind === 'network') {
      if (NOT_WHITELISTED.test(outcome.message)) {
        return { kind: 'done', result: { ok: false, error: urlNotAllowedError(host) } };
      }
      return { kind: 'transient', error: networkError(host, shortNetworkDetail(outcome)), failover: true };
    }
    const body = parseBody(outcome.body);
    if (outcome.status >= 500 || outcome.status === 429) {
      // A relay explains its 429/5xx in WeChat's shape; keep what it said for the final message.
      const said = body && typeof body.errcode === 'number' ? this.wechatError(body) : undefined;
      const error = said?.kind === 'done' && !said.result.ok ? said.result.error : httpError(host, outcome.status);
      return { kind: 'transient', error, failover: false };
    }
    if (outcome.status !== 200) {
      if (body && typeof body.errcode === 'number' && body.errcode !== 0) return this.wechatError(body);
      return { kind: 'done', result: { ok: false, error: httpError(host, outcome.status) } };
    }
    if (!body) return { kind: 'transient', error: badResponseError(host), failover: false };
    if (typeof body.errcode === 'number' && body.errcode !== 0) return this.wechatError(body);
    return { kind: 'done', result: { ok: true, body } };
  }

  private wechatError(body: JsonObject): Classified {
    const errcode = body.errcode as number;
    const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
    const error = describeWeChatError(errcode, errmsg, {
      tokenCall: this.tokenCall,
      relay: this.connection.kind === 'relay',
    });
    if (error.kind === 'busy') return { kind: 'transient', error, failover: false };
    return { kind: 'done', result: { ok: false, error } };
  }
}

function isHang(outcome: HttpOutcome): boolean {
  return outcome.kind === 'network' && outcome.timedOut;
}

/** A hang → "timeout" (measured, whatever the language); keeps URLs (and tokens) out of messages. */
function shortNetworkDetail(outcome: Extract<HttpOutcome, { kind: 'network' }>): string {
  if (outcome.timedOut) return 'timeout';
  if (/dns/i.test(outcome.message)) return 'DNS error';
  return 'no connection';
}
