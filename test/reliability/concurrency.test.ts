/**
 * Two executions of one DataSet never interleave their writes (the lease in document properties, taken under the
 * document lock), and a run that runs out of time (its budget, or Apps Script's 6-minute limit) resumes later with
 * nothing lost and nothing doubled. Each context of the emulation is its own execution.
 */
import type { SimAccount } from '../../dev/simulator/simulator';
import {
  ADDON_IP,
  type Addon,
  bundleCode,
  loadAddon,
  NOON_BEIJING,
  saveDirectAccount,
  startSimulatorAt,
} from '../support/addon';
import { flattenRaw } from '../support/expected-rows';
import type { SimulatorProcess } from '../support/simulator-process';
import {
  documentProperties,
  expectNoDuplicateRows,
  history,
  type Outcome,
  range,
  saveDataSet,
  scenarioSuite,
  sheetSnapshot,
  slowableClock,
} from './support/scenarios';

const { scenario } = scenarioSuite('concurrency');

const HOUR = 3_600_000;
const account = (appid: string): SimAccount => ({
  appid,
  secret: `${appid.slice(2)}SecretSecretSecr`,
  type: 'china',
  whitelist: [ADDON_IP],
});
const ACCOUNTS = {
  lease: account('wx00000000000c0001'),
  turns: account('wx00000000000c0002'),
  budget: account('wx00000000000c0003'),
  killed: account('wx00000000000c0004'),
  edits: account('wx00000000000c0005'),
};
/** user_summary over a year: 53 calls of 7 days. */
const YEAR = range('2025-11-28', '2026-11-27');
const KEY_COLUMNS = 2;

interface TickReport {
  ran: Array<{ id: string; status: string }>;
}

describe('reliability: concurrency and time budgets', () => {
  let simulator: SimulatorProcess;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING, Object.values(ACCOUNTS));
  });
  afterAll(async () => {
    await simulator?.close();
  });

  /** Everything a run could write: the sheet, staging sheets, the store (minus the token cache). */
  function footprint(addon: Addon, sheet: string): string {
    const props = Object.entries(addon.emu.properties.document()).filter(([key]) => !key.startsWith('token.'));
    return JSON.stringify({ sheet: sheetSnapshot(addon, sheet), sheets: addon.emu.spreadsheet.sheetNames(), props });
  }

  /** The sheet holds exactly the rows WeChat served for the range, once each. */
  async function expectExactRows(addon: Addon, appid: string, sheet: string, from: string): Promise<void> {
    const served = (await simulator.served(appid, 'getusersummary'))
      .flatMap(flattenRaw)
      .filter((row) => String(row.ref_date) >= from);
    const keys = new Set(served.map((row) => `${row.ref_date}|${row.user_source}`));
    expectNoDuplicateRows(addon, sheet, KEY_COLUMNS);
    expect(addon.emu.spreadsheet.sheet(sheet).lastRow - 1).toBe(keys.size);
    expect(addon.emu.spreadsheet.sheetNames().filter((name) => name.startsWith('~wechat-staging'))).toEqual([]);
  }

  async function datacubeCalls(appid: string): Promise<number> {
    return (await simulator.log({ appid, kind: 'datacube' })).length;
  }

  describe('one DataSet, a run in progress elsewhere', () => {
    let addon: Addon;
    let id: string;

    beforeAll(() => {
      addon = loadAddon(simulator);
      const accountId = saveDirectAccount(addon, ACCOUNTS.lease);
      id = saveDataSet(addon, {
        name: 'Shared',
        accountId,
        reportId: 'user_summary',
        dates: range('2026-11-01', '2026-11-27'),
        schedule: { kind: 'hours', every: 1 },
      });
      expect(addon.call('runDataSet', id).status).toBe('success');
    });
    afterAll(() => addon?.dispose());

    function holdLease(forMs: number): void {
      documentProperties(addon).setProperty(
        `lease.${id}`,
        JSON.stringify({ owner: 'another-execution', untilMs: addon.clock.now() + forMs }),
      );
    }

    scenario('"Run now" while another execution runs it: waits 10 s, says so, writes nothing', async () => {
      holdLease(5 * 60_000);
      const before = footprint(addon, 'Shared');
      const calls = await datacubeCalls(ACCOUNTS.lease.appid);
      const started = addon.clock.now();
      const outcome = addon.call('runDataSet', id);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'busy', code: 'already_running' }));
      expect(outcome.message).toMatch(/"Shared" is already running.*not started again/);
      expect(addon.clock.now() - started).toBeGreaterThanOrEqual(10_000);
      expect(footprint(addon, 'Shared')).toBe(before);
      expect(await datacubeCalls(ACCOUNTS.lease.appid)).toBe(calls);
    });

    scenario('the schedule meets a run in progress: skips it at once, writes nothing', () => {
      addon.clock.advance(HOUR);
      holdLease(5 * 60_000);
      const before = footprint(addon, 'Shared');
      const started = addon.clock.now();
      const tick = addon.call('onScheduledTick');
      expect(tick.ran).toEqual([expect.objectContaining({ id, status: 'busy' })]);
      expect(addon.clock.now() - started).toBeLessThan(5_000);
      const after = JSON.parse(footprint(addon, 'Shared')) as { props: Array<[string, string]> };
      const changed = after.props.filter(
        ([key, value]) =>
          !(JSON.parse(before).props as Array<[string, string]>).some(([k, v]) => k === key && v === value),
      );
      // Only the schedule's own bookkeeping moves: the tick report and the slot it handled.
      expect(changed.map(([key]) => key).sort()).toEqual(expect.arrayContaining(['meta.lastTick']));
      expect(
        changed
          .map(([key]) => key)
          .filter((key) => !['meta.lastTick', `state.${id}`, 'meta.scheduleZone'].includes(key)),
      ).toEqual([]);
      expect(sheetSnapshot(addon, 'Shared')).toBe(JSON.parse(before).sheet);
      expect(history(addon, id)).toHaveLength(1);
    });

    scenario('another execution holds the document lock: the run does not start, writes nothing', () => {
      documentProperties(addon).deleteProperty(`lease.${id}`);
      const lock = (addon.emu.globals.LockService as GoogleAppsScript.Lock.LockService).getDocumentLock();
      expect(lock.tryLock(1000)).toBe(true);
      try {
        const before = footprint(addon, 'Shared');
        const outcome = addon.call('runDataSet', id);
        expect(outcome).toEqual(expect.objectContaining({ status: 'busy', code: 'already_running' }));
        expect(footprint(addon, 'Shared')).toBe(before);
      } finally {
        lock.releaseLock();
      }
      expect(addon.call('runDataSet', id).status).toBe('success');
    });

    scenario('a lease left by an execution that died expires after 7 minutes; then the run goes ahead', () => {
      holdLease(7 * 60_000);
      expect(addon.call('runDataSet', id).status).toBe('busy');
      addon.clock.advance(7 * 60_000);
      const outcome = addon.call('runDataSet', id);
      expect(outcome.status).toBe('success');
      // No lease left: the key is gone, or empty (a batched write deletes a value by emptying it).
      expect(documentProperties(addon).getProperty(`lease.${id}`) ?? '').toBe('');
      expect(history(addon, id)[0]?.message).toBe(outcome.message);
    });
  });

  scenario(
    'two users continue one long run in turns: every window fetched once, rows exact, one history entry',
    async () => {
      const addon = loadAddon(simulator, { latencyMs: 25_000 });
      try {
        const accountId = saveDirectAccount(addon, ACCOUNTS.turns);
        const id = saveDataSet(addon, { name: 'Turns', accountId, reportId: 'user_summary', dates: YEAR });
        const bob = addon.emu.loadBundle(bundleCode(), 'Code.js', { user: 'bob@example.com' });
        const callsBefore = await datacubeCalls(ACCOUNTS.turns.appid);
        const outcomes: Outcome[] = [];
        for (let turn = 0; turn < 40 && outcomes.at(-1)?.status !== 'success'; turn++) {
          const context = turn % 2 === 0 ? addon.ctx : bob;
          outcomes.push(context.call('runDataSet', id));
          if (outcomes.at(-1)?.status === 'running') expect(addon.emu.spreadsheet.hasSheet('Turns')).toBe(false);
        }
        expect(outcomes.length).toBeGreaterThanOrEqual(3);
        expect(outcomes.slice(0, -1).every((outcome) => outcome.status === 'running')).toBe(true);
        expect(outcomes.at(-1)?.status).toBe('success');
        expect((await datacubeCalls(ACCOUNTS.turns.appid)) - callsBefore).toBe(53);
        await expectExactRows(addon, ACCOUNTS.turns.appid, 'Turns', '2025-11-28');
        expect(history(addon, id)).toEqual([expect.objectContaining({ status: 'success', calls: 53 })]);
      } finally {
        addon.dispose();
      }
    },
  );

  scenario(
    'a run that reaches its time budget carries over and resumes: the sheet untouched until complete',
    async () => {
      const addon = loadAddon(simulator, { latencyMs: 40_000 });
      try {
        const accountId = saveDirectAccount(addon, ACCOUNTS.budget);
        const fields = { name: 'Budget', accountId, reportId: 'user_summary', schedule: { kind: 'daily', hour: 3 } };
        const id = saveDataSet(addon, { ...fields, dates: range('2026-11-21', '2026-11-27') });
        expect(addon.call('runDataSet', id).status).toBe('success');
        const before = sheetSnapshot(addon, 'Budget');
        saveDataSet(addon, { ...fields, id, dates: YEAR });
        const first = addon.call('runDataSet', id);
        expect(first).toEqual(expect.objectContaining({ status: 'running', code: 'continuing' }));
        expect(first.message).toMatch(/Fetched \d+ of 53 windows.*the sheet is updated when all are in/);
        expect(sheetSnapshot(addon, 'Budget')).toBe(before);
        // The sidebar closed: the hourly ticks carry on, each within Apps Script's 6 minutes.
        const statuses: string[] = [];
        for (let tick = 1; tick <= 10 && statuses.at(-1) !== 'success'; tick++) {
          addon.clock.advance(HOUR);
          const report = addon.call('onScheduledTick');
          expect(report.durationMs).toBeLessThan(6 * 60_000);
          for (const run of report.ran) if (run.id === id) statuses.push(run.status);
          if (statuses.at(-1) === 'running') expect(sheetSnapshot(addon, 'Budget')).toBe(before);
        }
        expect(statuses.at(-1)).toBe('success');
        await expectExactRows(addon, ACCOUNTS.budget.appid, 'Budget', '2025-11-28');
        expect(history(addon, id)[0]).toEqual(expect.objectContaining({ status: 'success', calls: 53 }));
      } finally {
        addon.dispose();
      }
    },
  );

  scenario(
    'a run killed at 6 minutes leaves a history entry and resumes: the run is kept, the next tick records the stop (and emails it), nothing lost or doubled',
    async () => {
      const clock = slowableClock(NOON_BEIJING);
      const addon = loadAddon({ origin: simulator.origin }, { clock, latencyMs: 10_000 });
      try {
        const accountId = saveDirectAccount(addon, ACCOUNTS.killed);
        const id = saveDataSet(addon, {
          name: 'Killed',
          accountId,
          reportId: 'user_summary',
          dates: YEAR,
          schedule: { kind: 'daily', hour: 13 },
          notifyOnFailure: true,
        });
        // 13:00 Beijing: the slot is due. The network is very slow (130 s a batch): the third batch ends past 6 minutes.
        clock.set(NOON_BEIJING + HOUR + 60_000);
        clock.slow(120_000);
        const runsBefore = addon.emu.triggerRuns.length;
        expect(addon.emu.fireTimeTriggers()).toBe(1);
        const killed = addon.emu.triggerRuns.slice(runsBefore);
        expect(killed).toEqual([
          expect.objectContaining({ error: expect.stringMatching(/Exceeded maximum execution time/) }),
        ]);
        clock.slow(0);
        expect(addon.emu.spreadsheet.hasSheet('Killed')).toBe(false);
        expect(history(addon, id)).toEqual([]);
        expect(documentProperties(addon).getProperty(`job.${id}`)).not.toBeNull();

        // Its lease still stands for a while: "Run now" says it is running instead of starting a second run.
        expect(addon.call('runDataSet', id)).toEqual(expect.objectContaining({ status: 'busy' }));

        // The next hourly tick continues the kept run.
        clock.advance(HOUR);
        const statuses: string[] = [];
        for (let tick = 0; tick < 5 && statuses.at(-1) !== 'success'; tick++) {
          const before = addon.emu.triggerRuns.length;
          addon.emu.fireTimeTriggers();
          expect(addon.emu.triggerRuns.slice(before).filter((run) => run.error)).toEqual([]);
          const report = JSON.parse(addon.emu.properties.document()['meta.lastTick'] ?? '{}') as TickReport;
          for (const run of report.ran) if (run.id === id) statuses.push(run.status);
          clock.advance(HOUR);
        }
        expect(statuses.at(-1)).toBe('success');
        await expectExactRows(addon, ACCOUNTS.killed.appid, 'Killed', '2025-11-28');
        // The stopped execution could write nothing: the run that continued it recorded the stop, then its success.
        expect(history(addon, id)).toEqual([
          expect.objectContaining({ status: 'success', trigger: 'schedule' }),
          expect.objectContaining({
            status: 'failed',
            code: 'execution_limit',
            trigger: 'schedule',
            message: expect.stringMatching(/stopped this run at its 6-minute limit.*Nothing was lost/),
          }),
        ]);
        expect(addon.emu.mail).toEqual([
          expect.objectContaining({
            subject: expect.stringMatching(/Killed/),
            body: expect.stringMatching(/6-minute limit/),
          }),
        ]);
      } finally {
        addon.dispose();
      }
    },
  );

  scenario('a DataSet edited or deleted while its run is unfinished: the run starts over, no stale rows', async () => {
    const addon = loadAddon(simulator, { latencyMs: 40_000 });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.edits);
      const fields = { name: 'Edited', accountId, reportId: 'user_summary' };
      const id = saveDataSet(addon, { ...fields, dates: YEAR });
      expect(addon.call('runDataSet', id).status).toBe('running');
      expect(addon.emu.spreadsheet.sheetNames().some((name) => name.startsWith('~wechat-staging'))).toBe(true);
      saveDataSet(addon, { ...fields, id, dates: range('2026-11-01', '2026-11-27') });
      expect(addon.emu.spreadsheet.sheetNames().some((name) => name.startsWith('~wechat-staging'))).toBe(false);
      const outcomes = [addon.call('runDataSet', id)];
      while (outcomes.at(-1)?.status === 'running') outcomes.push(addon.call('runDataSet', id));
      expect(outcomes.at(-1)?.status).toBe('success');
      const rows = addon.emu.spreadsheet.sheet('Edited').values().slice(1);
      expect(rows.every((row) => (row[0] as Date).getTime() >= Date.UTC(2026, 9, 31, 16))).toBe(true);
      expectNoDuplicateRows(addon, 'Edited', KEY_COLUMNS);

      const other = saveDataSet(addon, { ...fields, name: 'Deleted', dates: YEAR });
      expect(addon.call('runDataSet', other).status).toBe('running');
      addon.call('deleteDataSet', other);
      expect(addon.emu.spreadsheet.sheetNames().some((name) => name.startsWith('~wechat-staging'))).toBe(false);
      expect(Object.keys(addon.emu.properties.document()).filter((key) => key.endsWith(other))).toEqual([]);
    } finally {
      addon.dispose();
    }
  });
});
