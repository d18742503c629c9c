/**
 * Scenario 3: an Append DataSet of hourly article reads whose sheet already holds ~100,000 rows (filled by the
 * add-on's own first run), refreshed 7 days later: the new and re-fetched days merged into the table. Checked
 * against a full Replace of the same dates.
 */
import { addDays, beijingYesterday } from '../../../src/dates';
import { type BenchAddon, loadAddon, measured, runToEnd, saveAccount, saveDataSet } from '../addon';
import { formatWritesByColumn, rangeWrites, sheetsCalls, topCalls } from '../counters';
import { MemoryProbe, settleHeap, timed } from '../measure';
import { appendStart, dayCount, minimumCalls } from '../minimum';
import { callsBetween, setSimulatorLatency, simulatorStats } from '../simulator';
import type { ScenarioResult } from '../types';
import { DAY_MS, dataRows, ideals, type ScenarioConfig, sheetFingerprint } from './common';

const REPORT = 'user_read_hour';
const SHEET = 'Hourly reads';
const CHECK_SHEET = 'Hourly reads (full refresh)';
/** The simulator serves about 176 hourly rows a day for this report; fewer days would not reach the target. */
const ROWS_PER_DAY_AT_LEAST = 170;

/** The Append result must be what one Replace of all its dates writes (not measured: latency off). */
async function fullRefreshMatches(
  addon: BenchAddon,
  config: ScenarioConfig,
  accountId: string,
  start: string,
  end: string,
): Promise<boolean> {
  await setSimulatorLatency(config.network.origin, 0);
  const id = saveDataSet(addon, {
    name: CHECK_SHEET,
    accountId,
    reportId: REPORT,
    dates: { mode: 'range', start: { kind: 'date', date: start }, end: { kind: 'date', date: end } },
    updateMethod: 'replace',
  });
  runToEnd(addon, id);
  return sheetFingerprint(addon.emu, SHEET) === sheetFingerprint(addon.emu, CHECK_SHEET);
}

export async function mergeScenario(config: ScenarioConfig): Promise<ScenarioResult> {
  const addon = loadAddon(config.network);
  try {
    const accountId = saveAccount(addon, config.account);
    const prefillDays = Math.ceil(config.mergeRows / ROWS_PER_DAY_AT_LEAST);
    const start = addDays(beijingYesterday(config.network.nowMs), -(prefillDays - 1));
    const dataSetId = saveDataSet(addon, {
      name: SHEET,
      accountId,
      reportId: REPORT,
      dates: { mode: 'range', start: { kind: 'date', date: start }, end: { kind: 'daysBack', days: 1 } },
      updateMethod: 'append',
    });
    // Set-up, not measured: the simulator answers at once meanwhile.
    await setSimulatorLatency(config.network.origin, 0);
    const prefill = timed(() => runToEnd(addon, dataSetId));
    await setSimulatorLatency(config.network.origin, config.network.latencyMs);
    const rowsBefore = dataRows(addon.emu, SHEET).length;
    if (rowsBefore < config.mergeRows)
      throw new Error(`the merge sheet holds ${rowsBefore} rows, fewer than ${config.mergeRows}`);
    const lastComplete = beijingYesterday(addon.clock.now());

    addon.clock.advance(config.mergeDays * DAY_MS);
    const newest = beijingYesterday(addon.clock.now());
    settleHeap();
    const memory = new MemoryProbe();
    const statsBefore = await simulatorStats(config.network.origin);
    const run = measured(addon, () => runToEnd(addon, dataSetId));
    const { calls } = run;
    memory.sample();
    const counted = callsBetween(statsBefore, await simulatorStats(config.network.origin), config.account.appid);
    const memoryFigures = memory.figures();
    const rowsAfter = dataRows(addon.emu, SHEET).length;
    const last = run.value[run.value.length - 1];
    const sameAsFullRefresh = await fullRefreshMatches(addon, config, accountId, start, newest);

    const minimum = minimumCalls(REPORT, dayCount(appendStart(REPORT, lastComplete), newest));
    return {
      id: 'merge',
      title: `Merge at scale: ${config.mergeDays} days into ${rowsBefore.toLocaleString('en-US')} rows`,
      runs: 1,
      rows: last?.rows ?? 0,
      wechatCalls: counted.datacube,
      minimumCalls: minimum,
      tokenCalls: counted.token,
      accounts: 1,
      maxTokenCallsPerRun: last?.tokenCalls ?? 0,
      wallMs: run.wallMs,
      ...ideals(config, [minimum], 1),
      wallTarget: false,
      rangeWritesPerRun: rangeWrites(calls),
      rangeWritesExact: true,
      formatWritesPerRun: formatWritesByColumn(calls),
      sheetsCallsPerRun: sheetsCalls(calls),
      services: run.services,
      modelled: run.modelled,
      topCalls: topCalls(calls),
      cpuMs: run.cpuMs,
      serviceCpuMs: run.serviceCpuMs,
      memory: memoryFigures,
      checks: [
        {
          name: 'merge: the merged sheet equals a full Replace of the same dates',
          measured: sameAsFullRefresh ? 'identical values and formats' : 'different',
          pass: sameAsFullRefresh,
        },
      ],
      extra: {
        'rows before': rowsBefore,
        'rows after': rowsAfter,
        'prefill: days, calls, wall ms': `${prefillDays} days, ${prefill.value.at(-1)?.calls ?? 0} calls, ${Math.round(prefill.wallMs)} ms`,
        'dates fetched': `${appendStart(REPORT, lastComplete)}…${newest}`,
        'CPU ms: all threads / main thread / inside emulated services': `${Math.round(run.cpuMs)} / ${run.mainThreadCpuMs ?? 'n/a'} / ${Math.round(run.serviceCpuMs)}`,
      },
    };
  } finally {
    addon.dispose();
  }
}
