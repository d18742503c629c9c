/**
 * "Refresh all now" through the built bundle: it runs on the server (startRefreshAll), sharing round trips as the
 * schedule's tick does; what one call has no time for, the hourly trigger runs with nobody's sidebar open; its
 * summary names each failure with its DataSet and why.
 */
import type { SimAccount } from '../../dev/simulator/simulator';
import {
  ADDON_IP,
  loadAddon,
  NOON_BEIJING,
  roundTrips,
  runHistory,
  saveDirectAccount,
  saveRangeDataSet,
  startSimulatorAt,
  succeeded,
} from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

const HOUR = 3_600_000;
const OPEN: SimAccount = {
  appid: 'wx000000000000fa01',
  secret: '000000000000fa01SecretSecretSecr',
  type: 'china',
  whitelist: [ADDON_IP],
};
/** An account whose IP whitelist does not admit the add-on: each of its runs fails with 40164. */
const CLOSED: SimAccount = {
  appid: 'wx000000000000fa02',
  secret: '000000000000fa02SecretSecretSecr',
  type: 'china',
  whitelist: ['203.0.113.9'],
};
const REPORTS = ['user_summary', 'user_cumulate', 'upstream_msg', 'interface_summary'];

describe('Refresh all now', () => {
  let simulator: SimulatorProcess;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING, [OPEN, CLOSED]);
  });

  afterAll(async () => {
    await simulator.close();
  });

  it('runs every DataSet in one server call, sharing round trips, and names each failure', () => {
    const addon = loadAddon(simulator);
    try {
      const open = saveDirectAccount(addon, OPEN, 'Open');
      const closed = saveDirectAccount(addon, CLOSED, 'Closed');
      const ids = REPORTS.map((reportId) => saveRangeDataSet(addon, open, reportId, '2026-10-28', '2026-11-26'));
      const broken = saveRangeDataSet(addon, closed, 'user_summary', '2026-11-20', '2026-11-26', {
        name: 'Closed followers',
      });
      addon.emu.calls.reset();
      const { view, ran } = succeeded(addon.call('startRefreshAll'));
      expect(ran).toBe(5);
      expect(view).toEqual(
        expect.objectContaining({ total: 5, done: 5, succeeded: 4, waitingIds: [], runningIds: [], finished: true }),
      );
      expect(view?.failures).toEqual([
        expect.objectContaining({ id: broken, name: 'Closed followers', code: 'wechat_ip_not_whitelisted' }),
      ]);
      // The open account's 4 DataSets (5 + 5 + 5 + 1 calls) share a token and 2 batches; the closed one's token fails.
      expect(roundTrips(addon)).toBe(4);
      for (const id of ids)
        expect(runHistory(addon, id).map((run) => [run.status, run.trigger])).toEqual([['success', 'manual']]);
      expect(runHistory(addon, broken)[0]).toEqual(expect.objectContaining({ status: 'failed', trigger: 'manual' }));

      // Where it stands, for a sidebar opened later: one read of the document's properties.
      addon.emu.calls.reset();
      expect(addon.call('getRefreshAll')).toEqual(view);
      const calls = addon.emu.calls.snapshot();
      expect(calls['Properties.getProperties']).toBe(1);
      expect(calls['Properties.getProperty'] ?? 0).toBe(0);
      expect(addon.call('getSidebarContext').refreshAll).toEqual(view);
    } finally {
      addon.dispose();
    }
  });

  it('goes on with the sidebar closed: the hourly trigger runs what the call had no time for', () => {
    // Every WeChat round trip takes a minute: a year of User Summary (53 calls) needs more than the call's 4.5 minutes.
    const addon = loadAddon(simulator, { latencyMs: 60_000 });
    try {
      const open = saveDirectAccount(addon, OPEN, 'Open');
      const year = saveRangeDataSet(addon, open, 'user_summary', '2025-11-27', '2026-11-26', { name: 'A year' });
      const week = saveRangeDataSet(addon, open, 'user_cumulate', '2026-11-20', '2026-11-26', { name: 'A week' });
      expect(addon.emu.triggers()).toEqual([]);

      const first = succeeded(addon.call('startRefreshAll'));
      expect(first.view?.finished).toBe(false);
      expect(first.view?.waitingIds).toEqual([year]);
      expect(first.view?.succeeded).toBe(1);
      expect(addon.emu.spreadsheet.sheetNames()).not.toContain('A year');
      // Nobody continues it from a sidebar: the call made sure the hourly trigger exists.
      expect(addon.emu.triggers()).toHaveLength(1);

      addon.clock.set(addon.clock.now() + HOUR);
      addon.emu.fireTimeTriggers();
      const tickErrors = addon.emu.triggerRuns.filter((run) => run.error);
      expect(tickErrors).toEqual([]);
      const after = addon.call('getRefreshAll');
      expect(after).toEqual(expect.objectContaining({ done: 2, succeeded: 2, finished: true, failures: [] }));
      // The tick finished the run the call had begun (a continued run is recorded as the tick's, like Run now's).
      expect(runHistory(addon, year).map((run) => [run.status, run.trigger, run.calls])).toEqual([
        ['success', 'schedule', 53],
      ]);
      // Written once, when complete: the header and the 2,617 rows of 365 days (a row per source and day).
      expect(addon.emu.spreadsheet.sheet('A year').values()).toHaveLength(1 + 2617);
      expect(runHistory(addon, week)).toHaveLength(1);
      // Nothing is scheduled and nothing is left: the next look at the schedule removes the trigger.
      addon.call('getScheduleInfo');
      expect(addon.emu.triggers()).toEqual([]);
    } finally {
      addon.dispose();
    }
  });
});
