/**
 * One run of a DataSet: config → dates → windows → fetch → rows → write, recorded in the run history.
 * A run that does not finish within its time budget (or the account's daily call budget) keeps its cursor and
 * stages its rows out of sight; the next call or tick continues it, and the sheet is written once, when the
 * run is complete. A run that fails leaves its sheet exactly as it was.
 */

import type { Repository } from '../datasets/repository';
import { STORAGE_FULL, StorageFullError } from '../datasets/storage';
import type { Account, DataSetConfig, DataSetState, RunRecord } from '../datasets/types';
import { addDays, beijingToday, type DateWindow, daysBetween, planWindows, resolveDates } from '../dates';
import type { Clock } from '../gas/clock';
import type { HttpClient } from '../gas/http';
import type { Locker } from '../gas/lock';
import type { Notifier } from '../gas/mail';
import type { KeyValueStore } from '../gas/store';
import { getReport } from '../reports';
import {
  buildTable,
  type Cell,
  compareRowsByKey,
  rowKeyIndexes,
  rowKeyOf,
  type TableColumn,
  tableColumns,
} from '../reports/table';
import type { ReportDefinition } from '../reports/types';
import { headersMatch, mergeRows, type SheetTable } from '../sheets/plan';
import { accessFor } from '../wechat/access';
import { connectionFor } from '../wechat/connection';
import { type FetchProgress, fetchReports, type SharedFetchResult } from '../wechat/datacube';
import { WeChatError, type WeChatErrorKind } from '../wechat/errors';
import { redact } from '../wechat/redact';
import { DEFAULT_TRANSPORT_OPTIONS, type TransportOptions, WeChatTransport } from '../wechat/transport';
import { decodeWindows, encodeWindows, type RunJob } from './job';
import { releaseLease, takeLease } from './lease';
import { failedOutcome, RunFailure, type RunOutcome } from './outcome';
import { accountUsage, recordUsage } from './usage';

export type { RunOutcome } from './outcome';

export interface TableIO {
  read(sheetName: string, columns: readonly TableColumn[]): SheetTable;
  /** Whether the sheet exists with rows below its header (absent: assumed so). A deleted or cleared sheet has none. */
  hasRows?(sheetName: string): boolean;
  write(sheetName: string, columns: readonly TableColumn[], rows: readonly Cell[][], current: SheetTable): void;
  stage(dataSetId: string, rows: readonly Cell[][]): void;
  readStaged(dataSetId: string): Cell[][];
  dropStaged(dataSetId: string): void;
}

export interface RunDeps {
  repo: Repository;
  store: KeyValueStore;
  http: HttpClient;
  clock: Clock;
  locker: Locker;
  tables: TableIO;
  fingerprint(text: string): string;
  /** Identifies this caller (the owner of the leases it takes); unique per server-function call. */
  executionId: string;
  notifier?: Notifier;
  transport?: TransportOptions;
  /** The relay URL prefixes this deployment may fetch; a Relay account outside them fails with relay_not_allowed. */
  relayPrefixes?: readonly string[];
  onProgress?: (progress: FetchProgress) => void;
}

export interface RunOptions {
  /** No new batch of calls starts after this time; the rest is carried over. */
  deadlineMs?: number;
  /** The schedule slot this run is for. */
  slotMs?: number;
  /** How long to wait for another run of the same DataSet to finish. */
  leaseWaitMs?: number;
}

/** Failures the user must fix: a scheduled DataSet pauses at once. */
const PAUSE_AT_ONCE: readonly string[] = ['credentials', 'ip', 'permission', 'retired'];
/** Failures that pass: the unfinished run is kept and continued later. */
const RESUMABLE: readonly string[] = ['busy', 'network', 'http', 'bad_response', 'quota', 'minute_quota', 'token'];
export const PAUSE_AFTER_FAILURES = 5;

function datesOf(windows: readonly DateWindow[]): string[] {
  const dates: string[] = [];
  for (const window of windows) {
    for (let date = window.begin; daysBetween(date, window.end) >= 0; date = addDays(date, 1)) dates.push(date);
  }
  return dates;
}

export function runDataSet(
  dataSetId: string,
  trigger: RunRecord['trigger'],
  deps: RunDeps,
  options: RunOptions = {},
): RunOutcome {
  return runDataSets([{ dataSetId, slotMs: options.slotMs }], trigger, deps, options)[0]!;
}

export interface RunRequest {
  dataSetId: string;
  /** The schedule slot this run is for. */
  slotMs?: number;
}

/**
 * Runs several DataSets in one execution: the calls of the DataSets of one account share their fetchAll batches
 * and their token, then each DataSet writes its own sheet. One outcome per request, in order.
 */
export function runDataSets(
  requests: readonly RunRequest[],
  trigger: RunRecord['trigger'],
  deps: RunDeps,
  options: Omit<RunOptions, 'slotMs'> = {},
): RunOutcome[] {
  const outcomes: RunOutcome[] = new Array(requests.length);
  const leased: Array<{ index: number; dataSet: DataSetConfig; slotMs?: number }> = [];
  try {
    requests.forEach(({ dataSetId, slotMs }, index) => {
      const taken = takeRunLease(dataSetId, deps, options.leaseWaitMs ?? 10_000);
      if ('outcome' in taken) outcomes[index] = taken.outcome;
      else leased.push({ index, dataSet: taken.dataSet, slotMs });
    });
    if (leased.length === 0) return outcomes;
    deps.repo.refresh();
    const planned: Array<{ index: number; run: Run; plan: PlannedFetch }> = [];
    for (const { index, dataSet, slotMs } of leased) {
      const run = new Run(deps.repo.getDataSet(dataSet.id) ?? dataSet, trigger, deps, { ...options, slotMs });
      const begun = run.begin();
      if ('plan' in begun) planned.push({ index, run, plan: begun.plan });
      else outcomes[index] = begun.outcome;
    }
    for (const group of byAccount(planned)) {
      const results = fetchShared(
        group.map(({ plan }) => plan),
        deps,
        options.deadlineMs,
      );
      group.forEach(({ index, run, plan }, position) => {
        outcomes[index] = run.finish(plan.report, results[position]!);
      });
    }
    return outcomes;
  } finally {
    for (const { dataSet } of leased) releaseLease(dataSet.id, deps.executionId, deps);
  }
}

function takeRunLease(
  dataSetId: string,
  deps: RunDeps,
  waitMs: number,
): { dataSet: DataSetConfig } | { outcome: RunOutcome } {
  const dataSet = deps.repo.getDataSet(dataSetId);
  if (!dataSet)
    return {
      outcome: failedOutcome('', 'unknown_dataset', 'This DataSet no longer exists. Reload the list of DataSets.'),
    };
  try {
    if (takeLease(dataSetId, deps.executionId, waitMs, deps)) return { dataSet };
  } catch (error) {
    // A full store cannot even take the lease: say so instead of throwing at the sidebar or the trigger.
    if (error instanceof StorageFullError)
      return { outcome: failedOutcome(dataSet.sheetName, STORAGE_FULL, error.message) };
    throw error;
  }
  return {
    outcome: {
      ...failedOutcome(
        dataSet.sheetName,
        'already_running',
        `"${dataSet.name}" is already running (started by another user or by the schedule). It was not started again; its result will appear in its history.`,
      ),
      status: 'busy',
    },
  };
}

/** What a run needs fetched. */
interface PlannedFetch {
  account: Account;
  report: ReportDefinition;
  windows: DateWindow[];
  /** Datacube calls the account's daily budget still allows (none: no budget). */
  allowance?: number;
}

interface FetchedForRun extends SharedFetchResult {
  tokenCalls: number;
}

function byAccount<T extends { plan: PlannedFetch }>(planned: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of planned) {
    const group = groups.get(item.plan.account.id);
    if (group) group.push(item);
    else groups.set(item.plan.account.id, [item]);
  }
  return [...groups.values()];
}

/**
 * Fetches the windows of several runs of one account with one token and shared batches, and counts the calls.
 * Whatever stops it (a store too full to count the calls, a failing service) fails each of the runs, as it would
 * fail one run on its own.
 */
function fetchShared(plans: readonly PlannedFetch[], deps: RunDeps, deadlineMs?: number): FetchedForRun[] {
  const account = plans[0]!.account;
  try {
    const connection = connectionFor(account, deps.repo.getCredentials(account.id));
    const transportOptions = deps.transport ?? DEFAULT_TRANSPORT_OPTIONS;
    const token = accessFor(connection, { ...deps, transport: transportOptions });
    const transport = new WeChatTransport(connection, deps.http, deps.clock, transportOptions);
    const allowances = plans.flatMap((plan) => (plan.allowance === undefined ? [] : [plan.allowance]));
    let results: SharedFetchResult[];
    try {
      results = fetchReports(
        plans.map((plan) => ({ endpoint: plan.report.endpoint, windows: plan.windows })),
        {
          transport,
          token,
          clock: deps.clock,
          deadlineMs,
          callAllowance: allowances.length > 0 ? Math.min(...allowances) : undefined,
          onProgress: deps.onProgress,
        },
      );
    } finally {
      recordUsage(deps.repo, account.id, deps.clock.now(), transport.requestsSent);
    }
    // The token is fetched once for all of them; it is counted on the first run.
    return results.map((result, index) => ({ ...result, tokenCalls: index === 0 ? token.tokenCalls : 0 }));
  } catch (error) {
    return plans.map((plan) => ({
      items: [],
      pending: [],
      delayed: false,
      calls: 0,
      remaining: plan.windows,
      failure: error,
      tokenCalls: 0,
    }));
  }
}

class Run {
  private readonly startedMs: number;
  private readonly state: DataSetState;
  private readonly account: Account | undefined;
  private job: RunJob | undefined;
  private callsNow = 0;
  private tokenCallsNow = 0;

  constructor(
    private readonly dataSet: DataSetConfig,
    private readonly trigger: RunRecord['trigger'],
    private readonly deps: RunDeps,
    private readonly options: RunOptions,
  ) {
    this.startedMs = deps.clock.now();
    this.state = deps.repo.state(dataSet.id);
    this.account = deps.repo.getAccount(dataSet.accountId);
    this.job = deps.repo.job<RunJob>(dataSet.id);
  }

  /** Starts or continues the run up to its fetch; a run that cannot fetch (now) ends here with its outcome. */
  begin(): { plan: PlannedFetch } | { outcome: RunOutcome } {
    try {
      return this.plan();
    } catch (error) {
      return { outcome: this.fail(error) };
    }
  }

  /** Builds the rows of what was fetched, then writes the sheet, or keeps them for the next run. */
  finish(report: ReportDefinition, fetched: FetchedForRun): RunOutcome {
    this.callsNow = fetched.calls;
    this.tokenCallsNow = fetched.tokenCalls;
    if (this.job) {
      this.job.calls += fetched.calls;
      this.job.tokenCalls += fetched.tokenCalls;
    }
    try {
      return this.complete(report, fetched);
    } catch (error) {
      return this.fail(error);
    }
  }

  private plan(): { plan: PlannedFetch } | { outcome: RunOutcome } {
    const { dataSet, deps } = this;
    const account = this.account;
    if (!account) {
      throw new RunFailure(
        'unknown_account',
        'The account of this DataSet was deleted. Edit the DataSet and choose an account.',
      );
    }
    const report = getReport(dataSet.reportId);
    if (!report)
      throw new RunFailure(
        'unknown_report',
        `Unknown report "${dataSet.reportId}". Edit the DataSet and choose a report.`,
      );
    const job = this.job ?? this.startJob(report);

    const usage = accountUsage(deps.repo, account.id, deps.clock.now());
    if (usage.quotaExhausted) {
      throw new RunFailure(
        'wechat_daily_quota',
        "The account's daily WeChat API quota is used up (45009). Nothing was lost; the refresh continues tomorrow (quotas reset at midnight Beijing time).",
        true,
      );
    }
    const budget = account.dailyCallBudget;
    const allowance = budget === undefined ? undefined : budget - usage.calls;
    if (allowance !== undefined && allowance <= 0)
      return { outcome: this.carryOver(job, [], decodeWindows(job.windowsLeft), 'allowance') };
    return {
      plan: {
        account,
        report,
        windows: decodeWindows(job.windowsLeft),
        ...(allowance !== undefined ? { allowance } : {}),
      },
    };
  }

  private complete(report: ReportDefinition, fetched: FetchedForRun): RunOutcome {
    const { dataSet } = this;
    const job = this.job!;
    if (fetched.failure !== undefined) throw fetched.failure;
    job.pending.push(...fetched.pending);
    job.delayed ||= fetched.delayed;
    const rows = buildTable(report, fetched.items, dataSet.language).rows;
    if (fetched.error) {
      // A passing error (busy, quota, network…): keep what was fetched before it; the next run continues from there.
      this.stash(job, rows, fetched.remaining);
      throw new WeChatError(fetched.error);
    }
    if (fetched.remaining.length > 0)
      return this.carryOver(job, rows, fetched.remaining, fetched.stoppedBy === 'allowance' ? 'allowance' : 'deadline');
    return this.publish(report, job, rows);
  }

  /** Resolves the dates (Append refreshes from the last complete day minus the restatement window). */
  private startJob(report: ReportDefinition): RunJob {
    const { dataSet, deps, state } = this;
    const now = deps.clock.now();
    const resolved = resolveDates(dataSet.dates, now, { earliestDate: report.earliestDate });
    if (!resolved.ok)
      throw new RunFailure(resolved.problems[0]!.code, resolved.problems.map((p) => p.message).join(' '));
    let start = resolved.start;
    // Incremental only onto the rows already there: a sheet the user deleted or cleared gets all its dates again.
    const tableThere = () => deps.tables.hasRows?.(dataSet.sheetName) ?? true;
    if (dataSet.updateMethod === 'append' && state.lastCompleteDate && tableThere()) {
      const incremental = addDays(state.lastCompleteDate, -report.restatementDays);
      if (incremental > start && incremental <= resolved.end) start = incremental;
    }
    const windows = planWindows(start, resolved.end, report.maxSpanDays);
    const job: RunJob = {
      trigger: this.trigger,
      startedAtMs: now,
      start,
      end: resolved.end,
      windowsLeft: encodeWindows(windows),
      windowsTotal: windows.length,
      pending: [],
      calls: 0,
      tokenCalls: 0,
      staged: 0,
      delayed: false,
      notices: resolved.notices.map((notice) => notice.message),
    };
    this.job = job;
    if (this.options.slotMs !== undefined) {
      state.lastSlotMs = this.options.slotMs;
      deps.repo.saveState(dataSet.id, state);
    }
    // Kept from the start: an execution Apps Script stops mid-fetch (6 minutes) leaves a run the next tick continues.
    deps.repo.saveJob(dataSet.id, job);
    return job;
  }

  /** Stages the rows fetched so far and saves the cursor at the windows still to fetch. */
  private stash(job: RunJob, rows: Cell[][], remaining: DateWindow[]): void {
    const { dataSet, deps } = this;
    deps.tables.stage(dataSet.id, rows);
    job.staged += rows.length;
    job.windowsLeft = encodeWindows(remaining);
    deps.repo.saveJob(dataSet.id, job);
  }

  private carryOver(
    job: RunJob,
    rows: Cell[][],
    remaining: DateWindow[],
    reason: 'deadline' | 'allowance',
  ): RunOutcome {
    const { dataSet } = this;
    this.stash(job, rows, remaining);
    const windowsDone = job.windowsTotal - remaining.length;
    const message =
      reason === 'allowance'
        ? `The daily call budget of this account (${this.account?.dailyCallBudget} calls) is used: ${windowsDone} of ${job.windowsTotal} windows fetched. The rest continues tomorrow; the sheet is updated when all are in.`
        : `Fetched ${windowsDone} of ${job.windowsTotal} windows (${job.staged} rows so far). The rest continues in the next run; the sheet is updated when all are in.`;
    return {
      ok: true,
      status: 'running',
      code: reason === 'allowance' ? 'call_budget' : 'continuing',
      message,
      rows: job.staged,
      calls: this.callsNow,
      tokenCalls: this.tokenCallsNow,
      sheetName: dataSet.sheetName,
      start: job.start,
      end: job.end,
      pendingDates: datesOf(job.pending),
      notices: job.notices,
      progress: { windowsDone, windowsTotal: job.windowsTotal, rows: job.staged },
    };
  }

  private publish(report: ReportDefinition, job: RunJob, lastRows: Cell[][]): RunOutcome {
    const { dataSet, deps } = this;
    const columns = tableColumns(report, dataSet.language);
    const keyIndexes = rowKeyIndexes(report, columns);
    const rows =
      job.staged > 0 ? combineRows([...deps.tables.readStaged(dataSet.id), ...lastRows], keyIndexes) : lastRows;
    const pendingDates = datesOf(job.pending);
    const pendingSet = new Set(pendingDates);
    const existing = deps.tables.read(dataSet.sheetName, columns);
    this.refuseUsersSheet(existing, columns);
    const merged = mergeRows({
      method: dataSet.updateMethod,
      columns,
      keyIndexes,
      newRows: rows,
      existing,
      refetchedDates: new Set(datesOf([{ begin: job.start, end: job.end }]).filter((date) => !pendingSet.has(date))),
      pendingDates: pendingSet,
    });
    if (!merged.ok) throw new RunFailure(merged.code, merged.message);
    deps.tables.write(dataSet.sheetName, columns, merged.rows, existing);
    if (job.staged > 0) deps.tables.dropStaged(dataSet.id);
    deps.repo.deleteJob(dataSet.id);
    this.job = undefined;

    const firstPending = pendingDates[0];
    const completeUpTo = firstPending ? addDays(firstPending, -1) : job.end;
    this.saveState({
      consecutiveFailures: 0,
      paused: undefined,
      sheet: dataSet.sheetName,
      pendingRetry: pendingDates.length > 0,
      lastCompleteDate:
        this.state.lastCompleteDate && this.state.lastCompleteDate > completeUpTo
          ? this.state.lastCompleteDate
          : completeUpTo,
    });

    const notices = [...job.notices];
    if (job.delayed)
      notices.push('WeChat marked some of this data as not final yet; later runs bring the final numbers.');
    const range = job.start === job.end ? job.start : `${job.start} → ${job.end}`;
    const pendingText =
      pendingDates.length > 0
        ? ` WeChat has not finished computing ${describeDates(pendingDates)} yet (usually ready after 08:00 Beijing time); it is fetched again on a later run.`
        : '';
    const outcome: RunOutcome = {
      ok: true,
      status: pendingDates.length > 0 ? 'partial' : 'success',
      message: `${range}: ${rows.length} rows from ${job.calls} WeChat calls written to sheet "${dataSet.sheetName}" (${dataSet.updateMethod === 'append' ? 'Append' : 'Replace'}).${pendingText}`,
      rows: rows.length,
      calls: job.calls,
      tokenCalls: job.tokenCalls,
      sheetName: dataSet.sheetName,
      start: job.start,
      end: job.end,
      pendingDates,
      notices,
    };
    this.record(outcome, job.startedAtMs);
    return outcome;
  }

  /**
   * A sheet of that name this DataSet never wrote, whose first row is not this report's header, is the user's own:
   * it is never overwritten (an edited header of the DataSet's own table may be rewritten by Replace, as documented).
   * DataSets that wrote before the sheet was recorded count as having written it once they completed a run.
   */
  private refuseUsersSheet(existing: SheetTable, columns: readonly TableColumn[]): void {
    const { dataSet, state } = this;
    if (!existing.header.some((cell) => cell !== '') || headersMatch(columns, existing.header)) return;
    const wroteIt =
      state.sheet === undefined ? state.lastCompleteDate !== undefined : state.sheet === dataSet.sheetName;
    if (wroteIt) return;
    throw new RunFailure(
      'sheet_in_use',
      `Sheet "${dataSet.sheetName}" already holds other content (its first row is not this report's header), so it was left as it is. Nothing was written. Choose another sheet name for this DataSet, or clear or rename that sheet, then run again.`,
    );
  }

  private fail(error: unknown): RunOutcome {
    const { dataSet, deps } = this;
    if (hasCode(error) && error.code === STORAGE_FULL) {
      // Nothing more can be written, not even this failure: what is stored (the sheet, an unfinished run and its
      // staged rows) stays as it was, and the caller gets the message that says what to do.
      return {
        ...failedOutcome(dataSet.sheetName, STORAGE_FULL, error.message),
        calls: this.callsNow,
        tokenCalls: this.tokenCallsNow,
      };
    }
    const credentials = this.account ? deps.repo.getCredentials(this.account.id) : {};
    const kind: WeChatErrorKind | undefined = error instanceof WeChatError ? error.kind : undefined;
    const code =
      error instanceof WeChatError || error instanceof RunFailure || hasCode(error) ? error.code : 'unexpected';
    const raw = error instanceof Error ? error.message : String(error);
    const resumable =
      (kind !== undefined && RESUMABLE.includes(kind)) || (error instanceof RunFailure && error.resumable);
    if (kind === 'quota' && this.account) recordUsage(deps.repo, this.account.id, deps.clock.now(), 0, true);

    const job = this.job;
    if (job && resumable) {
      deps.repo.saveJob(dataSet.id, job);
    } else if (job) {
      if (job.staged > 0) deps.tables.dropStaged(dataSet.id);
      deps.repo.deleteJob(dataSet.id);
    }
    const suffix =
      job && resumable && job.staged > 0 ? ' The rows fetched so far are kept; the next run continues from there.' : '';
    const message = redact(code === 'unexpected' ? `Unexpected error: ${raw}. Nothing was changed.` : raw + suffix, [
      credentials.secret,
      credentials.relayKey,
    ]);

    // Waiting for tomorrow's quota is not a failure of the DataSet.
    const failures = kind === 'quota' ? this.state.consecutiveFailures : this.state.consecutiveFailures + 1;
    const pause =
      this.trigger === 'schedule' &&
      ((kind !== undefined && PAUSE_AT_ONCE.includes(kind)) || failures >= PAUSE_AFTER_FAILURES);
    this.saveState({
      consecutiveFailures: failures,
      ...(pause ? { paused: { code, message, atMs: deps.clock.now() } } : {}),
    });
    if (this.trigger === 'schedule') this.notify(message, pause);
    const outcome: RunOutcome = {
      ...failedOutcome(dataSet.sheetName, code, message),
      calls: this.callsNow,
      tokenCalls: this.tokenCallsNow,
    };
    this.record(outcome, job?.startedAtMs ?? this.startedMs);
    return outcome;
  }

  private saveState(changes: Partial<DataSetState>): void {
    const next: DataSetState = { ...this.deps.repo.state(this.dataSet.id), ...changes };
    if (next.paused === undefined) delete next.paused;
    this.deps.repo.saveState(this.dataSet.id, next);
  }

  /** At most one email a day per DataSet, only when the user asked for it. */
  private notify(message: string, paused: boolean): void {
    const { dataSet, deps } = this;
    if (!dataSet.notifyOnFailure || !deps.notifier) return;
    const today = beijingToday(deps.clock.now());
    const state = deps.repo.state(dataSet.id);
    if (state.lastMailDay === today) return;
    const subject = `WeChat Analytics: "${dataSet.name}" failed to refresh`;
    const body = `${message}\n\n${paused ? 'The schedule of this DataSet is paused until you resume it in WeChat > Manage DataSets.' : 'The schedule tries again at its next time.'}`;
    if (deps.notifier.sendFailure(subject, body)) deps.repo.saveState(dataSet.id, { ...state, lastMailDay: today });
  }

  private record(outcome: RunOutcome, startedAtMs: number): void {
    this.deps.repo.addRun(this.dataSet.id, {
      start: new Date(startedAtMs).toISOString(),
      end: new Date(this.deps.clock.now()).toISOString(),
      status: outcome.status === 'busy' ? 'failed' : outcome.status,
      rows: outcome.rows,
      calls: outcome.calls,
      message: outcome.message,
      code: outcome.code,
      trigger: this.trigger,
    });
  }
}

/** Rows from several chunks: one per row key (the later chunk wins), sorted by the key. */
function combineRows(rows: Cell[][], keyIndexes: readonly number[]): Cell[][] {
  const byKey = new Map<string, Cell[]>();
  for (const row of rows) byKey.set(rowKeyOf(row, keyIndexes), row);
  return [...byKey.values()].sort(compareRowsByKey(keyIndexes));
}

function describeDates(dates: readonly string[]): string {
  if (dates.length <= 3) return dates.join(', ');
  return `${dates.length} days (${dates[0]} → ${dates[dates.length - 1]})`;
}

function hasCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
