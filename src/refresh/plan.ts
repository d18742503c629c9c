/**
 * The date windows a DataSet's run fetches, one API call each: its dates resolved now, cut to the report's span,
 * and for Append only from the last complete day minus the report's restatement days. Pure: the run
 * (dataset-run.ts) plans with it, and the sidebar's estimate before a run (estimateRuns) counts with it.
 */
import type { DataSetConfig } from '../datasets/types';
import { addDays, type DateWindow, type IsoDate, planWindows, type ResolvedDates, resolveDates } from '../dates';
import type { ReportDefinition } from '../reports/types';
import { decodeWindows, type RunJob } from './job';

export type PlannedDates =
  | Extract<ResolvedDates, { ok: false }>
  | (Extract<ResolvedDates, { ok: true }> & {
      /** The first date fetched: the resolved start, or later for an incremental Append. */
      start: IsoDate;
      windows: DateWindow[];
    });

export interface PlanContext {
  nowMs: number;
  /** The last day the DataSet's sheet holds complete (its state), if any. */
  lastCompleteDate?: IsoDate | undefined;
  /** Whether the DataSet's sheet still has its rows: a sheet the user deleted or cleared gets all its dates again. */
  tableThere: () => boolean;
}

export function planRunDates(dataSet: DataSetConfig, report: ReportDefinition, context: PlanContext): PlannedDates {
  const resolved = resolveDates(dataSet.dates, context.nowMs, { earliestDate: report.earliestDate });
  if (!resolved.ok) return resolved;
  let start = resolved.start;
  const last = context.lastCompleteDate;
  if (dataSet.updateMethod === 'append' && last && context.tableThere()) {
    const incremental = addDays(last, -report.restatementDays);
    if (incremental > start && incremental <= resolved.end) start = incremental;
  }
  return { ...resolved, start, windows: planWindows(start, resolved.end, report.maxSpanDays) };
}

/** WeChat calls the DataSet's next run makes: what its unfinished run has left, or a fresh plan's windows. */
export function callsForNextRun(
  dataSet: DataSetConfig,
  report: ReportDefinition,
  job: RunJob | undefined,
  context: PlanContext,
): number {
  if (job) return decodeWindows(job.windowsLeft).length;
  const planned = planRunDates(dataSet, report, context);
  return planned.ok ? planned.windows.length : 0;
}
