/** Server functions for the schedule: src/api/schedule-service.ts with Apps Script's services. */
import type { TickReport } from '../schedule/tick';
import type { ScheduleInfo } from '../schedule/trigger';
import { invalidId } from './arguments';
import { appsScriptDeps } from './context';
import { refreshDashboardsAfterRuns } from './dashboards';
import * as service from './schedule-service';
import type { Failure } from './types';

/** The hourly trigger's handler. */
export function onScheduledTick(_event?: GoogleAppsScript.Events.TimeDriven): TickReport {
  const deps = appsScriptDeps();
  const report = service.onScheduledTick(deps);
  const updated = report.ran.filter((run) => run.status === 'success' || run.status === 'partial');
  refreshDashboardsAfterRuns(
    updated.map((run) => run.id),
    deps,
  );
  return report;
}

/** Makes sure the schedule has its one trigger, and says who runs it and when it last ran. */
export function getScheduleInfo(): ScheduleInfo & { me: string } {
  return service.getScheduleInfo(appsScriptDeps());
}

/** Un-pauses a DataSet the schedule paused (after repeated failures or bad credentials). */
export function resumeDataSet(id: string): { ok: true } | Failure {
  const invalid = invalidId(id, 'DataSet');
  if (invalid) return invalid;
  return service.resumeDataSet(appsScriptDeps(), id);
}
