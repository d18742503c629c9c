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

/** What an unfinished run's record says of the execution working on it (src/refresh/job.ts). */
interface ActiveMark {
  activeSinceMs?: number;
  activeOwner?: string;
}

/**
 * Claims several DataSets for runs under one document lock and one fresh read of the whole store (which also
 * serves as the execution's copy of it). A DataSet is held elsewhere while another execution's lease stands, or
 * while its unfinished run carries another execution's mark from less than LEASE_MS ago: a run's mark that it
 * is about to fetch is its lease, so claiming costs no write of its own. Those held are waited for, up to
 * `waitMs`, and left out if still held. Returns the ids claimed.
 *
 * `whileLocked` runs under the same lock with the ids just claimed: it plans their runs and writes their marks
 * (one write for all), and what it needs the lock for (a token fetch) takes no second lock.
 */
export function takeLeases(
  dataSetIds: readonly string[],
  owner: string,
  waitMs: number,
  deps: LeaseDeps,
  whileLocked: (taken: string[]) => void,
): Set<string> {
  const taken = new Set<string>();
  const giveUpAt = deps.clock.now() + waitMs;
  let wanted = [...new Set(dataSetIds)];
  for (;;) {
    const outcome = deps.locker.withLock(10_000, () => {
      const now = deps.clock.now();
      deps.repo.load();
      const free = wanted.filter((id) => {
        const lease = deps.repo.loadedLease(id);
        if (lease && lease.owner !== owner && lease.untilMs > now) return false;
        const mark = deps.repo.job<ActiveMark>(id);
        const since = mark?.activeSinceMs;
        return !(since !== undefined && mark?.activeOwner !== owner && mark?.activeOwner && since + LEASE_MS > now);
      });
      deps.repo.deferWrites();
      // A lease an execution left behind (it died, or an earlier version wrote one) goes with the claim.
      for (const id of free) if (deps.repo.loadedLease(id)) deps.repo.deleteLease(id);
      if (free.length > 0) whileLocked(free);
      deps.repo.flush();
      return free;
    });
    if (outcome.acquired) for (const id of outcome.value) taken.add(id);
    wanted = wanted.filter((id) => !taken.has(id));
    const left = giveUpAt - deps.clock.now();
    if (wanted.length === 0 || left <= 0) return taken;
    deps.clock.sleep(Math.min(POLL_MS, left));
  }
}

export function releaseLease(dataSetId: string, owner: string, deps: LeaseDeps): void {
  deps.locker.withLock(10_000, () => {
    if (deps.repo.lease(dataSetId)?.owner === owner) deps.repo.deleteLease(dataSetId);
    return true;
  });
}
