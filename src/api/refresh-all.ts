/**
 * Server functions for "Refresh all now": start it, continue it, see where it stands. The runs happen on the
 * server (src/schedule/refresh-all.ts), so closing the sidebar does not stop them: what one call has no time
 * for, the hourly tick runs, and this makes sure the tick's trigger exists.
 */
import { StorageFullError } from '../datasets/storage';
import type { RefreshAllResult, RefreshAllView } from '../refresh/refresh-all';
import {
  continueRefreshAll as continueWith,
  currentRefreshAll,
  type RefreshAllRun,
  startRefreshAll as startWith,
} from '../schedule/refresh-all';
import { reconcileTrigger } from '../schedule/trigger';
import { type AppDeps, appsScriptDeps } from './context';
import { refreshDashboardsAfterRuns } from './dashboards';

export type { RefreshAllFailure, RefreshAllResult, RefreshAllView } from '../refresh/refresh-all';

/** Runs `work` in this execution and answers for the sidebar: a full store is said, anything else is thrown. */
function answer(work: (deps: AppDeps) => RefreshAllRun | undefined): RefreshAllResult {
  const deps = appsScriptDeps();
  try {
    const run = work(deps);
    if (!run) return { ok: true, view: null, ran: 0 };
    refreshDashboardsAfterRuns(run.updatedIds, deps);
    if (!run.view.finished) reconcileTrigger(deps, deps.user(), deps.clock.now());
    return { ok: true, view: run.view, ran: run.ran };
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    return { ok: false, ...error.said };
  }
}

/** Runs every DataSet, on the server, for up to 4.5 minutes; the hourly tick runs what is left. */
export function startRefreshAll(): RefreshAllResult {
  return answer((deps) => startWith(deps, deps.user()));
}

/** Runs what the last "Refresh all now" has left (view: null when there is none). */
export function continueRefreshAll(): RefreshAllResult {
  return answer((deps) => continueWith(deps));
}

/** Where the last "Refresh all now" stands (null: none in the last day); one read of the document's properties. */
export function getRefreshAll(): RefreshAllView | null {
  const deps = appsScriptDeps();
  deps.repo.load();
  return currentRefreshAll(deps) ?? null;
}
