/**
 * Scenario 2: twenty Append DataSets of one account (the nine classic reports in turn; last 30 days, daily at
 * 09:00) filled on day 0, then refreshed by the hourly trigger's tick on day 1 at 09:05 Beijing, when one new day
 * is ready.
 */
import { beijingYesterday } from '../../../src/dates';
import type { TickReport } from '../../../src/schedule/tick';
import { loadAddon, measured, runToEnd, saveAccount, saveDataSet } from '../addon';
import { MemoryProbe, settleHeap } from '../measure';
import { appendStart, dayCount, minimumCalls, reportOf } from '../minimum';
import { naiveJob, runNaive } from '../naive';
import { callsBetween, simulatorStats } from '../simulator';
import type { ScenarioResult } from '../types';
import {
  beijingDateOf,
  CLASSIC_REPORTS,
  DAY_MS,
  dataRows,
  HOUR_MS,
  type ScenarioConfig,
  sharedRunFigures,
} from './common';

export async function dailyScenario(config: ScenarioConfig): Promise<ScenarioResult> {
  const addon = loadAddon(config.network);
  try {
    const accountId = saveAccount(addon, config.account);
    const reports = Array.from(
      { length: config.dailyDataSets },
      (_, index) => CLASSIC_REPORTS[index % CLASSIC_REPORTS.length]!,
    );
    const nameOf = (reportId: string, index: number) =>
      index < CLASSIC_REPORTS.length ? reportOf(reportId).label.en : `${reportOf(reportId).label.en} ${index + 1}`;
    const dataSets = reports.map((reportId, index) => ({
      reportId,
      sheetName: nameOf(reportId, index),
      id: saveDataSet(addon, {
        name: nameOf(reportId, index),
        accountId,
        reportId,
        dates: { mode: 'preset', preset: 'last30' },
        updateMethod: 'append',
        schedule: { kind: 'daily', hour: 9 },
      }),
    }));
    for (const { id } of dataSets) runToEnd(addon, id);
    const lastComplete = beijingYesterday(addon.clock.now());

    // Day 1, 09:05 in Beijing (the spreadsheet's zone): every DataSet's 09:00 slot is due.
    const dayStartMs = Math.floor((config.network.nowMs + 8 * HOUR_MS) / DAY_MS) * DAY_MS - 8 * HOUR_MS;
    addon.clock.set(dayStartMs + DAY_MS + 9 * HOUR_MS + 5 * 60_000);
    const newDay = beijingYesterday(addon.clock.now());
    const tickContext = addon.freshContext();

    settleHeap();
    const memory = new MemoryProbe();
    const statsBefore = await simulatorStats(config.network.origin);
    const tick = measured(addon, () => tickContext.call<TickReport>('onScheduledTick'));
    memory.sample();
    const counted = callsBetween(statsBefore, await simulatorStats(config.network.origin), config.account.appid);
    const failed = tick.value.ran.filter((run) => run.status !== 'success');
    if (tick.value.ran.length !== dataSets.length || failed.length > 0)
      throw new Error(
        `daily tick ran ${tick.value.ran.length} DataSets, not all successfully: ${JSON.stringify(failed)}`,
      );

    const newDayRows = dataSets.reduce(
      (total, { sheetName }) =>
        total + dataRows(addon.emu, sheetName).filter((row) => beijingDateOf(row[0]) === newDay).length,
      0,
    );
    const minimumPerRun = reports.map((reportId) =>
      minimumCalls(reportId, dayCount(appendStart(reportId, lastComplete), newDay)),
    );
    const runs = dataSets.length;

    let naive: ScenarioResult['naive'];
    if (config.naive) {
      const account = config.account;
      const results = runNaive(
        addon.emu,
        reports.map((reportId, index) => naiveJob(reportId, account, [newDay], `Naive ${index} ${reportId}`)),
      );
      const calls = results.reduce((sum, result) => sum + result.calls, 0);
      const tokenCalls = results.reduce((sum, result) => sum + result.tokenCalls, 0);
      naive = {
        wallMs: results.reduce((sum, result) => sum + result.wallMs, 0),
        calls,
        rows: results.reduce((sum, result) => sum + result.rows, 0),
        addonRows: newDayRows,
        floorMs: (calls + tokenCalls) * config.network.latencyMs,
      };
    }

    const totalRows = dataSets.reduce((total, { sheetName }) => total + dataRows(addon.emu, sheetName).length, 0);
    return {
      id: 'daily',
      title: `Daily refresh: ${runs} Append DataSets of one account, 1 new day (one tick)`,
      runs,
      rows: newDayRows,
      // One execution runs them all: the counter gives the tick's total, shown per DataSet.
      ...sharedRunFigures(config, tick, runs, minimumPerRun, counted),
      memory: memory.figures(),
      ...(naive ? { naive } : {}),
      checks: [],
      extra: {
        'new day': newDay,
        'dates fetched': CLASSIC_REPORTS.map(
          (reportId, index) => `${reportId} ${appendStart(reportId, lastComplete)}…${newDay} (${minimumPerRun[index]})`,
        ).join(', '),
        'strict minimum without restatement': runs,
        'rows in the sheets': totalRows,
      },
    };
  } finally {
    addon.dispose();
  }
}
