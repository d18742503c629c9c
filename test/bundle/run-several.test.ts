/**
 * "Run now" on several DataSets (runDataSets): the DataSets of one account share their fetchAll batches and token,
 * so nine 30-day reports take the ideal round trips (the token's, then ⌈93 calls ÷ 10⌉), not one queue each.
 */
import { CLASSIC_REPORTS } from '../../dev/bench/scenarios/common';
import {
  type Addon,
  loadAddon,
  NOON_BEIJING,
  roundTrips,
  saveDirectAccount,
  saveRangeDataSet,
  startSimulatorAt,
} from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

const REPORTS = CLASSIC_REPORTS;

describe('runDataSets', () => {
  let simulator: SimulatorProcess;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
  });

  afterAll(async () => {
    await simulator.close();
  });

  function nineDataSets(addon: Addon): string[] {
    const accountId = saveDirectAccount(addon);
    return REPORTS.map((reportId) => saveRangeDataSet(addon, accountId, reportId, '2026-10-28', '2026-11-26'));
  }

  it('shares fetchAll batches across DataSets: 30 days × 9 reports in 11 round trips', () => {
    const addon = loadAddon(simulator);
    try {
      const ids = nineDataSets(addon);
      addon.emu.calls.reset();
      const outcomes = addon.call('runDataSets', ids);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(ids.map(() => 'success'));
      // 30+30+1+5+2+5+10+5+5 = 93 datacube calls: the token, then 10 batches of at most 10.
      expect(outcomes.reduce((sum, outcome) => sum + outcome.calls, 0)).toBe(93);
      expect(roundTrips(addon)).toBe(11);
      for (const reportId of REPORTS) expect(addon.emu.spreadsheet.sheet(reportId).values().length).toBeGreaterThan(1);
    } finally {
      addon.dispose();
    }
  });

  it('takes more round trips when the same DataSets run one by one (what sharing saves)', () => {
    const addon = loadAddon(simulator);
    try {
      const ids = nineDataSets(addon);
      addon.emu.calls.reset();
      for (const id of ids) expect(addon.call('runDataSet', id).status).toBe('success');
      // The token, then each DataSet's own batches: 1 + 3 + 3 + 1 × 7 = 14.
      expect(roundTrips(addon)).toBe(14);
    } finally {
      addon.dispose();
    }
  });

  it('refuses anything but a list of 1 to 20 DataSet ids with one invalid_argument outcome, running nothing', () => {
    const addon = loadAddon(simulator);
    try {
      nineDataSets(addon);
      addon.emu.calls.reset();
      for (const bad of [undefined, 'ds1', [], [1], Array.from({ length: 21 }, (_, i) => `ds${i}`)]) {
        const outcomes = addon.callUnchecked('runDataSets', bad);
        expect(outcomes).toEqual([expect.objectContaining({ ok: false, status: 'failed', code: 'invalid_argument' })]);
        expect(outcomes[0]!.message).toMatch(/DataSet ids must be a list of 1 to 20 ids/);
      }
      expect(roundTrips(addon)).toBe(0);
      expect(addon.emu.calls.snapshot()['Properties.setProperty'] ?? 0).toBe(0);
    } finally {
      addon.dispose();
    }
  });
});
