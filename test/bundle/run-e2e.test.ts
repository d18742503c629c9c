/**
 * Runs through the built bundle against the simulator: every error class leaves the sheet untouched and says
 * what to do; recoverable faults recover; Append never duplicates; the call count is the minimum the spans allow.
 */
import type { AccountFaults, SimAccount } from '../../dev/simulator/simulator';
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

const WHITELISTED: SimAccount = {
  appid: 'wx00000000000000a1',
  secret: 'WhiteListedSecret000000000000001',
  type: 'china',
  whitelist: ['10.9.9.9'],
};
const INTERNATIONAL: SimAccount = {
  appid: 'wx00000000000000b2',
  secret: 'InternationalSecret0000000000002',
  type: 'international',
  whitelist: [ADDON_IP],
};
const UNVERIFIED: SimAccount = {
  appid: 'wx00000000000000c3',
  secret: 'UnverifiedSecret0000000000000003',
  type: 'china',
  verified: false,
  whitelist: [ADDON_IP],
};

function sheetSnapshot(addon: Addon, name: string): string {
  const sheet = addon.emu.spreadsheet.sheet(name);
  return JSON.stringify({ values: sheet.values(), formats: sheet.numberFormats() });
}

describe('runs through the bundle', () => {
  let simulator: SimulatorProcess;
  let addon: Addon;
  let accountId: string;
  let dataSetId: string;
  const sheetName = 'Followers';

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING, [CHINA_ACCOUNT, WHITELISTED, INTERNATIONAL, UNVERIFIED]);
    addon = loadAddon(simulator, { timeoutMs: 3000 });
    accountId = saveDirectAccount(addon);
    dataSetId = saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-27', { name: sheetName });
    const first = addon.call('runDataSet', dataSetId);
    expect(first.status).toBe('success');
  });

  afterAll(async () => {
    addon?.dispose();
    await simulator?.close();
  });

  afterEach(async () => {
    await simulator.setFaults(CHINA_ACCOUNT.appid, {});
  });

  const failures: Array<[string, AccountFaults, string, RegExp]> = [
    ['-1 busy, persistent', { busy: 'always' }, 'wechat_busy', /busy/],
    ['47009 retired endpoint', { retired: ['getusersummary'] }, 'wechat_retired', /published-content/],
    ['HTTP 5xx, persistent', { http5xx: 'always' }, 'http_error', /HTTP 50\d/],
    ['a body that is not JSON, persistent', { malformed: 'always' }, 'bad_response', /not WeChat's JSON/],
    ['61501 even for one day', { rangeError: true }, 'wechat_date_range', /yesterday/],
    ['a timeout on every call', { hang: true }, 'network', /timeout/],
  ];

  it.each(failures)(
    '%s: fails with a clear message and leaves the sheet as it was',
    async (_name, faults, code, message) => {
      const before = sheetSnapshot(addon, sheetName);
      await simulator.setFaults(CHINA_ACCOUNT.appid, faults);
      const outcome = addon.call('runDataSet', dataSetId);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code }));
      expect(outcome.message).toMatch(message);
      expect(sheetSnapshot(addon, sheetName)).toBe(before);
      const [latest] = runHistory(addon, dataSetId);
      expect(latest).toEqual(expect.objectContaining({ status: 'failed', code, message: outcome.message }));
    },
  );

  it.each([
    [
      '40164: names the IP WeChat saw and points to the relay',
      WHITELISTED,
      'wechat_ip_not_whitelisted',
      /127\.0\.0\.1.*relay/,
    ],
    [
      '50001: an international account on the China host',
      { ...INTERNATIONAL, type: 'china' as const },
      'wechat_permission_50001',
      /International/,
    ],
    ['48001: an account without data API permission', UNVERIFIED, 'wechat_permission_48001', /verified/],
    [
      '40125: a wrong App Secret',
      { ...CHINA_ACCOUNT, secret: 'WrongSecretWrongSecretWrongSecr1' },
      'wechat_credentials_40125',
      /App Secret is wrong/,
    ],
  ])('%s', (name, account, code, message) => {
    const otherAccount = saveDirectAccount(addon, account, name.slice(0, 40));
    const otherDataSet = saveRangeDataSet(addon, otherAccount, 'user_cumulate', '2026-11-20', '2026-11-27', {
      name: `ds ${name.slice(0, 20)}`,
    });
    const outcome = addon.call('runDataSet', otherDataSet);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code }));
    expect(outcome.message).toMatch(message);
    expect(addon.emu.spreadsheet.hasSheet(`ds ${name.slice(0, 20)}`)).toBe(false);
  });

  it('recovers from tokens invalidated mid-run by fetching one new token', async () => {
    const dataSet = saveRangeDataSet(addon, accountId, 'user_cumulate', '2026-09-01', '2026-11-27', {
      name: 'Cumulate',
    });
    await simulator.setFaults(CHINA_ACCOUNT.appid, { invalidateTokensAfter: 3 });
    const outcome = addon.call('runDataSet', dataSet);
    expect(outcome.status).toBe('success');
    expect(outcome.tokenCalls).toBe(1);
    const served = await simulator.served(CHINA_ACCOUNT.appid, 'getusercumulate');
    expect(outcome.rows).toBe(88);
    expect(served.filter((item) => String(item.ref_date) >= '2026-09-01').length).toBeGreaterThanOrEqual(88);
  });

  it('recovers from busy and 5xx answers by retrying', async () => {
    await simulator.setFaults(CHINA_ACCOUNT.appid, { busy: 2, http5xx: 1 });
    const before = addon.emu.spreadsheet.sheet(sheetName).lastRow;
    const outcome = addon.call('runDataSet', dataSetId);
    expect(outcome.status).toBe('success');
    expect(addon.emu.spreadsheet.sheet(sheetName).lastRow).toBe(before);
  });

  it('waits on 45011 and carries on', async () => {
    await simulator.setFaults(CHINA_ACCOUNT.appid, { minuteQuota: 2 });
    const started = addon.clock.now();
    let outcome = addon.call('runDataSet', dataSetId);
    // The minute of waiting uses up this call's one-minute chunk: the sidebar calls again to continue.
    for (let call = 0; outcome.status === 'running' && call < 5; call++) outcome = addon.call('runDataSet', dataSetId);
    expect(outcome.status).toBe('success');
    expect(addon.clock.now() - started).toBeGreaterThanOrEqual(60_000);
  });

  it('marks 61503 days pending and keeps their rows', async () => {
    const before = sheetSnapshot(addon, sheetName);
    await simulator.setFaults(CHINA_ACCOUNT.appid, { notReady: true });
    const outcome = addon.call('runDataSet', dataSetId);
    expect(outcome.status).toBe('partial');
    expect(outcome.pendingDates).toHaveLength(27);
    expect(outcome.message).toMatch(/not finished computing/);
    expect(sheetSnapshot(addon, sheetName)).toBe(before);
  });

  it('Append run twice never duplicates a row', () => {
    const dataSet = saveRangeDataSet(addon, accountId, 'upstream_msg', '2026-11-10', '2026-11-27', {
      name: 'Messages',
      updateMethod: 'append',
    });
    const first = addon.call('runDataSet', dataSet);
    const rowsAfterFirst = addon.emu.spreadsheet.sheet('Messages').lastRow;
    expect(rowsAfterFirst).toBe(first.rows + 1);
    addon.call('runDataSet', dataSet);
    expect(addon.emu.spreadsheet.sheet('Messages').lastRow).toBe(rowsAfterFirst);
  });

  it("never writes over the user's own cells: beside the table they stay, below it the run stops and says where", () => {
    const ss = (addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    const dataSet = saveRangeDataSet(addon, accountId, 'user_cumulate', '2026-11-20', '2026-11-27', {
      name: 'Mine too',
      updateMethod: 'append',
    });
    expect(addon.call('runDataSet', dataSet).status).toBe('success');
    const sheet = ss.getSheetByName('Mine too')!;
    sheet.getRange('H2').setValue('my note');
    sheet.getRange('A12').setValue('Total');
    const wider = saveRangeDataSet(addon, accountId, 'user_cumulate', '2026-11-10', '2026-11-27', {
      id: dataSet,
      name: 'Mine too',
      updateMethod: 'append',
    });
    const blocked = addon.call('runDataSet', wider);
    expect(blocked).toEqual(expect.objectContaining({ ok: false, code: 'table_blocked' }));
    expect(blocked.message).toMatch(/A12/);
    expect(sheet.getRange('A12').getValue()).toBe('Total');
    sheet.getRange('A12').setValue('');
    expect(addon.call('runDataSet', wider).status).toBe('success');
    expect(sheet.getRange('H2').getValue()).toBe('my note');
    expect(addon.emu.spreadsheet.sheet('Mine too').lastRow).toBe(19);
  });

  it("keeps the user's choice of more frozen rows", () => {
    const ss = (addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    ss.getSheetByName(sheetName)!.setFrozenRows(3);
    expect(addon.call('runDataSet', dataSetId).status).toBe('success');
    expect(addon.emu.spreadsheet.sheet(sheetName).frozenRows).toBe(3);
  });

  it('recreates a sheet the user deleted', () => {
    const ss = (addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    ss.deleteSheet(ss.getSheetByName(sheetName)!);
    const outcome = addon.call('runDataSet', dataSetId);
    expect(outcome.status).toBe('success');
    expect(addon.emu.spreadsheet.sheet(sheetName).lastRow).toBe(outcome.rows + 1);
  });

  it('refuses, before writing, a run that would go over the 10,000,000-cell limit', () => {
    const ss = (addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    const big = ss.insertSheet('Big');
    const used = ss.getSheets().reduce((total, sheet) => total + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
    big.insertRowsAfter(1, Math.floor((10_000_000 - 20_000 - used) / big.getMaxColumns()));
    const dataSet = saveRangeDataSet(addon, accountId, 'user_read_hour', '2026-11-20', '2026-11-27', {
      name: 'Hourly reads',
    });
    const outcome = addon.call('runDataSet', dataSet);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'cell_limit' }));
    expect(outcome.message).toMatch(/10,000,000/);
    expect(addon.emu.spreadsheet.hasSheet('Hourly reads')).toBe(false);
    ss.deleteSheet(big);
  });

  it('counts the other tabs against the limit only when a write that grows its sheet is refused', () => {
    const ss = (addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    const week = saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-07', { name: 'Growing' });
    expect(addon.call('runDataSet', week).status).toBe('success');
    const sheet = ss.getSheetByName('Growing')!;
    const tableHeight = sheet.getLastRow();
    sheet.deleteRows(tableHeight + 1, sheet.getMaxRows() - tableHeight);
    const big = ss.insertSheet('Big');
    const used = ss.getSheets().reduce((total, tab) => total + tab.getMaxRows() * tab.getMaxColumns(), 0);
    big.insertRowsAfter(1, Math.floor((10_000_000 - used) / big.getMaxColumns()));
    const cellsBefore = addon.emu.spreadsheet.sheet('Growing').values();

    // The same week again fits the sheet's grid: it adds no cell, so a nearly full spreadsheet does not stop it, and
    // the grid's size is not even asked.
    const callsBefore = addon.emu.calls.count('Sheet.getMaxRows');
    expect(addon.call('runDataSet', week).status).toBe('success');
    expect(addon.emu.calls.count('Sheet.getMaxRows') - callsBefore).toBe(0);

    // A month needs more rows than the grid has: Sheets refuses the first write whole, the whole spreadsheet is then
    // counted to say why, and nothing is written.
    saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-27', { id: week, name: 'Growing' });
    const outcome = addon.call('runDataSet', week);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'cell_limit' }));
    expect(addon.emu.spreadsheet.sheet('Growing').values()).toEqual(cellsBefore);
    ss.deleteSheet(big);
    ss.deleteSheet(sheet);
  });
});

describe('calls and hosts', () => {
  let simulator: SimulatorProcess;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('a 365-day User Summary backfill makes the minimum number of calls (53) with one token', async () => {
    const addon = loadAddon(simulator);
    try {
      const account = saveDirectAccount(addon);
      const dataSet = saveRangeDataSet(addon, account, 'user_summary', '2025-11-28', '2026-11-27');
      const outcome = addon.call('runDataSet', dataSet);
      expect(outcome.status).toBe('success');
      expect(outcome.calls).toBe(53);
      expect(outcome.tokenCalls).toBe(1);
      const stats = await simulator.stats();
      expect(stats.datacubeCalls.byAccount[CHINA_ACCOUNT.appid]?.byEndpoint.getusersummary).toBe(53);
      expect(addon.emu.calls.count('Range.setValues')).toBe(1);
    } finally {
      addon.dispose();
    }
  });

  it('fails over to api2.weixin.qq.com when api.weixin.qq.com cannot be reached', async () => {
    const addon = loadAddon(simulator, { unreachableHosts: ['api.weixin.qq.com'] });
    try {
      const account = saveDirectAccount(addon);
      const dataSet = saveRangeDataSet(addon, account, 'user_cumulate', '2026-11-01', '2026-11-27');
      const outcome = addon.call('runDataSet', dataSet);
      expect(outcome.status).toBe('success');
      const hosts = new Set((await simulator.log({ kind: 'datacube' })).slice(-4).map((entry) => entry.host));
      expect([...hosts]).toEqual(['api2.weixin.qq.com']);
    } finally {
      addon.dispose();
    }
  });

  it('sends international accounts to api.wechat.com', async () => {
    await simulator.control('POST', 'accounts', INTERNATIONAL);
    const addon = loadAddon(simulator);
    try {
      const account = saveDirectAccount(addon, INTERNATIONAL);
      const dataSet = saveRangeDataSet(addon, account, 'user_cumulate', '2026-11-01', '2026-11-27');
      expect(addon.call('runDataSet', dataSet).status).toBe('success');
      const entries = await simulator.log({ appid: INTERNATIONAL.appid });
      expect(new Set(entries.map((entry) => entry.host))).toEqual(new Set(['api.wechat.com']));
    } finally {
      addon.dispose();
    }
  });
});
