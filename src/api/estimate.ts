/**
 * What the sidebar asks before a run: how many WeChat calls the next run of each DataSet makes, per API, counted
 * with the run's own planning (src/refresh/plan.ts). No WeChat call; reads the store and, for an incremental
 * Append, whether its sheet still has rows.
 */

import type { RunJob } from '../refresh/job';
import { callsForNextRun } from '../refresh/plan';
import { getReport } from '../reports';
import { invalidIds } from './arguments';
import { type AppDeps, appsScriptDeps } from './context';
import type { EstimateRunsResult, RunEstimate } from './types';

export function estimateRunsWith(deps: AppDeps, ids: readonly string[]): EstimateRunsResult {
  const nowMs = deps.clock.now();
  // One read of the store for every DataSet, state and unfinished run.
  deps.repo.load();
  const dataSets: RunEstimate[] = [];
  for (const id of new Set(ids)) {
    const dataSet = deps.repo.getDataSet(id);
    const report = dataSet && getReport(dataSet.reportId);
    if (!dataSet || !report) continue;
    const calls = callsForNextRun(dataSet, report, deps.repo.job<RunJob>(id), {
      nowMs,
      lastCompleteDate: deps.repo.state(id).lastCompleteDate,
      tableThere: () => deps.tables.hasRows?.(dataSet.sheetName) ?? true,
    });
    dataSets.push({ id, accountId: dataSet.accountId, endpoint: report.endpoint, calls });
  }
  return { ok: true, dataSets, total: dataSets.reduce((sum, entry) => sum + entry.calls, 0) };
}

/** The WeChat calls the next runs of these DataSets make (ids of DataSets that no longer exist are left out). */
export function estimateRuns(ids: string[]): EstimateRunsResult {
  const invalid = invalidIds(ids, 'DataSet');
  if (invalid) return invalid;
  return estimateRunsWith(appsScriptDeps(), ids);
}
