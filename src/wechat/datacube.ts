/**
 * Fetches every window of a report: parallel batches through the transport, the access token refreshed once on
 * 40001/40014/42001, a wait on 45011, windows halved on 61501, and not-ready days (61503, or yesterday still
 * empty before 08:00 Beijing) marked pending instead of read as zero. Any other error stops the run.
 */
import { addDays, beijingHour, beijingYesterday, type DateWindow, halveWindow } from '../dates';
import type { Clock } from '../gas/clock';
import type { JsonObject, JsonValue } from '../reports/types';
import { type ErrorInfo, WeChatError, type WeChatErrorKind } from './errors';
import type { TokenProvider } from './token';
import type { CallResult, WeChatTransport } from './transport';

export interface FetchProgress {
  windowsDone: number;
  windowsTotal: number;
  items: number;
}

export interface FetchOptions {
  transport: WeChatTransport;
  token: TokenProvider;
  clock: Clock;
  /** How long to wait after 45011 (per-minute quota) before trying again. */
  minuteQuotaWaitMs?: number;
  /** No new batch starts after this time; the windows left are returned to be fetched later. */
  deadlineMs?: number;
  /** Datacube calls this fetch may send (the account's daily budget); the windows left are returned. */
  callAllowance?: number;
  onProgress?: (progress: FetchProgress) => void;
}

export interface FetchResult {
  items: JsonObject[];
  /** Windows WeChat has not finished computing (retry later). */
  pending: DateWindow[];
  /** True when WeChat flagged some data as not final yet (`is_delay`). */
  delayed: boolean;
  /** Datacube calls sent (retries and halvings included). */
  calls: number;
  /** Windows not fetched because the deadline or the call allowance was reached, or a passing error stopped it. */
  remaining: DateWindow[];
  stoppedBy?: 'deadline' | 'allowance' | 'error';
  /** With stoppedBy 'error': the passing error (busy, network, quota…); what was fetched before it is kept. */
  error?: ErrorInfo;
}

/** Errors that pass: the fetch stops, keeps what it has, and the run continues later from the window that failed. */
const PASSING: readonly WeChatErrorKind[] = ['busy', 'network', 'http', 'bad_response', 'quota', 'minute_quota'];

interface Task {
  window: DateWindow;
  minuteWaits: number;
  token: string;
}

const MAX_MINUTE_WAITS = 2;
/** How far past its deadline a fetch may wait out the per-minute limit (a tick's budget leaves this much of the 6 minutes). */
const MINUTE_WAIT_GRACE_MS = 60_000;

export function fetchReport(endpoint: string, windows: readonly DateWindow[], options: FetchOptions): FetchResult {
  const { transport, token, clock } = options;
  const items: JsonObject[] = [];
  const pending: DateWindow[] = [];
  let delayed = false;
  let windowsTotal = windows.length;
  let windowsDone = 0;
  const sentBefore = transport.requestsSent;
  let queue: Task[] = windows.map((window) => ({ window, minuteWaits: 0, token: '' }));

  let stoppedBy: FetchResult['stoppedBy'];
  let passingError: ErrorInfo | undefined;
  let retryAfterWait = false;
  while (queue.length > 0 && !passingError) {
    // A call that waited out the per-minute limit is retried at once, deadline or not (the wait is bounded).
    if (!retryAfterWait && options.deadlineMs !== undefined && clock.now() >= options.deadlineMs) {
      stoppedBy = 'deadline';
      break;
    }
    const allowance = (options.callAllowance ?? Number.POSITIVE_INFINITY) - (transport.requestsSent - sentBefore);
    if (allowance <= 0) {
      stoppedBy = 'allowance';
      break;
    }
    const batchSize = Math.min(queue.length, transport.batchSize, allowance);
    const batch = queue.slice(0, batchSize);
    queue = queue.slice(batchSize);
    const accessToken = token.get();
    for (const task of batch) task.token = accessToken;
    const results = transport.sendAll(
      batch.map((task) => (base: string) => ({
        url: `${base}/datacube/${endpoint}?access_token=${encodeURIComponent(task.token)}`,
        method: 'post' as const,
        json: { begin_date: task.window.begin, end_date: task.window.end },
      })),
    );
    let waitForMinuteQuota = false;
    const retry: Task[] = [];
    batch.forEach((task, index) => {
      const result = results[index] as CallResult;
      if (result.ok) {
        const list = listOf(result.body);
        if (result.body.is_delay === true) delayed = true;
        const notReady = yesterdayNotReady(task.window, list, clock.now());
        if (notReady) pending.push(notReady);
        items.push(...list);
        windowsDone++;
        return;
      }
      const { error } = result;
      if (passingError) {
        retry.push(task);
        return;
      }
      switch (error.kind) {
        case 'token':
          if (task.token !== token.get() || token.refreshAfterRejection(task.token)) {
            retry.push(task);
            return;
          }
          throw new WeChatError(error);
        case 'minute_quota': {
          const wait = options.minuteQuotaWaitMs ?? 60_000;
          const pastDeadline =
            options.deadlineMs !== undefined && clock.now() + wait > options.deadlineMs + MINUTE_WAIT_GRACE_MS;
          retry.push(task);
          if (task.minuteWaits >= MAX_MINUTE_WAITS || pastDeadline) {
            passingError = error;
            return;
          }
          task.minuteWaits++;
          waitForMinuteQuota = true;
          return;
        }
        case 'range': {
          const halves = halveWindow(task.window);
          if (!halves) throw new WeChatError(error);
          windowsTotal++;
          retry.push(...halves.map((window) => ({ window, minuteWaits: task.minuteWaits, token: '' })));
          return;
        }
        case 'not_ready': {
          // Usually only yesterday is not computed yet: fetch the days before it, mark it pending.
          const { begin, end } = task.window;
          if (begin !== end && end === beijingYesterday(clock.now())) {
            const before = addDays(end, -1);
            pending.push({ begin: end, end });
            retry.push({ window: { begin, end: before }, minuteWaits: task.minuteWaits, token: '' });
            return;
          }
          pending.push(task.window);
          windowsDone++;
          return;
        }
        default:
          if (PASSING.includes(error.kind)) {
            passingError = error;
            retry.push(task);
            return;
          }
          throw new WeChatError(error);
      }
    });
    queue = [...retry, ...queue];
    options.onProgress?.({ windowsDone, windowsTotal, items: items.length });
    retryAfterWait = waitForMinuteQuota && !passingError;
    if (retryAfterWait) clock.sleep(options.minuteQuotaWaitMs ?? 60_000);
  }
  const remaining = queue.map((task) => task.window);
  if (passingError) stoppedBy = 'error';
  return {
    items,
    pending,
    delayed,
    calls: transport.requestsSent - sentBefore,
    remaining,
    ...(stoppedBy ? { stoppedBy } : {}),
    ...(passingError ? { error: passingError } : {}),
  };
}

function listOf(body: JsonObject): JsonObject[] {
  const list: JsonValue | undefined = body.list;
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is JsonObject => item !== null && typeof item === 'object' && !Array.isArray(item));
}

/**
 * WeChat computes yesterday's numbers in the early morning (Beijing): before 08:00 a window that ends yesterday
 * and has no row for yesterday is not "zero", it is not ready yet.
 */
function yesterdayNotReady(window: DateWindow, list: JsonObject[], nowMs: number): DateWindow | undefined {
  const yesterday = beijingYesterday(nowMs);
  if (window.end !== yesterday || beijingHour(nowMs) >= 8) return undefined;
  if (list.some((item) => item.ref_date === yesterday)) return undefined;
  return { begin: yesterday, end: yesterday };
}
