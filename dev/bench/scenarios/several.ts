/**
 * Scenario 5: "Run now" on several DataSets at once: 30 days (by default) of each of the nine classic reports, one
 * DataSet each, in one runDataSets call (called again while any is still running, as the sidebar does). Their calls
 * share fetchAll batches, so the round trips are the ideal: the token's, then ⌈calls ÷ batch⌉.
 */
import { addDays, beijingYesterday } from '../../../src/dates';
import { loadAddon, measured, runAllToEnd, saveAccount, saveDataSet } from '../addon';
import { MemoryProbe, settleHeap } from '../measure';
import { minimumCalls, reportOf, roundsFor } from '../minimum';
import { callsBetween, simulatorStats } from '../simulator';
import type { ScenarioResult } from '../types';
import { CLASSIC_REPORTS, type ScenarioConfig, sharedRunFigures } from './common';

export async function severalScenario(config: ScenarioConfig): Promise<ScenarioResult> {
  const addon = loadAddon(config.network);
  try {
    const accountId = saveAccount(addon, config.account);
    const end = beijingYesterday(config.network.nowMs);
    const start = addDays(end, -(config.severalDays - 1));
    const ids = CLASSIC_REPORTS.map((reportId) =>
      saveDataSet(addon, {
        name: reportOf(reportId).label.en,
        accountId,
        reportId,
        dates: { mode: 'range', start: { kind: 'date', date: start }, end: { kind: 'date', date: end } },
        updateMethod: 'replace',
      }),
    );

    settleHeap();
    const memory = new MemoryProbe();
    const statsBefore = await simulatorStats(config.network.origin);
    const run = measured(addon, () => runAllToEnd((list) => addon.call('runDataSets', list), ids));
    memory.sample();
    const counted = callsBetween(statsBefore, await simulatorStats(config.network.origin), config.account.appid);
    const minimumPerRun = CLASSIC_REPORTS.map((reportId) => minimumCalls(reportId, config.severalDays));
    const minimum = minimumPerRun.reduce((total, calls) => total + calls, 0);
    const idealRounds = counted.token + roundsFor(minimum, config.network.concurrency);
    return {
      id: 'several',
      title: `Run now on several: ${config.severalDays} days × 9 reports in one runDataSets`,
      runs: ids.length,
      rows: run.value.reduce((total, outcome) => total + outcome.rows, 0),
      ...sharedRunFigures(config, run, ids.length, minimumPerRun, counted),
      memory: memory.figures(),
      checks: [
        {
          name: `several: round trips (token + fetchAll) vs the ideal with batches of ${Math.min(config.network.concurrency, 10)}`,
          measured: `${run.services.rounds} / ${idealRounds}`,
          pass: run.services.rounds <= idealRounds,
        },
      ],
      extra: { 'round trips': run.services.rounds, 'ideal round trips': idealRounds },
    };
  } finally {
    addon.dispose();
  }
}
