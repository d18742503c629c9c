/**
 * Scenario 4: the hourly trigger fires while none of many scheduled DataSets is due. Each tick runs in a fresh
 * execution (Apps Script evaluates the script anew for every trigger run); the call itself is timed.
 */

import type { TickReport } from '../../../src/schedule/tick';
import { type BenchAddon, loadAddon, measured, saveAccount, saveDataSet } from '../addon';
import {
  addCalls,
  type CallSnapshot,
  formatWritesByColumn,
  type ModelledTime,
  rangeWrites,
  type ServiceFigures,
  sheetsCalls,
  topCalls,
} from '../counters';
import { MemoryProbe, settleHeap, timed } from '../measure';
import { callsBetween, simulatorStats } from '../simulator';
import type { ScenarioResult } from '../types';
import { CLASSIC_REPORTS, type ScenarioConfig } from './common';

const SCHEDULES = [
  { kind: 'daily', hour: 9 },
  { kind: 'hours', every: 6 },
  { kind: 'weekly', weekday: 1, hour: 7 },
  { kind: 'daily', hour: 23 },
  { kind: 'hours', every: 2 },
];
/** The presets the tick's DataSets take in turn. */
const TICK_PRESETS = ['yesterday', 'last7', 'last30'];

function saveScheduledDataSets(addon: BenchAddon, accountId: string, count: number): void {
  for (let index = 0; index < count; index++) {
    saveDataSet(addon, {
      name: `Scheduled ${index + 1}`,
      accountId,
      reportId: CLASSIC_REPORTS[index % CLASSIC_REPORTS.length],
      dates: { mode: 'preset', preset: TICK_PRESETS[index % TICK_PRESETS.length] },
      updateMethod: index % 2 === 0 ? 'append' : 'replace',
      schedule: SCHEDULES[index % SCHEDULES.length],
    });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function tickScenario(config: ScenarioConfig): Promise<ScenarioResult> {
  // Saved at 12:10 Beijing and ticked from 12:40: every slot lies before the save or after the ticks.
  const addon = loadAddon({ ...config.network, nowMs: config.network.nowMs + 10 * 60_000 });
  try {
    const accountId = saveAccount(addon, config.account);
    saveScheduledDataSets(addon, accountId, config.tickDataSets);
    addon.clock.advance(30 * 60_000);

    settleHeap();
    const memory = new MemoryProbe();
    const statsBefore = await simulatorStats(config.network.origin);
    const fetchesBefore = addon.emu.urlFetchLog.length;
    const ticks: Array<{
      wallMs: number;
      cpuMs: number;
      serviceCpuMs: number;
      loadMs: number;
      rangeWrites: number;
      formatWrites: number;
      sheetsCalls: number;
      services: ServiceFigures;
      calls: CallSnapshot;
      modelled: ModelledTime;
    }> = [];
    for (let index = 0; index < config.tickRepeats; index++) {
      const load = timed(() => addon.freshContext());
      const tick = measured(addon, () => load.value.call<TickReport>('onScheduledTick'));
      const { calls } = tick;
      if (tick.value.ran.length > 0 || tick.value.deferred > 0) throw new Error('a DataSet was due in the idle tick');
      ticks.push({
        wallMs: tick.wallMs,
        cpuMs: tick.cpuMs,
        serviceCpuMs: tick.serviceCpuMs,
        loadMs: load.wallMs,
        rangeWrites: rangeWrites(calls),
        formatWrites: formatWritesByColumn(calls),
        sheetsCalls: sheetsCalls(calls),
        services: tick.services,
        calls,
        modelled: tick.modelled,
      });
      memory.sample();
      addon.clock.advance(5 * 60_000);
    }
    const counted = callsBetween(statsBefore, await simulatorStats(config.network.origin), config.account.appid);
    const fetches = addon.emu.urlFetchLog.length - fetchesBefore;
    const walls = ticks.map((tick) => tick.wallMs);
    const busiest = ticks.reduce((most, tick) => (tick.services.calls > most.services.calls ? tick : most));
    return {
      id: 'tick',
      title: `Idle tick: ${config.tickDataSets} scheduled DataSets, none due`,
      runs: ticks.length,
      rows: 0,
      wechatCalls: counted.datacube,
      minimumCalls: 0,
      tokenCalls: counted.token,
      accounts: 1,
      maxTokenCallsPerRun: counted.token,
      wallMs: Math.max(...walls),
      idealMs: 0,
      formulaIdealMs: 0,
      wallTarget: false,
      rangeWritesPerRun: Math.max(...ticks.map((tick) => tick.rangeWrites)),
      rangeWritesExact: true,
      formatWritesPerRun: Math.max(...ticks.map((tick) => tick.formatWrites)),
      sheetsCallsPerRun: Math.max(...ticks.map((tick) => tick.sheetsCalls)),
      // The busiest idle tick (the first one may differ from the rest); every tick must keep to the budget.
      services: busiest.services,
      modelled: busiest.modelled,
      topCalls: topCalls(ticks.map((tick) => tick.calls).reduce(addCalls, {})),
      cpuMs: Math.max(...ticks.map((tick) => tick.cpuMs)),
      serviceCpuMs: Math.max(...ticks.map((tick) => tick.serviceCpuMs)),
      memory: memory.figures(),
      checks: [],
      extra: {
        'ticks timed': ticks.length,
        'tick ms (median)': Math.round(median(walls) * 10) / 10,
        'tick ms (each)': walls.map((wall) => wall.toFixed(1)).join(', '),
        'script load ms (median, not in the tick time)': Math.round(median(ticks.map((tick) => tick.loadMs)) * 10) / 10,
        'UrlFetchApp requests': fetches,
      },
    };
  } finally {
    addon.dispose();
  }
}
