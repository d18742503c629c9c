/**
 * Running DataSets: config → dates → windows → fetch → rows → write, recorded in the run history.
 * A run that does not finish within its time budget (or the account's daily call budget) keeps its cursor and
 * stages its rows out of sight; the next call or tick continues it, and the sheet is written once, when the
 * run is complete. A run that fails leaves its sheet exactly as it was.
 *
 * This module is the execution's part: take each DataSet's lease, read the store once, share the fetch between
 * the runs of one account (batch.ts), and let each run end its own way (dataset-run.ts).
 */
import { STORAGE_FULL, StorageFullError } from '../datasets/storage';
import type { RunRecord } from '../datasets/types';
import { LockUnavailableError } from '../gas/lock';
import { byAccount, fetchShared, type PlannedFetch } from './batch';
import { DataSetRun } from './dataset-run';
import type { RunDeps, RunOptions } from './deps';
import { releaseLease, takeLease } from './lease';
import * as text from './messages';
import { failedOutcome, type RunOutcome } from './outcome';

export type { RunOutcome } from './outcome';

export interface RunRequest {
  dataSetId: string;
  /** The schedule slot this run is for. */
  slotMs?: number;
}

export function runDataSet(
  dataSetId: string,
  trigger: RunRecord['trigger'],
  deps: RunDeps,
  options: RunOptions = {},
): RunOutcome {
  return runDataSets([{ dataSetId, slotMs: options.slotMs }], trigger, deps, options)[0]!;
}

/**
 * Runs several DataSets in one execution: the calls of the DataSets of one account share their fetchAll batches
 * and their token, then each DataSet writes its own sheet. One outcome per request, in order.
 *
 * The store is read once, after every lease is taken (another execution may have finished a run of one of them
 * while this one waited), and each run reads its config, state and unfinished run from that one read.
 */
export function runDataSets(
  requests: readonly RunRequest[],
  trigger: RunRecord['trigger'],
  deps: RunDeps,
  options: Omit<RunOptions, 'slotMs'> = {},
): RunOutcome[] {
  const outcomes: RunOutcome[] = new Array(requests.length);
  const leased: Array<{ index: number; dataSetId: string; slotMs?: number }> = [];
  try {
    requests.forEach(({ dataSetId, slotMs }, index) => {
      const refused = takeRunLease(dataSetId, deps, options.leaseWaitMs ?? 10_000);
      if (refused) outcomes[index] = refused;
      else leased.push({ index, dataSetId, slotMs });
    });
    if (leased.length === 0) return outcomes;
    deps.repo.load();
    const planned: Array<{ index: number; run: DataSetRun; plan: PlannedFetch }> = [];
    for (const { index, dataSetId, slotMs } of leased) {
      const dataSet = deps.repo.getDataSet(dataSetId);
      if (!dataSet) {
        outcomes[index] = failedOutcome('', 'unknown_dataset', text.UNKNOWN_DATASET);
        continue;
      }
      const run = new DataSetRun(dataSet, trigger, deps, { ...options, slotMs });
      const begun = run.begin();
      if ('plan' in begun) planned.push({ index, run, plan: begun.plan });
      else outcomes[index] = begun.outcome;
    }
    for (const group of byAccount(planned)) {
      const results = fetchShared(
        group.map(({ plan }) => plan),
        deps,
        options.deadlineMs,
        options.executionDeadlineMs,
      );
      group.forEach(({ index, run, plan }, position) => {
        outcomes[index] = run.finish(plan.report, results[position]!);
      });
    }
    return outcomes;
  } finally {
    for (const { dataSetId } of leased) releaseRunLease(dataSetId, deps);
  }
}

function releaseRunLease(dataSetId: string, deps: RunDeps): void {
  try {
    releaseLease(dataSetId, deps.executionId, deps);
  } catch (error) {
    // Without a lock the lease cannot be released now: it expires on its own.
    if (!(error instanceof LockUnavailableError)) throw error;
  }
}

/** Takes the DataSet's lease; undefined when taken, else the outcome that says why the run did not start. */
function takeRunLease(dataSetId: string, deps: RunDeps, waitMs: number): RunOutcome | undefined {
  let taken: boolean;
  try {
    taken = takeLease(dataSetId, deps.executionId, waitMs, deps);
  } catch (error) {
    // A full store cannot even take the lease, nor can a run without a lock: say so instead of throwing at the
    // sidebar or the trigger.
    const sheetName = (): string => deps.repo.getDataSet(dataSetId)?.sheetName ?? '';
    if (error instanceof StorageFullError) return failedOutcome(sheetName(), STORAGE_FULL, error.message);
    if (error instanceof LockUnavailableError) return failedOutcome(sheetName(), error.code, error.message);
    throw error;
  }
  if (taken) return undefined;
  const dataSet = deps.repo.getDataSet(dataSetId);
  if (!dataSet) return failedOutcome('', 'unknown_dataset', text.UNKNOWN_DATASET);
  return {
    ...failedOutcome(dataSet.sheetName, 'already_running', text.alreadyRunning(dataSet.name)),
    status: 'busy',
  };
}
