/**
 * Server functions for dashboards (WeChat > New Dashboard): create one per account over DataSets it creates or
 * reuses, list them, refresh one from its DataSets' sheets (no WeChat call), delete one (its sheet and DataSets
 * stay). Runs that update a dashboard's DataSets refresh it (refreshDashboardsAfterRuns).
 */

import { planDashboard } from '../dashboard/create';
import {
  type DashboardDeps,
  type DashboardSheets,
  refreshDashboardsOf,
  refreshDashboard as refreshWith,
} from '../dashboard/refresh';
import { DashboardStore } from '../dashboard/storage';
import type {
  CreateDashboardResult,
  DashboardConfig,
  DashboardView,
  DeleteDashboardResult,
  RefreshResult,
  SourceRole,
} from '../dashboard/types';
import { KEY_PREFIX } from '../datasets/keys';
import { StorageFullError } from '../datasets/storage';
import type { DataSetConfig } from '../datasets/types';
import {
  formatMinute,
  readSourceTable,
  sheetExists,
  syncDashboardCharts,
  writeDashboard,
} from '../gas/dashboard-sheet';
import { spreadsheetTimeZone } from '../gas/user';
import type { RunDeps } from '../refresh/deps';
import { reconcileTrigger } from '../schedule/trigger';
import { appsScriptDeps, newId } from './context';

export type { CreateDashboardResult, DashboardView, DeleteDashboardResult, RefreshResult } from '../dashboard/types';

const dashboardSheets: DashboardSheets = {
  readTable: readSourceTable,
  write: writeDashboard,
  syncCharts: syncDashboardCharts,
};

function dashboardDeps(base: RunDeps = appsScriptDeps()): DashboardDeps {
  const timeZone = spreadsheetTimeZone();
  return {
    repo: base.repo,
    dashboards: new DashboardStore(base.store),
    locker: base.locker,
    sheets: dashboardSheets,
    nowMs: base.clock.now(),
    formatTime: (ms) => formatMinute(ms, timeZone),
  };
}

function uniqueIds(dashboard: DashboardConfig): string[] {
  return [...new Set(Object.values(dashboard.sources).filter((id): id is string => id !== undefined))];
}

export function createDashboard(input: unknown): CreateDashboardResult {
  const base = appsScriptDeps();
  const deps = dashboardDeps(base);
  const planned = planDashboard(input, { ...deps, newId, sheetExists });
  if (!planned.ok) return planned;
  const { dashboard, newDataSets } = planned.plan;
  try {
    for (const dataSet of newDataSets) {
      base.repo.saveDataSet(dataSet);
      // A new schedule starts at its next slot; the sidebar runs the new DataSets now.
      base.repo.saveState(dataSet.id, { consecutiveFailures: 0, scheduledAtMs: deps.nowMs });
    }
    deps.dashboards.save(dashboard);
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    return { ok: false, problems: [{ field: 'dashboard', ...error.said }] };
  }
  reconcileTrigger(base, base.user(), deps.nowMs);
  const refreshed = refreshWith(dashboard, deps);
  return {
    ok: true,
    dashboard: {
      id: dashboard.id,
      sheetName: dashboard.sheetName,
      dataSetIds: uniqueIds(dashboard),
      newDataSetIds: newDataSets.map((dataSet: DataSetConfig) => dataSet.id),
      charts: refreshed.ok ? refreshed.charts : [],
    },
  };
}

export function listDashboards(): DashboardView[] {
  const deps = dashboardDeps();
  return deps.dashboards.list().map((dashboard) => {
    const state = deps.dashboards.state(dashboard.id);
    const dataSets = (Object.entries(dashboard.sources) as Array<[SourceRole, string]>).map(([role, id]) => {
      const dataSet = deps.repo.getDataSet(id);
      return dataSet
        ? { role, id, name: dataSet.name, sheetName: dataSet.sheetName }
        : { role, id, name: '', sheetName: '', missing: true as const };
    });
    const view: DashboardView = {
      id: dashboard.id,
      accountId: dashboard.accountId,
      accountName: deps.repo.getAccount(dashboard.accountId)?.name ?? '',
      sheetName: dashboard.sheetName,
      dates: dashboard.dates,
      language: dashboard.language,
      dataSets,
    };
    if (state.refreshedAt) view.refreshedAt = state.refreshedAt;
    if (state.error) view.error = state.error;
    return view;
  });
}

function unknownDashboard(id: unknown): { ok: false; code: string; message: string } {
  return typeof id === 'string' && id !== ''
    ? { ok: false, code: 'unknown_dashboard', message: 'This dashboard no longer exists. Reload the list.' }
    : { ok: false, code: 'invalid_id', message: 'Give the id of a dashboard (a text from listDashboards).' };
}

export function refreshDashboard(id: unknown): RefreshResult {
  const deps = dashboardDeps();
  const dashboard = typeof id === 'string' ? deps.dashboards.get(id) : undefined;
  if (!dashboard) return unknownDashboard(id);
  return refreshWith(dashboard, deps);
}

/** Forgets the dashboard; its sheet, its charts and its DataSets stay. */
export function deleteDashboard(id: unknown): DeleteDashboardResult {
  const deps = dashboardDeps();
  if (typeof id !== 'string' || !deps.dashboards.get(id)) return unknownDashboard(id);
  deps.dashboards.delete(id);
  return { ok: true };
}

/** After runs: refreshes the dashboards over the DataSets that were updated. Never throws at the run. */
export function refreshDashboardsAfterRuns(dataSetIds: readonly string[], base?: RunDeps): RefreshResult[] {
  if (dataSetIds.length === 0) return [];
  try {
    // From the run's own copy of the store: a spreadsheet without dashboards pays no extra read.
    if (!(base ?? appsScriptDeps()).repo.hasKeyUnder(KEY_PREFIX.dashboard)) return [];
    return refreshDashboardsOf(dataSetIds, dashboardDeps(base));
  } catch (error) {
    return [{ ok: false, code: 'refresh_failed', message: error instanceof Error ? error.message : String(error) }];
  }
}
