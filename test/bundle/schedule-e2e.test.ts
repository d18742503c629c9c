/**
 * The schedule, through the built bundle on a simulated clock: one hourly trigger per user per spreadsheet,
 * DataSets run exactly when due (across a time-zone change), long backfills continue over ticks without
 * touching the sheet until complete, incremental Append equals a full refresh, faults resume, and two users'
 * triggers never run a DataSet twice.
 */
import { CLASSIC_REPORTS } from '../../dev/bench/scenarios/common';
import type { AccountFaults, SimAccount } from '../../dev/simulator/simulator';
import {
  ADDON_IP,
  type Addon,
  CHINA_ACCOUNT,
  loadAddon,
  runHistory,
  saveDirectAccount,
  startSimulatorAt,
  succeeded,
} from '../support/addon';
import { flattenRaw } from '../support/expected-rows';
import type { SimulatorProcess } from '../support/simulator-process';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2026-11-02 00:30 in Beijing. */
const MONDAY = Date.UTC(2026, 10, 1, 16, 30);

interface TickReport {
  atMs: number;
  durationMs: number;
  ran: Array<{ id: string; status: string }>;
}

function saveDataSet(addon: Addon, fields: Record<string, unknown>): string {
  const result = addon.call('saveDataSet', {
    updateMethod: 'replace',
    ...fields,
  });
  if (!result.ok) throw new Error(`saveDataSet: ${JSON.stringify(result.problems)}`);
  return result.dataSet.id;
}

/** Moves the clock to `atMs` and fires the due triggers; returns what each tick ran. */
function tickAt(addon: Addon, atMs: number): TickReport[] {
  addon.clock.set(atMs);
  const before = addon.emu.triggerRuns.length;
  addon.emu.fireTimeTriggers();
  const errors = addon.emu.triggerRuns.slice(before).filter((run) => run.error);
  if (errors.length > 0) throw new Error(`trigger failed: ${errors.map((run) => run.error).join('; ')}`);
  // The tick's own report (a tick that runs nothing no longer saves one in the document).
  return addon.emu.triggerRuns.slice(before).map((run) => run.result as TickReport);
}

function localHour(ms: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(ms)));
}

function localWeekday(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(new Date(ms));
}

function sheetValues(addon: Addon, name: string): string {
  return JSON.stringify(addon.emu.spreadsheet.sheet(name).values());
}

function account(appid: string): SimAccount {
  return { appid, secret: `${appid.slice(2)}SecretSecretSecr`, type: 'china', whitelist: [ADDON_IP] };
}

describe('scheduled refresh', () => {
  const ACCOUNTS = {
    timing: account('wx000000000000ab01'),
    backfill: account('wx000000000000ab02'),
    incremental: account('wx000000000000ab03'),
    faults: account('wx000000000000ab04'),
    users: account('wx000000000000ab05'),
    failing: account('wx000000000000ab06'),
    budget: account('wx000000000000ab07'),
    shared: account('wx000000000000ab08'),
    sharedToo: account('wx000000000000ab09'),
  };
  let simulator: SimulatorProcess;

  beforeAll(async () => {
    simulator = await startSimulatorAt(MONDAY, [CHINA_ACCOUNT, ...Object.values(ACCOUNTS)]);
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('runs each DataSet exactly when due, in the spreadsheet time zone, also after the zone changes', () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.timing);
      const ids = {
        daily: saveDataSet(addon, {
          name: 'Daily 9',
          accountId,
          reportId: 'user_cumulate',
          dates: { mode: 'preset', preset: 'yesterday' },
          schedule: { kind: 'daily', hour: 9 },
        }),
        sixHours: saveDataSet(addon, {
          name: 'Every 6h',
          accountId,
          reportId: 'user_cumulate',
          dates: { mode: 'preset', preset: 'yesterday' },
          schedule: { kind: 'hours', every: 6 },
        }),
        weekly: saveDataSet(addon, {
          name: 'Monday 8',
          accountId,
          reportId: 'user_cumulate',
          dates: { mode: 'preset', preset: 'last7' },
          schedule: { kind: 'weekly', weekday: 1, hour: 8 },
        }),
        manual: saveDataSet(addon, {
          name: 'Manual',
          accountId,
          reportId: 'user_cumulate',
          dates: { mode: 'preset', preset: 'yesterday' },
        }),
      };
      expect(addon.emu.triggers()).toHaveLength(1);
      type Key = keyof typeof ids;
      const runs: Record<Key, number[]> = { daily: [], sixHours: [], weekly: [], manual: [] };
      const statuses: Record<Key, string[]> = { daily: [], sixHours: [], weekly: [], manual: [] };
      const byId = Object.fromEntries(Object.entries(ids).map(([key, id]) => [id, key as Key]));
      const zoneAt = (ms: number) => (ms < MONDAY + 7 * DAY ? 'Asia/Shanghai' : 'America/New_York');
      for (let at = MONDAY + HOUR; at <= MONDAY + 14 * DAY; at += HOUR) {
        if (at === MONDAY + 7 * DAY) {
          const ss = (
            addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
          ).getActiveSpreadsheet();
          ss.setSpreadsheetTimeZone('America/New_York');
        }
        for (const tick of tickAt(addon, at)) {
          for (const run of tick.ran) {
            runs[byId[run.id]!].push(tick.atMs);
            statuses[byId[run.id]!].push(run.status);
          }
        }
      }
      expect(runs.manual).toEqual([]);
      expect(runs.daily).toHaveLength(14);
      for (const at of runs.daily) expect(localHour(at, zoneAt(at))).toBe(9);
      expect(statuses.daily.every((status) => status === 'success')).toBe(true);
      expect(runs.weekly).toHaveLength(2);
      for (const at of runs.weekly)
        expect([localWeekday(at, zoneAt(at)), localHour(at, zoneAt(at))]).toEqual(['Mon', 8]);
      // Slots every 6 hours: 4 a day; the day the zone moves 13 hours back repeats wall-clock hours.
      const slotRuns = runs.sixHours.filter((at) => localHour(at, zoneAt(at)) % 6 === 0);
      expect(slotRuns.length).toBeGreaterThanOrEqual(4 * 14 - 1);
      expect(slotRuns.length).toBeLessThanOrEqual(4 * 14 + 2);
      expect(new Set(runs.sixHours).size).toBe(runs.sixHours.length);
      // A slot before 08:00 Beijing finds yesterday not ready (partial); it is fetched again after 08:00.
      runs.sixHours.forEach((at, index) => {
        const status = statuses.sixHours[index];
        if (localHour(at, 'Asia/Shanghai') < 8) expect(status).toBe('partial');
        else expect(status).toBe('success');
        if (localHour(at, zoneAt(at)) % 6 !== 0) {
          expect(localHour(at, 'Asia/Shanghai')).toBeGreaterThanOrEqual(8);
          expect(statuses.sixHours[index - 1]).toBe('partial');
        }
      });
      expect(statuses.sixHours.at(-1)).toBe('success');
      expect(addon.emu.triggers()).toHaveLength(1);
    } finally {
      addon.dispose();
    }
  });

  it('a missed tick catches up once, not in a burst', () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.timing);
      const id = saveDataSet(addon, {
        name: 'Hourly',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'hours', every: 1 },
      });
      const ticks = tickAt(addon, MONDAY + 10 * HOUR);
      expect(ticks[0]!.ran.filter((run) => run.id === id)).toHaveLength(1);
      expect(runHistory(addon, id)).toHaveLength(1);
    } finally {
      addon.dispose();
    }
  });

  it('a tick with nothing due runs nothing and calls WeChat not at all', async () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.timing);
      saveDataSet(addon, {
        name: 'Daily 23',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'daily', hour: 23 },
      });
      const before = addon.emu.urlFetchLog.length;
      const started = performance.now();
      const [tick] = tickAt(addon, MONDAY + 2 * HOUR);
      const elapsedMs = performance.now() - started;
      expect(tick!.ran).toEqual([]);
      expect(addon.emu.urlFetchLog.length).toBe(before);
      expect(elapsedMs).toBeLessThan(1000);
    } finally {
      addon.dispose();
    }
  });

  it('a two-year hourly backfill completes over several ticks with exactly the served rows, the sheet untouched until then', async () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY, latencyMs: 8000 });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.backfill);
      const id = saveDataSet(addon, {
        name: 'Hourly reads',
        accountId,
        reportId: 'user_read_hour',
        dates: {
          mode: 'range',
          start: { kind: 'date', date: '2024-11-01' },
          end: { kind: 'date', date: '2026-10-31' },
        },
        schedule: { kind: 'daily', hour: 2 },
      });
      const statuses: string[] = [];
      for (let at = MONDAY + 2 * HOUR; statuses.at(-1) !== 'success' && at < MONDAY + 2 * DAY; at += HOUR) {
        for (const tick of tickAt(addon, at)) {
          for (const run of tick.ran) statuses.push(run.status);
          expect(tick.durationMs).toBeLessThan(6 * 60 * 1000);
        }
        if (statuses.at(-1) === 'running') {
          expect(addon.emu.spreadsheet.hasSheet('Hourly reads')).toBe(false);
        }
      }
      expect(statuses.length).toBeGreaterThanOrEqual(3);
      expect(statuses.slice(0, -1).every((status) => status === 'running')).toBe(true);
      expect(statuses.at(-1)).toBe('success');
      const expected = (await simulator.served(ACCOUNTS.backfill.appid, 'getuserreadhour')).flatMap(flattenRaw);
      const sheet = addon.emu.spreadsheet.sheet('Hourly reads');
      expect(sheet.lastRow - 1).toBe(expected.length);
      const keys = sheet
        .displayValues()
        .slice(1)
        .map((row) => `${row[0]}|${row[1]}|${row[2]}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(addon.emu.spreadsheet.sheetNames().filter((name) => name.startsWith('~wechat-staging'))).toEqual([]);
      const [latest] = runHistory(addon, id);
      expect(latest).toEqual(expect.objectContaining({ status: 'success', rows: expected.length }));
    } finally {
      addon.dispose();
    }
  }, 240_000);

  it('30 days of daily incremental Append runs give the same sheet as one full refresh', () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.incremental);
      const dates = { mode: 'range', start: { kind: 'date', date: '2026-10-01' }, end: { kind: 'daysBack', days: 1 } };
      const daily = saveDataSet(addon, {
        name: 'Growing',
        accountId,
        reportId: 'user_summary',
        dates,
        updateMethod: 'append',
        schedule: { kind: 'daily', hour: 10 },
      });
      const callsPerRun: number[] = [];
      for (let day = 0; day < 30; day++) {
        for (const tick of tickAt(addon, MONDAY + day * DAY + 10 * HOUR)) {
          for (const run of tick.ran) if (run.id === daily) expect(run.status).toBe('success');
        }
        callsPerRun.push(runHistory(addon, daily)[0]!.calls);
      }
      expect(runHistory(addon, daily).length).toBeGreaterThanOrEqual(20);
      // After the first full fetch each run asks only the restatement window: one call.
      expect(callsPerRun.slice(1).every((calls) => calls === 1)).toBe(true);
      const full = saveDataSet(addon, { name: 'Full', accountId, reportId: 'user_summary', dates });
      expect(addon.call('runDataSet', full).status).toBe('success');
      expect(sheetValues(addon, 'Growing')).toBe(sheetValues(addon, 'Full'));
    } finally {
      addon.dispose();
    }
  });

  it('faults mid-run (quota, busy, tokens invalidated, HTTP 5xx) leave the sheet as it was and the run resumes to the exact rows', async () => {
    const appid = ACCOUNTS.faults.appid;
    const addon = loadAddon(simulator, { nowMs: MONDAY, latencyMs: 20_000 });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.faults);
      const fields = { name: 'Faulty', accountId, reportId: 'upstream_msg_hour', schedule: { kind: 'daily', hour: 3 } };
      const id = saveDataSet(addon, {
        ...fields,
        dates: {
          mode: 'range',
          start: { kind: 'date', date: '2026-10-01' },
          end: { kind: 'date', date: '2026-10-02' },
        },
      });
      expect(addon.call('runDataSet', id).status).toBe('success');
      const before = sheetValues(addon, 'Faulty');
      saveDataSet(addon, {
        ...fields,
        id,
        dates: {
          mode: 'range',
          start: { kind: 'date', date: '2025-12-01' },
          end: { kind: 'date', date: '2026-10-31' },
        },
      });

      const faults: AccountFaults[] = [
        { quotaAfter: 0 },
        { busy: 'always' },
        { invalidateTokensAfter: 2 },
        { http5xx: 'always' },
        {},
      ];
      const statuses: string[] = [];
      let at = MONDAY + 3 * HOUR;
      for (let step = 0; step < 40 && statuses.at(-1) !== 'success'; step++, at += HOUR) {
        const fault = faults[Math.min(step, faults.length - 1)] ?? {};
        await simulator.setFaults(appid, fault);
        const ticks = tickAt(addon, at);
        for (const tick of ticks) for (const run of tick.ran) statuses.push(run.status);
        if (statuses.at(-1) !== 'success') expect(sheetValues(addon, 'Faulty')).toBe(before);
      }
      await simulator.setFaults(appid, {});
      expect(statuses).toContain('failed');
      expect(statuses).toContain('running');
      expect(statuses.at(-1)).toBe('success');
      const served = (await simulator.served(appid, 'getupstreammsghour')).flatMap(flattenRaw);
      const inRange = served.filter((row) => String(row.ref_date) >= '2025-12-01');
      const sheet = addon.emu.spreadsheet.sheet('Faulty');
      const keys = sheet
        .displayValues()
        .slice(1)
        .map((row) => `${row[0]}|${row[1]}|${row[2]}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(new Set(inRange.map((row) => `${row.ref_date}|${row.ref_hour}|${row.msg_type}`)).size);
      const history = runHistory(addon, id);
      expect(history.some((run) => run.code === 'wechat_daily_quota' && /tomorrow/.test(run.message))).toBe(true);
    } finally {
      addon.dispose();
    }
  }, 240_000);

  it('pauses after 5 failed scheduled runs, emails at most once a day, says so in the list, and resumes', async () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY + 9 * HOUR });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.failing);
      const id = saveDataSet(addon, {
        name: 'Flaky',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'hours', every: 1 },
        notifyOnFailure: true,
      });
      await simulator.setFaults(ACCOUNTS.failing.appid, { busy: 'always' });
      const statuses: string[] = [];
      for (let at = MONDAY + 10 * HOUR; at <= MONDAY + 17 * HOUR; at += HOUR) {
        for (const tick of tickAt(addon, at)) for (const run of tick.ran) statuses.push(run.status);
      }
      expect(statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
      expect(addon.emu.mail).toHaveLength(1);
      expect(addon.emu.mail[0]!.subject).toMatch(/Flaky/);
      // It names the spreadsheet and links to it: one person may run the schedules of many.
      const book = addon.emu.spreadsheet;
      expect(addon.emu.mail[0]!.subject).toContain(`"${book.name}"`);
      expect(addon.emu.mail[0]!.body).toContain(`https://docs.google.com/spreadsheets/d/${book.id}/edit`);
      const listed = addon.call('listDataSets');
      const flaky = listed.find((dataSet) => dataSet.id === id)!;
      expect(flaky.paused?.message).toMatch(/busy/);
      expect(flaky.nextRun).toBeUndefined();
      expect(flaky.lastRun?.status).toBe('failed');

      await simulator.setFaults(ACCOUNTS.failing.appid, {});
      expect(addon.call('resumeDataSet', id).ok).toBe(true);
      const resumed = tickAt(addon, MONDAY + 18 * HOUR)[0]!;
      expect(resumed.ran).toEqual([expect.objectContaining({ id, status: 'success' })]);
    } finally {
      addon.dispose();
    }
  });

  it('pauses at once on bad credentials', () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY + 9 * HOUR });
    try {
      const accountId = saveDirectAccount(addon, { ...ACCOUNTS.failing, secret: 'WrongWrongWrongWrongWrongWrong12' });
      const id = saveDataSet(addon, {
        name: 'Bad secret',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'hours', every: 1 },
      });
      const first = tickAt(addon, MONDAY + 10 * HOUR)[0]!;
      expect(first.ran).toEqual([expect.objectContaining({ id, status: 'failed' })]);
      // Nothing left for the schedule to do: its trigger goes until the DataSet is resumed.
      expect(tickAt(addon, MONDAY + 11 * HOUR)).toEqual([]);
      expect(addon.emu.triggers()).toEqual([]);
      const listed = addon.call('listDataSets');
      expect(listed.find((dataSet) => dataSet.id === id)?.paused?.code).toBe('wechat_credentials_40125');
    } finally {
      addon.dispose();
    }
  });

  it('the DataSets due in one tick share their round trips to WeChat: one token and full batches per account', () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY });
    try {
      const accounts = [
        saveDirectAccount(addon, ACCOUNTS.shared, 'One'),
        saveDirectAccount(addon, ACCOUNTS.sharedToo, 'Two'),
      ];
      const reports = ['article_summary', 'article_total', 'user_read', 'user_summary', 'upstream_msg'];
      const ids = accounts.flatMap((accountId, index) =>
        reports.map((reportId) =>
          saveDataSet(addon, {
            name: `Shared ${index} ${reportId}`,
            accountId,
            reportId,
            dates: { mode: 'preset', preset: 'last7' },
            updateMethod: 'append',
            schedule: { kind: 'daily', hour: 9 },
          }),
        ),
      );
      tickAt(addon, MONDAY + 9 * HOUR);
      const callsOf = (id: string) => runHistory(addon, id)[0]?.calls ?? 0;
      const roundTrips = () =>
        addon.emu.calls.count('UrlFetchApp.fetchAll') + addon.emu.calls.count('UrlFetchApp.fetch');
      const before = roundTrips();
      const [tick] = tickAt(addon, MONDAY + DAY + 9 * HOUR);
      expect(tick!.ran.map((run) => run.status)).toEqual(ids.map(() => 'success'));
      const perAccount = [ids.slice(0, 5), ids.slice(5)].map((group) =>
        group.reduce((sum, id) => sum + callsOf(id), 0),
      );
      expect(perAccount.every((calls) => calls > 10)).toBe(true);
      // Each account: one token fetch, then its calls ten at a time; ten DataSets on their own would need 20 or more.
      const expected = perAccount.reduce((sum, calls) => sum + 1 + Math.ceil(calls / 10), 0);
      expect(roundTrips() - before).toBe(expected);
    } finally {
      addon.dispose();
    }
  });

  it("respects the account's daily call budget across DataSets and continues the next Beijing day", () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY + 9 * HOUR });
    try {
      const saved = addon.call('saveAccount', {
        name: 'Budgeted',
        appId: ACCOUNTS.budget.appid,
        type: 'china',
        connection: 'direct',
        secret: ACCOUNTS.budget.secret,
        dailyCallBudget: 5,
      });
      const accountId = succeeded(saved).account.id;
      const range = {
        mode: 'range',
        start: { kind: 'date', date: '2026-09-01' },
        end: { kind: 'date', date: '2026-10-31' },
      };
      const first = saveDataSet(addon, { name: 'Budget A', accountId, reportId: 'user_summary', dates: range });
      const second = saveDataSet(addon, { name: 'Budget B', accountId, reportId: 'user_cumulate', dates: range });
      const a = addon.call('runDataSet', first);
      expect(a).toEqual(expect.objectContaining({ status: 'running', code: 'call_budget', calls: 5 }));
      const b = addon.call('runDataSet', second);
      expect(b).toEqual(expect.objectContaining({ status: 'running', code: 'call_budget', calls: 0 }));
      expect(addon.emu.spreadsheet.hasSheet('Budget A')).toBe(false);
      const statuses: string[] = [];
      for (let day = 1; day <= 4; day++) {
        for (const tick of tickAt(addon, MONDAY + day * DAY + 9 * HOUR))
          for (const run of tick.ran) statuses.push(run.status);
      }
      expect(statuses.filter((status) => status === 'success')).toHaveLength(2);
      expect(addon.emu.spreadsheet.sheet('Budget A').lastRow).toBeGreaterThan(61);
    } finally {
      addon.dispose();
    }
  });

  it.each([
    ['daily', { kind: 'daily', hour: 9 }],
    ['hourly', { kind: 'hours', every: 1 }],
  ])('measures the trigger time a day of 9 %s Append DataSets (150 ms a WeChat round trip)', (label, schedule) => {
    const addon = loadAddon(simulator, { nowMs: MONDAY, latencyMs: 150 });
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.timing);
      for (const reportId of CLASSIC_REPORTS) {
        saveDataSet(addon, {
          name: `${label} ${reportId}`,
          accountId,
          reportId,
          dates: { mode: 'preset', preset: 'last7' },
          updateMethod: 'append',
          schedule,
        });
      }
      // A first day to do the initial fetch, then one measured day.
      for (let at = MONDAY + HOUR; at <= MONDAY + DAY; at += HOUR) tickAt(addon, at);
      let networkMs = 0;
      let cpuMs = 0;
      let runs = 0;
      for (let at = MONDAY + DAY + HOUR; at <= MONDAY + 2 * DAY; at += HOUR) {
        const started = performance.now();
        const ticks = tickAt(addon, at);
        cpuMs += performance.now() - started;
        for (const tick of ticks) {
          networkMs += tick.durationMs;
          runs += tick.ran.length;
          for (const run of tick.ran) expect(['success', 'partial']).toContain(run.status);
        }
      }
      const minutes = (networkMs + cpuMs) / 60_000;
      process.stdout.write(
        `trigger time a day, 9 ${label} DataSets: ${minutes.toFixed(2)} min (${runs} runs; WeChat ${(networkMs / 1000).toFixed(1)} s + CPU in the emulation ${(cpuMs / 1000).toFixed(1)} s)\n`,
      );
      expect(runs).toBe(label === 'daily' ? 9 : 9 * 24);
      expect(minutes).toBeLessThan(90);
    } finally {
      addon.dispose();
    }
  });

  it('two users: one trigger in the spreadsheet, never a second per user, and a DataSet never runs twice for a slot', () => {
    const addon = loadAddon(simulator, { nowMs: MONDAY });
    try {
      addon.emu.setUser('alice@example.com');
      const accountId = saveDirectAccount(addon, ACCOUNTS.users);
      const id = saveDataSet(addon, {
        name: 'Shared',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'hours', every: 1 },
      });
      for (let i = 0; i < 3; i++) addon.call('getScheduleInfo');
      addon.emu.setUser('bob@example.com');
      saveDataSet(addon, {
        id,
        name: 'Shared',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'hours', every: 2 },
      });
      const info = addon.call('getScheduleInfo');
      expect(info).toEqual(
        expect.objectContaining({
          ownedByMe: false,
          myTrigger: false,
          owner: expect.objectContaining({ user: 'alice@example.com' }),
        }),
      );
      expect(addon.emu.triggers().map((trigger) => trigger.user)).toEqual(['alice@example.com']);

      // Alice's trigger stops ticking (she lost access, say): after three hours Bob's sidebar takes over.
      addon.clock.set(MONDAY + 4 * HOUR);
      expect(addon.call('getScheduleInfo').myTrigger).toBe(true);
      const users = addon.emu
        .triggers()
        .map((trigger) => trigger.user)
        .sort();
      expect(users).toEqual(['alice@example.com', 'bob@example.com']);

      // Both triggers fire for the same slots: each slot runs once.
      const runs: number[] = [];
      for (let at = MONDAY + 5 * HOUR; at <= MONDAY + 12 * HOUR; at += HOUR) {
        addon.clock.set(at);
        addon.emu.fireTimeTriggers();
        runs.push(runHistory(addon, id).length);
      }
      const perTick = runs.map((count, index) => count - (index === 0 ? 0 : runs[index - 1]!));
      expect(perTick.every((count) => count <= 1)).toBe(true);
      // Every 2 hours: the 04:00 slot (caught up at 05:30), then 06:00, 08:00, 10:00 and 12:00.
      expect(perTick.filter((count) => count === 1)).toHaveLength(5);

      // A run in progress elsewhere (its lease): a manual run says so instead of starting a second one.
      addon.emu.globals.PropertiesService;
      const props = (
        addon.emu.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService
      ).getDocumentProperties();
      props.setProperty(
        `lease.${id}`,
        JSON.stringify({ owner: 'another-execution', untilMs: addon.clock.now() + 5 * 60_000 }),
      );
      const busy = addon.call('runDataSet', id);
      expect(busy).toEqual(expect.objectContaining({ status: 'busy', code: 'already_running' }));
      expect(busy.message).toMatch(/already running/);

      // No schedule left: every trigger of this user goes.
      saveDataSet(addon, {
        id,
        name: 'Shared',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'manual' },
      });
      expect(addon.emu.triggers().filter((trigger) => trigger.user === 'bob@example.com')).toEqual([]);
    } finally {
      addon.dispose();
    }
  });
});
