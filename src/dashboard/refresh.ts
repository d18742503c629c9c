/**
 * Recomputes a dashboard from the sheets of its DataSets (no WeChat call) and writes it: one write of its
 * rectangle, then its charts updated in place. A source sheet that is missing or no longer holds its table
 * puts a message where its blocks would be; it never fails the refresh.
 */
import type { Repository } from '../datasets/repository';
import type { DataSetConfig } from '../datasets/types';
import type { Locker } from '../gas/lock';
import { getReport } from '../reports';
import { tableColumns } from '../reports/table';
import type { ChartSpec, DashboardLayout, SheetRead } from '../table/dashboard';
import type { Cell, TableColumn } from '../table/types';
import { aggregate } from './aggregate';
import { buildLayout } from './layout';
import {
  articleRows,
  classicReadRows,
  columnsFor,
  cumulateRows,
  hourlyMessageRows,
  messageRows,
  publishedSummaryRows,
  userSummaryRows,
} from './records';
import { resolvePeriod } from './sources';
import type { DashboardStore } from './storage';
import type { DashboardConfig, DashboardInputs, RefreshResult, Source, SourceRole } from './types';

export type { SheetRead } from '../table/dashboard';

/** What a dashboard refresh needs of the spreadsheet (src/gas/dashboard-sheet.ts in Apps Script). */
export interface DashboardSheets {
  /** The rows of a table at A1 of `sheetName` under exactly these headers. */
  readTable(sheetName: string, columns: readonly TableColumn[]): SheetRead;
  /** Writes the layout's rectangle at A1 (blanking the dashboard's own rows below it, up to `previousHeight`). */
  write(sheetName: string, layout: DashboardLayout, previousHeight: number): void;
  /** Inserts, updates or removes the dashboard's charts; returns chart key → chart id. */
  syncCharts(
    sheetName: string,
    charts: readonly ChartSpec[],
    known: Readonly<Record<string, number>>,
  ): Record<string, number>;
}

export interface DashboardDeps {
  repo: Repository;
  dashboards: DashboardStore;
  sheets: DashboardSheets;
  /** Serialises writers of the spreadsheet: two refreshes of one dashboard never add two sets of charts. */
  locker: Locker;
  nowMs: number;
  /** The time shown as "Updated …", in the spreadsheet's time zone. */
  formatTime(ms: number): string;
}

function sourceMessage(deps: DashboardDeps, dataSet: DataSetConfig, reason: 'missing' | 'header'): string {
  if (reason === 'header') {
    return `Sheet "${dataSet.sheetName}" no longer starts with the table of DataSet "${dataSet.name}" (its header row changed). Restore the header, or run "${dataSet.name}" with the Replace method.`;
  }
  const state = deps.repo.state(dataSet.id);
  if (state.lastCompleteDate === undefined && state.sheet === undefined) {
    return `Waiting for the first run of DataSet "${dataSet.name}".`;
  }
  return `Sheet "${dataSet.sheetName}" of DataSet "${dataSet.name}" is missing (deleted or renamed). Rename it back, or run "${dataSet.name}" again to rebuild it.`;
}

function readRole<T>(
  deps: DashboardDeps,
  dashboard: DashboardConfig,
  role: SourceRole,
  toRows: (columns: readonly TableColumn[], rows: readonly Cell[][]) => T[],
): Source<T> {
  const id = dashboard.sources[role];
  const dataSet = id ? deps.repo.getDataSet(id) : undefined;
  const report = dataSet && getReport(dataSet.reportId);
  if (!dataSet || !report) {
    return {
      ok: false,
      message:
        'A DataSet of this dashboard was deleted. Use WeChat > New Dashboard for this account again to recreate it.',
    };
  }
  const columns = columnsFor(role, tableColumns(report, dataSet.language));
  const read = deps.sheets.readTable(dataSet.sheetName, columns);
  if (!read.ok) return { ok: false, message: sourceMessage(deps, dataSet, read.reason) };
  return { ok: true, rows: toRows(columns, read.rows) };
}

function optionalRole<T>(
  deps: DashboardDeps,
  dashboard: DashboardConfig,
  role: SourceRole,
  toRows: (columns: readonly TableColumn[], rows: readonly Cell[][]) => T[],
): Source<T> | undefined {
  return dashboard.sources[role] === undefined ? undefined : readRole(deps, dashboard, role, toRows);
}

export function readInputs(
  deps: DashboardDeps,
  dashboard: DashboardConfig,
  period: DashboardInputs['period'],
): DashboardInputs {
  return {
    period,
    language: dashboard.language,
    userSummary: readRole(deps, dashboard, 'userSummary', userSummaryRows),
    userCumulate: readRole(deps, dashboard, 'userCumulate', cumulateRows),
    dailyReads: {
      published: optionalRole(deps, dashboard, 'publishedSummary', publishedSummaryRows),
      classic: optionalRole(deps, dashboard, 'classicRead', classicReadRows),
    },
    articles: {
      published: optionalRole(deps, dashboard, 'publishedArticles', (columns, rows) =>
        articleRows('published', columns, rows),
      ),
      classic: optionalRole(deps, dashboard, 'classicArticles', (columns, rows) =>
        articleRows('classic', columns, rows),
      ),
    },
    messages: readRole(deps, dashboard, 'messages', messageRows),
    messagesByHour: readRole(deps, dashboard, 'messagesByHour', hourlyMessageRows),
  };
}

/** How long a refresh waits for another execution writing the spreadsheet (a run's write, another refresh). */
export const REFRESH_LOCK_WAIT_MS = 30_000;

export function refreshDashboard(dashboard: DashboardConfig, deps: DashboardDeps): RefreshResult {
  const locked = deps.locker.withLock(REFRESH_LOCK_WAIT_MS, () => refreshLocked(dashboard, deps));
  if (locked.acquired) return locked.value;
  return {
    ok: false,
    code: 'busy',
    message: `The dashboard "${dashboard.sheetName}" was not refreshed: another refresh of this spreadsheet took too long. It refreshes again after the next run of its DataSets, or with Refresh.`,
  };
}

function refreshLocked(dashboard: DashboardConfig, deps: DashboardDeps): RefreshResult {
  const state = deps.dashboards.state(dashboard.id);
  const resolved = resolvePeriod(dashboard.dates, deps.nowMs);
  if (!resolved.ok) {
    // e.g. "this month" on the 1st: the dashboard keeps what it showed and says why.
    deps.dashboards.saveState(dashboard.id, { ...state, error: resolved.message });
    return { ok: false, code: 'dates', message: resolved.message };
  }
  try {
    const data = aggregate(readInputs(deps, dashboard, resolved.period));
    const accountName = deps.repo.getAccount(dashboard.accountId)?.name ?? dashboard.accountId;
    const layout = buildLayout(dashboard, accountName, data, deps.formatTime(deps.nowMs));
    deps.sheets.write(dashboard.sheetName, layout, state.height);
    const ids = deps.sheets.syncCharts(dashboard.sheetName, layout.charts, state.charts);
    deps.dashboards.saveState(dashboard.id, {
      charts: ids,
      height: layout.height,
      refreshedAt: new Date(deps.nowMs).toISOString(),
    });
    const charts = layout.charts.map((chart) => ({
      key: chart.key,
      type: chart.type,
      chartId: ids[chart.key]!,
      ranges: chart.ranges,
      anchorRow: chart.anchorRow,
      anchorColumn: chart.anchorColumn,
    }));
    return { ok: true, sheetName: dashboard.sheetName, charts, messages: data.dailyProblems };
  } catch (error) {
    const message = `The dashboard "${dashboard.sheetName}" could not be refreshed and was left as it was: ${error instanceof Error ? error.message : String(error)}`;
    try {
      deps.dashboards.saveState(dashboard.id, { ...state, error: message });
    } catch {
      // A full store cannot even keep the error: the caller still gets it.
    }
    return { ok: false, code: 'refresh_failed', message };
  }
}

/** Refreshes every dashboard that reads one of these DataSets (after runs that updated them). */
export function refreshDashboardsOf(dataSetIds: readonly string[], deps: DashboardDeps): RefreshResult[] {
  if (dataSetIds.length === 0) return [];
  const updated = new Set(dataSetIds);
  return deps.dashboards
    .list()
    .filter((dashboard) => Object.values(dashboard.sources).some((id) => id !== undefined && updated.has(id)))
    .map((dashboard) => refreshDashboard(dashboard, deps));
}
