/**
 * Fetches every window of a report: parallel batches through the transport, the access token refreshed once on
 * 40001/40014/42001, a wait on 45011, windows halved on 61501, and not-ready days (61503, or yesterday still
 * empty before 08:00 Beijing) marked pending instead of read as zero. Any other error stops the run.
 */
import { beijingHour, beijingYesterday, type DateWindow, halveWindow } from '../dates';
import type { Clock } from '../gas/clock';
import type { JsonObject, JsonValue } from '../reports/types';
import { WeChatError } from './errors';
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
  /** Windows not fetched because the deadline or the call allowance was reached, in order. */
  remaining: DateWindow[];
  stoppedBy?: 'deadline' | 'allowance';
}

interface Task {
  window: DateWindow;
  minuteWaits: number;
  token: string;
}

const MAX_MINUTE_WAITS = 2;

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
  while (queue.length > 0) {
    if (options.deadlineMs !== undefined && clock.now() >= options.deadlineMs) {
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
      switch (error.kind) {
        case 'token':
          if (task.token !== token.get() || token.refreshAfterRejection(task.token)) {
            retry.push(task);
            return;
          }
          throw new WeChatError(error);
        case 'minute_quota':
          if (task.minuteWaits >= MAX_MINUTE_WAITS) throw new WeChatError(error);
          task.minuteWaits++;
          waitForMinuteQuota = true;
          retry.push(task);
          return;
        case 'range': {
          const halves = halveWindow(task.window);
          if (!halves) throw new WeChatError(error);
          windowsTotal++;
          retry.push(...halves.map((window) => ({ window, minuteWaits: task.minuteWaits, token: '' })));
          return;
        }
        case 'not_ready':
          pending.push(task.window);
          windowsDone++;
          return;
        default:
          throw new WeChatError(error);
      }
    });
    queue = [...retry, ...queue];
    options.onProgress?.({ windowsDone, windowsTotal, items: items.length });
    if (waitForMinuteQuota) clock.sleep(options.minuteQuotaWaitMs ?? 60_000);
  }
  const remaining = queue.map((task) => task.window);
  return {
    items,
    pending,
    delayed,
    calls: transport.requestsSent - sentBefore,
    remaining,
    ...(stoppedBy ? { stoppedBy } : {}),
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
