/** Server functions for the schedule: the trigger handler, who runs the schedule, and resuming a paused DataSet. */
import { currentUser, spreadsheetOffsetAt, spreadsheetTimeZone } from '../gas/user';
import { runTick, type TickReport } from '../schedule/tick';
import { reconcileTrigger, type ScheduleInfo } from '../schedule/trigger';
import { appsScriptDeps } from './context';

/** The hourly trigger's handler. */
export function onScheduledTick(_event?: GoogleAppsScript.Events.TimeDriven): TickReport {
  const deps = appsScriptDeps();
  const timeZone = spreadsheetTimeZone();
  const user = currentUser();
  const report = runTick(deps, { timeZone, offsetAt: spreadsheetOffsetAt(timeZone), user });
  // The last unfinished run done and no schedule left: the trigger goes.
  if (report.ran.length > 0) reconcileTrigger(deps, user, deps.clock.now());
  return report;
}

/** Makes sure the schedule has its one trigger, and says who runs it and when it last ran. */
export function getScheduleInfo(): ScheduleInfo & { me: string } {
  const deps = appsScriptDeps();
  const me = currentUser();
  return { ...reconcileTrigger(deps, me, deps.clock.now()), me };
}

export function syncSchedule(): ScheduleInfo {
  const deps = appsScriptDeps();
  return reconcileTrigger(deps, currentUser(), deps.clock.now());
}

/** Un-pauses a DataSet the schedule paused (after repeated failures or bad credentials). */
export function resumeDataSet(id: string): { ok: true } | { ok: false; message: string } {
  const { repo } = appsScriptDeps();
  if (!repo.getDataSet(id)) return { ok: false, message: 'This DataSet no longer exists.' };
  const state = repo.state(id);
  delete state.paused;
  repo.saveState(id, { ...state, consecutiveFailures: 0 });
  syncSchedule();
  return { ok: true };
}
