/**
 * The service-call budget of a scheduled daily Append run (docs/performance.md): in an hourly tick that refreshes
 * 20 Append DataSets of one account for a new day, each DataSet costs at most 3 Properties calls and 12 Sheets
 * calls, and the group takes the document lock once; a tick with nothing due makes at most 3 service calls and
 * writes nothing. Counted by the emulation, so the figures are exact: a change that spends more fails here.
 */

import { isServiceCall } from '../../dev/bench/counters';
import { CLASSIC_REPORTS } from '../../dev/bench/scenarios/common';
import { costKindOf } from '../../dev/gas/costs';
import type { TickReport } from '../../src/schedule/tick';
import { type Addon, loadAddon, NOON_BEIJING, saveDirectAccount, startSimulatorAt, succeeded } from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DATASETS = 20;
const BUDGET = { propertiesPerDataSet: 3, sheetsPerDataSet: 12 };

interface Spent {
  properties: number;
  propertyWrites: number;
  sheets: number;
  sheetsWrites: number;
  locks: number;
  all: number;
  byMethod: Record<string, number>;
}

/** The service calls the emulation counted while `work` ran, by kind (handles and local work not counted). */
function spentBy(addon: Addon, work: () => void): Spent {
  const before = addon.emu.calls.snapshot();
  work();
  const spent: Spent = { properties: 0, propertyWrites: 0, sheets: 0, sheetsWrites: 0, locks: 0, all: 0, byMethod: {} };
  for (const [name, count] of Object.entries(addon.emu.calls.snapshot())) {
    const calls = count - (before[name] ?? 0);
    if (calls === 0 || !isServiceCall(name)) continue;
    spent.all += calls;
    spent.byMethod[name] = calls;
    const kind = costKindOf(name);
    const method = name.slice(name.indexOf('.') + 1);
    if (kind === 'properties') {
      spent.properties += calls;
      if (/^(set|delete)/.test(method)) spent.propertyWrites += calls;
    }
    if (kind === 'sheets') {
      spent.sheets += calls;
      if (/^(set|insert|delete|clear|append)/.test(method)) spent.sheetsWrites += calls;
    }
    if (name === 'Lock.tryLock' || name === 'Lock.waitLock') spent.locks += calls;
  }
  return spent;
}

function lastTick(addon: Addon): TickReport {
  return JSON.parse(addon.emu.properties.document()['meta.lastTick'] ?? '{}') as TickReport;
}

describe('the service-call budget of the schedule', () => {
  let simulator: SimulatorProcess;
  let addon: Addon;
  /** 00:00 in Beijing of the day the DataSets are filled. */
  const dayStart = Math.floor((NOON_BEIJING + 8 * HOUR) / DAY) * DAY - 8 * HOUR;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
    addon = loadAddon(simulator);
    const accountId = saveDirectAccount(addon);
    for (let index = 0; index < DATASETS; index++) {
      const reportId = CLASSIC_REPORTS[index % CLASSIC_REPORTS.length]!;
      const id = succeeded(
        addon.call('saveDataSet', {
          name: `Daily ${index + 1} ${reportId}`,
          accountId,
          reportId,
          dates: { mode: 'preset', preset: 'last30' },
          updateMethod: 'append',
          schedule: { kind: 'daily', hour: 9 },
        }),
      ).dataSet.id;
      for (let chunk = 0; chunk < 10 && addon.call('runDataSet', id).status === 'running'; chunk++);
    }
  }, 300_000);

  afterAll(async () => {
    addon.dispose();
    await simulator.close();
  });

  it('keeps a daily Append run within 3 Properties and 12 Sheets calls per DataSet, one lock for the group', () => {
    // The next day, 09:05 in Beijing: every DataSet's 09:00 slot is due and one new day is ready.
    addon.clock.set(dayStart + DAY + 9 * HOUR + 5 * 60_000);
    const spent = spentBy(addon, () => {
      expect(addon.emu.fireTimeTriggers()).toBe(1);
    });
    const tick = lastTick(addon);
    expect(tick.ran).toHaveLength(DATASETS);
    expect(tick.ran.every((run) => run.status === 'success')).toBe(true);
    expect(spent.properties).toBeLessThanOrEqual(BUDGET.propertiesPerDataSet * DATASETS);
    expect(spent.sheets).toBeLessThanOrEqual(BUDGET.sheetsPerDataSet * DATASETS);
    // One group (up to 20 DataSets of one account run together): one lock, whatever the number of DataSets.
    expect(spent.locks).toBe(1);
    // Each table is read once (the header check before the fetch serves the merge after it), its grid's size is not
    // asked (the write does not grow past the limit's reach), and the finished runs' records go with the one batched
    // write of what the runs recorded, not one deleteProperty each.
    expect(spent.byMethod['Range.getValues']).toBe(DATASETS);
    expect(spent.byMethod['Sheet.getMaxRows'] ?? 0).toBe(0);
    expect(spent.byMethod['Properties.deleteProperty'] ?? 0).toBe(0);
  });

  it('makes at most 3 service calls and no write in a tick with nothing due', () => {
    addon.clock.advance(HOUR);
    const spent = spentBy(addon, () => {
      expect(addon.emu.fireTimeTriggers()).toBe(1);
    });
    expect(addon.emu.triggerRuns.at(-1)?.error).toBeUndefined();
    expect(spent.all).toBeLessThanOrEqual(3);
    expect(spent.propertyWrites + spent.sheetsWrites).toBe(0);
  });
});
