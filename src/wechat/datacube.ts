/**
 * Fetches every window of one or more reports of one account: parallel batches through the transport (the
 * reports of a scheduled tick share them, so nine small refreshes take the round trips of one), a Direct access
 * token refreshed once on 40001/40014/42001 (a relay refreshes its own), a wait on 45011, windows halved on
 * 61501, and not-ready days (61503, or yesterday still empty before 08:00 Beijing) marked pending instead of
 * read as zero. An error that passes (ERROR_HANDLING: busy, network, quota, a token rejected again after a
 * refresh) stops every report, keeping what each has; any other error fails its own report.
 */
import { addDays, beijingHour, beijingYesterday, type DateWindow, halveWindow } from '../dates';
import type { Clock } from '../gas/clock';
import type { JsonObject, JsonValue } from '../reports/types';
import type { CallAccess } from './access';
import { wechatRequest } from './connection';
import { ERROR_HANDLING, type ErrorInfo, WeChatError } from './errors';
import type { SentCall, WeChatTransport } from './transport';

export interface FetchProgress {
  windowsDone: number;
  windowsTotal: number;
  items: number;
}

export interface FetchOptions {
  transport: WeChatTransport;
  /** The access token of a Direct connection; nothing for a relay, which attaches its own. */
  token: CallAccess;
  clock: Clock;
  /** How long to wait after 45011 (per-minute quota) before trying again. */
  minuteQuotaWaitMs?: number;
  /** No new batch starts after this time; the windows left are returned to be fetched later. */
  deadlineMs?: number;
  /**
   * Time already spent getting the token before this fetch: the first batch is judged against the deadline as if
   * the token came with it (a fetch that could start makes progress, however long the token took).
   */
  tokenTimeMs?: number;
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

export interface ReportFetch {
  endpoint: string;
  windows: readonly DateWindow[];
}

export interface SharedFetchResult extends FetchResult {
  /** Why this report failed (an error that does not pass, such as a retired report or a rejected credential). */
  failure?: unknown;
}

interface Task {
  report: number;
  window: DateWindow;
  minuteWaits: number;
  token: string;
}

interface ReportState {
  endpoint: string;
  queue: Task[];
  items: JsonObject[];
  pending: DateWindow[];
  delayed: boolean;
  windowsTotal: number;
  windowsDone: number;
  calls: number;
  failure?: unknown;
  /** WeChat's daily quota of this report's API is used up (45009): it stops; the other reports go on. */
  quotaUsed?: ErrorInfo;
}

const MAX_MINUTE_WAITS = 2;
/** How far past its deadline a fetch may wait out the per-minute limit (a tick's budget leaves this much of the 6 minutes). */
const MINUTE_WAIT_GRACE_MS = 60_000;

/** Several reports of one account, their calls sharing batches (taken in turn from each report). */
export function fetchReports(reports: readonly ReportFetch[], options: FetchOptions): SharedFetchResult[] {
  const { transport, token, clock } = options;
  const states: ReportState[] = reports.map((report, index) => ({
    endpoint: report.endpoint,
    queue: report.windows.map((window) => ({ report: index, window, minuteWaits: 0, token: '' })),
    items: [],
    pending: [],
    delayed: false,
    windowsTotal: report.windows.length,
    windowsDone: 0,
    calls: 0,
  }));
  const sentBefore = transport.requestsSent;
  let stoppedBy: FetchResult['stoppedBy'];
  let passingError: ErrorInfo | undefined;
  let failureOfAll: unknown;
  let retryAfterWait = false;
  let earlierMs = options.tokenTimeMs ?? 0;
  for (;;) {
    const open = states.filter(
      (state) => state.queue.length > 0 && state.failure === undefined && state.quotaUsed === undefined,
    );
    if (open.length === 0 || passingError) break;
    // A call that waited out the per-minute limit is retried at once, deadline or not (the wait is bounded).
    if (!retryAfterWait && options.deadlineMs !== undefined && clock.now() - earlierMs >= options.deadlineMs) {
      stoppedBy = 'deadline';
      break;
    }
    earlierMs = 0;
    // Nor one that a hang could carry past the execution's end (Apps Script would stop it mid-fetch).
    if (!transport.attemptFits()) {
      stoppedBy = 'deadline';
      break;
    }
    const allowance = (options.callAllowance ?? Number.POSITIVE_INFINITY) - (transport.requestsSent - sentBefore);
    if (allowance <= 0) {
      stoppedBy = 'allowance';
      break;
    }
    const batch = takeInTurn(open, Math.min(transport.batchSize, allowance));
    let results: SentCall[];
    try {
      const accessToken = token.get();
      for (const task of batch) task.token = accessToken;
      results = transport.sendAll(
        batch.map(
          (task) => (base: string) =>
            wechatRequest(
              transport.connection,
              base,
              `/datacube/${states[task.report]!.endpoint}`,
              { begin_date: task.window.begin, end_date: task.window.end },
              task.token,
            ),
        ),
      );
    } catch (error) {
      // No token, or the fetch itself failed: every report still open fails with it.
      requeue(states, batch);
      failureOfAll = error;
      break;
    }
    let waitForMinuteQuota = false;
    const retry: Task[] = [];
    batch.forEach((task, index) => {
      const state = states[task.report]!;
      const result = results[index]!;
      state.calls += result.attempts;
      if (state.failure !== undefined) return;
      if (result.ok) {
        const list = listOf(result.body);
        if (result.body.is_delay === true) state.delayed = true;
        const notReady = yesterdayNotReady(task.window, list, clock.now());
        if (notReady) state.pending.push(notReady);
        state.items.push(...list);
        state.windowsDone++;
        return;
      }
      const { error } = result;
      if (passingError) {
        retry.push(task);
        return;
      }
      switch (error.kind) {
        case 'token':
          retry.push(task);
          if (task.token !== token.get() || token.refreshAfterRejection(task.token)) return;
          // The token fetched again was rejected too: it passes, as ERROR_HANDLING says.
          passingError = error;
          return;
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
        case 'quota':
          // WeChat counts quotas per API: only this report waits for tomorrow.
          retry.push(task);
          state.quotaUsed ??= error;
          return;
        case 'range': {
          const halves = halveWindow(task.window);
          if (!halves) {
            state.failure = new WeChatError(error);
            return;
          }
          state.windowsTotal++;
          retry.push(...halves.map((window) => ({ ...task, window, token: '' })));
          return;
        }
        case 'not_ready': {
          // Usually only yesterday is not computed yet: fetch the days before it, mark it pending.
          const { begin, end } = task.window;
          if (begin !== end && end === beijingYesterday(clock.now())) {
            state.pending.push({ begin: end, end });
            retry.push({ ...task, window: { begin, end: addDays(end, -1) }, token: '' });
            return;
          }
          state.pending.push(task.window);
          state.windowsDone++;
          return;
        }
        default:
          if (ERROR_HANDLING[error.kind] === 'passes') {
            passingError = error;
            retry.push(task);
            return;
          }
          state.failure = new WeChatError(error);
      }
    });
    requeue(states, retry);
    options.onProgress?.(progressOf(states));
    if (failureOfAll !== undefined) break;
    retryAfterWait = waitForMinuteQuota && !passingError;
    if (retryAfterWait) clock.sleep(options.minuteQuotaWaitMs ?? 60_000);
  }
  if (passingError) stoppedBy = 'error';
  return states.map((state) => {
    const remaining = state.failure === undefined ? state.queue.map((task) => task.window) : [];
    const failure = state.failure ?? (remaining.length > 0 ? failureOfAll : undefined);
    const quotaStop = remaining.length > 0 && failure === undefined ? state.quotaUsed : undefined;
    const stopped = quotaStop ? 'error' : remaining.length > 0 && failure === undefined ? stoppedBy : undefined;
    return {
      items: state.items,
      pending: state.pending,
      delayed: state.delayed,
      calls: state.calls,
      remaining,
      ...(stopped ? { stoppedBy: stopped } : {}),
      ...(quotaStop ? { error: quotaStop } : stopped === 'error' && passingError ? { error: passingError } : {}),
      ...(failure !== undefined ? { failure } : {}),
    };
  });
}

/** Up to `size` tasks, one from each report in turn, so a long backfill does not hold up the small refreshes. */
function takeInTurn(open: readonly ReportState[], size: number): Task[] {
  const batch: Task[] = [];
  while (batch.length < size) {
    const before = batch.length;
    for (const state of open) {
      const task = batch.length < size ? state.queue.shift() : undefined;
      if (task) batch.push(task);
    }
    if (batch.length === before) break;
  }
  return batch;
}

/** Puts tasks back at the head of their reports' queues, in their order. */
function requeue(states: readonly ReportState[], tasks: readonly Task[]): void {
  for (let index = tasks.length - 1; index >= 0; index--) {
    const task = tasks[index]!;
    states[task.report]!.queue.unshift(task);
  }
}

function progressOf(states: readonly ReportState[]): FetchProgress {
  return states.reduce(
    (total, state) => ({
      windowsDone: total.windowsDone + state.windowsDone,
      windowsTotal: total.windowsTotal + state.windowsTotal,
      items: total.items + state.items.length,
    }),
    { windowsDone: 0, windowsTotal: 0, items: 0 },
  );
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
