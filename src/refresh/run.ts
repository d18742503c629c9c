/**
 * Running DataSets: config → dates → windows → fetch → rows → write, recorded in the run history.
 * A run that does not finish within its time budget (or the account's daily call budget) keeps its cursor and
 * stages its rows out of sight; the next call or tick continues it, and the sheet is written once, when the
 * run is complete. A run that fails leaves its sheet exactly as it was.
 *
 * This module is the execution's part: take each DataSet's lease, read the store once, share the fetch between
 * the runs of one account (batch.ts), and let each run end its own way (dataset-run.ts).
 */
import { StorageFullError } from '../datasets/storage';
import type { RunRecord } from '../datasets/types';
import { LockUnavailableError } from '../gas/lock';
import { say } from '../messages/en';
import { byAccount, fetchShared, type PlannedFetch, type PreparedAccess, prepareAccess } from './batch';
import { DataSetRun } from './dataset-run';
import { executionDeadline, type RunDeps, type RunOptions } from './deps';
import { takeLeases } from './lease';
import { failedOutcome, type RunOutcome } from './outcome';

export type { RunOutcome } from './outcome';

export interface RunRequest {
  dataSetId: string;
  /** The schedule slot this run is for. */
  slotMs?: number;
  /** Who asked for this run, when not the call's `trigger` (a tick runs what "Refresh all now" left as manual). */
  trigger?: RunRecord['trigger'];
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
 * The store is read once, under the lock that claims the DataSets (another execution may have finished a run of
 * one of them while this one waited), and each run reads its config, state and unfinished run from that one read.
 * Its writes go out together: its mark before the fetch in one call with the others', its record after in one.
 */
export function runDataSets(
  requests: readonly RunRequest[],
  trigger: RunRecord['trigger'],
  deps: RunDeps,
  options: Omit<RunOptions, 'slotMs'> = {},
): RunOutcome[] {
  const outcomes: RunOutcome[] = new Array(requests.length);
  const indexOf = new Map(requests.map(({ dataSetId }, index) => [dataSetId, index]));
  const leased: Array<{ index: number; dataSetId: string }> = [];
  const planned: Array<{ index: number; run: DataSetRun; plan: PlannedFetch }> = [];
  /** Each account's access, got under the lock, and the time that took (a token fetch): not the fetch's time. */
  const accesses = new Map<string, { prepared: PreparedAccess; tookMs: number }>();
  const executionDeadlineMs = options.executionDeadlineMs ?? executionDeadline(deps.clock.now());
  try {
    // Under one lock, on the store read with it: claim the DataSets, plan each run, write the runs' marks that an
    // execution is about to fetch for them (their leases) together, and get each account's token.
    const taken = takeRunLeases(
      requests.map(({ dataSetId }) => dataSetId),
      deps,
      options.leaseWaitMs ?? 10_000,
      (ids) => {
        deps.repo.deferWrites();
        const fresh: typeof planned = [];
        for (const dataSetId of ids) {
          const index = indexOf.get(dataSetId)!;
          leased.push({ index, dataSetId });
          const dataSet = deps.repo.getDataSet(dataSetId);
          if (!dataSet) {
            outcomes[index] = failedOutcome('', say('unknown_dataset', {}));
            continue;
          }
          const request = requests[index]!;
          const run = new DataSetRun(dataSet, request.trigger ?? trigger, deps, { ...options, slotMs: request.slotMs });
          const begun = run.begin();
          if ('plan' in begun) fresh.push({ index, run, plan: begun.plan });
          else outcomes[index] = begun.outcome;
        }
        flushMarks(deps, fresh, outcomes);
        for (const item of fresh) {
          planned.push(item);
          const accountId = item.plan.account.id;
          if (accesses.has(accountId)) continue;
          const before = deps.clock.now();
          const prepared = prepareAccess(item.plan.account, deps, executionDeadlineMs);
          accesses.set(accountId, { prepared, tookMs: deps.clock.now() - before });
        }
      },
    );
    requests.forEach(({ dataSetId }, index) => {
      if (outcomes[index] !== undefined || leased.some((item) => item.index === index)) return;
      outcomes[index] = taken instanceof Set ? busyOutcome(dataSetId, deps) : taken(dataSetId);
    });
    // What the runs record after the fetch (state, history, usage) goes out in one write.
    deps.repo.deferWrites();
    for (const group of byAccount(planned)) {
      const access = accesses.get(group[0]!.plan.account.id)!;
      const results = fetchShared(
        group.map(({ plan }) => plan),
        deps,
        options.deadlineMs,
        executionDeadlineMs,
        access.prepared,
        access.tookMs,
      );
      group.forEach(({ index, run, plan }, position) => {
        outcomes[index] = run.finish(plan.report, results[position]!);
      });
    }
    return outcomes;
  } finally {
    recordAfterFetch(deps, leased, outcomes);
  }
}

/** The runs' marks before the fetch; a store too full for them fails those runs before they fetch anything. */
function flushMarks(
  deps: RunDeps,
  planned: Array<{ index: number; run: DataSetRun; plan: PlannedFetch }>,
  outcomes: RunOutcome[],
): void {
  try {
    deps.repo.flush();
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    for (const { index, run } of planned.splice(0)) outcomes[index] = failedOutcome(run.sheetName, error.said);
  }
}

/**
 * Writes what the runs recorded. A store too full to take it leaves the sheets as the runs wrote them (the data
 * is there) and says so: the next run fetches those days again.
 */
function recordAfterFetch(deps: RunDeps, leased: Array<{ index: number }>, outcomes: RunOutcome[]): void {
  try {
    deps.repo.flush();
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    for (const { index } of leased) {
      const outcome = outcomes[index];
      if (outcome?.ok) outcomes[index] = failedOutcome(outcome.sheetName, error.said);
    }
  }
}

/**
 * Takes the leases (one lock, one read, one write); the ids taken, or, when no lease could be taken at all (a
 * full store, no lock), the outcome that says why for each: instead of throwing at the sidebar or the trigger.
 */
function takeRunLeases(
  dataSetIds: readonly string[],
  deps: RunDeps,
  waitMs: number,
  whileLocked: (taken: string[]) => void,
): Set<string> | ((dataSetId: string) => RunOutcome) {
  try {
    return takeLeases(dataSetIds, deps.executionId, waitMs, deps, whileLocked);
  } catch (error) {
    const sheetName = (dataSetId: string): string => deps.repo.getDataSet(dataSetId)?.sheetName ?? '';
    if (error instanceof StorageFullError || error instanceof LockUnavailableError)
      return (dataSetId) => failedOutcome(sheetName(dataSetId), error.said);
    throw error;
  }
}

/** The outcome of a DataSet whose lease another execution holds. */
function busyOutcome(dataSetId: string, deps: RunDeps): RunOutcome {
  const dataSet = deps.repo.getDataSet(dataSetId);
  if (!dataSet) return failedOutcome('', say('unknown_dataset', {}));
  return {
    ...failedOutcome(dataSet.sheetName, say('already_running', { name: dataSet.name })),
    status: 'busy',
  };
}
