/**
 * The add-on under Apps Script's and WeChat's own limits, through the built bundle: a hung network, Apps Script's
 * quota and throttling errors (in English and Chinese), a missing document lock, and WeChat's per-API daily quota.
 * These run under the realistic cost profile whatever GAS_COST_PROFILE says: a hang costs its 60 s there.
 */
import type { SimAccount } from '../../dev/simulator/simulator';
import {
  ADDON_IP,
  type Addon,
  CHINA_ACCOUNT,
  loadAddon,
  NOON_BEIJING,
  runHistory,
  saveDirectAccount,
  saveRangeDataSet,
  startSimulatorAt,
} from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

const HOUR = 3_600_000;
/** "Run now" works for a minute at a time (src/api/datasets.ts MANUAL_CHUNK_MS). */
const CHUNK_MS = 60_000;
/** What Apps Script waits for a fetch that gets no answer. */
const TIMEOUT_MS = 60_000;

const QUOTA_ACCOUNT: SimAccount = {
  appid: 'wx00000000000ab001',
  secret: 'QuotaSecretQuotaSecretQuotaSec01',
  type: 'china',
  whitelist: [ADDON_IP],
  // WeChat counts quotas per API: this account's getusersummary quota is used up, the others are not.
  dailyQuota: { getusersummary: 0 },
};

let simulator: SimulatorProcess;

beforeAll(async () => {
  simulator = await startSimulatorAt(NOON_BEIJING, [CHINA_ACCOUNT, QUOTA_ACCOUNT]);
});
afterAll(async () => {
  await simulator.close();
});

function load(options: Parameters<typeof loadAddon>[1] = {}): Addon {
  return loadAddon(simulator, { costProfile: 'realistic', timeoutMs: 3000, ...options });
}

function fetchCalls(addon: Addon): number {
  return addon.emu.calls.count('UrlFetchApp.fetch') + addon.emu.calls.count('UrlFetchApp.fetchAll');
}

async function datacubeCalls(appid: string): Promise<number> {
  const stats = await simulator.control<{ datacubeCalls: { byAccount: Record<string, { total: number }> } }>(
    'GET',
    'stats',
  );
  return stats.datacubeCalls.byAccount[appid]?.total ?? 0;
}

it('a hung network during Run now answers within its chunk plus one timeout, and sends nothing twice', async () => {
  const addon = load();
  try {
    const accountId = saveDirectAccount(addon);
    const id = saveRangeDataSet(addon, accountId, 'user_summary', '2025-11-28', '2026-11-27', { name: 'Hung' });
    // The token first, so only the data calls hang.
    expect(
      addon.call('runDataSet', saveRangeDataSet(addon, accountId, 'user_cumulate', '2026-11-27', '2026-11-27')).ok,
    ).toBe(true);
    await simulator.setFaults(CHINA_ACCOUNT.appid, { hang: true });
    const callsBefore = await datacubeCalls(CHINA_ACCOUNT.appid);
    const started = addon.clock.now();
    const outcome = addon.call('runDataSet', id);
    const elapsed = addon.clock.now() - started;
    await simulator.setFaults(CHINA_ACCOUNT.appid, {});
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'network' }));
    expect(outcome.message).toMatch(/timeout/);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(elapsed).toBeLessThanOrEqual(CHUNK_MS + TIMEOUT_MS);
    // One batch of ten, sent once: not again as a batch, nor one request at a time.
    expect((await datacubeCalls(CHINA_ACCOUNT.appid)) - callsBefore).toBe(10);
    // Nothing lost: the run is kept and continues once WeChat answers again.
    const next = addon.call('runDataSet', id);
    expect(next.code === 'continuing' || next.status === 'success').toBe(true);
  } finally {
    addon.dispose();
  }
});

describe.each([
  ['en', 'Service invoked too many times for one day: urlfetch.'],
  ['zh-CN', '一天内调用服务的次数过多：urlfetch。'],
])('Apps Script refuses to fetch (locale %s)', (locale) => {
  it('a urlfetch quota error gives apps_script_quota after one attempt', () => {
    const addon = load({ locale });
    try {
      const accountId = saveDirectAccount(addon);
      const id = saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-27');
      addon.emu.limits.setUsed('urlfetch', addon.emu.user, 20_000);
      const before = fetchCalls(addon);
      const outcome = addon.call('runDataSet', id);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'apps_script_quota' }));
      expect(outcome.message).toMatch(/daily Apps Script quota for urlfetch is used up.*Nothing was lost/);
      expect(fetchCalls(addon) - before).toBe(1);
      expect(addon.emu.urlFetchLog).toHaveLength(0);
    } finally {
      addon.dispose();
    }
  });

  it('burst throttling gives apps_script_throttled after one attempt', () => {
    const addon = load({ locale });
    try {
      const accountId = saveDirectAccount(addon);
      const id = saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-27');
      addon.emu.limits.throttle('urlfetch', 1);
      const before = fetchCalls(addon);
      const outcome = addon.call('runDataSet', id);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'apps_script_throttled' }));
      expect(fetchCalls(addon) - before).toBe(1);
      // The next call goes through.
      expect(addon.call('runDataSet', id).status).toBe('success');
    } finally {
      addon.dispose();
    }
  });
});

it('a null document lock gives a clear outcome, from "Run now" and from the schedule, and nothing is thrown', () => {
  const addon = load();
  try {
    const accountId = saveDirectAccount(addon);
    const id = saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-27', {
      schedule: { kind: 'daily', hour: 13 },
    });
    addon.emu.limits.documentLockNull = true;
    const outcome = addon.call('runDataSet', id);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'lock_unavailable' }));
    expect(outcome.message).toMatch(/no document lock.*Nothing was changed/);
    addon.clock.set(NOON_BEIJING + HOUR + 60_000);
    const tick = addon.call('onScheduledTick');
    expect(tick.ran).toEqual([expect.objectContaining({ id, status: 'failed' })]);
    expect(addon.emu.spreadsheet.hasSheet('user_summary')).toBe(false);
  } finally {
    addon.dispose();
  }
});

it('45009 on one API leaves another report of the same account running', () => {
  const addon = load();
  try {
    const accountId = saveDirectAccount(addon, QUOTA_ACCOUNT, 'Quota account');
    const schedule = { kind: 'daily', hour: 13 };
    const summary = saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-27', { schedule });
    const cumulate = saveRangeDataSet(addon, accountId, 'user_cumulate', '2026-11-01', '2026-11-27', { schedule });
    const upstream = saveRangeDataSet(addon, accountId, 'upstream_msg', '2026-11-01', '2026-11-27', { schedule });
    addon.clock.set(NOON_BEIJING + HOUR + 60_000);
    const tick = addon.call('onScheduledTick');
    const statusOf = (id: string) => tick.ran.find((run) => run.id === id)?.status;
    expect([statusOf(summary), statusOf(cumulate), statusOf(upstream)]).toEqual(['failed', 'success', 'success']);
    const history = runHistory(addon, summary);
    expect(history[0]).toEqual(
      expect.objectContaining({ code: 'wechat_daily_quota', message: expect.stringMatching(/other reports/) }),
    );
    // Later the same Beijing day: User Summary waits for tomorrow (no call); the others run when due.
    const again = saveRangeDataSet(addon, accountId, 'user_cumulate', '2026-10-01', '2026-10-07', { name: 'October' });
    expect(addon.call('runDataSet', again).status).toBe('success');
    const waiting = addon.call('runDataSet', summary);
    expect(waiting).toEqual(expect.objectContaining({ code: 'wechat_daily_quota', calls: 0 }));
  } finally {
    addon.dispose();
  }
});

it("the sidebar's quota line: WeChat's own calls used today and daily limit per API, and which runs would not fit", async () => {
  const addon = load();
  try {
    const accountId = saveDirectAccount(addon, QUOTA_ACCOUNT, 'Quota account');
    const summary = saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-27');
    const cumulate = saveRangeDataSet(addon, accountId, 'user_cumulate', '2026-11-01', '2026-11-27');
    expect(addon.call('runDataSet', cumulate).status).toBe('success');
    const quota = addon.call('getAccountQuota', accountId);
    if (!quota.ok || !('apis' in quota)) throw new Error(`quota refused: ${JSON.stringify(quota)}`);
    expect(quota.ok).toBe(true);
    const byEndpoint = Object.fromEntries(quota.apis.map((api) => [api.endpoint, api]));
    const simulatorSays = await simulator.control<{
      datacubeCalls: { byAccount: Record<string, { byEndpoint: Record<string, number> }> };
    }>('GET', 'stats');
    const cumulateCalls = simulatorSays.datacubeCalls.byAccount[QUOTA_ACCOUNT.appid]?.byEndpoint.getusercumulate ?? 0;
    expect(byEndpoint.getusercumulate).toEqual(
      expect.objectContaining({ dailyLimit: 1000, used: cumulateCalls, remain: 1000 - cumulateCalls, short: false }),
    );
    expect(byEndpoint.getusersummary).toEqual(
      expect.objectContaining({
        dailyLimit: 0,
        remain: 0,
        short: true,
        dataSets: [expect.objectContaining({ id: summary, callsNeeded: 4 })],
      }),
    );
    expect(addon.callUnchecked('getAccountQuota', { id: accountId })).toEqual(
      expect.objectContaining({ ok: false, code: 'invalid_argument' }),
    );
  } finally {
    addon.dispose();
  }
});
