/**
 * One run of a DataSet at a time, across users and triggers: a lease in document properties, taken and checked
 * under the document lock, that expires on its own if an execution dies (Apps Script stops one at 6 minutes).
 */
import type { Repository } from '../datasets/repository';
import type { Clock } from '../gas/clock';
import type { Locker } from '../gas/lock';

/** Longer than any execution can live. */
export const LEASE_MS = 7 * 60 * 1000;
const POLL_MS = 1000;

export interface LeaseDeps {
  repo: Repository;
  locker: Locker;
  clock: Clock;
}

function tryTake(dataSetId: string, owner: string, deps: LeaseDeps): boolean {
  const outcome = deps.locker.withLock(10_000, () => {
    const now = deps.clock.now();
    const current = deps.repo.lease(dataSetId);
    if (current && current.owner !== owner && current.untilMs > now) return false;
    deps.repo.saveLease(dataSetId, { owner, untilMs: now + LEASE_MS });
    return true;
  });
  return outcome.acquired && outcome.value;
}

/** Takes the DataSet's lease, waiting up to `waitMs` for another run to finish. */
export function takeLease(dataSetId: string, owner: string, waitMs: number, deps: LeaseDeps): boolean {
  const giveUpAt = deps.clock.now() + waitMs;
  while (!tryTake(dataSetId, owner, deps)) {
    const left = giveUpAt - deps.clock.now();
    if (left <= 0) return false;
    deps.clock.sleep(Math.min(POLL_MS, left));
  }
  return true;
}

export function releaseLease(dataSetId: string, owner: string, deps: LeaseDeps): void {
  deps.locker.withLock(10_000, () => {
    if (deps.repo.lease(dataSetId)?.owner === owner) deps.repo.deleteLease(dataSetId);
    return true;
  });
}
