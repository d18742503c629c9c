/**
 * Accounts whose IP whitelist admits only the relay host (127.0.0.2): Direct from the add-on (127.0.0.1) gets
 * 40164 naming the IP; through the relay, every report runs end to end through the built bundle. The App Secret
 * and the relay keys appear in no result, log line or cell.
 */
import { REPORTS } from '../../src/reports';
import { CHINA, KEYS, relayConfig } from '../relay/harness';
import { type Addon, loadAddon, NOON_BEIJING, saveRangeDataSet, startSimulatorAt } from '../support/addon';
import { flattenRaw, RANGES } from '../support/expected-rows';
import { type RelayProcess, startRelayProcess } from '../support/relay-process';
import type { SimulatorProcess } from '../support/simulator-process';

interface Outcome {
  ok: boolean;
  status: string;
  code?: string;
  message: string;
  rows: number;
}

describe('the relay connection through the built bundle', () => {
  let simulator: SimulatorProcess;
  let relay: RelayProcess;
  let addon: Addon;
  let relayAccount: string;
  const results: unknown[] = [];
  const call = <T>(name: string, ...args: unknown[]): T => {
    const result = addon.call<T>(name, ...args);
    results.push(result);
    return result;
  };

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING, [CHINA]);
    relay = await startRelayProcess(relayConfig(simulator.origin));
    addon = loadAddon(simulator);
    const saved = call<{ ok: boolean; account: { id: string; relayKeySet: boolean } }>('saveAccount', {
      name: 'Through the relay',
      appId: CHINA.appid,
      type: 'china',
      connection: 'relay',
      relayUrl: relay.url,
      relayKey: KEYS.sales,
    });
    expect(saved.ok).toBe(true);
    expect(saved.account.relayKeySet).toBe(true);
    relayAccount = saved.account.id;
  });

  afterAll(async () => {
    addon?.dispose();
    await relay?.close();
    await simulator?.close();
  });

  it('a Direct connection from the add-on gets 40164 naming the IP WeChat saw, and points to the relay', () => {
    const result = call<{ ok: boolean; code: string; message: string }>('testConnection', {
      name: 'Direct',
      appId: CHINA.appid,
      type: 'china',
      connection: 'direct',
      secret: CHINA.secret,
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'wechat_ip_not_whitelisted' }));
    expect(result.message).toMatch(/127\.0\.0\.1.*relay/);
  });

  it('Test connection through the relay succeeds', () => {
    const result = call<{ ok: boolean; message: string }>('testConnection', {
      id: relayAccount,
      name: 'Through the relay',
      appId: CHINA.appid,
      type: 'china',
      connection: 'relay',
      relayUrl: relay.url,
    });
    expect(result).toEqual({ ok: true, message: expect.stringMatching(/through the relay/) });
  });

  it('a wrong relay key is refused with a message that says what to fix', () => {
    const result = call<{ ok: boolean; code: string; message: string }>('testConnection', {
      name: 'Wrong key',
      appId: CHINA.appid,
      type: 'china',
      connection: 'relay',
      relayUrl: relay.url,
      relayKey: 'Wrong-Key-0123456789abcdefghijklmnop',
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'relay_990002' }));
    expect(result.message).toMatch(/relay key exactly/);
  });

  it.each(REPORTS.map((report) => [report.id, report.endpoint]))(
    '%s runs end to end through the relay',
    async (reportId, endpoint) => {
      const [start, end] = RANGES[reportId]!;
      const dataSet = saveRangeDataSet(addon, relayAccount, reportId, start, end, { name: `relay ${reportId}` });
      const outcome = call<Outcome>('runDataSet', dataSet);
      expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'success' }));
      const served = (await simulator.served(CHINA.appid, endpoint)).flatMap(flattenRaw);
      expect(outcome.rows).toBe(served.length);
      expect(addon.emu.spreadsheet.sheet(`relay ${reportId}`).lastRow).toBe(served.length + 1);
    },
  );

  it('every token and datacube call reached WeChat from the relay host only', async () => {
    const entries = await simulator.log({ appid: CHINA.appid });
    const ips = new Set(
      entries.filter((entry) => entry.status === 200 && entry.errcode === null).map((entry) => entry.ip),
    );
    expect([...ips]).toEqual(['127.0.0.2']);
  });

  it('leaks neither the App Secret nor a relay key into results, logs or cells', () => {
    const secrets = [CHINA.secret, ...Object.values(KEYS)];
    const cells = addon.emu.spreadsheet
      .sheetNames()
      .map((name) => JSON.stringify(addon.emu.spreadsheet.sheet(name).values()))
      .join('\n');
    const places = {
      results: JSON.stringify(results),
      relayLog: relay.output(),
      addonLogs: addon.emu.logs.join('\n'),
      cells,
    };
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) expect({ place, leaked: text.includes(secret) }).toEqual({ place, leaked: false });
    }
    expect(relay.output()).toMatch(/datacube/);
  });
});
