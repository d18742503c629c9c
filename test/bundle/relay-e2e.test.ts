/**
 * The relay as the organisation's WeChat gateway, through the built bundle and the built relay. The accounts'
 * IP whitelists admit only the relay host (127.0.0.2): Direct from the add-on (127.0.0.1) gets 40164 naming the
 * IP; through the relay every report runs end to end, the add-on never asks for, receives or sends an access
 * token, a second spreadsheet connects with only the relay URL and key (GET /accounts), and neither the App
 * Secret nor a relay key appears in any result, log line or cell.
 */

import type { EntryName } from '../../dev/entry-points';
import type { RunOutcome as Outcome } from '../../src/refresh/outcome';
import { REPORTS } from '../../src/reports';
import { CHINA, INTERNATIONAL, KEYS, RELAY_IP, relayConfig } from '../relay/harness';
import { type Addon, loadAddon, NOON_BEIJING, relayUrlFor, saveRangeDataSet, startSimulatorAt } from '../support/addon';
import { flattenRaw, RANGES } from '../support/expected-rows';
import { type RelayProcess, startRelayProcess } from '../support/relay-process';
import type { SimulatorProcess } from '../support/simulator-process';

interface Listed {
  ok: boolean;
  accounts?: Array<{ appId: string; name: string; type: string }>;
  code?: string;
  problems?: Array<{ field: string; code: string }>;
}

const RELAY_URL = relayUrlFor('gateway');

describe('the relay as WeChat gateway, through the built bundle', () => {
  let simulator: SimulatorProcess;
  let relay: RelayProcess;
  let addon: Addon;
  let relayAccount: string;
  const addons: Addon[] = [];
  const results: unknown[] = [];
  const open = (): Addon => {
    const opened = loadAddon(simulator, { relays: { gateway: relay.url } });
    addons.push(opened);
    return opened;
  };
  const call = <T>(target: Addon, name: EntryName, ...args: unknown[]): T => {
    const result = target.callUnchecked(name, ...args) as T;
    results.push(result);
    return result;
  };

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING, [CHINA, INTERNATIONAL]);
    relay = await startRelayProcess(relayConfig(simulator.origin));
    addon = open();
  });

  afterAll(async () => {
    for (const opened of addons) opened.dispose();
    await relay?.close();
    await simulator?.close();
  });

  it('a Direct connection from the add-on gets 40164 naming the IP WeChat saw, and points to the relay', () => {
    const result = call<{ ok: boolean; code: string; message: string }>(addon, 'testConnection', {
      name: 'Direct',
      appId: CHINA.appid,
      type: 'china',
      connection: 'direct',
      secret: CHINA.secret,
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'wechat_ip_not_whitelisted' }));
    expect(result.message).toMatch(/calling IP 127\.0\.0\.1 .*Relay connection/);
    expect(result.message).not.toMatch(/docs\//);
  });

  it('lists the accounts a key may use, with App ID, name and type from the relay', () => {
    expect(call<Listed>(addon, 'listRelayAccounts', { relayUrl: RELAY_URL, relayKey: KEYS.sales })).toEqual({
      ok: true,
      accounts: [{ appId: CHINA.appid, name: 'Shop China', type: 'china' }],
    });
    expect(call<Listed>(addon, 'listRelayAccounts', { relayUrl: `${RELAY_URL}/`, relayKey: KEYS.intl })).toEqual({
      ok: true,
      accounts: [{ appId: INTERNATIONAL.appid, name: 'Global Store', type: 'international' }],
    });
  });

  it('saves the account picked from the list, and tests it through the relay', () => {
    const saved = call<{ ok: boolean; account: { id: string; relayKeySet: boolean; relayUrl: string } }>(
      addon,
      'saveAccount',
      {
        name: 'Shop China',
        appId: CHINA.appid,
        type: 'china',
        connection: 'relay',
        relayUrl: RELAY_URL,
        relayKey: KEYS.sales,
      },
    );
    expect(saved.ok).toBe(true);
    expect(saved.account).toEqual(expect.objectContaining({ relayKeySet: true, relayUrl: RELAY_URL }));
    relayAccount = saved.account.id;
    const tested = call<{ ok: boolean; message: string }>(addon, 'testConnection', {
      id: relayAccount,
      name: 'Shop China',
      appId: CHINA.appid,
      type: 'china',
      connection: 'relay',
      relayUrl: RELAY_URL,
    });
    expect(tested).toEqual({
      ok: true,
      code: 'connected_relay',
      params: { appId: 'wx1111111111111111', name: 'Shop China' },
      message: expect.stringMatching(/through the relay.*Shop China/),
    });
  });

  it('lists accounts for a saved account with its saved key, but never sends that key to another URL', () => {
    expect(call<Listed>(addon, 'listRelayAccounts', { relayUrl: RELAY_URL, accountId: relayAccount }).ok).toBe(true);
    const elsewhere = call<Listed>(addon, 'listRelayAccounts', {
      relayUrl: relayUrlFor('elsewhere'),
      accountId: relayAccount,
    });
    expect(elsewhere).toEqual(
      expect.objectContaining({
        ok: false,
        problems: [expect.objectContaining({ field: 'relayKey', code: 'required' })],
      }),
    );
    expect(addon.emu.urlFetchLog.some((entry) => entry.url.startsWith(relayUrlFor('elsewhere')))).toBe(false);
  });

  it('a wrong relay key is refused with a message that says what to fix', () => {
    const result = call<{ ok: boolean; code: string; message: string }>(addon, 'testConnection', {
      name: 'Wrong key',
      appId: CHINA.appid,
      type: 'china',
      connection: 'relay',
      relayUrl: RELAY_URL,
      relayKey: 'Wrong-Key-0123456789abcdefghijklmnop',
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'relay_990002' }));
    expect(result.message).toMatch(/relay key exactly/);
  });

  it('an App ID the key may not use is named, with the accounts it may use', () => {
    const result = call<{ ok: boolean; code: string; message: string }>(addon, 'testConnection', {
      name: 'Not served',
      appId: INTERNATIONAL.appid,
      type: 'international',
      connection: 'relay',
      relayUrl: RELAY_URL,
      relayKey: KEYS.sales,
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'relay_account_not_served' }));
    expect(result.message).toContain(`Shop China (${CHINA.appid})`);
  });

  it.each(REPORTS.map((report) => [report.id, report.endpoint]))(
    '%s runs end to end through the relay',
    async (reportId, endpoint) => {
      const [start, end] = RANGES[reportId]!;
      // The connection test above read one day of getusersummary: count only what this run was served.
      const before = (await simulator.served(CHINA.appid, endpoint)).flatMap(flattenRaw).length;
      const dataSet = saveRangeDataSet(addon, relayAccount, reportId, start, end, { name: `relay ${reportId}` });
      const outcome = call<Outcome>(addon, 'runDataSet', dataSet);
      expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'success' }));
      const served = (await simulator.served(CHINA.appid, endpoint)).flatMap(flattenRaw).length - before;
      expect(served).toBeGreaterThan(0);
      expect(outcome.rows).toBe(served);
      expect(addon.emu.spreadsheet.sheet(`relay ${reportId}`).lastRow).toBe(served + 1);
    },
  );

  it('a new spreadsheet connects with only the relay URL and key, saves, and runs a DataSet', async () => {
    const fresh = open();
    const listed = call<Listed>(fresh, 'listRelayAccounts', { relayUrl: RELAY_URL, relayKey: KEYS.finance });
    expect(listed.ok).toBe(true);
    const [picked] = listed.accounts!;
    const saved = call<{ ok: boolean; account: { id: string } }>(fresh, 'saveAccount', {
      ...picked,
      connection: 'relay',
      relayUrl: RELAY_URL,
      relayKey: KEYS.finance,
    });
    expect(saved.ok).toBe(true);
    const dataSet = saveRangeDataSet(fresh, saved.account.id, 'user_summary', '2026-11-20', '2026-11-26', {
      name: 'Second spreadsheet',
    });
    expect(call<Outcome>(fresh, 'runDataSet', dataSet)).toEqual(
      expect.objectContaining({ ok: true, status: 'success' }),
    );
    expect(fresh.emu.spreadsheet.sheet('Second spreadsheet').lastRow).toBeGreaterThan(1);
    expect(relay.output()).toMatch(/finance/);
  });

  it('the add-on never asks for a token: every request goes to the relay with its key and App ID, none with a token', () => {
    const requests = addons.flatMap((opened) => opened.emu.urlFetchLog);
    const toRelay = requests.filter((entry) => entry.url.startsWith(`${RELAY_URL}/`));
    expect(toRelay.length).toBeGreaterThan(REPORTS.length);
    for (const entry of toRelay) {
      expect(entry.url).not.toMatch(/access_token|stable_token|cgi-bin\/token/);
      expect(entry.headers.Authorization).toMatch(/^Bearer /);
      const path = entry.url.slice(RELAY_URL.length);
      if (path !== '/accounts') expect(entry.headers['X-WeChat-AppId']).toBe(CHINA.appid);
    }
    // Only the Direct test above went to WeChat itself.
    const direct = requests.filter((entry) => !entry.url.startsWith(`${RELAY_URL}/`));
    expect(direct.map((entry) => entry.url)).toEqual(['https://api.weixin.qq.com/cgi-bin/stable_token']);
  });

  it('no token WeChat issued to the relay reaches the add-on: not in a result, a property or a cell', async () => {
    const issued = (await simulator.log({ appid: CHINA.appid }))
      .filter((entry) => entry.kind === 'stable_token' && entry.status === 200)
      .map((entry) => (JSON.parse(entry.responseBody) as { access_token?: string }).access_token)
      .filter((token): token is string => typeof token === 'string');
    expect(issued.length).toBeGreaterThan(0);
    const seen = addons
      .map((opened) =>
        JSON.stringify([
          opened.emu.properties.document(),
          opened.emu.properties.user(),
          opened.emu.properties.script(),
          opened.emu.logs,
          opened.emu.spreadsheet.sheetNames().map((name) => opened.emu.spreadsheet.sheet(name).values()),
        ]),
      )
      .join('\n');
    for (const token of issued) {
      expect({ leaked: seen.includes(token) || JSON.stringify(results).includes(token) }).toEqual({ leaked: false });
    }
  });

  it('every token and datacube call reached WeChat from the relay host only', async () => {
    const entries = await simulator.log({ appid: CHINA.appid });
    const ips = new Set(
      entries.filter((entry) => entry.status === 200 && entry.errcode === null).map((entry) => entry.ip),
    );
    expect([...ips]).toEqual([RELAY_IP]);
  });

  it('leaks neither the App Secret nor a relay key into results, logs or cells', () => {
    const secrets = [CHINA.secret, INTERNATIONAL.secret, ...Object.values(KEYS)];
    const cells = addons
      .flatMap((opened) =>
        opened.emu.spreadsheet.sheetNames().map((name) => JSON.stringify(opened.emu.spreadsheet.sheet(name).values())),
      )
      .join('\n');
    const places = {
      results: JSON.stringify(results),
      relayLog: relay.output(),
      addonLogs: addons.flatMap((opened) => opened.emu.logs).join('\n'),
      cells,
    };
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) expect({ place, leaked: text.includes(secret) }).toEqual({ place, leaked: false });
    }
    expect(relay.output()).toMatch(/datacube/);
  });
});
