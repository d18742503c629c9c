/**
 * The built bundle under its manifest's allowlist: what Apps Script refuses to fetch is reported as such (not as
 * a network failure retried four times), and a Relay account outside the deployment's allowlist is refused on
 * save and on test connection, before any request.
 */
import { type Addon, CHINA_ACCOUNT, loadAddon, NOON_BEIJING, startSimulatorAt } from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

describe('the bundle under the manifest’s urlFetchWhitelist', () => {
  let simulator: SimulatorProcess;
  const addons: Addon[] = [];
  const load = (manifest?: { urlFetchWhitelist: string[] }): Addon => {
    const addon = loadAddon(simulator, manifest ? { manifest } : {});
    addons.push(addon);
    return addon;
  };

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
  });
  afterAll(async () => {
    for (const addon of addons) addon.dispose();
    await simulator?.close();
  });

  it('a fetch outside the manifest throws Apps Script’s message, and the add-on says the deployment must allow it', async () => {
    const addon = load({ urlFetchWhitelist: ['https://api.wechat.com/'] });
    const result = addon.call('testConnection', {
      name: 'Direct',
      appId: CHINA_ACCOUNT.appid,
      type: 'china',
      connection: 'direct',
      secret: CHINA_ACCOUNT.secret,
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, code: 'url_not_allowed' }));
    expect(result.message).toMatch(/api\.weixin\.qq\.com.*urlFetchWhitelist/);
    expect(addon.emu.urlFetchLog).toEqual([
      expect.objectContaining({
        url: 'https://api.weixin.qq.com/cgi-bin/stable_token',
        error:
          'Request to https://api.weixin.qq.com/cgi-bin/stable_token failed because the URL has not been whitelisted in the script manifest.',
      }),
    ]);
    expect(await simulator.log({ appid: CHINA_ACCOUNT.appid })).toEqual([]);
  });

  const relayInput = {
    name: 'Relay',
    appId: CHINA_ACCOUNT.appid,
    type: 'china',
    connection: 'relay',
    relayUrl: 'https://relay.elsewhere.example/',
    relayKey: 'sales-Vq3xK9mP2wL7nR4tY8zB6cD1fG5hJ0aE',
  };

  it.each(['saveAccount', 'testConnection'])(
    '%s refuses a Relay account whose URL no allowlisted prefix covers, naming addon.config.json',
    (fn) => {
      const addon = load();
      const result = addon.call(fn as 'saveAccount' | 'testConnection', relayInput);
      expect(result.ok).toBe(false);
      expect(result.ok ? undefined : result.problems).toEqual([
        expect.objectContaining({
          field: 'relayUrl',
          code: 'relay_not_allowed',
          message: expect.stringMatching(/addon\.config\.json.*redeploy/),
        }),
      ]);
      expect(addon.emu.urlFetchLog).toEqual([]);
      expect(addon.call('listAccounts')).toEqual([]);
    },
  );

  it.each([
    [42],
    [null],
    [{ relayUrl: { href: 'https://a.relay.test/' } }],
    [{ relayUrl: 'https://a.relay.test/', relayKey: 7 }],
  ])('listRelayAccounts answers bad input %j with ok: false, throwing nothing', (input) => {
    const addon = load();
    const result = addon.callUnchecked('listRelayAccounts', input);
    expect(result.ok).toBe(false);
    expect((result.ok ? [] : (result.problems ?? [])).map((problem) => problem.field)).toEqual([
      expect.stringMatching(/^relay(Url|Key)$/),
    ]);
    expect(addon.emu.urlFetchLog).toEqual([]);
  });

  it('listRelayAccounts refuses the same URL before asking it anything', () => {
    const addon = load();
    const result = addon.call('listRelayAccounts', { relayUrl: relayInput.relayUrl, relayKey: relayInput.relayKey });
    expect(result).toEqual(
      expect.objectContaining({
        ok: false,
        problems: [expect.objectContaining({ field: 'relayUrl', code: 'relay_not_allowed' })],
      }),
    );
    expect(addon.emu.urlFetchLog).toEqual([]);
  });
});
