/**
 * PropertiesService allows 9 KB a value and 500 KB a store (the emulation enforces both). 200 DataSets with their
 * states, unfinished runs and long run histories stay inside them: histories keep the newest runs that fit each
 * DataSet's share; a DataSet or account that would leave too little room is refused, clearly, before anything is
 * written; a full store makes a run say so instead of throwing.
 */
import type { SimAccount } from '../../dev/simulator/simulator';
import { ADDON_IP, type Addon, loadAddon, NOON_BEIJING, saveDirectAccount, startSimulatorAt } from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';
import {
  documentProperties,
  history,
  type Outcome,
  type Problem,
  type RunRecord,
  range,
  saveDataSet,
  scenarioSuite,
} from './support/scenarios';

const { scenario } = scenarioSuite('storage');

const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;
const account = (appid: string, extra: Partial<SimAccount> = {}): SimAccount => ({
  appid,
  secret: `${appid.slice(2)}SecretSecretSecr`,
  type: 'china',
  whitelist: [ADDON_IP],
  ...extra,
});
const ACCOUNTS = {
  many: account('wx00000000000d0001'),
  long: account('wx00000000000d0002', { whitelist: ['10.0.0.1'] }),
  few: account('wx00000000000d0003'),
  full: account('wx00000000000d0004'),
  tick: account('wx00000000000d0005', { whitelist: ['10.0.0.1'] }),
  tokenless: account('wx00000000000d0006'),
};
const WEEK = range('2026-11-21', '2026-11-27');

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function storeBytes(addon: Addon): number {
  return Object.entries(addon.emu.properties.document()).reduce((total, [k, v]) => total + bytes(k) + bytes(v), 0);
}

function largestValue(addon: Addon): number {
  return Math.max(...Object.entries(addon.emu.properties.document()).map(([k, v]) => bytes(k) + bytes(v)));
}

describe('reliability: storage limits', () => {
  let simulator: SimulatorProcess;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING, Object.values(ACCOUNTS));
  });
  afterAll(async () => {
    await simulator?.close();
  });

  scenario('with room, a DataSet keeps its last 20 runs, newest first (and this is what 200 would need)', () => {
    const addon = loadAddon(simulator);
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.few);
      const id = saveDataSet(addon, { name: 'Followers', accountId, reportId: 'user_cumulate', dates: WEEK });
      // Each run's end lies within its call (service calls take time: the history is written before the call returns).
      const calls: Array<[number, number]> = [];
      for (let run = 0; run < 25; run++) {
        addon.clock.advance(60_000);
        const before = addon.clock.now();
        expect(addon.call('runDataSet', id).status).toBe('success');
        calls.push([before, addon.clock.now()]);
      }
      const runs = history(addon, id);
      expect(runs).toHaveLength(20);
      const newestCalls = calls.slice(-20).reverse();
      runs.forEach((run, index) => {
        const [before, after] = newestCalls[index]!;
        expect(Date.parse(run.end)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(run.end)).toBeLessThanOrEqual(after);
      });
      const props = addon.emu.properties.document();
      const perDataSet = ['ds.', 'state.', 'hist.'].reduce(
        (total, prefix) => total + bytes(`${prefix}${id}`) + bytes(props[`${prefix}${id}`] ?? ''),
        0,
      );
      const needed = 200 * perDataSet;
      process.stdout.write(
        `reliability/storage: one DataSet with 20 runs uses ${perDataSet} bytes; 200 would need ${Math.round(needed / 1024)} KB of the 500 KB\n`,
      );
      expect(needed).toBeGreaterThan(STORE_LIMIT);
    } finally {
      addon.dispose();
    }
  });

  scenario('the longest messages, 25 runs in a row: the history stays under 9 KB, newest first', () => {
    const addon = loadAddon(simulator);
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.long);
      const id = saveDataSet(addon, {
        name: 'A DataSet with a long name that appears in every message of its history, as long as allowed',
        accountId,
        reportId: 'user_cumulate',
        dates: WEEK,
      });
      let last: Outcome | undefined;
      for (let run = 0; run < 25; run++) {
        last = addon.call('runDataSet', id);
        expect(last).toEqual(expect.objectContaining({ status: 'failed', code: 'wechat_ip_not_whitelisted' }));
      }
      const value = addon.emu.properties.document()[`hist.${id}`] ?? '';
      expect(bytes(`hist.${id}`) + bytes(value)).toBeLessThanOrEqual(VALUE_LIMIT);
      const runs = history(addon, id);
      expect(runs.length).toBeGreaterThanOrEqual(10);
      expect(runs[0]?.message).toBe(last?.message.slice(0, 400));
    } finally {
      addon.dispose();
    }
  });

  scenario(
    '200 DataSets run again and again: under 500 KB, each keeps its newest runs, nothing lost',
    async () => {
      const addon = loadAddon(simulator);
      try {
        const accountId = saveDirectAccount(addon, ACCOUNTS.many);
        const ids: string[] = [];
        for (let index = 0; index < 200; index++) {
          ids.push(
            saveDataSet(addon, {
              name: `Followers of channel ${index}`,
              description: 'New and cancelled followers by source, refreshed daily for the weekly report.',
              accountId,
              reportId: 'user_cumulate',
              dates: WEEK,
              schedule: { kind: 'daily', hour: index % 24 },
            }),
          );
        }
        const configs = ids.map((id) => addon.call('getDataSet', id));
        // A day when WeChat's quota is used up: every run fails at once, keeps its unfinished run, adds history.
        await simulator.setFaults(ACCOUNTS.many.appid, { quotaAfter: 0 });
        const lastMessages = new Map<string, string>();
        for (let round = 0; round < 6; round++) {
          for (const id of ids) {
            addon.clock.advance(1000);
            const outcome = addon.call('runDataSet', id);
            expect(outcome.code).toBe('wechat_daily_quota');
            lastMessages.set(id, outcome.message);
          }
          expect(storeBytes(addon)).toBeLessThanOrEqual(STORE_LIMIT);
        }
        await simulator.setFaults(ACCOUNTS.many.appid, {});
        const used = storeBytes(addon);
        expect(used).toBeLessThanOrEqual(STORE_LIMIT);
        expect(largestValue(addon)).toBeLessThanOrEqual(VALUE_LIMIT);
        const lengths = ids.map((id) => {
          const runs = history(addon, id);
          expect(runs[0]?.message).toBe(lastMessages.get(id));
          return runs.length;
        });
        expect(Math.min(...lengths)).toBeGreaterThanOrEqual(2);
        expect(ids.map((id) => addon.call('getDataSet', id))).toEqual(configs);
        expect(addon.call('listDataSets')).toHaveLength(200);
        const jobs = Object.keys(addon.emu.properties.document()).filter((key) => key.startsWith('job.'));
        expect(jobs).toHaveLength(200);
        process.stdout.write(
          `reliability/storage: 200 DataSets, 1200 runs: ${Math.round(used / 1024)} KB used, ${Math.min(...lengths)}–${Math.max(...lengths)} runs kept each\n`,
        );
        // Another account still fits, and a run that finds the quota back completes and is recorded.
        const other = saveDirectAccount(addon, ACCOUNTS.few, 'Another account');
        expect(other).toMatch(/^a_/);
        addon.clock.advance(24 * 3_600_000);
        const done = addon.call('runDataSet', ids[0]!);
        expect(done.status).toBe('success');
        expect(history(addon, ids[0]!)[0]?.status).toBe('success');
        expect(storeBytes(addon)).toBeLessThanOrEqual(STORE_LIMIT);
      } finally {
        addon.dispose();
      }
    },
    240_000,
  );

  scenario('no room for another DataSet: refused with a clear message before anything is written or lost', () => {
    const addon = loadAddon(simulator);
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.full);
      // The largest configs the form allows: 100-character names and sheet names, 500-character descriptions, in CJK.
      const big = (index: number) => ({
        name: `${index} ${'数'.repeat(95)}`,
        sheetName: `${index} ${'表'.repeat(95)}`,
        description: '说'.repeat(500),
        accountId,
        reportId: 'user_cumulate',
        dates: WEEK,
        updateMethod: 'replace',
      });
      const ids: string[] = [];
      let refusal: Problem | undefined;
      for (let index = 0; index < 400 && !refusal; index++) {
        const before = JSON.stringify(addon.emu.properties.document());
        const result = addon.call('saveDataSet', big(index));
        if (result.ok) ids.push(result.dataSet!.id);
        else {
          refusal = result.problems?.[0];
          expect(JSON.stringify(addon.emu.properties.document())).toBe(before);
        }
      }
      expect(refusal).toEqual({
        field: 'dataSet',
        code: 'storage_full',
        params: { room: { what: 'DataSet', dataSets: expect.any(Number), usedKb: expect.any(Number) } },
        message: expect.stringMatching(/no room for another DataSet.*500 KB.*Nothing was saved. Delete DataSets/),
      });
      expect(ids.length).toBeGreaterThan(60);
      expect(storeBytes(addon)).toBeLessThanOrEqual(STORE_LIMIT);
      // Nothing was lost, and the DataSets there still run and record their runs.
      expect(addon.call('listDataSets')).toHaveLength(ids.length);
      for (const id of ids.slice(0, 3)) {
        const outcome = addon.call('runDataSet', id);
        expect(outcome.status).toBe('success');
        expect(history(addon, id)[0]?.message).toBe(outcome.message);
      }
      expect(storeBytes(addon)).toBeLessThanOrEqual(STORE_LIMIT);
      // Deleting one makes room again.
      addon.call('deleteDataSet', ids.pop()!);
      expect(addon.call('saveDataSet', big(999)).ok).toBe(true);
    } finally {
      addon.dispose();
    }
  });

  scenario('a store filled to the brim: a run says so (no exception), nothing stored is changed or lost', () => {
    const addon = loadAddon(simulator);
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.few);
      const id = saveDataSet(addon, { name: 'Followers', accountId, reportId: 'user_cumulate', dates: WEEK });
      expect(addon.call('runDataSet', id).status).toBe('success');
      const sheet = JSON.stringify(addon.emu.spreadsheet.sheet('Followers').values());
      // Something else filled the store (here: filler values, written directly).
      const properties = documentProperties(addon);
      for (let index = 0; storeBytes(addon) < STORE_LIMIT - 9000; index++) {
        properties.setProperty(`filler.${index}`, 'x'.repeat(Math.min(9000, STORE_LIMIT - 9000 - storeBytes(addon))));
      }
      properties.setProperty('filler.last', 'x'.repeat(STORE_LIMIT - storeBytes(addon) - 20));
      const before = JSON.stringify(addon.emu.properties.document());
      const outcome = addon.call('runDataSet', id);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'storage_full' }));
      expect(outcome.message).toMatch(/storage in this spreadsheet is full.*Nothing was lost.*Delete DataSets/);
      expect(JSON.stringify(addon.emu.properties.document())).toBe(before);
      expect(JSON.stringify(addon.emu.spreadsheet.sheet('Followers').values())).toBe(sheet);
      const saved = addon.call('saveDataSet', {
        name: 'One more',
        accountId,
        reportId: 'user_cumulate',
        dates: WEEK,
        updateMethod: 'replace',
      });
      expect(saved).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'storage_full' })] });
      const account = addon.call('saveAccount', {
        name: 'One more account',
        appId: ACCOUNTS.full.appid,
        type: 'china',
        connection: 'direct',
        secret: ACCOUNTS.full.secret,
      });
      expect(account).toEqual({
        ok: false,
        problems: [expect.objectContaining({ field: 'account', code: 'storage_full' })],
      });
      expect(JSON.stringify(addon.emu.properties.document())).toBe(before);
    } finally {
      addon.dispose();
    }
  });

  scenario(
    'a store nearly full: a run never fails with a raw Apps Script error, and completes without caching its token',
    () => {
      // Something else fills the store, leaving less and less room: every run either completes or says the store is
      // full; where the token alone does not fit, the run still completes (the token serves this execution).
      const outcomes: string[] = [];
      let completedWithoutCachedToken = false;
      for (let room = 1500; room >= 200; room -= 100) {
        const addon = loadAddon(simulator);
        try {
          const accountId = saveDirectAccount(addon, ACCOUNTS.tokenless);
          const id = saveDataSet(addon, { name: 'Followers', accountId, reportId: 'user_cumulate', dates: WEEK });
          const properties = documentProperties(addon);
          for (let index = 0; storeBytes(addon) < STORE_LIMIT - room - 9000; index++)
            properties.setProperty(`filler.${index}`, 'x'.repeat(9000));
          properties.setProperty('filler.last', 'x'.repeat(STORE_LIMIT - room - storeBytes(addon) - 20));
          const outcome = addon.call('runDataSet', id);
          outcomes.push(outcome.status === 'success' ? 'success' : outcome.code);
          if (outcome.status === 'success') {
            expect(addon.emu.spreadsheet.sheet('Followers').lastRow).toBe(8);
            if (!addon.emu.properties.document()[`token.${accountId}`]) completedWithoutCachedToken = true;
          } else {
            expect(outcome.message).toMatch(/storage in this spreadsheet is full.*Nothing was lost/);
          }
        } finally {
          addon.dispose();
        }
      }
      expect(outcomes.every((outcome) => outcome === 'success' || outcome === 'storage_full')).toBe(true);
      expect(outcomes).toContain('storage_full');
      expect(completedWithoutCachedToken).toBe(true);
    },
  );

  scenario('a tick that runs 80 DataSets with long names: its report is kept within 9 KB, the tick completes', () => {
    const addon = loadAddon(simulator);
    try {
      const accountId = saveDirectAccount(addon, ACCOUNTS.tick);
      const ids: string[] = [];
      for (let index = 0; index < 80; index++) {
        ids.push(
          saveDataSet(addon, {
            name: `${String(index).padStart(2, '0')} ${'A long DataSet name, as long as the form allows. '.repeat(2)}`.slice(
              0,
              100,
            ),
            accountId,
            reportId: 'user_cumulate',
            dates: { mode: 'preset', preset: 'yesterday' },
            schedule: { kind: 'hours', every: 1 },
          }),
        );
      }
      addon.clock.advance(3_600_000);
      const before = addon.emu.triggerRuns.length;
      expect(addon.emu.fireTimeTriggers()).toBe(1);
      expect(addon.emu.triggerRuns.slice(before).filter((run) => run.error)).toEqual([]);
      const lastTick = JSON.parse(addon.emu.properties.document()['meta.lastTick'] ?? 'null') as {
        ran: unknown[];
        deferred: number;
      };
      expect(lastTick.ran.length).toBeGreaterThan(0);
      expect(largestValue(addon)).toBeLessThanOrEqual(VALUE_LIMIT);
      const recorded = ids.filter((id) => (history(addon, id)[0] as RunRecord | undefined)?.trigger === 'schedule');
      expect(recorded).toHaveLength(80);
    } finally {
      addon.dispose();
    }
  });
});
