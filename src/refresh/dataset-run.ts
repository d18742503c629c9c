/**
 * The lifecycle of one DataSet's run: plan (or continue) its windows, take what the shared fetch brought, then
 * carry the rest over (staging the rows out of sight), publish the sheet once everything is in, or fail, leaving
 * the sheet as it was. Every ending is recorded in the run history.
 */
import type { Account, DataSetConfig, DataSetState, RunRecord } from '../datasets/types';
import { addDays, beijingToday, type DateWindow } from '../dates';
import type { Said } from '../messages/codes';
import { say } from '../messages/en';
import { runText } from '../messages/render';
import { getReport } from '../reports';
import { buildTable, rowKeyIndexes, tableColumns } from '../reports/table';
import type { ReportDefinition } from '../reports/types';
import { mergeRows } from '../sheets/plan';
import { headersMatch } from '../table/rows';
import type { Cell, SheetTable, TableColumn } from '../table/types';
import { WeChatError } from '../wechat/errors';
import { redactSaid } from '../wechat/redact';
import type { FetchedForRun, PlannedFetch } from './batch';
import { EXECUTION_LIMIT_MS, type RunDeps, type RunOptions } from './deps';
import { classifyFailure, decideOnFailure } from './failures';
import { decodeWindows, encodeWindows, type RunJob } from './job';
import * as text from './messages';
import { failedOutcome, RunFailure, type RunOutcome } from './outcome';
import { planRunDates } from './plan';
import { combineRows, datesOf, isUsersOwnSheet } from './rows';
import { accountUsage, quotaUsedToday, recordUsage } from './usage';

/** "YYYY-MM-DD HH:mm" in Beijing (UTC+8 all year). */
function beijingMinute(nowMs: number): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * How long the table read before the fetch (the header check) serves the merge and write after it. Our other runs
 * keep off the sheet meanwhile (this run holds its DataSet's lease); only the user can change it. A tick's fetch
 * takes seconds; a read older than this (a long Run now) is made again, so a user's edit, a re-sort or content
 * typed below the table during the fetch goes unseen for at most this long.
 */
export const TABLE_READ_REUSE_MS = 30_000;

export class DataSetRun {
  private readonly startedMs: number;
  /** The table as the header check read it, and when. */
  private tableRead: { table: SheetTable; atMs: number } | undefined;
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

  get sheetName(): string {
    return this.dataSet.sheetName;
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
    if (!account) throw new RunFailure(say('unknown_account', { of: 'dataSet' }));
    const report = getReport(dataSet.reportId);
    if (!report) throw new RunFailure(say('unknown_report', { reportId: dataSet.reportId }));
    const kept = this.job;
    if (kept?.activeSinceMs !== undefined) this.recordStoppedExecution(kept, kept.activeSinceMs);
    this.checkSheet(report);
    const job = kept ?? this.startJob(report);

    const usage = accountUsage(deps.repo, account.id, deps.clock.now());
    if (quotaUsedToday(usage, report.endpoint))
      throw new RunFailure(say('wechat_daily_quota', { endpoint: report.endpoint }), true);
    const budget = account.dailyCallBudget;
    const allowance = budget === undefined ? undefined : budget - usage.calls;
    if (allowance !== undefined && allowance <= 0)
      return { outcome: this.carryOver(job, [], decodeWindows(job.windowsLeft), 'allowance') };
    if (job.activeSinceMs !== this.startedMs || job.activeOwner !== deps.executionId) {
      // Before the fetch, which could outlast the execution: a stop at 6 minutes leaves this mark for the next run.
      job.activeSinceMs = this.startedMs;
      job.activeOwner = deps.executionId;
      deps.repo.saveJob(dataSet.id, job);
    }
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

  /**
   * Before any WeChat call: a sheet that is the user's own, or an Append table whose header no longer matches the
   * report (and no report or language change of ours explains it), fails now instead of after the fetch.
   */
  private checkSheet(report: ReportDefinition): void {
    const { dataSet, deps, state } = this;
    const columns = tableColumns(report, dataSet.language);
    const existing = deps.tables.read(dataSet.sheetName, columns);
    this.tableRead = { table: existing, atMs: deps.clock.now() };
    if (isUsersOwnSheet(existing, columns, state, dataSet.sheetName))
      throw new RunFailure(say('sheet_in_use', { sheet: dataSet.sheetName }));
    if (dataSet.updateMethod !== 'append' || state.rewrite) return;
    if (existing.header.some((cell) => cell !== '') && !headersMatch(columns, existing.header))
      throw new RunFailure(say('header_changed', {}));
  }

  /** The table for the merge: the header check's read when it is recent (TABLE_READ_REUSE_MS), else a new one. */
  private tableNow(columns: readonly TableColumn[]): SheetTable {
    const kept = this.tableRead;
    this.tableRead = undefined;
    if (kept && this.deps.clock.now() - kept.atMs <= TABLE_READ_REUSE_MS) return kept.table;
    return this.deps.tables.read(this.dataSet.sheetName, columns, kept !== undefined);
  }

  /** Resolves the dates (Append refreshes from the last complete day minus the restatement window). */
  private startJob(report: ReportDefinition): RunJob {
    const { dataSet, deps, state } = this;
    const now = deps.clock.now();
    const planned = planRunDates(dataSet, report, {
      nowMs: now,
      lastCompleteDate: state.lastCompleteDate,
      tableThere: () => deps.tables.hasRows?.(dataSet.sheetName) ?? true,
    });
    if (!planned.ok) throw new RunFailure(planned.problems[0]!);
    const { start, windows } = planned;
    const job: RunJob = {
      trigger: this.trigger,
      startedAtMs: now,
      activeSinceMs: this.startedMs,
      activeOwner: deps.executionId,
      start,
      end: planned.end,
      windowsLeft: encodeWindows(windows),
      windowsTotal: windows.length,
      pending: [],
      calls: 0,
      tokenCalls: 0,
      staged: 0,
      delayed: false,
      notices: planned.notices,
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
    delete job.activeSinceMs;
    delete job.activeOwner;
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
    return {
      ok: true,
      status: 'running',
      ...(reason === 'allowance'
        ? say('call_budget', { budget: this.account?.dailyCallBudget ?? 0, done: windowsDone, total: job.windowsTotal })
        : say('continuing', { done: windowsDone, total: job.windowsTotal, rows: job.staged })),
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
    const existing = this.tableNow(columns);
    if (isUsersOwnSheet(existing, columns, this.state, dataSet.sheetName))
      throw new RunFailure(say('sheet_in_use', { sheet: dataSet.sheetName }));
    // After a report or language change the old table goes: this run rewrites it, later Appends go on from here.
    const merged = mergeRows({
      method: this.state.rewrite ? 'replace' : dataSet.updateMethod,
      columns,
      keyIndexes,
      newRows: rows,
      existing,
      refetchedDates: new Set(datesOf([{ begin: job.start, end: job.end }]).filter((date) => !pendingSet.has(date))),
      pendingDates: pendingSet,
    });
    if (!merged.ok) throw new RunFailure(merged.said);
    const previous = this.state.sheet === dataSet.sheetName ? this.state.extent : undefined;
    const note = text.refreshNote({
      at: beijingMinute(deps.clock.now()),
      ...(this.trigger === 'manual' && deps.whoRuns ? { by: deps.whoRuns() } : {}),
      start: job.start,
      end: job.end,
      method: dataSet.updateMethod,
      language: dataSet.language,
    });
    const extent = deps.tables.write(dataSet.sheetName, columns, merged.rows, existing, previous, note);
    if (job.staged > 0) deps.tables.dropStaged(dataSet.id);
    deps.repo.deleteJob(dataSet.id);
    this.job = undefined;

    const firstPending = pendingDates[0];
    const completeUpTo = firstPending ? addDays(firstPending, -1) : job.end;
    this.saveState({
      consecutiveFailures: 0,
      paused: undefined,
      sheet: dataSet.sheetName,
      extent,
      rewrite: undefined,
      pendingRetry: pendingDates.length > 0,
      lastCompleteDate:
        this.state.lastCompleteDate && this.state.lastCompleteDate > completeUpTo
          ? this.state.lastCompleteDate
          : completeUpTo,
    });

    const notices = job.delayed ? [...job.notices, say('not_final', {})] : [...job.notices];
    const outcome: RunOutcome = {
      ok: true,
      status: pendingDates.length > 0 ? 'partial' : 'success',
      ...say('published', {
        start: job.start,
        end: job.end,
        rows: rows.length,
        calls: job.calls,
        sheet: dataSet.sheetName,
        method: dataSet.updateMethod,
        pendingDays: pendingDates.length,
        // A copy: the answer holds pendingDates too, and google.script.run is given no object twice.
        pending:
          pendingDates.length <= 3 ? [...pendingDates] : [pendingDates[0]!, pendingDates[pendingDates.length - 1]!],
      }),
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

  private fail(error: unknown): RunOutcome {
    const { dataSet, deps } = this;
    const failure = classifyFailure(error);
    if (failure.class === 'storage_full') {
      // Nothing more can be written, not even this failure: what is stored (the sheet, an unfinished run and its
      // staged rows) stays as it was, and the caller gets the message that says what to do.
      return {
        ...failedOutcome(dataSet.sheetName, failure.said),
        calls: this.callsNow,
        tokenCalls: this.tokenCallsNow,
      };
    }
    const decision = decideOnFailure(failure, this.trigger, this.state.consecutiveFailures);
    const endpoint = getReport(dataSet.reportId)?.endpoint;
    if (decision.quotaExhausted && this.account && endpoint)
      recordUsage(deps.repo, this.account.id, deps.clock.now(), 0, endpoint);

    const job = this.job;
    if (job && decision.keepRun) {
      delete job.activeSinceMs;
      delete job.activeOwner;
      deps.repo.saveJob(dataSet.id, job);
    } else if (job) {
      if (job.staged > 0) deps.tables.dropStaged(dataSet.id);
      deps.repo.deleteJob(dataSet.id);
    }
    const credentials = this.account ? deps.repo.getCredentials(this.account.id) : {};
    const rowsKept = Boolean(job && decision.keepRun && job.staged > 0);
    const said = redactSaid(failure.said, [credentials.secret, credentials.relayKey]);
    this.saveState({
      consecutiveFailures: decision.consecutiveFailures,
      ...(decision.pause ? { paused: { ...said, atMs: deps.clock.now() } } : {}),
    });
    if (this.trigger === 'schedule') this.notify(said, decision.pause, rowsKept);
    const outcome: RunOutcome = {
      ...failedOutcome(dataSet.sheetName, said),
      calls: this.callsNow,
      tokenCalls: this.tokenCallsNow,
      ...(rowsKept ? { rowsKept, message: runText({ ...said, rowsKept }, 'en') } : {}),
    };
    this.record(outcome, job?.startedAtMs ?? this.startedMs);
    return outcome;
  }

  /**
   * The execution that worked on this run before was stopped by Apps Script at 6 minutes: nothing of ours ran then,
   * so its history entry and failure email are written now, and this run continues from the saved cursor.
   */
  private recordStoppedExecution(job: RunJob, sinceMs: number): void {
    const { dataSet, deps } = this;
    const said = say('execution_limit', {});
    this.deps.repo.addRun(dataSet.id, {
      start: new Date(sinceMs).toISOString(),
      end: new Date(Math.min(sinceMs + EXECUTION_LIMIT_MS, deps.clock.now())).toISOString(),
      status: 'failed',
      rows: job.staged,
      calls: 0,
      ...said,
      trigger: job.trigger,
    });
    if (job.trigger === 'schedule') this.notify(said, false, false);
  }

  private saveState(changes: Partial<DataSetState>): void {
    const next: DataSetState = { ...this.deps.repo.state(this.dataSet.id), ...changes };
    for (const key of ['paused', 'extent', 'rewrite'] as const) if (next[key] === undefined) delete next[key];
    this.deps.repo.saveState(this.dataSet.id, next);
  }

  /** At most one email a day per DataSet, only when the user asked for it. */
  private notify(said: Said, paused: boolean, rowsKept: boolean): void {
    const { dataSet, deps } = this;
    if (!dataSet.notifyOnFailure || !deps.notifier) return;
    const today = beijingToday(deps.clock.now());
    const state = deps.repo.state(dataSet.id);
    if (state.lastMailDay === today) return;
    const spreadsheet = deps.spreadsheet?.();
    const mail = text.failureMail({
      dataSetName: dataSet.name,
      said,
      rowsKept,
      paused,
      language: dataSet.language,
      ...(spreadsheet ? { spreadsheet } : {}),
    });
    if (deps.notifier.sendFailure(mail.subject, mail.body))
      deps.repo.saveState(dataSet.id, { ...state, lastMailDay: today });
  }

  private record(outcome: RunOutcome, startedAtMs: number): void {
    this.deps.repo.addRun(this.dataSet.id, {
      start: new Date(startedAtMs).toISOString(),
      end: new Date(this.deps.clock.now()).toISOString(),
      status: outcome.status === 'busy' ? 'failed' : outcome.status,
      rows: outcome.rows,
      calls: outcome.calls,
      code: outcome.code,
      params: outcome.params,
      message: outcome.message,
      ...(outcome.rowsKept ? { rowsKept: true } : {}),
      trigger: this.trigger,
    } as RunRecord);
  }
}
