/**
 * What the schedule's server functions do, given their services: the trigger's tick, who runs the schedule, and
 * resuming a paused DataSet. src/api/schedule.ts calls these with the Apps Script services; tests with fakes.
 */

import { say } from '../messages/en';
import { runTick, type TickReport } from '../schedule/tick';
import { reconcileTrigger, type ScheduleInfo } from '../schedule/trigger';
import type { AppDeps } from './context';
import type { Failure } from './types';

/** The hourly trigger's work: run what is due; once the last unfinished run is done and no schedule is left, the trigger goes. */
export function onScheduledTick(deps: AppDeps): TickReport {
  const timeZone = deps.timeZone();
  const user = deps.user();
  const report = runTick(deps, { timeZone, offsetAt: deps.offsetAt(timeZone), user });
  if (report.ran.length > 0) reconcileTrigger(deps, user, deps.clock.now());
  return report;
}

/** Makes sure the schedule has its one trigger, and says who runs it and when it last ran. */
export function getScheduleInfo(deps: AppDeps): ScheduleInfo & { me: string } {
  const me = deps.user();
  return { ...reconcileTrigger(deps, me, deps.clock.now()), me };
}

/** Un-pauses a DataSet the schedule paused (after repeated failures or bad credentials). */
export function resumeDataSet(deps: AppDeps, id: string): { ok: true } | Failure {
  const { repo } = deps;
  if (!repo.getDataSet(id)) return { ok: false, ...say('unknown_dataset', {}) };
  const state = repo.state(id);
  delete state.paused;
  repo.saveState(id, { ...state, consecutiveFailures: 0 });
  reconcileTrigger(deps, deps.user(), deps.clock.now());
  return { ok: true };
}
