/**
 * One tick of the hourly trigger: continue unfinished runs, then run the DataSets whose schedule slot has come
 * (oldest first), then retry days WeChat had not finished, until the time budget is spent. Only the latest slot
 * counts, so missed ticks catch up once, never in a burst.
 */

import type { DataSetConfig } from '../datasets/types';
import { beijingHour } from '../dates';
import { executionDeadline, type RunDeps } from '../refresh/deps';
import type { RunJob } from '../refresh/job';
import type { RunOutcome } from '../refresh/outcome';
import { idsNotRunYet } from '../refresh/refresh-all';
import { runDataSets } from '../refresh/run';
import { accountUsage, quotaUsedToday } from '../refresh/usage';
import { getReport } from '../reports';
import { dueSlot, type OffsetAt } from './slots';

/** Apps Script stops an execution at 6 minutes; stop starting work well before. */
export const TICK_BUDGET_MS = 270_000;
/** Do not start more DataSets with less than this left. */
const START_MARGIN_MS = 20_000;
/**
 * DataSets of one account run together, sharing their WeChat round trips; each writes its sheet after the shared
 * fetch, so a group stays small enough to be written within the minute and a half a tick leaves of the six.
 */
export const SHARED_RUNS = 20;
const PENDING_RETRY_EVERY_MS = 55 * 60 * 1000;

export interface TickReport {
  atMs: number;
  user: string;
  durationMs: number;
  ran: Array<{ id: string; name: string; status: RunOutcome['status'] }>;
  /** Due work left for the next tick because the budget was spent. */
  deferred: number;
}

export interface Candidate {
  dataSet: DataSetConfig;
  order: number;
  slotMs?: number;
  /** A run "Refresh all now" asked for and did not get to: a manual run. */
  trigger?: 'manual';
}

/**
 * What a tick runs, in order: unfinished runs, what "Refresh all now" left (in its order), DataSets whose slot has
 * come, retries of days WeChat had not finished.
 */
export function dueWork(deps: Pick<RunDeps, 'repo'>, offsetAt: OffsetAt, nowMs: number): Candidate[] {
  const { repo } = deps;
  const continuing: Candidate[] = [];
  const requested: Candidate[] = [];
  const due: Candidate[] = [];
  const retry: Candidate[] = [];
  const asked = idsNotRunYet(repo, nowMs);
  for (const dataSet of repo.listDataSets()) {
    const endpoint = getReport(dataSet.reportId)?.endpoint;
    if (endpoint && quotaUsedToday(accountUsage(repo, dataSet.accountId, nowMs), endpoint)) continue;
    const state = repo.state(dataSet.id);
    const slot =
      dataSet.schedule.kind === 'manual'
        ? undefined
        : dueSlot(dataSet.schedule, nowMs, offsetAt, {
            scheduledAtMs: state.scheduledAtMs ?? 0,
            lastSlotMs: state.lastSlotMs,
          });
    // A user asked for it: it runs even when paused, as Run now does.
    const askedAt = asked.indexOf(dataSet.id);
    if (askedAt >= 0) {
      requested.push({ dataSet, order: askedAt, slotMs: slot, trigger: 'manual' });
      continue;
    }
    if (state.paused) continue;
    const job = repo.job<RunJob>(dataSet.id);
    if (job) {
      continuing.push({ dataSet, order: job.startedAtMs });
      continue;
    }
    if (dataSet.schedule.kind === 'manual') continue;
    if (slot !== undefined) {
      due.push({ dataSet, order: slot, slotMs: slot });
    } else if (state.pendingRetry && beijingHour(nowMs) >= 8) {
      const lastRun = repo.history(dataSet.id)[0];
      const lastMs = lastRun ? Date.parse(lastRun.end) : 0;
      if (nowMs - lastMs >= PENDING_RETRY_EVERY_MS) retry.push({ dataSet, order: lastMs });
    }
  }
  const byOrder = (a: Candidate, b: Candidate) => a.order - b.order;
  return [...continuing.sort(byOrder), ...requested.sort(byOrder), ...due.sort(byOrder), ...retry.sort(byOrder)];
}

/**
 * When the spreadsheet's time zone changes, schedules restart from that moment (slots that passed under the old
 * zone are not caught up), as users of connectors expect after re-creating their schedules.
 */
function restartSchedulesOnZoneChange(deps: RunDeps, timeZone: string, nowMs: number): void {
  const known = deps.repo.loadedMeta<string>('scheduleZone');
  if (known === timeZone) return;
  if (known) {
    for (const dataSet of deps.repo.listDataSets()) {
      if (dataSet.schedule.kind === 'manual') continue;
      deps.repo.saveState(dataSet.id, { ...deps.repo.state(dataSet.id), scheduledAtMs: nowMs });
    }
    deps.repo.saveMeta('scheduleZone', timeZone);
  }
}

/** Takes from the work (in its order) the first item and the next ones of the same account, up to SHARED_RUNS. */
function takeSharedGroup(left: Candidate[]): Candidate[] {
  const accountId = left[0]!.dataSet.accountId;
  const group: Candidate[] = [];
  for (let index = 0; index < left.length && group.length < SHARED_RUNS; ) {
    if (left[index]!.dataSet.accountId === accountId) group.push(...left.splice(index, 1));
    else index++;
  }
  return group;
}

/**
 * Runs the work (taking it from `left`, in its order) in groups of one account's DataSets that share their fetch,
 * until it is done or less than START_MARGIN_MS of the budget is left; what is left stays in `left`.
 */
export function runInGroups(
  deps: RunDeps,
  left: Candidate[],
  trigger: 'manual' | 'schedule',
  startedMs: number,
  deadlineMs: number,
): Array<{ dataSet: DataSetConfig; outcome: RunOutcome }> {
  const ran: Array<{ dataSet: DataSetConfig; outcome: RunOutcome }> = [];
  while (left.length > 0 && deps.clock.now() <= deadlineMs - START_MARGIN_MS) {
    const group = takeSharedGroup(left);
    const outcomes = runDataSets(
      group.map(({ dataSet, slotMs, trigger: asked }) => ({
        dataSetId: dataSet.id,
        ...(slotMs !== undefined ? { slotMs } : {}),
        ...(asked ? { trigger: asked } : {}),
      })),
      trigger,
      deps,
      { deadlineMs, executionDeadlineMs: executionDeadline(startedMs), leaseWaitMs: 0 },
    );
    group.forEach(({ dataSet }, index) => {
      ran.push({ dataSet, outcome: outcomes[index]! });
    });
  }
  return ran;
}

export interface TickContext {
  timeZone: string;
  offsetAt: OffsetAt;
  user: string;
}

export function runTick(deps: RunDeps, context: TickContext, budgetMs = TICK_BUDGET_MS): TickReport {
  const { offsetAt, user } = context;
  const startedMs = deps.clock.now();
  const deadlineMs = startedMs + budgetMs;
  // One read of the store for the whole look at what is due: an idle tick makes no other Properties call.
  deps.repo.load();
  restartSchedulesOnZoneChange(deps, context.timeZone, startedMs);
  const left = dueWork(deps, offsetAt, startedMs);
  const ran = runInGroups(deps, left, 'schedule', startedMs, deadlineMs).map(({ dataSet, outcome }) => ({
    id: dataSet.id,
    name: dataSet.name,
    status: outcome.status,
  }));
  const report: TickReport = {
    atMs: startedMs,
    user,
    durationMs: deps.clock.now() - startedMs,
    ran,
    deferred: left.length,
  };
  // A tick that ran nothing writes nothing (24 idle ticks a day): the last tick kept is the last one that worked,
  // and the zone the schedules run in is recorded with it.
  if (ran.length > 0 || report.deferred > 0) {
    deps.repo.deferWrites();
    deps.repo.saveMeta('lastTick', report);
    if (deps.repo.loadedMeta<string>('scheduleZone') !== context.timeZone)
      deps.repo.saveMeta('scheduleZone', context.timeZone);
    deps.repo.flush();
  }
  return report;
}
