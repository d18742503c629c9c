/**
 * After a full workflow (Direct and Relay accounts, DataSets, successful and failing runs, a scheduled failure with
 * its email, every sidebar call), no App Secret, relay key or access token appears in any cell, result, run history,
 * log line, email, thrown message, stored state outside the credential and token keys, or the sidebar page.
 * And a token cached for one account is never used for another, even with the same App ID.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEntry } from '../../dev/entry-points';
import type { SimAccount } from '../../dev/simulator/simulator';
import { CHINA, KEYS, relayConfig } from '../relay/harness';
import {
  ADDON_IP,
  type Addon,
  loadAddon,
  NOON_BEIJING,
  relayUrlFor,
  saveDirectAccount,
  startSimulatorAt,
  succeeded,
} from '../support/addon';
import { type RelayProcess, startRelayProcess } from '../support/relay-process';
import type { SimulatorProcess } from '../support/simulator-process';
import { type Outcome, range, saveDataSet, scenarioSuite } from './support/scenarios';

const { scenario } = scenarioSuite('leaks');

const DIRECT: SimAccount = {
  appid: 'wx00000000000ee001',
  secret: 'D1rectSecretD1rectSecretD1rect01',
  type: 'china',
  whitelist: [ADDON_IP],
};
const WHITELISTED: SimAccount = {
  appid: 'wx00000000000ee002',
  secret: 'WhitelistSecretWhitelistSecret02',
  type: 'china',
  whitelist: ['10.1.1.1'],
};
/** A wrong secret a user typed for DIRECT's App ID. */
const TYPO_SECRET = 'TypoSecretTypoSecretTypoSecret03';
const WRONG_RELAY_KEY = 'Wrong-Relay-Key-0123456789abcdefghij';
const SECRETS = [DIRECT.secret, WHITELISTED.secret, TYPO_SECRET, CHINA.secret, ...Object.values(KEYS), WRONG_RELAY_KEY];

interface Place {
  place: string;
  text: string;
}

describe('reliability: no secret or token leaks', () => {
  let simulator: SimulatorProcess;
  let relay: RelayProcess;
  let addon: Addon;
  const results: Place[] = [];
  let directId: string;

  /** Every server function call goes through here: its result (or what it threw) is kept for the scan. */
  const call: CallEntry = (name, ...args) => {
    try {
      const result = addon.call(name, ...args);
      results.push({ place: `result of ${name}`, text: JSON.stringify(result) ?? '' });
      return result;
    } catch (error) {
      results.push({
        place: `thrown by ${name}`,
        text: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
      });
      throw error;
    }
  };

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING, [DIRECT, WHITELISTED, CHINA]);
    relay = await startRelayProcess(relayConfig(simulator.origin));
    addon = loadAddon(simulator, { timeoutMs: 3000, relays: { leaks: relay.url } });
    call('onOpen', { authMode: 'FULL' } as unknown as GoogleAppsScript.Events.SheetsOnOpen);
    call('showNewDataSet');
    call('showAccounts');

    // Accounts: Direct, Relay, a whitelisted one; connection tests right and wrong.
    directId = succeeded(
      call('saveAccount', {
        name: 'Direct',
        appId: DIRECT.appid,
        type: 'china',
        connection: 'direct',
        secret: DIRECT.secret,
      }),
    ).account.id;
    const relayId = succeeded(
      call('saveAccount', {
        name: 'Relay',
        appId: CHINA.appid,
        type: 'china',
        connection: 'relay',
        relayUrl: relayUrlFor('leaks'),
        relayKey: KEYS.sales,
      }),
    ).account.id;
    const whitelistedId = saveDirectAccount(addon, WHITELISTED, 'Whitelisted');
    call('testConnection', { id: directId, name: 'Direct', appId: DIRECT.appid, type: 'china', connection: 'direct' });
    call('testConnection', {
      name: 'Typo',
      appId: DIRECT.appid,
      type: 'china',
      connection: 'direct',
      secret: TYPO_SECRET,
    });
    call('testConnection', {
      id: relayId,
      name: 'Relay',
      appId: CHINA.appid,
      type: 'china',
      connection: 'relay',
      relayUrl: relayUrlFor('leaks'),
    });
    call('testConnection', {
      name: 'Wrong key',
      appId: CHINA.appid,
      type: 'china',
      connection: 'relay',
      relayUrl: relayUrlFor('leaks'),
      relayKey: WRONG_RELAY_KEY,
    });
    call('testConnection', {
      id: whitelistedId,
      name: 'Whitelisted',
      appId: WHITELISTED.appid,
      type: 'china',
      connection: 'direct',
    });
    const typoId = succeeded(
      call('saveAccount', {
        name: 'Typo',
        appId: DIRECT.appid,
        type: 'china',
        connection: 'direct',
        secret: TYPO_SECRET,
      }),
    ).account.id;

    // DataSets, runs that work and runs that fail in every way a message could carry a secret or a token.
    const ids = {
      direct: saveDataSet(addon, {
        name: 'Direct summary',
        accountId: directId,
        reportId: 'user_summary',
        dates: range('2026-11-01', '2026-11-27'),
      }),
      articles: saveDataSet(addon, {
        name: 'Articles',
        accountId: directId,
        reportId: 'article_summary',
        dates: range('2026-11-20', '2026-11-27'),
        updateMethod: 'append',
      }),
      relay: saveDataSet(addon, {
        name: 'Relay cumulate',
        accountId: relayId,
        reportId: 'user_cumulate',
        dates: range('2026-11-01', '2026-11-27'),
      }),
      small: saveDataSet(addon, {
        name: 'Small',
        accountId: directId,
        reportId: 'user_cumulate',
        dates: range('2026-11-21', '2026-11-27'),
      }),
      typo: saveDataSet(addon, {
        name: 'Typo',
        accountId: typoId,
        reportId: 'user_cumulate',
        dates: range('2026-11-21', '2026-11-27'),
      }),
      whitelisted: saveDataSet(addon, {
        name: 'Whitelisted',
        accountId: whitelistedId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'yesterday' },
        schedule: { kind: 'hours', every: 1 },
        notifyOnFailure: true,
      }),
    };
    for (const id of [ids.direct, ids.articles, ids.relay, ids.small]) {
      expect(call('runDataSet', id).status).toBe('success');
    }
    call('runDataSet', ids.typo);
    call('runDataSet', ids.whitelisted);
    // A timeout costs real time per call: the one-call DataSet only.
    await simulator.setFaults(DIRECT.appid, { hang: true });
    call('runDataSet', ids.small);
    const faultsList = [
      { http5xx: 'always' as const },
      { malformed: 'always' as const },
      { busy: 'always' as const },
      { invalidateTokensAfter: 1 },
    ];
    for (const faults of faultsList) {
      await simulator.setFaults(DIRECT.appid, faults);
      call('runDataSet', ids.small);
      call('runDataSet', ids.articles);
    }
    await simulator.setFaults(DIRECT.appid, {});
    // The hourly tick: the whitelisted DataSet fails again, is paused, and its owner gets an email.
    addon.clock.advance(3_600_000);
    addon.emu.fireTimeTriggers();
    call('onScheduledTick');
    expect(addon.emu.mail.length).toBeGreaterThan(0);

    // Everything the sidebar reads.
    call('getSidebarContext');
    call('listAccounts');
    call('listDataSets');
    call('listReports');
    call('getScheduleInfo');
    call('previewDates', 'user_summary', range('2026-11-01', '2026-11-27'));
    for (const id of Object.values(ids)) {
      call('getDataSet', id);
      call('getRunHistory', id);
    }
  });

  afterAll(async () => {
    addon?.dispose();
    await Promise.all([relay?.close(), simulator?.close()]);
  });

  /** Every access token WeChat issued in this suite (the simulator saw them on the wire). */
  async function issuedTokens(): Promise<string[]> {
    const entries = await simulator.log();
    const tokens = new Set<string>();
    for (const entry of entries) {
      if (entry.query.access_token) tokens.add(entry.query.access_token);
      if (entry.kind === 'stable_token' && entry.responseBody.includes('access_token')) {
        const body = JSON.parse(entry.responseBody) as { access_token?: string };
        if (body.access_token) tokens.add(body.access_token);
      }
    }
    return [...tokens];
  }

  /** Everything a user, a teammate, a log reader or the sidebar can see. */
  function visiblePlaces(): Place[] {
    const { emu } = addon;
    const cells = emu.spreadsheet.sheetNames().map((name) => {
      const sheet = emu.spreadsheet.sheet(name);
      return {
        place: `cells of sheet ${name}`,
        text: JSON.stringify([sheet.values(), sheet.formulas(), sheet.displayValues()]),
      };
    });
    const stored = Object.entries(emu.properties.document())
      .filter(([key]) => !key.startsWith('cred.') && !key.startsWith('token.'))
      .map(([key, value]) => ({ place: `document property ${key}`, text: value }));
    return [
      ...results,
      ...cells,
      ...stored,
      { place: 'user properties', text: JSON.stringify(emu.properties.user()) },
      { place: 'script properties', text: JSON.stringify(emu.properties.script()) },
      { place: 'log lines', text: emu.logs.join('\n') },
      { place: 'emails', text: JSON.stringify(emu.mail) },
      { place: 'trigger runs', text: JSON.stringify(emu.triggerRuns) },
      { place: 'ui (sidebars, toasts, alerts)', text: JSON.stringify(emu.ui) },
      { place: 'dist/sidebar.html', text: readFileSync(join(__dirname, '..', '..', 'dist', 'sidebar.html'), 'utf8') },
    ];
  }

  function leaksOf(needles: readonly string[]): string[] {
    const found: string[] = [];
    for (const { place, text } of visiblePlaces()) {
      for (const needle of needles) if (text.includes(needle)) found.push(`${place}: ${needle.slice(0, 12)}…`);
    }
    return found;
  }

  scenario(
    'the workflow really ran: runs succeeded and failed, a failure email went out, tokens were issued',
    async () => {
      const statuses = results
        .filter((r) => r.place === 'result of runDataSet')
        .map((r) => {
          const outcome = JSON.parse(r.text) as Outcome;
          return outcome.ok ? 'ok' : outcome.code;
        });
      expect(statuses).toEqual(
        expect.arrayContaining([
          'ok',
          'network',
          'http_error',
          'bad_response',
          'wechat_busy',
          'wechat_credentials_40125',
          'wechat_ip_not_whitelisted',
        ]),
      );
      expect((await issuedTokens()).length).toBeGreaterThanOrEqual(3);
      expect(visiblePlaces().length).toBeGreaterThan(40);
      // The scan finds what is there: names and ids are visible, as they should be.
      expect(leaksOf(['Direct summary', directId]).length).toBeGreaterThan(2);
    },
  );

  scenario('App Secrets (saved, and one typed wrong): zero hits anywhere visible', () => {
    expect(leaksOf([DIRECT.secret, WHITELISTED.secret, TYPO_SECRET, CHINA.secret])).toEqual([]);
  });

  scenario('relay keys (saved, and one typed wrong): zero hits anywhere visible', () => {
    expect(leaksOf([...Object.values(KEYS), WRONG_RELAY_KEY])).toEqual([]);
  });

  scenario('access tokens: zero hits anywhere visible (only the network log carries them)', async () => {
    const tokens = await issuedTokens();
    expect(leaksOf(tokens)).toEqual([]);
    expect(leaksOf(['access_token='])).toEqual([]);
    // The wire is where they belong: the emulation's network log does carry them.
    const wire = addon.emu.urlFetchLog.map((entry) => entry.url).join('\n');
    expect(tokens.some((token) => wire.includes(encodeURIComponent(token)) || wire.includes(token))).toBe(true);
  });

  scenario('stored state: secrets only under cred.*, tokens only under token.*', async () => {
    const tokens = await issuedTokens();
    for (const [key, value] of Object.entries(addon.emu.properties.document())) {
      const hasSecret = SECRETS.some((secret) => value.includes(secret));
      const hasToken = tokens.some((token) => value.includes(token));
      expect({ key, hasSecret }).toEqual({ key, hasSecret: hasSecret && key.startsWith('cred.') });
      expect({ key, hasToken }).toEqual({ key, hasToken: hasToken && key.startsWith('token.') });
    }
  });

  scenario(
    'a token cached for one account is never used by another with the same App ID and another secret',
    async () => {
      const local = loadAddon(simulator);
      try {
        const good = saveDirectAccount(local, DIRECT, 'Good');
        const typo = saveDirectAccount(local, { ...DIRECT, secret: TYPO_SECRET }, 'Same App ID, other secret');
        const goodSet = saveDataSet(local, {
          name: 'Good',
          accountId: good,
          reportId: 'user_cumulate',
          dates: range('2026-11-21', '2026-11-27'),
        });
        const typoSet = saveDataSet(local, {
          name: 'Other',
          accountId: typo,
          reportId: 'user_cumulate',
          dates: range('2026-11-21', '2026-11-27'),
        });
        expect(local.call('runDataSet', goodSet).status).toBe('success');
        const goodToken = JSON.parse(local.emu.properties.document()[`token.${good}`] ?? '{}').token as string;
        expect(goodToken).toMatch(/\S{20}/);
        const since = (await simulator.log()).at(-1)?.seq ?? 0;
        const outcome = local.call('runDataSet', typoSet);
        expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'wechat_credentials_40125' }));
        const after = (await simulator.log()).filter((entry) => entry.seq > since);
        expect(after.filter((entry) => entry.kind === 'datacube')).toEqual([]);
        expect(after.filter((entry) => entry.kind === 'stable_token')).toHaveLength(1);
        expect(local.emu.properties.document()[`token.${typo}`]).toBeUndefined();
        expect(local.emu.spreadsheet.hasSheet('Other')).toBe(false);
      } finally {
        local.dispose();
      }
    },
  );

  scenario('an account whose secret is changed never uses the token the old secret got', async () => {
    const local = loadAddon(simulator);
    try {
      const id = saveDirectAccount(local, DIRECT, 'Edited');
      const dataSet = saveDataSet(local, {
        name: 'Edited',
        accountId: id,
        reportId: 'user_cumulate',
        dates: range('2026-11-21', '2026-11-27'),
      });
      expect(local.call('runDataSet', dataSet).status).toBe('success');
      const edit = (secret: string) =>
        local.call('saveAccount', {
          id,
          name: 'Edited',
          appId: DIRECT.appid,
          type: 'china',
          connection: 'direct',
          secret,
        });
      expect(edit(TYPO_SECRET).ok).toBe(true);
      const since = (await simulator.log()).at(-1)?.seq ?? 0;
      expect(local.call('runDataSet', dataSet)).toEqual(
        expect.objectContaining({ ok: false, code: 'wechat_credentials_40125' }),
      );
      const after = (await simulator.log()).filter((entry) => entry.seq > since);
      expect(after.filter((entry) => entry.kind === 'datacube')).toEqual([]);
      // Back to the right secret: the token it got is fine to use again (same credentials).
      expect(edit(DIRECT.secret).ok).toBe(true);
      expect(local.call('runDataSet', dataSet)).toEqual(expect.objectContaining({ status: 'success', tokenCalls: 0 }));
    } finally {
      local.dispose();
    }
  });

  scenario('a Relay and a Direct account of the same App ID never share a token', async () => {
    const local = loadAddon(simulator, { relays: { leaks: relay.url } });
    try {
      const viaRelay = succeeded(
        local.call('saveAccount', {
          name: 'Via relay',
          appId: CHINA.appid,
          type: 'china',
          connection: 'relay',
          relayUrl: relayUrlFor('leaks'),
          relayKey: KEYS.finance,
        }),
      ).account.id;
      const direct = saveDirectAccount(local, CHINA, 'Direct, not whitelisted');
      const relaySet = saveDataSet(local, {
        name: 'Relay',
        accountId: viaRelay,
        reportId: 'user_cumulate',
        dates: range('2026-11-21', '2026-11-27'),
      });
      const directSet = saveDataSet(local, {
        name: 'Direct',
        accountId: direct,
        reportId: 'user_cumulate',
        dates: range('2026-11-21', '2026-11-27'),
      });
      expect(local.call('runDataSet', relaySet).status).toBe('success');
      // The relay holds the Relay account's token: the spreadsheet has none to share.
      expect(local.emu.properties.document()[`token.${viaRelay}`]).toBeUndefined();
      const since = (await simulator.log()).at(-1)?.seq ?? 0;
      expect(local.call('runDataSet', directSet)).toEqual(
        expect.objectContaining({ ok: false, code: 'wechat_ip_not_whitelisted' }),
      );
      expect((await simulator.log()).filter((entry) => entry.seq > since && entry.kind === 'datacube')).toEqual([]);
    } finally {
      local.dispose();
    }
  });

  scenario('Test connection never stores or replaces a saved token', () => {
    const before = addon.emu.properties.document()[`token.${directId}`];
    expect(before).toBeDefined();
    const tested = call('testConnection', {
      id: directId,
      name: 'Direct',
      appId: DIRECT.appid,
      type: 'china',
      connection: 'direct',
    });
    expect(tested.ok).toBe(true);
    expect(addon.emu.properties.document()[`token.${directId}`]).toBe(before);
    expect(
      Object.keys(addon.emu.properties.document()).filter((key) => key.startsWith('token.connection-test')),
    ).toEqual([]);
  });

  scenario('a deleted account takes its credentials and token with it', () => {
    const local = loadAddon(simulator);
    try {
      const id = saveDirectAccount(local, DIRECT, 'Short-lived');
      const dataSet = saveDataSet(local, {
        name: 'Short-lived',
        accountId: id,
        reportId: 'user_cumulate',
        dates: range('2026-11-21', '2026-11-27'),
      });
      expect(local.call('runDataSet', dataSet).status).toBe('success');
      local.call('deleteDataSet', dataSet);
      expect(local.call('deleteAccount', id).ok).toBe(true);
      const left = Object.entries(local.emu.properties.document()).filter(
        ([key, value]) => key.endsWith(id) || value.includes(DIRECT.secret),
      );
      expect(left).toEqual([]);
    } finally {
      local.dispose();
    }
  });
});
