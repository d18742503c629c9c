/**
 * Running "Refresh all now" (src/refresh/refresh-all.ts): the sidebar's call runs the request's DataSets with the
 * tick's machinery (one account's DataSets share their fetch) for up to the tick's budget; the hourly tick runs
 * whatever is left, so the request goes on after the sidebar closes.
 */
import type { DataSetConfig } from '../datasets/types';
import type { Said } from '../messages/codes';
import type { RunDeps } from '../refresh/deps';
import type { RunOutcome } from '../refresh/outcome';
import {
  newRefreshAllRequest,
  type RefreshAllRequest,
  type RefreshAllView,
  refreshAllRequest,
  refreshAllView,
} from '../refresh/refresh-all';
import { type Candidate, runInGroups, TICK_BUDGET_MS } from './tick';

export interface RefreshAllRun {
  view: RefreshAllView;
  /** The DataSets whose run in this execution updated their sheet. */
  updatedIds: string[];
  /** Runs this execution made or continued (another execution's are not counted). */
  ran: number;
}

/** Makes a new request for every DataSet (it replaces the last one) and runs it for up to `budgetMs`. */
export function startRefreshAll(deps: RunDeps, by: string, budgetMs = TICK_BUDGET_MS): RefreshAllRun {
  const startedMs = deps.clock.now();
  deps.repo.load();
  const request = newRefreshAllRequest(deps.repo, by, startedMs);
  deps.repo.saveMeta('refreshAll', request);
  return runRequest(deps, request, startedMs, budgetMs);
}

/** Runs what the current request has left (none: undefined). */
export function continueRefreshAll(deps: RunDeps, budgetMs = TICK_BUDGET_MS): RefreshAllRun | undefined {
  const startedMs = deps.clock.now();
  deps.repo.load();
  const request = refreshAllRequest(deps.repo, startedMs);
  return request ? runRequest(deps, request, startedMs, budgetMs) : undefined;
}

/** Where the current request stands, from one read of the store (none, or older than its lifetime: undefined). */
export function currentRefreshAll(deps: Pick<RunDeps, 'repo' | 'clock'>): RefreshAllView | undefined {
  const nowMs = deps.clock.now();
  const request = refreshAllRequest(deps.repo, nowMs);
  return request ? refreshAllView(deps.repo, request, nowMs) : undefined;
}

function runRequest(deps: RunDeps, request: RefreshAllRequest, startedMs: number, budgetMs: number): RefreshAllRun {
  const { repo } = deps;
  // What it has left, in its order: runs it began continue, the others start as manual runs.
  const work: Candidate[] = [];
  refreshAllView(repo, request, startedMs).waitingIds.forEach((id, order) => {
    const dataSet = repo.getDataSet(id)!;
    work.push(repo.job(id) === undefined ? { dataSet, order, trigger: 'manual' } : { dataSet, order });
  });
  const ran = runInGroups(deps, work, 'manual', startedMs, startedMs + budgetMs);
  recordUnrecorded(deps, request, ran);
  // The store as it is now: what other executions did meanwhile, and none of what a full store refused.
  repo.load();
  return {
    view: refreshAllView(repo, request, deps.clock.now()),
    updatedIds: ran
      .filter(({ outcome }) => outcome.status === 'success' || outcome.status === 'partial')
      .map(({ dataSet }) => dataSet.id),
    ran: ran.filter(({ outcome }) => outcome.status !== 'busy').length,
  };
}

/**
 * A run that failed before it could write its history (a full store, no lock) would otherwise be waited for: the
 * request keeps what it said, and counts it as failed.
 */
function recordUnrecorded(
  deps: RunDeps,
  request: RefreshAllRequest,
  ran: Array<{ dataSet: DataSetConfig; outcome: RunOutcome }>,
): void {
  const unrecorded = { ...request.unrecorded };
  let added = false;
  for (const { dataSet, outcome } of ran) {
    if (outcome.status !== 'failed') continue;
    const last = deps.repo.history(dataSet.id)[0];
    if (last && Date.parse(last.start) >= request.atMs) continue;
    const { code, params, message } = outcome;
    unrecorded[dataSet.id] = { code, params, message } as Said;
    added = true;
  }
  if (!added) return;
  // The view of this call counts them even when the store is too full to keep them (likely why they failed).
  request.unrecorded = unrecorded;
  try {
    deps.repo.saveMeta('refreshAll', request);
  } catch {
    // Kept in this call's answer only: a later look shows them waiting again, and the tick tries them again.
  }
}
