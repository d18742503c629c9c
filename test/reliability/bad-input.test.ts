/**
 * Bad input to every server function, as the sidebar (or anyone calling google.script.run) could send it: each is
 * refused with a message naming the field, and nothing is saved, fetched, written or scheduled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntryName } from '../../dev/entry-points';
import { type Addon, loadAddon, succeeded } from '../support/addon';
import { documentProperties, type Problem, range, scenarioSuite } from './support/scenarios';

const { scenario } = scenarioSuite('bad-input');

/** Nothing listens there: a request would show in urlFetchLog (and fail). */
const NOWHERE = 'http://127.0.0.1:9';
const GOOD_SECRET = 'S3cretS3cretS3cretS3cretS3cret01';
const GOOD_KEY = 'k'.repeat(40);
const MEGABYTE = 'x'.repeat(1024 * 1024);

type Fields = Record<string, unknown>;

describe('reliability: bad input is refused, nothing saved or run', () => {
  let addon: Addon;
  let accountId: string;
  let dataSetId: string;

  const goodAccount = (): Fields => ({
    name: 'Main account',
    appId: 'wx0123456789abcdef',
    type: 'china',
    connection: 'direct',
    secret: GOOD_SECRET,
  });
  const goodRelay = (): Fields => ({
    name: 'Relay account',
    appId: 'wx0123456789abcdef',
    type: 'china',
    connection: 'relay',
    relayUrl: 'https://relay.example.com',
    relayKey: GOOD_KEY,
  });
  const goodDataSet = (): Fields => ({
    name: 'Followers',
    accountId,
    reportId: 'user_summary',
    dates: range('2026-11-01', '2026-11-27'),
    updateMethod: 'replace',
  });

  beforeAll(() => {
    addon = loadAddon({ origin: NOWHERE });
    accountId = succeeded(addon.call('saveAccount', goodAccount())).account.id;
    dataSetId = succeeded(addon.call('saveDataSet', goodDataSet())).dataSet.id;
  });

  afterAll(() => addon?.dispose());

  /** Everything a refused call must leave as it was. */
  function state(): string {
    return JSON.stringify({
      document: addon.emu.properties.document(),
      user: addon.emu.properties.user(),
      sheets: addon.emu.spreadsheet.sheetNames(),
      fetches: addon.emu.urlFetchLog.length,
      triggers: addon.emu.triggers(),
      mail: addon.emu.mail.length,
    });
  }

  /** Calls `fn` with `args`: refused, naming `field` (and `code`), nothing changed. */
  function expectRefused(
    fn: 'saveAccount' | 'saveDataSet' | 'testConnection' | 'previewDates',
    args: unknown[],
    field: string,
    code?: string,
  ): Problem {
    const before = state();
    const result = addon.callUnchecked(fn, ...args);
    expect(result.ok).toBe(false);
    const problems = (result.ok ? undefined : result.problems) ?? [];
    const named = problems.find((problem) => problem.field === field);
    expect({ fields: problems.map((problem) => problem.field), wanted: field }).toEqual(
      expect.objectContaining({ fields: expect.arrayContaining([field]) }),
    );
    if (code !== undefined) expect(named?.code).toBe(code);
    expect(named?.message).toMatch(/\w{3,}/);
    // The answer names the problem; it does not echo a huge input back.
    expect(JSON.stringify(result).length).toBeLessThan(4000);
    expect(state()).toBe(before);
    return named!;
  }

  const accountCases: Array<[string, Fields, string, string?]> = [
    ['empty name', { name: '' }, 'name', 'required'],
    ['blank name', { name: '   ' }, 'name', 'required'],
    ['name of 101 characters', { name: 'n'.repeat(101) }, 'name', 'too_long'],
    ['name of the wrong type', { name: 42 }, 'name', 'required'],
    ['empty App ID', { appId: '' }, 'appId', 'required'],
    ['App ID too short', { appId: 'wx1234' }, 'appId', 'app_id_format'],
    ['App ID with punctuation', { appId: 'wx0123456789abcd.f' }, 'appId', 'app_id_format'],
    ['App ID not hex', { appId: 'wx0123456789abcdeg' }, 'appId', 'app_id_format'],
    ['App ID too long', { appId: 'wx0123456789abcdef0' }, 'appId', 'app_id_format'],
    ['App ID of the wrong type', { appId: 123456 }, 'appId', 'required'],
    ['unknown account type', { type: 'mainland' }, 'type', 'invalid_choice'],
    ['missing account type', { type: null }, 'type', 'invalid_choice'],
    ['unknown connection', { connection: 'proxy' }, 'connection', 'invalid_choice'],
    ['Direct without a secret', { secret: '' }, 'secret', 'required'],
    ['secret too short', { secret: 'short' }, 'secret', 'secret_format'],
    ['secret of 33 characters', { secret: `${GOOD_SECRET}x` }, 'secret', 'secret_format'],
    ['secret with symbols', { secret: 'S3cret!S3cretS3cretS3cretS3cret0' }, 'secret', 'secret_format'],
    ['secret of the wrong type', { secret: 12345 }, 'secret', 'required'],
    ['daily budget negative', { dailyCallBudget: -1 }, 'dailyCallBudget', 'budget_format'],
    ['daily budget zero', { dailyCallBudget: 0 }, 'dailyCallBudget', 'budget_format'],
    ['daily budget fractional', { dailyCallBudget: 1.5 }, 'dailyCallBudget', 'budget_format'],
    ['daily budget huge', { dailyCallBudget: 1e12 }, 'dailyCallBudget', 'budget_format'],
    ['daily budget text', { dailyCallBudget: 'lots' }, 'dailyCallBudget', 'budget_format'],
    ['a 1 MB name', { name: MEGABYTE }, 'name', 'too_long'],
    ['a 1 MB secret', { secret: MEGABYTE }, 'secret', 'secret_format'],
  ];
  for (const [label, change, field, code] of accountCases) {
    scenario(`saveAccount and testConnection: ${label} → ${field}`, () => {
      const input = { ...goodAccount(), ...change };
      expectRefused('saveAccount', [input], field, code);
      const tested = expectRefused('testConnection', [input], field, code);
      expect(tested.message).not.toContain(GOOD_SECRET);
    });
  }

  const relayCases: Array<[string, Fields, string, string?]> = [
    ['Relay without a URL', { relayUrl: '' }, 'relayUrl', 'required'],
    ['relay URL without a scheme', { relayUrl: 'relay.example.com' }, 'relayUrl', 'relay_url_format'],
    ['relay URL over plain http', { relayUrl: 'http://relay.example.com' }, 'relayUrl', 'relay_url_format'],
    ['relay URL with a query', { relayUrl: 'https://relay.example.com/?key=1' }, 'relayUrl', 'relay_url_format'],
    ['relay URL with a fragment', { relayUrl: 'https://relay.example.com/#x' }, 'relayUrl', 'relay_url_format'],
    ['relay URL with a user name', { relayUrl: 'https://me:pw@relay.example.com' }, 'relayUrl', 'relay_url_format'],
    ['relay URL with a script', { relayUrl: 'javascript:alert(1)' }, 'relayUrl', 'relay_url_format'],
    ['relay URL of another scheme', { relayUrl: 'ftp://relay.example.com' }, 'relayUrl', 'relay_url_format'],
    ['relay URL with spaces', { relayUrl: 'https://relay example.com' }, 'relayUrl', 'relay_url_format'],
    ['relay URL of 501 characters', { relayUrl: `https://r.example.com/${'p'.repeat(480)}` }, 'relayUrl', 'too_long'],
    ['Relay without a key', { relayKey: '' }, 'relayKey', 'required'],
    ['relay key too short', { relayKey: 'short-key' }, 'relayKey', 'relay_key_format'],
    ['relay key with spaces', { relayKey: `${'k'.repeat(20)} ${'k'.repeat(20)}` }, 'relayKey', 'relay_key_format'],
    ['relay key of 257 characters', { relayKey: 'k'.repeat(257) }, 'relayKey', 'relay_key_format'],
    ['relay key of the wrong type', { relayKey: 42 }, 'relayKey', 'required'],
  ];
  for (const [label, change, field, code] of relayCases) {
    scenario(`saveAccount and testConnection: ${label} → ${field}`, () => {
      const input = { ...goodRelay(), ...change };
      expectRefused('saveAccount', [input], field, code);
      const tested = expectRefused('testConnection', [input], field, code);
      expect(tested.message).not.toContain(GOOD_KEY);
    });
  }

  scenario('saveAccount and testConnection: not an object (null, text, list, number) → account', () => {
    for (const input of [null, 'wx0123456789abcdef', [goodAccount()], 42]) {
      expectRefused('saveAccount', [input], 'account', 'invalid');
      expectRefused('testConnection', [input], 'account', 'invalid');
    }
  });

  scenario('saveAccount: an account id that does not exist → account', () => {
    expectRefused('saveAccount', [{ ...goodAccount(), id: 'a_doesnotexist' }], 'account', 'unknown_account');
  });

  scenario('saveAccount: a name another account has (any case) → name', () => {
    expectRefused('saveAccount', [{ ...goodAccount(), name: 'MAIN ACCOUNT' }], 'name', 'duplicate_name');
  });

  scenario('saveAccount: unknown extra fields (1 MB of them) are dropped, never stored', () => {
    const result = addon.call('saveAccount', {
      ...goodAccount(),
      name: 'Extra fields',
      junk: MEGABYTE,
      secretSet: false,
      createdAt: 'yesterday',
    });
    const saved = succeeded(result);
    const stored = addon.emu.properties.document()[`acct.${saved.account.id}`] ?? '';
    expect(stored.length).toBeLessThan(400);
    expect(Object.keys(JSON.parse(stored) as object).sort()).toEqual(
      ['appId', 'connection', 'createdAt', 'id', 'name', 'type', 'updatedAt'].sort(),
    );
    expect(JSON.parse(stored).createdAt).not.toBe('yesterday');
    expect(addon.call('deleteAccount', saved.account.id).ok).toBe(true);
  });

  const dataSetCases: Array<[string, Fields, string, string?]> = [
    ['empty name', { name: '' }, 'name', 'required'],
    ['name of 101 characters', { name: 'n'.repeat(101) }, 'name', 'too_long'],
    ['name of the wrong type', { name: ['Followers'] }, 'name', 'required'],
    ['a name another DataSet has (any case)', { name: 'FOLLOWERS', sheetName: 'Other' }, 'name', 'duplicate_name'],
    ['description of 501 characters', { description: 'd'.repeat(501) }, 'description', 'too_long'],
    ['a 1 MB description', { description: MEGABYTE }, 'description', 'too_long'],
    ['unknown account', { accountId: 'a_doesnotexist' }, 'accountId', 'unknown_account'],
    ['account of the wrong type', { accountId: 7 }, 'accountId', 'unknown_account'],
    ['unknown report', { reportId: 'user_summary_2' }, 'reportId', 'unknown_report'],
    ['report id from the prototype', { reportId: 'constructor' }, 'reportId', 'unknown_report'],
    ['report of the wrong type', { reportId: { id: 'user_summary' } }, 'reportId', 'unknown_report'],
    ['no dates', { dates: undefined }, 'dates', 'required'],
    ['dates as text', { dates: 'last week' }, 'dates', 'required'],
    ['unknown date mode', { dates: { mode: 'week' } }, 'dates.mode', 'invalid_choice'],
    ['impossible date', { dates: range('2026-02-30', '2026-03-05') }, 'dates.start', 'date_format'],
    ['month 13', { dates: range('2026-10-01', '2026-13-01') }, 'dates.end', 'date_format'],
    ['slashes', { dates: range('2026/11/01', '2026-11-05') }, 'dates.start', 'date_format'],
    ['no separators', { dates: range('20261101', '2026-11-05') }, 'dates.start', 'date_format'],
    ['empty date', { dates: { mode: 'single', day: { kind: 'date', date: '' } } }, 'dates.day', 'date_format'],
    ['date of the wrong type', { dates: { mode: 'single', day: { kind: 'date', date: 20261101 } } }, 'dates.day'],
    ['a 1 MB date', { dates: { mode: 'single', day: { kind: 'date', date: MEGABYTE } } }, 'dates.day'],
    ['end before start', { dates: range('2026-11-20', '2026-11-10') }, 'dates.end', 'range_order'],
    ['only future dates', { dates: range('2026-12-01', '2026-12-10') }, 'dates.start', 'future'],
    ['today only', { dates: { mode: 'single', day: { kind: 'daysBack', days: 0 } } }, 'dates.day', 'future'],
    ['before the classic reports’ earliest date', { dates: range('2014-11-30', '2014-12-05') }, 'dates.start'],
    [
      'before the published reports’ earliest date',
      { reportId: 'article_read', dates: range('2025-10-31', '2025-11-05') },
      'dates.start',
      'before_earliest',
    ],
    ['negative days back', { dates: daysBack(-1) }, 'dates.day.days', 'days_back'],
    ['fractional days back', { dates: daysBack(1.5) }, 'dates.day.days', 'days_back'],
    ['huge days back', { dates: daysBack(1e9) }, 'dates.day.days', 'days_back'],
    ['3651 days back', { dates: daysBack(3651) }, 'dates.day.days', 'days_back'],
    ['days back as words', { dates: daysBack('ten') }, 'dates.day.days', 'days_back'],
    ['days back missing', { dates: { mode: 'single', day: { kind: 'daysBack' } } }, 'dates.day.days', 'days_back'],
    ['unknown day kind', { dates: { mode: 'single', day: { kind: 'weeksBack', weeks: 2 } } }, 'dates.day'],
    ['unknown preset', { dates: { mode: 'preset', preset: 'last90' } }, 'dates.preset', 'invalid_choice'],
    ['unknown update method', { updateMethod: 'merge' }, 'updateMethod', 'invalid_choice'],
    ['no update method', { updateMethod: undefined }, 'updateMethod', 'invalid_choice'],
    ['sheet name of 101 characters', { sheetName: 's'.repeat(101) }, 'sheetName', 'too_long'],
    ['sheet name with a line break', { sheetName: 'Follow\ners' }, 'sheetName', 'sheet_name_format'],
    ['sheet name with a tab', { sheetName: 'Follow\ters' }, 'sheetName', 'sheet_name_format'],
    ['a 1 MB sheet name', { sheetName: MEGABYTE }, 'sheetName', 'too_long'],
    ['schedule as text', { schedule: 'daily' }, 'schedule', 'invalid'],
    ['unknown schedule kind', { schedule: { kind: 'monthly', day: 1 } }, 'schedule', 'invalid'],
    ['every 3 hours', { schedule: { kind: 'hours', every: 3 } }, 'schedule.every', 'invalid_choice'],
    ['every "6" hours (text)', { schedule: { kind: 'hours', every: '6' } }, 'schedule.every', 'invalid_choice'],
    ['daily at 24', { schedule: { kind: 'daily', hour: 24 } }, 'schedule.hour', 'invalid_hour'],
    ['daily at 9.5', { schedule: { kind: 'daily', hour: 9.5 } }, 'schedule.hour', 'invalid_hour'],
    ['daily at -1', { schedule: { kind: 'daily', hour: -1 } }, 'schedule.hour', 'invalid_hour'],
    ['daily at "9" (text)', { schedule: { kind: 'daily', hour: '9' } }, 'schedule.hour', 'invalid_hour'],
    ['weekly on day 7', { schedule: { kind: 'weekly', weekday: 7, hour: 9 } }, 'schedule.weekday'],
    ['weekly without an hour', { schedule: { kind: 'weekly', weekday: 1 } }, 'schedule.hour', 'invalid_hour'],
    ['unknown language', { language: 'fr' }, 'language', 'invalid_choice'],
    ['email switch as text', { notifyOnFailure: 'yes' }, 'notifyOnFailure', 'invalid'],
  ];
  for (const [label, change, field, code] of dataSetCases) {
    scenario(`saveDataSet: ${label} → ${field}`, () => {
      const input = { ...goodDataSet(), name: 'New one', ...change };
      expectRefused('saveDataSet', [input], field, code);
    });
  }

  scenario('saveDataSet: a sheet another DataSet writes to (any case) → sheetName', () => {
    expectRefused('saveDataSet', [{ ...goodDataSet(), name: 'New one', sheetName: 'followers' }], 'sheetName');
  });

  scenario('saveDataSet: a sheet name reserved for the add-on’s staging sheets → sheetName', () => {
    const input = { ...goodDataSet(), name: 'New one', sheetName: `~wechat-staging-${dataSetId}` };
    expectRefused('saveDataSet', [input], 'sheetName', 'sheet_name_reserved');
  });

  scenario('saveDataSet: not an object (null, text, list) → dataSet', () => {
    for (const input of [null, 'Followers', [goodDataSet()]]) expectRefused('saveDataSet', [input], 'dataSet');
  });

  scenario('saveDataSet: a DataSet id that does not exist → dataSet', () => {
    expectRefused('saveDataSet', [{ ...goodDataSet(), id: 'd_doesnotexist' }], 'dataSet', 'unknown_dataset');
  });

  scenario('saveDataSet: editing with bad input keeps the saved DataSet as it was', () => {
    const before = addon.call('getDataSet', dataSetId);
    expectRefused(
      'saveDataSet',
      [{ ...goodDataSet(), id: dataSetId, dates: range('2026-11-20', '2026-11-10') }],
      'dates.end',
    );
    expect(addon.call('getDataSet', dataSetId)).toEqual(before);
  });

  scenario('saveDataSet: unknown extra fields are dropped, never stored', () => {
    const result = addon.call('saveDataSet', {
      ...goodDataSet(),
      name: 'Extra fields',
      sheetName: 'Extra fields',
      secret: GOOD_SECRET,
      junk: MEGABYTE,
      id: '',
    });
    const saved = succeeded(result);
    const stored = addon.emu.properties.document()[`ds.${saved.dataSet.id}`] ?? '';
    expect(stored).not.toContain(GOOD_SECRET);
    expect(stored.length).toBeLessThan(600);
    addon.call('deleteDataSet', saved.dataSet.id);
  });

  const previewCases: Array<[string, unknown[], string]> = [
    ['unknown report', ['no_such_report', daysBack(1)], 'reportId'],
    ['report of the wrong type', [42, daysBack(1)], 'reportId'],
    ['no dates', ['user_summary', null], 'dates'],
    ['dates as text', ['user_summary', 'yesterday'], 'dates'],
    ['impossible date', ['user_summary', range('2026-02-29', '2026-03-01')], 'dates.start'],
    ['end before start', ['user_summary', range('2026-11-20', '2026-11-10')], 'dates.end'],
    ['future dates', ['user_summary', range('2026-12-01', '2026-12-02')], 'dates.start'],
    ['negative days back', ['user_summary', daysBack(-3)], 'dates.day.days'],
    ['before the earliest date', ['article_read', range('2025-01-01', '2025-01-02')], 'dates.start'],
  ];
  for (const [label, args, field] of previewCases) {
    scenario(`previewDates: ${label} → ${field}`, () => {
      expectRefused('previewDates', args, field);
    });
  }

  /** Ids of the wrong type: an object (even one that cannot become text), a number, null, a list, a boolean. */
  const WRONG_TYPE_IDS: unknown[] = [{ id: 'd_x' }, { toString: 1 }, 42, null, ['x'], true, ''];

  scenario('runDataSet: unknown ids fail cleanly, nothing run', () => {
    for (const id of ['d_doesnotexist', '__proto__']) {
      const before = state();
      const outcome = addon.callUnchecked('runDataSet', id);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'unknown_dataset' }));
      expect(outcome.message).toMatch(/no longer exists/);
      expect(state()).toBe(before);
    }
  });

  scenario('getDataSet, getRunHistory: unknown ids give nothing, change nothing', () => {
    for (const id of ['d_doesnotexist', '__proto__']) {
      const before = state();
      expect(addon.callUnchecked('getDataSet', id)).toBeNull();
      expect(addon.callUnchecked('getRunHistory', id)).toEqual([]);
      expect(state()).toBe(before);
    }
  });

  scenario('deleteDataSet, deleteAccount: unknown ids delete nothing', () => {
    for (const id of ['d_doesnotexist', '__proto__']) {
      const before = state();
      addon.callUnchecked('deleteDataSet', id);
      addon.callUnchecked('deleteAccount', id);
      expect(state()).toBe(before);
    }
  });

  for (const name of ['runDataSet', 'getDataSet', 'deleteDataSet', 'deleteAccount', 'getRunHistory', 'resumeDataSet']) {
    scenario(`${name}: an object or a number as the id answers ok: false, nothing thrown, nothing changed`, () => {
      for (const id of WRONG_TYPE_IDS) {
        const before = state();
        const answer = addon.callUnchecked(name as EntryName, id) as { ok: boolean; code?: string; message: string };
        expect(answer).toEqual(
          expect.objectContaining({ ok: false, message: expect.stringMatching(/id must be text/) }),
        );
        if (name !== 'resumeDataSet') expect(answer.code).toBe('invalid_argument');
        expect(state()).toBe(before);
      }
    });
  }

  scenario('estimateRuns: anything but a list of ids answers invalid_argument; unknown ids are left out', () => {
    const before = state();
    const notLists = WRONG_TYPE_IDS.filter((value) => !Array.isArray(value));
    for (const ids of [...notLists, 'd_1', [dataSetId, 7], [{ id: dataSetId }], [null], ['']]) {
      const answer = addon.callUnchecked('estimateRuns', ids);
      expect(answer).toEqual(expect.objectContaining({ ok: false, code: 'invalid_argument' }));
    }
    expect(addon.call('estimateRuns', ['d_doesnotexist', '__proto__'])).toEqual({ ok: true, dataSets: [], total: 0 });
    expect(addon.call('estimateRuns', [dataSetId])).toEqual({
      ok: true,
      dataSets: [{ id: dataSetId, accountId, endpoint: 'getusersummary', calls: 4 }],
      total: 4,
    });
    expect(state()).toBe(before);
  });

  scenario('every exported server function takes wrong-type arguments without throwing', () => {
    const names = exportedFunctions();
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const name of names) {
      // They run the schedule, or every DataSet, whatever the arguments: covered by the schedule and refresh-all suites.
      if (['onScheduledTick', 'startRefreshAll', 'continueRefreshAll'].includes(name)) continue;
      for (const value of WRONG_TYPE_IDS) {
        expect(() => addon.callUnchecked(name as EntryName, value, value)).not.toThrow();
      }
    }
  });

  scenario('resumeDataSet: an unknown DataSet is refused, nothing changed', () => {
    const before = state();
    expect(addon.call('resumeDataSet', 'd_doesnotexist')).toEqual({
      ok: false,
      code: 'unknown_dataset',
      params: {},
      message: expect.stringMatching(/no longer exists/),
    });
    expect(state()).toBe(before);
  });

  scenario('setSidebarLanguage, activateSheet: unknown values change nothing', () => {
    const before = state();
    expect(addon.call('setSidebarLanguage', 'fr')).toBe('en');
    expect(addon.call('setSidebarLanguage', { language: 'zh' })).toBe('en');
    expect(addon.call('activateSheet', 42)).toBe(false);
    expect(addon.call('activateSheet', 'No such sheet')).toBe(false);
    expect(state()).toBe(before);
  });

  scenario('after all of it: one account, one DataSet, no sheet, no fetch, no trigger', () => {
    expect(addon.call('listAccounts')).toHaveLength(1);
    expect(addon.call('listDataSets')).toHaveLength(1);
    expect(addon.emu.urlFetchLog).toEqual([]);
    expect(addon.emu.triggers()).toEqual([]);
    expect(addon.emu.spreadsheet.sheetNames()).toEqual(['Sheet1']);
    const keys = documentProperties(addon).getKeys().sort();
    expect(keys).toEqual([`acct.${accountId}`, `cred.${accountId}`, `ds.${dataSetId}`, `state.${dataSetId}`].sort());
  });
});

function daysBack(days: unknown): Fields {
  return { mode: 'single', day: { kind: 'daysBack', days } };
}

/** Every entry point src/main.ts puts on the script's global object (each becomes a top-level function). */
function exportedFunctions(): string[] {
  const main = readFileSync(join(__dirname, '../../src/main.ts'), 'utf8');
  return [...main.matchAll(/^global\.(\w+)\s*=/gm)].map((match) => match[1]!);
}
