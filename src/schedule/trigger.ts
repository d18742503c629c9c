/**
 * The one hourly trigger that runs the schedule. An add-on may have one time-driven trigger per user per
 * document, so this reconciles idempotently: it creates the trigger when a DataSet has a schedule, removes it
 * when none has, never adds a second, and leaves the schedule to another editor whose trigger already runs it.
 */
import type { Repository } from '../datasets/repository';
import type { Triggers } from '../gas/triggers';
import { idsNotRunYet } from '../refresh/refresh-all';
import type { OffsetAt } from './slots';
import { dueWork, type TickReport } from './tick';

export const TICK_HANDLER = 'onScheduledTick';
/** Another user's trigger counts as alive if it ticked (or was set up) this recently. */
const OWNER_ALIVE_MS = 3 * 60 * 60 * 1000;
/**
 * An idle tick writes nothing, so a silent owner may just have had nothing to do: it counts as gone only when
 * work has waited this long (a slot passed, a run left unfinished), which an hourly trigger would have run.
 */
const OVERDUE_AFTER_MS = 90 * 60 * 1000;

export interface ScheduleOwner {
  user: string;
  sinceMs: number;
}

export interface ScheduleInfo {
  /** Whether any DataSet has a schedule. */
  needed: boolean;
  /** Who runs the schedule of this spreadsheet (their trigger), if anyone. */
  owner?: ScheduleOwner;
  /** Whether that is the user asking. */
  ownedByMe: boolean;
  /** Whether the user asking has the trigger. */
  myTrigger: boolean;
  lastTick?: TickReport;
}

/** A schedule, an unfinished run or what "Refresh all now" has left needs the trigger. */
function scheduleNeeded(repo: Repository, nowMs: number): boolean {
  const scheduled = repo
    .listDataSets()
    .some(
      (dataSet) =>
        (dataSet.schedule.kind !== 'manual' && !repo.state(dataSet.id).paused) || repo.job(dataSet.id) !== undefined,
    );
  if (scheduled) return true;
  return idsNotRunYet(repo, nowMs).length > 0;
}

export interface ScheduleDeps {
  repo: Repository;
  triggers: Triggers;
  /** The spreadsheet's zone offsets, to see whether scheduled work is overdue; absent: silence alone counts. */
  scheduleOffset?: () => OffsetAt;
}

/** Whether some scheduled work has waited OVERDUE_AFTER_MS: what a working trigger would have run by now. */
function workOverdue(deps: ScheduleDeps, nowMs: number): boolean {
  if (!deps.scheduleOffset) return true;
  return dueWork(deps, deps.scheduleOffset(), nowMs - OVERDUE_AFTER_MS).length > 0;
}

export function reconcileTrigger(deps: ScheduleDeps, user: string, nowMs: number): ScheduleInfo {
  const { repo, triggers } = deps;
  const needed = scheduleNeeded(repo, nowMs);
  const mine = triggers.mine(TICK_HANDLER);
  let owner = repo.meta<ScheduleOwner>('scheduleOwner');
  const lastTick = repo.meta<TickReport>('lastTick');

  if (!needed) {
    for (const trigger of mine) trigger.remove();
    if (owner?.user === user) repo.saveMeta('scheduleOwner', null);
    return { needed, ownedByMe: false, myTrigger: false, ...(lastTick ? { lastTick } : {}) };
  }
  for (const extra of mine.slice(1)) extra.remove();
  let myTrigger = mine.length > 0;
  if (!myTrigger) {
    const lastSign = Math.max(owner?.sinceMs ?? 0, lastTick?.user === owner?.user ? (lastTick?.atMs ?? 0) : 0);
    const otherOwnerAlive =
      owner && owner.user !== user && (nowMs - lastSign < OWNER_ALIVE_MS || !workOverdue(deps, nowMs));
    if (!otherOwnerAlive) {
      triggers.createHourly(TICK_HANDLER);
      myTrigger = true;
      owner = { user, sinceMs: nowMs };
      repo.saveMeta('scheduleOwner', owner);
    }
  } else if (!owner) {
    owner = { user, sinceMs: nowMs };
    repo.saveMeta('scheduleOwner', owner);
  }
  return {
    needed,
    ...(owner ? { owner } : {}),
    ownedByMe: owner?.user === user,
    myTrigger,
    ...(lastTick ? { lastTick } : {}),
  };
}
