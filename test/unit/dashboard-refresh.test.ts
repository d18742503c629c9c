import type { DashboardLayout } from '../../src/dashboard/layout';
import { type DashboardSheets, refreshDashboard, type SheetRead } from '../../src/dashboard/refresh';
import { DashboardStore } from '../../src/dashboard/storage';
import type { DashboardConfig } from '../../src/dashboard/types';
import { Repository } from '../../src/datasets/repository';
import type { DataSetConfig } from '../../src/datasets/types';
import { memoryStore } from '../../src/gas/store';
import { FakeLock } from '../support/fakes';

const NOW = Date.UTC(2026, 10, 28, 4);

function setup(reads: Record<string, SheetRead>) {
  const store = memoryStore();
  const repo = new Repository(store);
  const dashboards = new DashboardStore(store);
  const dataSet = (id: string, reportId: string): DataSetConfig => ({
    id,
    name: `Demo · ${reportId}`,
    description: '',
    accountId: 'a_1',
    reportId,
    dates: { mode: 'preset', preset: 'last7' },
    updateMethod: 'append',
    sheetName: `Demo · ${reportId}`,
    schedule: { kind: 'daily', hour: 9 },
    language: 'en',
    createdAt: '',
    updatedAt: '',
  });
  for (const [id, report] of [
    ['d_sum', 'user_summary'],
    ['d_cum', 'user_cumulate'],
    ['d_msg', 'upstream_msg'],
    ['d_hour', 'upstream_msg_hour'],
  ] as const) {
    repo.saveDataSet(dataSet(id, report));
    repo.saveState(id, { consecutiveFailures: 0, lastCompleteDate: '2026-11-27', sheet: `Demo · ${report}` });
  }
  const dashboard: DashboardConfig = {
    id: 'db_1',
    accountId: 'a_1',
    dates: { mode: 'preset', preset: 'last7' },
    language: 'en',
    sheetName: 'Dashboard · Demo',
    sources: { userSummary: 'd_sum', userCumulate: 'd_cum', messages: 'd_msg', messagesByHour: 'd_hour' },
    createdAt: '',
  };
  dashboards.save(dashboard);
  const written: DashboardLayout[] = [];
  const sheets: DashboardSheets = {
    readTable: (sheetName) => reads[sheetName] ?? { ok: true, rows: [] },
    write: (_name, layout) => {
      written.push(layout);
    },
    syncCharts: (_name, charts) => Object.fromEntries(charts.map((chart, index) => [chart.key, index + 1])),
  };
  const deps = { repo, dashboards, sheets, locker: new FakeLock(), nowMs: NOW, formatTime: () => '2026-11-28 12:00' };
  return { deps, dashboard, dashboards, written };
}

describe('refreshing a dashboard', () => {
  it('says which sheet lost its table when a source header changed, and still writes the rest', () => {
    const { deps, dashboard, written } = setup({ 'Demo · user_summary': { ok: false, reason: 'header' } });
    const result = refreshDashboard(dashboard, deps);
    expect(result.ok).toBe(true);
    expect(result.ok && result.charts.map((chart) => chart.key)).toEqual([
      'followers',
      'messagesByDay',
      'messagesByHour',
    ]);
    expect(written[0]!.values[5]![1]).toMatch(/Sheet "Demo · user_summary" no longer starts with the table/);
  });

  it('keeps the sheet as it was and records why when the period cannot be shown yet', () => {
    const { deps, dashboard, dashboards, written } = setup({});
    // A day WeChat has no data for yet ("this month" on the 1st now shows the month just ended).
    const ahead = { ...dashboard, dates: { mode: 'single', day: { kind: 'date', date: '2026-12-05' } } as const };
    const result = refreshDashboard(ahead, { ...deps, nowMs: Date.UTC(2026, 11, 1, 4) });
    expect(result).toMatchObject({ ok: false, code: 'dates' });
    expect(written).toHaveLength(0);
    expect(dashboards.state('db_1').error).toMatch(/2026-12-05 is later, so there is nothing to fetch/);
  });

  it('keeps the chart ids it was given for the next refresh', () => {
    const { deps, dashboard, dashboards } = setup({});
    refreshDashboard(dashboard, deps);
    expect(dashboards.state('db_1').charts).toEqual({
      followers: 1,
      newVsCancelled: 2,
      acquisition: 3,
      messagesByDay: 4,
      messagesByHour: 5,
    });
  });
});
