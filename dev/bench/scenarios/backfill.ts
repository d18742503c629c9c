/** Scenario 1: a year (by default) of each of the nine classic reports, one DataSet each, run one after another. */
import { addDays, beijingYesterday } from '../../../src/dates';
import { type BenchAddon, loadAddon, measured, type RunOutcome, runToEnd, saveAccount, saveDataSet } from '../addon';
import {
  addCalls,
  addFigures,
  addModelled,
  type CallSnapshot,
  formatWritesByColumn,
  type ModelledTime,
  rangeWrites,
  type ServiceFigures,
  serviceFigures,
  sheetsCalls,
  topCalls,
} from '../counters';
import { MemoryProbe, settleHeap } from '../measure';
import { minimumCalls, reportOf } from '../minimum';
import { callsBetween, simulatorStats } from '../simulator';
import type { ScenarioResult } from '../types';
import { CLASSIC_REPORTS, ideals, type ScenarioConfig } from './common';

export interface BackfillOutput {
  result: ScenarioResult;
  rowsByReport: Record<string, number>;
  start: string;
  end: string;
}

interface RunFigures {
  reportId: string;
  wallMs: number;
  cpuMs: number;
  serviceCpuMs: number;
  calls: number;
  tokenCalls: number;
  rows: number;
  rangeWrites: number;
  formatWrites: number;
  sheetsCalls: number;
  services: ServiceFigures;
  serviceCalls: CallSnapshot;
  modelled: ModelledTime;
}

function runOne(addon: BenchAddon, reportId: string, dataSetId: string): RunFigures {
  const run = measured(addon, () => runToEnd(addon, dataSetId));
  const { calls } = run;
  // The last outcome of a run carries the run's totals (earlier ones report their own chunk).
  const last: RunOutcome | undefined = run.value[run.value.length - 1];
  return {
    reportId,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    serviceCpuMs: run.serviceCpuMs,
    calls: last?.calls ?? 0,
    tokenCalls: last?.tokenCalls ?? 0,
    rows: last?.rows ?? 0,
    rangeWrites: rangeWrites(calls),
    formatWrites: formatWritesByColumn(calls),
    sheetsCalls: sheetsCalls(calls),
    services: run.services,
    serviceCalls: calls,
    modelled: run.modelled,
  };
}

export async function backfillScenario(config: ScenarioConfig): Promise<BackfillOutput> {
  const addon = loadAddon(config.network);
  try {
    const accountId = saveAccount(addon, config.account);
    const end = beijingYesterday(config.network.nowMs);
    const start = addDays(end, -(config.backfillDays - 1));
    const dataSets = CLASSIC_REPORTS.map((reportId) => ({
      reportId,
      id: saveDataSet(addon, {
        name: reportOf(reportId).label.en,
        accountId,
        reportId,
        dates: { mode: 'range', start: { kind: 'date', date: start }, end: { kind: 'date', date: end } },
        updateMethod: 'replace',
      }),
    }));

    settleHeap();
    const memory = new MemoryProbe();
    const statsBefore = await simulatorStats(config.network.origin);
    const runs: RunFigures[] = [];
    for (const { reportId, id } of dataSets) {
      runs.push(runOne(addon, reportId, id));
      memory.sample();
    }
    const counted = callsBetween(statsBefore, await simulatorStats(config.network.origin), config.account.appid);

    const minimumPerRun = CLASSIC_REPORTS.map((reportId) => minimumCalls(reportId, config.backfillDays));
    const sum = (pick: (run: RunFigures) => number) => runs.reduce((total, run) => total + pick(run), 0);
    const result: ScenarioResult = {
      id: 'backfill',
      title: `Backfill: ${config.backfillDays} days × 9 reports`,
      runs: runs.length,
      rows: sum((run) => run.rows),
      wechatCalls: counted.datacube,
      minimumCalls: minimumPerRun.reduce((total, calls) => total + calls, 0),
      tokenCalls: counted.token,
      accounts: 1,
      maxTokenCallsPerRun: Math.max(...runs.map((run) => run.tokenCalls)),
      wallMs: sum((run) => run.wallMs),
      ...ideals(config, minimumPerRun, 1),
      wallTarget: true,
      rangeWritesPerRun: Math.max(...runs.map((run) => run.rangeWrites)),
      rangeWritesExact: true,
      formatWritesPerRun: Math.max(...runs.map((run) => run.formatWrites)),
      sheetsCallsPerRun: Math.max(...runs.map((run) => run.sheetsCalls)),
      cpuMs: sum((run) => run.cpuMs),
      serviceCpuMs: sum((run) => run.serviceCpuMs),
      memory: memory.figures(),
      services: runs.map((run) => run.services).reduce(addFigures, serviceFigures({})),
      modelled: runs.map((run) => run.modelled).reduce(addModelled),
      topCalls: topCalls(runs.map((run) => run.serviceCalls).reduce(addCalls, {})),
      checks: [],
      extra: Object.fromEntries(
        runs.map((run) => [
          `run ${run.reportId}`,
          `${run.calls} calls in ${run.services.rounds} round trips, ${run.rows} rows, ${(run.modelled.totalMs / 1000).toFixed(1)} s modelled, ${run.rangeWrites} range writes${run.formatWrites > 0 ? ` (+ ${run.formatWrites} formats by column)` : ''}`,
        ]),
      ),
    };
    return { result, rowsByReport: Object.fromEntries(runs.map((run) => [run.reportId, run.rows])), start, end };
  } finally {
    addon.dispose();
  }
}
