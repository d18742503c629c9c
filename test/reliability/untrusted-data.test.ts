/**
 * Text from WeChat is untrusted: titles (and other text) that start with `=`, `+`, `-`, `@`, a tab or an apostrophe,
 * that hold line breaks or emoji, or that look like numbers, dates or booleans are written and read back exactly as
 * text, never as formulas; huge numbers stay numbers. Through the scripted stub (exact values) and the simulator
 * (its own tricky titles, over a run that continues across chunks through the staging sheet).
 */
import {
  CHINA_ACCOUNT,
  loadAddon,
  NOON_BEIJING,
  saveDirectAccount,
  startSimulatorAt,
  succeeded,
} from '../support/addon';
import { flattenRaw } from '../support/expected-rows';
import type { SimulatorProcess } from '../support/simulator-process';
import { expectNoDuplicateRows, range, runToEnd, saveDataSet, scenarioSuite, sheetSnapshot } from './support/scenarios';
import { type StubProcess, startStub } from './support/stub-process';

const { scenario } = scenarioSuite('untrusted-data');

const TITLES: readonly string[] = [
  '=SUM(A1:A9)',
  '=IMPORTXML("https://evil.example/","//a")',
  "=cmd|' /C calc'!A0",
  '+1 555 0100 hotline',
  '+86',
  '-50% this weekend',
  '-42',
  '-',
  '@everyone read this',
  '@',
  '\tstarts with a tab',
  'two\nlines',
  'three\r\nlines\rhere',
  '😀👍🏽 emoji and 春节快乐 🧧',
  "'starts with an apostrophe",
  '1e5',
  '0012345',
  '2026-11-27',
  '11/27/2026',
  'TRUE',
  '50%',
  '$1,234.50',
  '  leading and trailing spaces  ',
  '<script>alert(1)</script>',
  'x'.repeat(5000),
];
const HUGE_NUMBERS: readonly number[] = [Number.MAX_SAFE_INTEGER, 123456789012345680, 1e21, 4294967296, -5, 0];
const DAY = '2026-11-27';

function stubItems(): Array<Record<string, unknown>> {
  return TITLES.map((title, index) => ({
    ref_date: DAY,
    msgid: index === 0 ? '=1+1_1' : index === 1 ? '+2247483647_2' : `22474836${String(index).padStart(2, '0')}_1`,
    title,
    int_page_read_user: HUGE_NUMBERS[index % HUGE_NUMBERS.length],
    int_page_read_count: String(HUGE_NUMBERS[index % HUGE_NUMBERS.length]),
    ori_page_read_user: 1,
    ori_page_read_count: 2,
    share_user: 3,
    share_count: 4,
    add_to_fav_user: 5,
    add_to_fav_count: 6,
  }));
}

describe('reliability: untrusted text stays text, numbers stay numbers', () => {
  let stub: StubProcess;
  let simulator: SimulatorProcess;

  beforeAll(async () => {
    [stub, simulator] = await Promise.all([startStub(), startSimulatorAt(NOON_BEIJING)]);
    await stub.setAnswers({ getarticlesummary: { body: JSON.stringify({ list: stubItems() }) } });
  });

  afterAll(async () => {
    await Promise.all([stub?.close(), simulator?.close()]);
  });

  describe('exact values from the scripted stub', () => {
    const addon = () => stubAddon;
    let stubAddon: ReturnType<typeof loadAddon>;
    let id: string;
    let afterFirst: string;

    beforeAll(() => {
      stubAddon = loadAddon({ origin: stub.origin });
      const accountId = saveDirectAccount(stubAddon);
      id = saveDataSet(stubAddon, {
        name: 'Articles',
        accountId,
        reportId: 'article_summary',
        dates: range(DAY, DAY),
        updateMethod: 'append',
      });
      const outcome = stubAddon.call('runDataSet', id);
      expect(outcome).toEqual(expect.objectContaining({ status: 'success', rows: TITLES.length }));
      afterFirst = sheetSnapshot(stubAddon, 'Articles');
    });

    afterAll(() => stubAddon?.dispose());

    /** The sheet row of a title (rows are sorted by msgid). */
    function rowOf(title: string): number {
      const titles = addon()
        .emu.spreadsheet.sheet('Articles')
        .values()
        .map((row) => row[2]);
      const index = titles.indexOf(title);
      expect(index).toBeGreaterThan(0);
      return index + 1;
    }

    scenario('every title is in its cell exactly as sent, as text, never a formula', () => {
      const sheet = addon().emu.spreadsheet.sheet('Articles');
      for (const title of TITLES) {
        const cell = sheet.cellAt(rowOf(title), 3);
        expect({ title, value: cell.value, formula: cell.formula, format: cell.numberFormat }).toEqual({
          title,
          value: title,
          formula: '',
          format: '@',
        });
      }
    });

    scenario('message ids that start with = or + are text too', () => {
      const sheet = addon().emu.spreadsheet.sheet('Articles');
      const msgids = sheet.values().map((row) => row[1]);
      expect(msgids).toEqual(expect.arrayContaining(['=1+1_1', '+2247483647_2']));
    });

    scenario('no cell anywhere in the spreadsheet holds a formula', () => {
      for (const name of addon().emu.spreadsheet.sheetNames()) {
        const formulas = addon().emu.spreadsheet.sheet(name).formulas().flat();
        expect(formulas.filter((formula) => formula !== '')).toEqual([]);
      }
    });

    scenario('huge numbers (and numbers sent as text) are numbers in number cells', () => {
      const sheet = addon().emu.spreadsheet.sheet('Articles');
      TITLES.forEach((title, index) => {
        const expected = HUGE_NUMBERS[index % HUGE_NUMBERS.length];
        const row = rowOf(title);
        for (const column of [4, 5]) {
          const cell = sheet.cellAt(row, column);
          expect({ title: title.slice(0, 20), value: cell.value, format: cell.numberFormat }).toEqual({
            title: title.slice(0, 20),
            value: expected,
            format: '#,##0',
          });
        }
      });
    });

    scenario('dates are real dates', () => {
      const cell = addon().emu.spreadsheet.sheet('Articles').cell('A2');
      expect(cell.value).toBeInstanceOf(Date);
      expect(cell.displayValue).toBe(DAY);
    });

    scenario('read back by Append and by Replace: the same sheet, no row doubled', () => {
      const again = addon().call('runDataSet', id);
      expect(again.status).toBe('success');
      expect(sheetSnapshot(addon(), 'Articles')).toBe(afterFirst);
      expectNoDuplicateRows(addon(), 'Articles', 2);
      const accountId = addon().call('listAccounts')[0]!.id;
      saveDataSet(addon(), {
        id,
        name: 'Articles',
        accountId,
        reportId: 'article_summary',
        dates: range(DAY, DAY),
        updateMethod: 'replace',
      });
      expect(addon().call('runDataSet', id).status).toBe('success');
      expect(sheetSnapshot(addon(), 'Articles')).toBe(afterFirst);
    });

    scenario('names users type (DataSet, sheet, account) may start with = + - @ and hold emoji', () => {
      const accountName = '=HYPERLINK("https://evil.example") 😀';
      const saved = succeeded(
        addon().call('saveAccount', {
          name: accountName,
          appId: CHINA_ACCOUNT.appid,
          type: 'china',
          connection: 'direct',
          secret: CHINA_ACCOUNT.secret,
        }),
      );
      expect(saved.account.name).toBe(accountName);
      const sheetName = '+Sheet @ 😀 -1';
      const other = saveDataSet(addon(), {
        name: '=SUM(1,2) DataSet',
        accountId: saved.account.id,
        reportId: 'article_summary',
        dates: range(DAY, DAY),
        sheetName,
      });
      const outcome = addon().call('runDataSet', other);
      expect(outcome).toEqual(expect.objectContaining({ status: 'success', sheetName }));
      expect(addon().emu.spreadsheet.hasSheet(sheetName)).toBe(true);
      expect(addon().call('getDataSet', other)).toEqual(expect.objectContaining({ name: '=SUM(1,2) DataSet' }));
    });
  });

  scenario('the simulator’s tricky titles, over a run continued across chunks: every title exact', async () => {
    const addon = loadAddon(simulator, { latencyMs: 25_000 });
    try {
      const accountId = saveDirectAccount(addon);
      const id = saveDataSet(addon, {
        name: 'Tricky',
        accountId,
        reportId: 'article_summary',
        dates: range('2026-07-01', '2026-11-27'),
      });
      const outcomes = runToEnd(addon, id);
      expect(outcomes.length).toBeGreaterThan(1);
      expect(outcomes.at(-1)?.status).toBe('success');
      const served = (await simulator.served(CHINA_ACCOUNT.appid, 'getarticlesummary')).flatMap(flattenRaw);
      const titles = served.map((item) => String(item.title));
      const starts = (prefix: string) => titles.some((title) => title.startsWith(prefix));
      expect(['=', '+', '-', '@'].map(starts)).toEqual([true, true, true, true]);
      expect(titles.some((title) => title.includes('\n'))).toBe(true);
      expect(titles.some((title) => title.includes('\t'))).toBe(true);
      const sheet = addon.emu.spreadsheet.sheet('Tricky');
      const cells = sheet.values().slice(1);
      expect(cells).toHaveLength(new Set(served.map((item) => `${item.ref_date}|${item.msgid}`)).size);
      const byKey = new Map(served.map((item) => [`${item.ref_date}|${item.msgid}`, String(item.title)]));
      sheet
        .displayValues()
        .slice(1)
        .forEach((row, index) => {
          expect(cells[index]![2]).toBe(byKey.get(`${row[0]}|${row[1]}`));
        });
      expect(
        sheet
          .formulas()
          .flat()
          .filter((formula) => formula !== ''),
      ).toEqual([]);
      expect(addon.emu.spreadsheet.sheetNames().filter((name) => name.startsWith('~wechat-staging'))).toEqual([]);
    } finally {
      addon.dispose();
    }
  });
});
