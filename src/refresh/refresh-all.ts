/**
 * "Refresh all now" as a request kept in document properties: every DataSet runs once. The execution that takes
 * it (the sidebar's call) runs them as the schedule's tick does; what is left when its time is up, or when the
 * sidebar was closed, the hourly tick runs. What each run did is in its run history, so the request itself keeps
 * only when it was made, by whom, which DataSets, and the few failures that left no history (a full store).
 */
import type { Repository } from '../datasets/repository';
import type { Recorded } from '../datasets/types';
import type { Said } from '../messages/codes';
import type { RunJob } from './job';
import { LEASE_MS } from './lease';
import type { RefreshAllView } from './refresh-all-view';

export type { RefreshAllFailure, RefreshAllResult, RefreshAllView } from './refresh-all-view';

export interface RefreshAllRequest {
  atMs: number;
  /** Who asked (an email, or the anonymous key Apps Script gives when it hides it). */
  by: string;
  /** The DataSets it covers, in the order they run (by name). */
  ids: string[];
  /** Runs that failed before they could write a history record: what they said. */
  unrecorded?: Record<string, Said>;
}

/** After this long, what a request did not get to is no longer run on its behalf (the schedule still runs it). */
const REQUEST_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function newRefreshAllRequest(repo: Repository, by: string, nowMs: number): RefreshAllRequest {
  const ids = [...repo.listDataSets()].sort((a, b) => a.name.localeCompare(b.name)).map((dataSet) => dataSet.id);
  return { atMs: nowMs, by, ids };
}

/** The current request, from the store as this execution loaded it; none once it is older than its lifetime. */
export function refreshAllRequest(repo: Repository, nowMs: number): RefreshAllRequest | undefined {
  const request = repo.loadedMeta<RefreshAllRequest>('refreshAll');
  if (!request || !Array.isArray(request.ids) || typeof request.atMs !== 'number') return undefined;
  return nowMs - request.atMs > REQUEST_LIFETIME_MS ? undefined : request;
}

type ItemState =
  | { kind: 'gone' }
  /** `continuing`: its unfinished run continues; `active`: an execution is fetching for it now. */
  | { kind: 'waiting'; continuing: boolean; active: boolean }
  | { kind: 'ended'; record: Recorded; failed: boolean };

function itemState(repo: Repository, request: RefreshAllRequest, id: string, nowMs: number): ItemState {
  if (!repo.getDataSet(id)) return { kind: 'gone' };
  // Its newest run that ended since the request: a later Run now (even one still going) does not reopen it.
  const ended = repo.history(id).find((run) => Date.parse(run.start) >= request.atMs && run.status !== 'running');
  if (ended) return { kind: 'ended', record: ended, failed: ended.status === 'failed' };
  const unrecorded = request.unrecorded?.[id];
  if (unrecorded) return { kind: 'ended', record: unrecorded, failed: true };
  const job = repo.job<RunJob>(id);
  const since = job?.activeSinceMs;
  return { kind: 'waiting', continuing: job !== undefined, active: since !== undefined && since + LEASE_MS > nowMs };
}

/** The DataSets the current request has not run yet (and no run of theirs is unfinished), in its order. */
export function idsNotRunYet(repo: Repository, nowMs: number): string[] {
  const request = refreshAllRequest(repo, nowMs);
  if (!request) return [];
  return request.ids.filter((id) => {
    const state = itemState(repo, request, id, nowMs);
    return state.kind === 'waiting' && !state.continuing;
  });
}

export function refreshAllView(repo: Repository, request: RefreshAllRequest, nowMs: number): RefreshAllView {
  const view: RefreshAllView = {
    atMs: request.atMs,
    by: request.by,
    total: 0,
    done: 0,
    succeeded: 0,
    failures: [],
    runningIds: [],
    waitingIds: [],
    finished: false,
  };
  for (const id of request.ids) {
    const state = itemState(repo, request, id, nowMs);
    if (state.kind === 'gone') continue;
    view.total += 1;
    if (state.kind === 'waiting') {
      view.waitingIds.push(id);
      if (state.active) view.runningIds.push(id);
      continue;
    }
    view.done += 1;
    if (!state.failed) {
      view.succeeded += 1;
      continue;
    }
    const { code, params, message } = state.record;
    const said = (
      params === undefined ? { message, ...(code ? { code } : {}) } : { code, params, message }
    ) as Recorded;
    view.failures.push({ id, name: repo.getDataSet(id)!.name, ...said });
  }
  view.finished = view.waitingIds.length === 0;
  return view;
}
