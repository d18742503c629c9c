/**
 * WeChat > New Dashboard through the built bundle against the simulator: the dashboard's DataSets, its KPI cells
 * and native charts, refreshes that make no WeChat call and leave one set of charts, a source sheet that goes
 * missing, and the refresh cost measured with the emulation's call counter.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CostKind } from '../../dev/gas/costs';
import type { ChartSnapshot } from '../../dev/gas/spreadsheet/chart-inspect';
import type {
  CreateDashboardResult,
  DataSetSummary,
  RefreshDashboardResult as RefreshResult,
} from '../../src/ui/contract';
import {
  type Addon,
  loadAddon,
  NOON_BEIJING,
  saveDirectAccount,
  startSimulatorAt,
  testCostProfile,
} from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

type Created = Extract<CreateDashboardResult, { ok: true }>;
type Refreshed = Extract<RefreshResult, { ok: true }>;
type DataSet = DataSetSummary;

function createdOk(result: CreateDashboardResult): Created {
  if (!result.ok) throw new Error(`createDashboard failed: ${JSON.stringify(result.problems)}`);
  return result;
}
function refreshedOk(result: RefreshResult): Refreshed {
  if (!result.ok) throw new Error(`refreshDashboard failed: ${result.code} ${result.message}`);
  return result;
}

const LAST_7 = { mode: 'preset', preset: 'last7' } as const;
/** 2026-11-28 noon in Beijing: the period is 2026-11-21 → 2026-11-27. */
const PERIOD = ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

/** A sheet's rows with each date cell as shown (YYYY-MM-DD) and the other cells as values. */
function rowsOf(addon: Addon, sheetName: string): unknown[][] {
  const sheet = addon.emu.spreadsheet.sheet(sheetName);
  const shown = sheet.displayValues();
  return sheet.values().map((row, i) => row.map((value, j) => (value instanceof Date ? shown[i]![j] : value)));
}

describe('dashboards through the bundle', () => {
  let simulator: SimulatorProcess;
  let addon: Addon;
  let accountId: string;
  let created: Created;
  let dataSets: DataSet[];

  const datacubeCalls = async () => (await simulator.stats()).datacubeCalls.total;
  const dashboardSheet = () => addon.emu.spreadsheet.sheet(created.dashboard.sheetName);
  /** In reading order (top to bottom, left to right), whatever order the runs inserted them in. */
  const charts = (): ChartSnapshot[] =>
    dashboardSheet()
      .charts()
      .sort((a, b) => a.anchorRow - b.anchorRow || a.anchorColumn - b.anchorColumn);
  const sourceOf = (reportId: string) => dataSets.find((dataSet) => dataSet.reportId === reportId)!;
  const runToEnd = (id: string) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const outcome = addon.call('runDataSet', id);
      if (outcome.status !== 'running') return outcome;
    }
    throw new Error('the run did not finish');
  };

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
    addon = loadAddon(simulator, { timeoutMs: 2000 });
    accountId = saveDirectAccount(addon, undefined, 'Demo');
    created = createdOk(addon.call('createDashboard', { accountId, dates: LAST_7, language: 'en' }));
    dataSets = addon.call('listDataSets');
    for (const id of created.dashboard.newDataSetIds) expect(runToEnd(id).status).toMatch(/success|partial/);
  });

  afterAll(async () => {
    addon?.dispose();
    await simulator?.close();
  });

  it('creates the DataSets it needs, each an Append on a daily schedule', () => {
    expect(dataSets.map((dataSet) => dataSet.reportId).sort()).toEqual(
      [
        'article_total_detail',
        'biz_summary',
        'upstream_msg',
        'upstream_msg_hour',
        'user_cumulate',
        'user_summary',
      ].sort(),
    );
    for (const dataSet of dataSets) {
      expect(dataSet).toMatchObject({ updateMethod: 'append', schedule: { kind: 'daily' } });
    }
    expect(created.dashboard.dataSetIds.sort()).toEqual(dataSets.map((dataSet) => dataSet.id).sort());
  });

  it('draws six native charts over the dashboard ranges, at their places', () => {
    const name = `'${created.dashboard.sheetName}'`;
    const last = 90 + PERIOD.length;
    expect(charts().map((chart) => [chart.type, chart.ranges, chart.anchorRow, chart.anchorColumn])).toEqual([
      ['LINE', [`${name}!A90:A${last}`, `${name}!B90:B${last}`], 8, 1],
      ['COLUMN', [`${name}!A90:A${last}`, `${name}!C90:D${last}`], 8, 8],
      ['COLUMN', [`${name}!A90:A${last}`, expect.stringMatching(new RegExp(`^${name}!I90:[I-N]${last}$`))], 26, 1],
      ['COLUMN', [`${name}!A90:A${last}`, `${name}!F90:F${last}`], 26, 8],
      ['BAR', [expect.stringMatching(/!B63:B\d+$/), expect.stringMatching(/!D63:D\d+$/)], 44, 1],
      ['COLUMN', [`${name}!I63:I87`, `${name}!J63:J87`], 44, 8],
    ]);
    expect(charts()[2]!.options.isStacked).toBe(true);
    expect(charts()[0]!.data[1]!.length).toBe(PERIOD.length + 1);
  });

  it('writes the KPI cells as numbers computed from the source sheets', () => {
    const summary = rowsOf(addon, sourceOf('user_summary').sheetName);
    const header = summary[0] as string[];
    const rows = summary.slice(1).filter((row) => PERIOD.includes(String(row[header.indexOf('Date')])));
    const sum = (column: string) => rows.reduce((total, row) => total + Number(row[header.indexOf(column)]), 0);
    const newUsers = sum('New Users');
    const cancelled = sum('Cancelled Users');
    const cumulate = rowsOf(addon, sourceOf('user_cumulate').sheetName);
    const followers = cumulate.find((row) => row[0] === '2026-11-27')![1];
    const kpis = dashboardSheet().values('A5:H5')[0]!;
    expect(kpis.slice(0, 5)).toEqual([followers, newUsers - cancelled, expect.any(Number), newUsers, cancelled]);
    expect(typeof kpis[5]).toBe('number');
    expect(typeof kpis[7]).toBe('number');
    expect(dashboardSheet().cell('A4').displayValue).toBe('Followers now');
    expect(dashboardSheet().cell('C5').displayValue).toMatch(/^[▲▼=] \d+(\.\d)?%$/);
  });

  it('refreshes again without a WeChat call and keeps exactly one set of charts', async () => {
    const ids = charts().map((chart) => chart.id);
    const callsBefore = await datacubeCalls();
    const fetchesBefore = addon.emu.calls.total('UrlFetchApp.');
    const before = addon.emu.calls.snapshot();
    const modelledBefore = addon.emu.costs.snapshot();
    const startedMs = performance.now();
    const refreshed = addon.call('refreshDashboard', created.dashboard.id);
    const elapsedMs = performance.now() - startedMs;
    const modelledAfter = addon.emu.costs.snapshot();
    const after = addon.emu.calls.snapshot();
    expect(refreshed.ok).toBe(true);
    expect(await datacubeCalls()).toBe(callsBefore);
    expect(addon.emu.calls.total('UrlFetchApp.')).toBe(fetchesBefore);
    expect(charts().map((chart) => chart.id)).toEqual(ids);
    expect(charts()).toHaveLength(6);
    const again = refreshedOk(addon.call('refreshDashboard', created.dashboard.id));
    expect(again.charts.map((chart) => chart.chartId).sort()).toEqual([...ids].sort());
    expect(charts()).toHaveLength(6);

    const calls: Record<string, number> = {};
    for (const [name, count] of Object.entries(after)) {
      const extra = count - (before[name] ?? 0);
      if (extra > 0) calls[name] = extra;
    }
    const writes = ['Range.setValues', 'Range.setNumberFormats', 'Range.setFontWeights'];
    for (const write of writes) expect(calls[write]).toBe(1);
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    const sum = (test: (name: string) => boolean) =>
      Object.entries(calls).reduce((n, [name, count]) => n + (test(name) ? count : 0), 0);
    const chartCalls = sum((name) => /^(EmbeddedChart|ContainerInfo|ChartOptions)|Chart/.test(name));
    const sheetCalls = sum((name) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(name));
    const propertiesCalls = sum((name) => /^Properties\./.test(name));
    const lockCalls = sum((name) => /^Lock\./.test(name));
    const modelledMs: Record<string, number> = {};
    for (const [kind, ms] of Object.entries(modelledAfter.byKind) as Array<[CostKind, number]>) {
      const spent = Math.round(ms - modelledBefore.byKind[kind]);
      if (spent !== 0) modelledMs[kind] = spent;
    }
    const modelledTotalMs = Math.round(modelledAfter.totalMs - modelledBefore.totalMs);
    // Under the realistic profile a refresh is a few seconds of Sheets calls; under the free one it costs nothing.
    if (testCostProfile() === 'realistic') {
      expect(modelledTotalMs).toBeGreaterThan(1000);
      expect(modelledMs.urlfetch).toBeUndefined();
    }
    const dir = join(__dirname, '..', '..', 'test-output');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'dashboard-refresh-cost.json'),
      `${JSON.stringify(
        {
          profile: testCostProfile(),
          serviceCalls: total,
          spreadsheetCalls: sheetCalls,
          chartCalls,
          propertiesCalls,
          lockCalls,
          modelledTotalMs,
          modelledMs,
          hostElapsedMs: Math.round(elapsedMs),
          calls,
        },
        null,
        2,
      )}\n`,
    );
  });

  it('refreshes at the end of a run that updates one of its DataSets', () => {
    const before = addon.call('listDashboards')[0]!.refreshedAt;
    addon.clock.advance(60_000);
    runToEnd(sourceOf('upstream_msg').id);
    const after = addon.call('listDashboards')[0]!.refreshedAt;
    expect(after).not.toBe(before);
    // And at the end of a Run now on several.
    addon.clock.advance(60_000);
    const outcomes = addon.call('runDataSets', [sourceOf('upstream_msg').id, sourceOf('user_summary').id]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['success', 'success']);
    expect(addon.call('listDashboards')[0]!.refreshedAt).not.toBe(after);
  });

  it("leaves the user's own cells and charts outside the dashboard's blocks alone", () => {
    const app = addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const { ChartType } = addon.emu.globals.Charts as GoogleAppsScript.Charts.Charts;
    const sheet = app.getActiveSpreadsheet().getSheetByName(created.dashboard.sheetName)!;
    sheet.getRange('P2').setValue('my note');
    sheet.getRange('A120').setValue('below');
    sheet.insertChart(
      sheet.newChart().setChartType(ChartType.PIE).addRange(sheet.getRange('P1:P3')).setPosition(5, 16, 0, 0).build(),
    );
    refreshedOk(addon.call('refreshDashboard', created.dashboard.id));
    expect(dashboardSheet().cell('P2').value).toBe('my note');
    expect(dashboardSheet().cell('A120').value).toBe('below');
    expect(charts().map((chart) => chart.type)).toContain('PIE');
    expect(charts()).toHaveLength(7);
  });

  it('puts a clear message in place of the blocks of a deleted source sheet, and recovers once it is rebuilt', () => {
    const summary = sourceOf('user_summary');
    const app = addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const book = app.getActiveSpreadsheet();
    book.deleteSheet(book.getSheetByName(summary.sheetName)!);
    const refreshed = refreshedOk(addon.call('refreshDashboard', created.dashboard.id));
    expect(refreshed.charts.map((chart) => chart.key)).not.toContain('newVsCancelled');
    expect(dashboardSheet().cell('H9').value).toMatch(new RegExp(`Sheet "${summary.sheetName}" .* is missing`));
    expect(dashboardSheet().cell('B6').value).toMatch(/is missing/);
    expect(runToEnd(summary.id).status).toMatch(/success|partial/);
    expect(charts().filter((chart) => chart.type !== 'PIE')).toHaveLength(6);
    expect(dashboardSheet().cell('H9').value).toBe('');
  });

  it('reuses its DataSets and its sheet when asked again for the same account', () => {
    const again = createdOk(addon.call('createDashboard', { accountId, dates: LAST_7, language: 'zh' }));
    expect(again.dashboard.id).toBe(created.dashboard.id);
    expect(again.dashboard.newDataSetIds).toEqual([]);
    expect(dashboardSheet().cell('A4').displayValue).toBe('当前关注人数');
    expect(charts().filter((chart) => chart.type !== 'PIE')).toHaveLength(6);
  });

  it('waits for another execution writing the spreadsheet, and says so when it cannot', () => {
    const other = addon.emu.loadBundle('function hold() { LockService.getDocumentLock().waitLock(1000); }', 'Other.js');
    other.begin('hold');
    try {
      const busy = addon.call('refreshDashboard', created.dashboard.id);
      expect(busy).toMatchObject({ ok: false, code: 'busy' });
    } finally {
      other.end();
    }
    expect(addon.call('refreshDashboard', created.dashboard.id).ok).toBe(true);
    expect(charts().filter((chart) => chart.type !== 'PIE')).toHaveLength(6);
  });

  it('answers bad input with problems, never a TypeError', () => {
    for (const input of [
      null,
      'x',
      { accountId: 5 },
      { accountId, dates: { mode: 'nope' } },
      { accountId, dates: LAST_7, language: 'fr' },
    ]) {
      const result = addon.callUnchecked('createDashboard', input);
      if (result.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
      expect(result.problems.length).toBeGreaterThan(0);
    }
    expect(addon.callUnchecked('refreshDashboard', 42)).toMatchObject({
      ok: false,
      code: 'invalid_id',
    });
    expect(addon.call('refreshDashboard', 'db_nope')).toMatchObject({
      ok: false,
      code: 'unknown_dashboard',
    });
    expect(addon.callUnchecked('deleteDashboard', undefined)).toMatchObject({ ok: false });
  });

  it('deletes a dashboard and keeps its sheet and DataSets', () => {
    expect(addon.call('deleteDashboard', created.dashboard.id)).toEqual({ ok: true });
    expect(addon.call('listDashboards')).toEqual([]);
    expect(addon.emu.spreadsheet.hasSheet(created.dashboard.sheetName)).toBe(true);
    expect(addon.call('listDataSets')).toHaveLength(dataSets.length);
  });
});

describe('a dashboard whose period spans the 2025-11-01 switch of article reports', () => {
  const NOON_2025_11_20 = Date.UTC(2025, 10, 20, 4);
  let simulator: SimulatorProcess;
  let addon: Addon;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_2025_11_20);
    addon = loadAddon(simulator, { nowMs: NOON_2025_11_20, timeoutMs: 2000 });
  });

  afterAll(async () => {
    addon?.dispose();
    await simulator?.close();
  });

  it('reads the article reports before 2025-11-01 and the published-content reports after, and says so', () => {
    const accountId = saveDirectAccount(addon, undefined, 'Demo');
    const created = createdOk(
      addon.call('createDashboard', { accountId, dates: { mode: 'preset', preset: 'last30' }, language: 'en' }),
    );
    const dataSets = addon.call('listDataSets');
    const byReport = Object.fromEntries(dataSets.map((dataSet) => [dataSet.reportId, dataSet.dates]));
    expect(byReport.biz_summary).toEqual({
      mode: 'range',
      start: { kind: 'date', date: '2025-11-01' },
      end: { kind: 'daysBack', days: 1 },
    });
    expect(byReport.user_read).toEqual({
      mode: 'range',
      start: { kind: 'daysBack', days: 30 },
      end: { kind: 'date', date: '2025-10-31' },
    });
    for (const id of created.dashboard.newDataSetIds) {
      for (let chunk = 0; chunk < 20; chunk++) {
        if (addon.call('runDataSet', id).status !== 'running') break;
      }
    }
    const sheet = addon.emu.spreadsheet.sheet(created.dashboard.sheetName);
    const sources = sheet
      .values('G64:G73')
      .flat()
      .filter((cell) => cell !== '');
    expect(new Set(sources)).toEqual(new Set(['Published-content reports', 'Article reports (deprecated)']));
    expect(sheet.cell('A75').value).toBe(
      'Articles published in the period, readers to date. From: Published-content reports + Article reports (deprecated).',
    );
    const readers = sheet.values('G91:G120').flat();
    expect(readers.every((cell) => typeof cell === 'number')).toBe(true);
  });
});
