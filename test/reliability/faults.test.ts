/**
 * Faults at WeChat, through the simulator and the built bundle. Each scenario checks the sheet (exactly as it was,
 * or exactly complete), the run history's message, that no row is duplicated, and that token calls stay bounded
 * (and match what the simulator saw). 61500 and an unknown errcode come from a scripted stub: the simulator only
 * answers 61500 to a request the add-on never sends (proved below from the simulator's log).
 */
import type { AccountFaults, SimAccount } from '../../dev/simulator/simulator';
import {
  ADDON_IP,
  type Addon,
  CHINA_ACCOUNT,
  loadAddon,
  NOON_BEIJING,
  saveDirectAccount,
  startSimulatorAt,
} from '../support/addon';
import { flattenRaw } from '../support/expected-rows';
import type { SimulatorProcess } from '../support/simulator-process';
import {
  expectNoDuplicateRows,
  history,
  type Outcome,
  range,
  runToEnd,
  saveDataSet,
  scenarioSuite,
  sheetSnapshot,
} from './support/scenarios';
import { type StubProcess, startStub } from './support/stub-process';

const { scenario } = scenarioSuite('faults');

const HOUR = 3_600_000;
const account = (appid: string, extra: Partial<SimAccount> = {}): SimAccount => ({
  appid,
  secret: `${appid.slice(2)}SecretSecretSecr`,
  type: 'china',
  whitelist: [ADDON_IP],
  ...extra,
});
const ACCOUNTS = {
  main: CHINA_ACCOUNT,
  expiry: account('wx00000000000fa001'),
  skew: account('wx00000000000fa002'),
  quota: account('wx00000000000fa003'),
  whitelisted: account('wx00000000000fa004', { whitelist: ['10.9.9.9'] }),
  international: account('wx00000000000fa005', { type: 'international' }),
  unverified: account('wx00000000000fa006', { verified: false }),
  misc: account('wx00000000000fa007'),
};
/** user_summary, 27 days: 4 calls of up to 7 days. */
const MAIN_RANGE = range('2026-11-01', '2026-11-27');
const SHEET = 'Followers';
const SMALL = 'Cumulate';
const SMALL_RANGE = range('2026-11-21', '2026-11-27');
const KEY_COLUMNS = 2;

describe('reliability: faults at WeChat', () => {
  let simulator: SimulatorProcess;
  let stub: StubProcess;
  let addon: Addon;
  let mainId: string;
  let baseline: string;
  /** One call a run: for the faults that cost real time per call (timeouts). */
  let smallId: string;
  let smallBaseline: string;

  beforeAll(async () => {
    [simulator, stub] = await Promise.all([startSimulatorAt(NOON_BEIJING, Object.values(ACCOUNTS)), startStub()]);
    addon = loadAddon(simulator, { timeoutMs: 3000 });
    const accountId = saveDirectAccount(addon);
    mainId = saveDataSet(addon, { name: SHEET, accountId, reportId: 'user_summary', dates: MAIN_RANGE });
    expect(addon.call('runDataSet', mainId).status).toBe('success');
    baseline = sheetSnapshot(addon, SHEET);
    smallId = saveDataSet(addon, { name: SMALL, accountId, reportId: 'user_cumulate', dates: SMALL_RANGE });
    expect(addon.call('runDataSet', smallId).status).toBe('success');
    smallBaseline = sheetSnapshot(addon, SMALL);
  });

  afterAll(async () => {
    addon?.dispose();
    await Promise.all([simulator?.close(), stub?.close()]);
  });

  afterEach(async () => {
    await simulator.setFaults(ACCOUNTS.main.appid, {});
  });

  /** Token calls the simulator received for an App ID (known to it or not). */
  async function tokenCallsOf(appid: string, sim: SimulatorProcess = simulator): Promise<number> {
    const entries = await sim.log();
    return entries.filter(
      (entry) => (entry.kind === 'stable_token' || entry.kind === 'token') && entry.body.includes(appid),
    ).length;
  }

  /** Scenarios that move the clock get a simulator of their own (its clock only follows callers forward). */
  async function withOwnSimulator(accounts: SimAccount[], fn: (sim: SimulatorProcess) => Promise<void>) {
    const sim = await startSimulatorAt(NOON_BEIJING, accounts);
    try {
      await fn(sim);
    } finally {
      await sim.close();
    }
  }

  /** Runs the main DataSet under `faults`; checks history, duplicates and token calls; returns the outcome. */
  async function runMain(faults: AccountFaults): Promise<Outcome> {
    const tokensBefore = await tokenCallsOf(ACCOUNTS.main.appid);
    await simulator.setFaults(ACCOUNTS.main.appid, faults);
    const outcome = addon.call('runDataSet', mainId);
    await simulator.setFaults(ACCOUNTS.main.appid, {});
    const [latest] = history(addon, mainId);
    expect(latest).toEqual(expect.objectContaining({ status: outcome.status, message: outcome.message }));
    expect(latest?.code).toBe(outcome.code);
    expectNoDuplicateRows(addon, SHEET, KEY_COLUMNS);
    expect(outcome.tokenCalls).toBeLessThanOrEqual(1);
    expect((await tokenCallsOf(ACCOUNTS.main.appid)) - tokensBefore).toBe(outcome.tokenCalls);
    return outcome;
  }

  /** A persistent fault: the run fails with `code`, says `message`, and leaves the sheet exactly as it was. */
  async function expectFailure(faults: AccountFaults, code: string, message: RegExp): Promise<Outcome> {
    const outcome = await runMain(faults);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code }));
    expect(outcome.message).toMatch(message);
    expect(outcome.message).toMatch(/\S/);
    expect(sheetSnapshot(addon, SHEET)).toBe(baseline);
    return outcome;
  }

  /** A passing fault: the run succeeds and the sheet is exactly the complete table. */
  async function expectRecovery(faults: AccountFaults): Promise<Outcome> {
    const outcome = await runMain(faults);
    expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'success' }));
    expect(sheetSnapshot(addon, SHEET)).toBe(baseline);
    return outcome;
  }

  scenario('-1 busy, passing: retried with backoff, the sheet complete', async () => {
    const outcome = await expectRecovery({ busy: 3 });
    expect(outcome.calls).toBe(4 + 3);
  });

  scenario('-1 busy, persistent: fails after the retries, sheet unchanged', async () => {
    const outcome = await expectFailure({ busy: 'always' }, 'wechat_busy', /busy.*run it again later/);
    expect(outcome.tokenCalls).toBe(0);
  });

  scenario('40001 mid-run (tokens revoked after 2 calls): one new token, the sheet complete', async () => {
    const outcome = await expectRecovery({ invalidateTokensAfter: 2 });
    expect(outcome.tokenCalls).toBe(1);
    const revoked = await simulator.log({ appid: ACCOUNTS.main.appid, errcode: '40001' });
    expect(revoked.length).toBeGreaterThan(0);
  });

  scenario('42001 avoided: a cached token past its expiry (7200 s) is not used, a new one is fetched', () =>
    withOwnSimulator([ACCOUNTS.expiry], async (sim) => {
      const local = loadAddon(sim, { nowMs: NOON_BEIJING });
      try {
        const accountId = saveDirectAccount(local, ACCOUNTS.expiry);
        const id = saveDataSet(local, {
          name: 'Expiry',
          accountId,
          reportId: 'user_cumulate',
          dates: range('2026-11-21', '2026-11-27'),
        });
        expect(local.call('runDataSet', id)).toEqual(expect.objectContaining({ status: 'success', tokenCalls: 1 }));
        const first = sheetSnapshot(local, 'Expiry');
        expect(local.call('runDataSet', id).tokenCalls).toBe(0);
        const since = (await sim.log()).at(-1)?.seq ?? 0;
        local.clock.advance(7200_000 + 60_000);
        const outcome = local.call('runDataSet', id);
        expect(outcome).toEqual(expect.objectContaining({ status: 'success', tokenCalls: 1 }));
        const entries = (await sim.log()).filter((entry) => entry.seq > since);
        expect(entries.filter((entry) => entry.errcode === 42001)).toEqual([]);
        expect(entries.filter((entry) => entry.kind === 'stable_token')).toHaveLength(1);
        expect(sheetSnapshot(local, 'Expiry')).toBe(first);
        expect(history(local, id)[0]?.message).toBe(outcome.message);
      } finally {
        local.dispose();
      }
    }),
  );

  scenario('42001 mid-run (the token expires during a long scheduled run): exactly one more token call', () =>
    withOwnSimulator([ACCOUNTS.skew], async (sim) => {
      // 45 s of network per call. The add-on dates a token's expiry from when the answer arrived, WeChat from when
      // it issued it; a tick that starts just before the add-on's 3-minute margin runs past WeChat's expiry.
      const local = loadAddon(sim, { nowMs: NOON_BEIJING, latencyMs: 45_000 });
      try {
        const accountId = saveDirectAccount(local, ACCOUNTS.skew);
        const fields = { name: 'Skew', accountId, reportId: 'user_summary' };
        const id = saveDataSet(local, { ...fields, dates: range('2025-11-28', '2026-11-27') });
        const first = local.call('runDataSet', id);
        expect(first).toEqual(expect.objectContaining({ status: 'running', tokenCalls: 1 }));
        const since = (await sim.log()).at(-1)?.seq ?? 0;
        local.clock.set(NOON_BEIJING + 7060_000);
        const tick = local.call('onScheduledTick');
        expect(tick.ran).toEqual([expect.objectContaining({ id })]);
        const outcomes = runToEnd(local, id);
        expect(outcomes.at(-1)).toEqual(expect.objectContaining({ status: 'success' }));
        const entries = (await sim.log()).filter((entry) => entry.seq > since);
        expect(entries.filter((entry) => entry.errcode === 42001).length).toBeGreaterThan(0);
        expect(entries.filter((entry) => entry.kind === 'stable_token')).toHaveLength(1);
        expectNoDuplicateRows(local, 'Skew', KEY_COLUMNS);
        const reference = saveDataSet(local, {
          ...fields,
          name: 'Reference',
          dates: range('2025-11-28', '2026-11-27'),
        });
        expect(runToEnd(local, reference).at(-1)?.status).toBe('success');
        expect(sheetSnapshot(local, 'Skew')).toBe(sheetSnapshot(local, 'Reference'));
        expect(history(local, id)[0]).toEqual(expect.objectContaining({ status: 'success' }));
      } finally {
        local.dispose();
      }
    }),
  );

  /** A DataSet of its own account: the run fails before any sheet exists, with `code` and `message`. */
  async function expectAccountFailure(
    simAccount: SimAccount,
    name: string,
    code: string,
    message: RegExp,
  ): Promise<Outcome> {
    const tokensBefore = await tokenCallsOf(simAccount.appid);
    const accountId = saveDirectAccount(addon, simAccount, name);
    const id = saveDataSet(addon, {
      name,
      accountId,
      reportId: 'user_cumulate',
      dates: range('2026-11-21', '2026-11-27'),
    });
    const outcome = addon.call('runDataSet', id);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code }));
    expect(outcome.message).toMatch(message);
    expect(addon.emu.spreadsheet.hasSheet(name)).toBe(false);
    expect(history(addon, id)[0]).toEqual(
      expect.objectContaining({ status: 'failed', code, message: outcome.message }),
    );
    expect(outcome.tokenCalls).toBeLessThanOrEqual(1);
    expect((await tokenCallsOf(simAccount.appid)) - tokensBefore).toBe(outcome.tokenCalls);
    return outcome;
  }

  scenario('40013: an App ID WeChat does not know', async () => {
    const unknown = account('wx00000000000fa0ff');
    await expectAccountFailure(unknown, 'Unknown App ID', 'wechat_credentials_40013', /App ID \(40013\).*AppID/);
  });

  scenario('40125: a wrong App Secret (never echoed)', async () => {
    const wrong = { ...ACCOUNTS.misc, secret: 'WrongSecretWrongSecretWrongSecr9' };
    const outcome = await expectAccountFailure(
      wrong,
      'Wrong secret',
      'wechat_credentials_40125',
      /App Secret is wrong/,
    );
    expect(outcome.message).not.toContain(wrong.secret);
  });

  scenario('40164: the calling IP is not whitelisted (named), pointing to the relay', async () => {
    await expectAccountFailure(ACCOUNTS.whitelisted, 'Whitelist', 'wechat_ip_not_whitelisted', /127\.0\.0\.1.*relay/);
  });

  scenario('48001: an account without the data API permission', async () => {
    await expectAccountFailure(ACCOUNTS.unverified, 'Unverified', 'wechat_permission_48001', /verified/);
  });

  scenario('50001: an international account on the China host', async () => {
    const onChinaHost = { ...ACCOUNTS.international, type: 'china' as const };
    await expectAccountFailure(onChinaHost, 'Wrong host', 'wechat_permission_50001', /International/);
  });

  scenario('45009 mid-backfill: nothing lost, no calls until tomorrow, then the backfill completes exactly', () =>
    withOwnSimulator([ACCOUNTS.quota], async (simulator) => {
      const local = loadAddon(simulator, { nowMs: NOON_BEIJING });
      try {
        const accountId = saveDirectAccount(local, ACCOUNTS.quota);
        const fields = { name: 'Backfill', accountId, reportId: 'user_summary' };
        const id = saveDataSet(local, { ...fields, dates: range('2026-11-21', '2026-11-27') });
        expect(local.call('runDataSet', id).status).toBe('success');
        const before = sheetSnapshot(local, 'Backfill');
        saveDataSet(local, { ...fields, id, dates: range('2025-11-28', '2026-11-27') });

        await simulator.setFaults(ACCOUNTS.quota.appid, { quotaAfter: 25 });
        const stopped = local.call('runDataSet', id);
        expect(stopped).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'wechat_daily_quota' }));
        expect(stopped.message).toMatch(/Nothing was lost.*tomorrow/);
        expect(sheetSnapshot(local, 'Backfill')).toBe(before);
        expect(history(local, id)[0]?.message).toBe(stopped.message);

        const since = (await simulator.log()).at(-1)?.seq ?? 0;
        const again = local.call('runDataSet', id);
        expect(again).toEqual(expect.objectContaining({ status: 'failed', code: 'wechat_daily_quota', calls: 0 }));
        expect((await simulator.log({ appid: ACCOUNTS.quota.appid })).filter((e) => e.seq > since)).toEqual([]);

        // The next Beijing day, the quota is back.
        await simulator.setFaults(ACCOUNTS.quota.appid, {});
        local.clock.set(NOON_BEIJING + 21 * HOUR);
        const outcomes = runToEnd(local, id);
        expect(outcomes.at(-1)).toEqual(expect.objectContaining({ status: 'success' }));
        expectNoDuplicateRows(local, 'Backfill', KEY_COLUMNS);
        const reference = saveDataSet(local, {
          ...fields,
          name: 'Reference',
          dates: range('2025-11-28', '2026-11-27'),
        });
        expect(runToEnd(local, reference).at(-1)?.status).toBe('success');
        expect(JSON.stringify(local.emu.spreadsheet.sheet('Backfill').values())).toBe(
          JSON.stringify(local.emu.spreadsheet.sheet('Reference').values()),
        );
        expect(local.emu.spreadsheet.sheet('Backfill').lastRow).toBeGreaterThan(365);
      } finally {
        local.dispose();
      }
    }),
  );

  scenario('45011 passing: waits a minute and carries on, the sheet complete', async () => {
    const started = addon.clock.now();
    await simulator.setFaults(ACCOUNTS.main.appid, { minuteQuota: 2 });
    const outcomes = runToEnd(addon, mainId, 5);
    await simulator.setFaults(ACCOUNTS.main.appid, {});
    expect(outcomes.at(-1)).toEqual(expect.objectContaining({ status: 'success' }));
    expect(outcomes.reduce((total, outcome) => total + outcome.tokenCalls, 0)).toBe(0);
    expectNoDuplicateRows(addon, SHEET, KEY_COLUMNS);
    expect(addon.clock.now() - started).toBeGreaterThanOrEqual(60_000);
    expect(sheetSnapshot(addon, SHEET)).toBe(baseline);
    expect(history(addon, mainId)[0]?.message).toBe(outcomes.at(-1)?.message);
  });

  scenario(
    '45011 persistent: the sheet untouched, nothing lost; Run now and the schedule report the per-minute limit',
    async () => {
      await simulator.setFaults(ACCOUNTS.main.appid, { minuteQuota: 0 });
      // "Run now" waits out the limit twice, then says why it stopped; the run is kept for later.
      const manual = addon.call('runDataSet', mainId);
      expect(manual).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'wechat_minute_quota' }));
      expect(manual.message).toMatch(/per minute \(45011\)/);
      // The hourly tick has the time to wait twice, then says why it stopped; the run is kept for later.
      const tick = addon.call('onScheduledTick');
      expect(tick.ran).toEqual([expect.objectContaining({ id: mainId, status: 'failed' })]);
      const [latest] = history(addon, mainId);
      expect(latest).toEqual(expect.objectContaining({ status: 'failed', code: 'wechat_minute_quota' }));
      expect(latest?.message).toMatch(/per minute \(45011\)/);
      expect(sheetSnapshot(addon, SHEET)).toBe(baseline);
      await simulator.setFaults(ACCOUNTS.main.appid, {});
      expect(runToEnd(addon, mainId).at(-1)?.status).toBe('success');
      expect(sheetSnapshot(addon, SHEET)).toBe(baseline);
      addon.call('resumeDataSet', mainId);
    },
  );

  scenario('47009: a retired endpoint points to the newer reports', async () => {
    await expectFailure({ retired: ['getusersummary'] }, 'wechat_retired', /retired.*published-content/);
  });

  scenario('61501 for every window, even one day: halved down to single days, then a clear failure', async () => {
    const outcome = await expectFailure({ rangeError: true }, 'wechat_date_range', /61501.*yesterday/);
    expect(outcome.calls).toBeGreaterThan(4);
  });

  scenario('61503: days not ready are pending (partial), their rows kept', async () => {
    const outcome = await runMain({ notReady: true });
    expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'partial' }));
    expect(outcome.pendingDates).toHaveLength(27);
    expect(outcome.message).toMatch(/not finished computing.*08:00 Beijing/);
    expect(sheetSnapshot(addon, SHEET)).toBe(baseline);
  });

  for (const status of [500, 502, 503] as const) {
    scenario(`HTTP ${status}, persistent: fails naming the status, sheet unchanged`, async () => {
      await expectFailure(
        { http5xx: 'always', http5xxStatus: status },
        'http_error',
        new RegExp(`HTTP ${status} after several tries`),
      );
    });
  }

  scenario('HTTP 5xx, passing: retried, the sheet complete', async () => {
    await expectRecovery({ http5xx: 3 });
  });

  scenario('a timeout on every call: fails saying so, no URL or token in the message', async () => {
    const tokensBefore = await tokenCallsOf(ACCOUNTS.main.appid);
    await simulator.setFaults(ACCOUNTS.main.appid, { hang: true });
    const outcome = addon.call('runDataSet', smallId);
    await simulator.setFaults(ACCOUNTS.main.appid, {});
    expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'network' }));
    expect(outcome.message).toMatch(/\(timeout: no answer within a minute\).*try again later/);
    expect(outcome.message).not.toMatch(/access_token|https?:/);
    // A hung call is not sent again in the same run: it would cost another minute each time.
    expect(outcome.calls).toBe(1);
    expect(sheetSnapshot(addon, SMALL)).toBe(smallBaseline);
    expect(history(addon, smallId)[0]).toEqual(expect.objectContaining({ code: 'network', message: outcome.message }));
    expect((await tokenCallsOf(ACCOUNTS.main.appid)) - tokensBefore).toBe(0);
  });

  scenario('a truncated JSON body, persistent: fails, sheet unchanged', async () => {
    await expectFailure({ malformed: 'always', malformedKind: 'truncated' }, 'bad_response', /truncated or not JSON/);
  });

  scenario('a body that is not JSON, persistent: fails, sheet unchanged', async () => {
    await expectFailure({ malformed: 'always', malformedKind: 'text' }, 'bad_response', /truncated or not JSON/);
  });

  scenario('a malformed body, passing: retried, the sheet complete', async () => {
    await expectRecovery({ malformed: 2 });
  });

  scenario('unknown fields and codes: ignored and kept, every served row in the sheet', async () => {
    const fresh = saveDataSet(addon, {
      name: 'Unknown codes',
      accountId: addon.call('listAccounts')[0]!.id,
      reportId: 'upstream_msg',
      dates: range('2026-11-21', '2026-11-27'),
    });
    const served = (await simulator.served(ACCOUNTS.main.appid, 'getupstreammsg')).length;
    await simulator.setFaults(ACCOUNTS.main.appid, { unknownFields: true });
    const outcome = addon.call('runDataSet', fresh);
    await simulator.setFaults(ACCOUNTS.main.appid, {});
    expect(outcome).toEqual(expect.objectContaining({ status: 'success', tokenCalls: 0 }));
    const items = (await simulator.served(ACCOUNTS.main.appid, 'getupstreammsg')).slice(served);
    expect(outcome.rows).toBe(items.flatMap(flattenRaw).length);
    const sheet = addon.emu.spreadsheet.sheet('Unknown codes');
    expect(sheet.lastRow).toBe(outcome.rows + 1);
    expect(sheet.lastColumn).toBe(5);
    const unknownRows = sheet.values().filter((row) => row[1] === 10);
    expect(unknownRows).toHaveLength(7);
    for (const row of unknownRows) expect(row[2]).toBe('Unknown (10)');
    expectNoDuplicateRows(addon, 'Unknown codes', KEY_COLUMNS);
  });

  scenario('an empty list: a success with no rows, said in the message', async () => {
    const outcome = await runMain({ emptyList: true });
    expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'success', rows: 0 }));
    expect(outcome.message).toMatch(/: 0 rows from 4 WeChat calls/);
    const sheet = addon.emu.spreadsheet.sheet(SHEET);
    expect(sheet.lastRow).toBe(1);
    expect(sheet.cell('A1').value).toBe('Date');
    // Back to the full table for the next scenarios.
    expect(addon.call('runDataSet', mainId).status).toBe('success');
    expect(sheetSnapshot(addon, SHEET)).toBe(baseline);
  });

  scenario('a very large response (20 MB of unknown padding): read, padding ignored, the sheet complete', async () => {
    const local = loadAddon(simulator, { timeoutMs: 30_000 });
    try {
      const accountId = saveDirectAccount(local);
      const id = saveDataSet(local, { name: SMALL, accountId, reportId: 'user_cumulate', dates: SMALL_RANGE });
      await simulator.setFaults(ACCOUNTS.main.appid, { largeResponse: true });
      const outcome = local.call('runDataSet', id);
      await simulator.setFaults(ACCOUNTS.main.appid, {});
      expect(outcome).toEqual(expect.objectContaining({ status: 'success', rows: 7, calls: 1, tokenCalls: 1 }));
      expect(local.emu.urlFetchLog.at(-1)?.status).toBe(200);
      expect(sheetSnapshot(local, SMALL)).toBe(smallBaseline);
      expect(history(local, id)[0]?.message).toBe(outcome.message);
    } finally {
      local.dispose();
    }
  });

  describe('answers only a scripted stub gives', () => {
    let local: Addon;
    let stubId: string;
    let stubBaseline: string;

    beforeAll(async () => {
      await stub.setAnswers({
        getusercumulate: {
          body: JSON.stringify({
            list: [
              { ref_date: '2026-11-26', user_source: 0, cumulate_user: 1200 },
              { ref_date: '2026-11-27', user_source: 0, cumulate_user: 1210 },
            ],
          }),
        },
      });
      local = loadAddon({ origin: stub.origin });
      const accountId = saveDirectAccount(local);
      stubId = saveDataSet(local, {
        name: 'Stubbed',
        accountId,
        reportId: 'user_cumulate',
        dates: range('2026-11-26', '2026-11-27'),
      });
      expect(local.call('runDataSet', stubId).status).toBe('success');
      stubBaseline = sheetSnapshot(local, 'Stubbed');
    });

    afterAll(() => local?.dispose());

    scenario('61500 (date format): reported as a fault of the add-on, sheet unchanged', async () => {
      await stub.setAnswers({ getusercumulate: { body: '{"errcode":61500,"errmsg":"date format error rid: 1"}' } });
      const outcome = local.call('runDataSet', stubId);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'wechat_request_rejected', tokenCalls: 0 }));
      expect(outcome.message).toMatch(/61500: the date format is wrong.*report it/);
      expect(sheetSnapshot(local, 'Stubbed')).toBe(stubBaseline);
      expect(history(local, stubId)[0]?.message).toBe(outcome.message);
    });

    scenario('an unknown errcode: named in the message, sheet unchanged', async () => {
      await stub.setAnswers({
        getusercumulate: { body: '{"errcode":99123,"errmsg":"something new rid: 66aa-77bb"}' },
      });
      const outcome = local.call('runDataSet', stubId);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'wechat_unknown', tokenCalls: 0 }));
      expect(outcome.message).toMatch(/error 99123 \(something new\)\. Nothing was changed/);
      expect(sheetSnapshot(local, 'Stubbed')).toBe(stubBaseline);
      expect(history(local, stubId)[0]?.message).toBe(outcome.message);
    });
  });

  scenario('61500 never caused: every date the add-on sent in this suite was a real YYYY-MM-DD', async () => {
    const entries = await simulator.log({ kind: 'datacube' });
    expect(entries.length).toBeGreaterThan(100);
    const realDate = (value: unknown) =>
      typeof value === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value) &&
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
    const bad = entries.filter((entry) => {
      const body = JSON.parse(entry.body || '{}') as { begin_date?: unknown; end_date?: unknown };
      return !realDate(body.begin_date) || !realDate(body.end_date);
    });
    expect(bad).toEqual([]);
    expect((await simulator.stats()).errcodes['61500']).toBeUndefined();
  });
});
