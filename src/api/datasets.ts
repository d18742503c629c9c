/** Server functions for DataSets (google.script.run targets): src/api/dataset-service.ts with Apps Script's services. */

import type { DataSetConfig, RunRecord } from '../datasets/types';
import type { DateSpec } from '../dates';
import type { Said } from '../messages/codes';
import { failedOutcome, type RunOutcome } from '../refresh/outcome';
import { invalidId, invalidIds, MAX_SHARED_RUN_NOW } from './arguments';
import { appsScriptDeps } from './context';
import { refreshDashboardsAfterRuns } from './dashboards';
import * as service from './dataset-service';
import type { DataSetSummary, DatePreview, InvalidArgument, ReportSummary, SaveDataSetResult } from './types';

export function listReports(): ReportSummary[] {
  return service.listReports();
}

export function listDataSets(): DataSetSummary[] {
  return service.listDataSets(appsScriptDeps());
}

export function getDataSet(id: string): DataSetConfig | null | InvalidArgument {
  const invalid = invalidId(id, 'DataSet');
  if (invalid) return invalid;
  return service.getDataSet(appsScriptDeps(), id);
}

export function saveDataSet(input: unknown): SaveDataSetResult {
  return service.saveDataSet(appsScriptDeps(), input);
}

/** Deletes the DataSet and its history; its sheet stays. */
export function deleteDataSet(id: string): { ok: true } | InvalidArgument {
  const invalid = invalidId(id, 'DataSet');
  if (invalid) return invalid;
  return service.deleteDataSet(appsScriptDeps(), id);
}

/** Runs the DataSet for up to a minute; a long run returns `status: 'running'` and continues on the next call. */
export function runDataSet(id: string): RunOutcome {
  const invalid = invalidId(id, 'DataSet');
  if (invalid)
    return failedOutcome('', { code: invalid.code, params: invalid.params, message: invalid.message } as Said);
  const deps = appsScriptDeps();
  const outcome = service.runDataSet(deps, id);
  if (outcome.status === 'success' || outcome.status === 'partial') refreshDashboardsAfterRuns([id], deps);
  return outcome;
}

/**
 * "Run now" on several DataSets in one execution: the DataSets of one account share their fetchAll batches and
 * token, as the schedule's tick does. One outcome per id, in order; call again with the ids still `running`.
 */
export function runDataSets(ids: string[]): RunOutcome[] {
  const invalid = invalidIds(ids, 'DataSet', MAX_SHARED_RUN_NOW);
  if (invalid)
    return [failedOutcome('', { code: invalid.code, params: invalid.params, message: invalid.message } as Said)];
  const deps = appsScriptDeps();
  const outcomes = service.runDataSets(deps, ids);
  // One outcome per distinct id, in order.
  const updated = [...new Set(ids)].filter((_, index) =>
    ['success', 'partial'].includes(outcomes[index]?.status ?? ''),
  );
  refreshDashboardsAfterRuns(updated, deps);
  return outcomes;
}

export function getRunHistory(id: string): RunRecord[] | InvalidArgument {
  const invalid = invalidId(id, 'DataSet');
  if (invalid) return invalid;
  return service.getRunHistory(appsScriptDeps(), id);
}

export function previewDates(reportId: string, dates: DateSpec): DatePreview {
  return service.previewDates(appsScriptDeps(), reportId, dates);
}
