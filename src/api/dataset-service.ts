/**
 * What the DataSet server functions do, given their services: save, list, delete, run, history, and the live
 * preview of the dates. src/api/datasets.ts calls these with the Apps Script services; tests with fakes.
 */
import { type Problem, problem } from '../datasets/problems';
import { StorageFullError } from '../datasets/storage';
import type { DataSetConfig, RunRecord } from '../datasets/types';
import { dateSpec, validateDataSetInput } from '../datasets/validate-dataset';
import { type DateSpec, planWindows, resolveDates } from '../dates';
import { executionDeadline, type RunDeps } from '../refresh/deps';
import { decodeWindows, type RunJob } from '../refresh/job';
import type { RunOutcome } from '../refresh/outcome';
import { runDataSets as runSharedWithDeps, runDataSet as runWithDeps } from '../refresh/run';
import { columnGuide, getReport, REPORTS } from '../reports';
import { nextSlot } from '../schedule/slots';
import { reconcileTrigger } from '../schedule/trigger';
import type { AppDeps } from './context';
import type { DataSetSummary, DatePreview, ReportSummary, SaveDataSetResult } from './types';

/** How long one "Run now" call fetches before it returns progress; the sidebar calls again to continue. */
export const MANUAL_CHUNK_MS = 60_000;

export function listReports(): ReportSummary[] {
  return REPORTS.map((report) => ({
    id: report.id,
    group: report.group,
    label: report.label,
    description: report.description,
    deprecated: report.deprecated,
    maxSpanDays: report.maxSpanDays,
    earliestDate: report.earliestDate,
    columns: columnGuide(report),
  }));
}

export function listDataSets(deps: AppDeps): DataSetSummary[] {
  const { repo, clock } = deps;
  const now = clock.now();
  const offsetAt = deps.offsetAt(deps.timeZone());
  return repo.listDataSets().map((dataSet) => {
    const summary: DataSetSummary = { ...dataSet };
    const [lastRun] = repo.history(dataSet.id);
    if (lastRun) summary.lastRun = lastRun;
    const state = repo.state(dataSet.id);
    if (state.paused) summary.paused = state.paused;
    const next = state.paused ? undefined : nextSlot(dataSet.schedule, now, offsetAt);
    if (next !== undefined) summary.nextRun = new Date(next).toISOString();
    const job = repo.job<RunJob>(dataSet.id);
    if (job) {
      const left = decodeWindows(job.windowsLeft).length;
      summary.running = { windowsDone: job.windowsTotal - left, windowsTotal: job.windowsTotal, rows: job.staged };
    }
    return summary;
  });
}

export function getDataSet(deps: AppDeps, id: string): DataSetConfig | null {
  return deps.repo.getDataSet(id) ?? null;
}

export function saveDataSet(deps: AppDeps, input: unknown): SaveDataSetResult {
  const { repo, clock } = deps;
  const rawId = (input as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
  const previous = id ? repo.getDataSet(id) : undefined;
  if (id && !previous)
    return {
      ok: false,
      problems: [problem('dataSet', 'unknown_dataset', {})],
    };
  const validated = validateDataSetInput(input, {
    nowMs: clock.now(),
    accountIds: repo.listAccounts().map((account) => account.id),
    others: repo.listDataSets().filter((other) => other.id !== id),
  });
  if (!validated.ok) return validated;
  const now = new Date(clock.now()).toISOString();
  const dataSet: DataSetConfig = {
    id: previous?.id ?? deps.newId('d_'),
    ...validated.value,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  try {
    repo.saveDataSet(dataSet);
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    return { ok: false, problems: [{ field: 'dataSet', ...error.said }] };
  }
  updateStateAfterEdit(deps, dataSet, previous);
  reconcileTrigger(deps, deps.user(), clock.now());
  return { ok: true, dataSet };
}

/** A new schedule starts at its next slot; new dates, report, sheet or method start the data over. */
function updateStateAfterEdit(deps: RunDeps, dataSet: DataSetConfig, previous: DataSetConfig | undefined): void {
  const { repo, clock, tables } = deps;
  const state = repo.state(dataSet.id);
  const same = (key: keyof DataSetConfig) => previous && JSON.stringify(previous[key]) === JSON.stringify(dataSet[key]);
  if (!same('schedule')) {
    state.scheduledAtMs = clock.now();
    delete state.lastSlotMs;
  }
  const dataChanged = (['reportId', 'dates', 'updateMethod', 'sheetName', 'language', 'accountId'] as const).some(
    (key) => !same(key),
  );
  // A new header: the next run rewrites the table, even on Append (the sidebar asks before saving such an edit).
  if (previous && (!same('reportId') || !same('language'))) state.rewrite = true;
  if (dataChanged) {
    delete state.lastCompleteDate;
    delete state.pendingRetry;
    if (repo.job(dataSet.id)) {
      tables.dropStaged(dataSet.id);
      repo.deleteJob(dataSet.id);
    }
  }
  repo.saveState(dataSet.id, state);
}

/** Deletes the DataSet and its history; its sheet stays. */
export function deleteDataSet(deps: AppDeps, id: string): { ok: true } {
  const { repo, tables, clock } = deps;
  if (repo.job(id)) tables.dropStaged(id);
  repo.deleteDataSet(id);
  reconcileTrigger(deps, deps.user(), clock.now());
  return { ok: true };
}

/**
 * Runs the DataSet for up to a minute. A long run returns `status: 'running'` with its progress; calling again
 * continues it (the sidebar does so while it is open), and the hourly schedule continues it otherwise.
 */
export function runDataSet(deps: AppDeps, id: string): RunOutcome {
  const startedMs = deps.clock.now();
  const outcome = runWithDeps(id, 'manual', deps, {
    deadlineMs: startedMs + MANUAL_CHUNK_MS,
    executionDeadlineMs: executionDeadline(startedMs),
  });
  // An unfinished run is continued by the hourly trigger if the sidebar is closed: make sure there is one.
  if (outcome.status === 'running') reconcileTrigger(deps, deps.user(), deps.clock.now());
  return outcome;
}

/**
 * "Run now" on several DataSets (and Refresh all, a list at a time): the DataSets of one account share their
 * fetchAll batches and token, as the schedule's tick does, for up to a minute. One outcome per id, in order; an
 * outcome `running` is continued by calling again with the ids still running.
 */
export function runDataSets(deps: AppDeps, ids: readonly string[]): RunOutcome[] {
  const startedMs = deps.clock.now();
  const outcomes = runSharedWithDeps(
    [...new Set(ids)].map((dataSetId) => ({ dataSetId })),
    'manual',
    deps,
    { deadlineMs: startedMs + MANUAL_CHUNK_MS, executionDeadlineMs: executionDeadline(startedMs) },
  );
  if (outcomes.some((outcome) => outcome.status === 'running')) reconcileTrigger(deps, deps.user(), deps.clock.now());
  return outcomes;
}

export function getRunHistory(deps: AppDeps, id: string): RunRecord[] {
  return deps.repo.history(id);
}

/** What a DataSet with these dates would fetch right now: "2026-11-14 → 2026-11-27, 14 days, 2 API calls". */
export function previewDates(deps: AppDeps, reportId: string, dates: DateSpec): DatePreview {
  const report = getReport(reportId);
  if (!report)
    return {
      ok: false,
      problems: [problem('reportId', 'unknown_report', {})],
    };
  // The same shape checks as saving: google.script.run may send anything (null, text, a partial spec).
  const shapeProblems: Problem[] = [];
  const spec = dateSpec(shapeProblems, dates);
  if (shapeProblems.length > 0) return { ok: false, problems: shapeProblems };
  const resolved = resolveDates(spec, deps.clock.now(), { earliestDate: report.earliestDate });
  if (!resolved.ok) {
    return { ok: false, problems: resolved.problems.map((p) => ({ ...p, field: `dates.${p.field}` })) };
  }
  return {
    ok: true,
    start: resolved.start,
    end: resolved.end,
    days: resolved.days,
    calls: planWindows(resolved.start, resolved.end, report.maxSpanDays).length,
    notices: resolved.notices,
  };
}
