/** Server functions for DataSets: save, list, delete, run, history, and the live preview of the dates. */

import type { Problem } from '../datasets/problems';
import type { DataSetConfig, RunRecord } from '../datasets/types';
import { validateDataSetInput } from '../datasets/validate-dataset';
import { type DateSpec, planWindows, resolveDates } from '../dates';
import { type RunOutcome, runDataSet as runWithDeps } from '../refresh/run';
import { getReport, REPORTS } from '../reports';
import type { Localized, ReportGroup } from '../reports/types';
import { appsScriptDeps, newId } from './context';

export interface DataSetSummary extends DataSetConfig {
  lastRun?: RunRecord;
}

export type SaveDataSetResult = { ok: true; dataSet: DataSetConfig } | { ok: false; problems: Problem[] };

export type DatePreview =
  | { ok: true; start: string; end: string; days: number; calls: number; notices: string[] }
  | { ok: false; problems: Problem[] };

export interface ReportSummary {
  id: string;
  group: ReportGroup;
  label: Localized;
  description: Localized;
  deprecated: boolean;
  maxSpanDays: number;
  earliestDate: string;
}

export function listReports(): ReportSummary[] {
  return REPORTS.map(({ id, group, label, description, deprecated, maxSpanDays, earliestDate }) => ({
    id,
    group,
    label,
    description,
    deprecated,
    maxSpanDays,
    earliestDate,
  }));
}

export function listDataSets(): DataSetSummary[] {
  const { repo } = appsScriptDeps();
  return repo.listDataSets().map((dataSet) => {
    const [lastRun] = repo.history(dataSet.id);
    return lastRun ? { ...dataSet, lastRun } : dataSet;
  });
}

export function getDataSet(id: string): DataSetConfig | null {
  return appsScriptDeps().repo.getDataSet(id) ?? null;
}

export function saveDataSet(input: unknown): SaveDataSetResult {
  const { repo, clock } = appsScriptDeps();
  const rawId = (input as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
  const previous = id ? repo.getDataSet(id) : undefined;
  if (id && !previous)
    return {
      ok: false,
      problems: [{ field: 'dataSet', code: 'unknown_dataset', message: 'This DataSet no longer exists.' }],
    };
  const validated = validateDataSetInput(input, {
    nowMs: clock.now(),
    accountIds: repo.listAccounts().map((account) => account.id),
    others: repo.listDataSets().filter((other) => other.id !== id),
  });
  if (!validated.ok) return validated;
  const now = new Date(clock.now()).toISOString();
  const dataSet: DataSetConfig = {
    id: previous?.id ?? newId('d_'),
    ...validated.value,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  repo.saveDataSet(dataSet);
  return { ok: true, dataSet };
}

/** Deletes the DataSet and its history; its sheet stays. */
export function deleteDataSet(id: string): { ok: true } {
  appsScriptDeps().repo.deleteDataSet(id);
  return { ok: true };
}

export function runDataSet(id: string): RunOutcome {
  return runWithDeps(id, 'manual', appsScriptDeps());
}

export function getRunHistory(id: string): RunRecord[] {
  return appsScriptDeps().repo.history(id);
}

/** What a DataSet with these dates would fetch right now: "2026-11-14 → 2026-11-27, 14 days, 2 API calls". */
export function previewDates(reportId: string, dates: DateSpec): DatePreview {
  const report = getReport(reportId);
  if (!report)
    return {
      ok: false,
      problems: [{ field: 'reportId', code: 'unknown_report', message: 'Choose a report from the list.' }],
    };
  const resolved = resolveDates(dates, appsScriptDeps().clock.now(), { earliestDate: report.earliestDate });
  if (!resolved.ok) {
    return { ok: false, problems: resolved.problems.map((p) => ({ ...p, field: `dates.${p.field}` })) };
  }
  return {
    ok: true,
    start: resolved.start,
    end: resolved.end,
    days: resolved.days,
    calls: planWindows(resolved.start, resolved.end, report.maxSpanDays).length,
    notices: resolved.notices.map((notice) => notice.message),
  };
}
