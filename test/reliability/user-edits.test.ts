/**
 * Users edit the sheets the add-on writes: rename or delete them, sort the rows, move or edit columns, add their
 * own columns and formulas beside the table or content below it, or point a DataSet at a sheet that is theirs.
 * Each behaves as docs/dataset.md ("Your own edits") says, and no user cell outside the table is ever overwritten.
 */
import { type Addon, loadAddon, NOON_BEIJING, saveDirectAccount, startSimulatorAt } from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';
import {
  expectNoDuplicateRows,
  history,
  type Outcome,
  range,
  saveDataSet,
  scenarioSuite,
  sheetSnapshot,
  spreadsheetApp,
} from './support/scenarios';

const { scenario } = scenarioSuite('user-edits');

/** user_summary: Date, Source, Source (label), New, Cancelled: columns A–E. */
const DATES = range('2026-11-01', '2026-11-27');
const WIDTH = 5;
const KEY_COLUMNS = 2;

describe('reliability: users’ own edits', () => {
  let simulator: SimulatorProcess;
  let addon: Addon;
  let accountId: string;
  let referenceTable: unknown[][];
  let count = 0;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
    addon = loadAddon(simulator);
    accountId = saveDirectAccount(addon);
    const reference = saveDataSet(addon, { name: 'Reference', accountId, reportId: 'user_summary', dates: DATES });
    expect(addon.call('runDataSet', reference).status).toBe('success');
    referenceTable = table('Reference');
  });

  afterAll(async () => {
    addon?.dispose();
    await simulator?.close();
  });

  function sheet(name: string): GoogleAppsScript.Spreadsheet.Sheet {
    return spreadsheetApp(addon).getSheetByName(name)!;
  }

  /** The table region's values (A1 down to the table's height, columns A–E). */
  function table(name: string): unknown[][] {
    const values = addon.emu.spreadsheet.sheet(name).values();
    const height = values.findIndex((row) => row.slice(0, WIDTH).every((cell) => cell === ''));
    return values.slice(0, height === -1 ? values.length : height).map((row) => row.slice(0, WIDTH));
  }

  /** Everything outside columns A–E: the user's side of the sheet. */
  function beside(name: string): string {
    const fake = addon.emu.spreadsheet.sheet(name);
    const right = 'F1:J250';
    return JSON.stringify({
      values: fake.values(right),
      formulas: fake.formulas(right),
      formats: fake.numberFormats(right),
    });
  }

  /** A fresh DataSet with its own sheet, run once; returns its id and sheet name. */
  function dataSetWithSheet(updateMethod: 'replace' | 'append', dates = DATES): { id: string; name: string } {
    const name = `Edits ${++count}`;
    const id = saveDataSet(addon, { name, accountId, reportId: 'user_summary', dates, updateMethod });
    expect(addon.call('runDataSet', id).status).toBe('success');
    expect(table(name)).toEqual(dates === DATES ? referenceTable : expect.anything());
    return { id, name };
  }

  function run(id: string): Outcome {
    const outcome = addon.call('runDataSet', id);
    expect(history(addon, id)[0]?.message).toBe(outcome.message);
    return outcome;
  }

  /** The user's own columns: notes and formulas that refer to the table. */
  function addUserColumns(name: string): void {
    const target = sheet(name);
    target.getRange('F1').setValue('My note');
    target.getRange('G1').setValue('Twice the new followers');
    for (let row = 2; row <= 35; row++) {
      target.getRange(`F${row}`).setValue(row % 2 === 0 ? 'keep me' : '');
      target.getRange(`G${row}`).setFormula(`=D${row}*2`);
    }
    target.getRange('H3').setValue(12345);
    target.getRange('H3').setNumberFormat('0.00');
  }

  scenario(
    'sheet renamed: the next run writes a new sheet with the DataSet’s name; the renamed one stays as is',
    () => {
      const { id, name } = dataSetWithSheet('replace');
      sheet(name).setName('My copy');
      const copy = sheetSnapshot(addon, 'My copy');
      expect(run(id).status).toBe('success');
      expect(table(name)).toEqual(referenceTable);
      expect(sheetSnapshot(addon, 'My copy')).toBe(copy);
    },
  );

  scenario('sheet deleted: the next run creates it again, complete', () => {
    const { id, name } = dataSetWithSheet('append');
    spreadsheetApp(addon).deleteSheet(sheet(name));
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
    expect(addon.emu.spreadsheet.sheet(name).frozenRows).toBe(1);
  });

  scenario('rows sorted by the user: Append puts them back in key order, nothing doubled or lost', () => {
    const { id, name } = dataSetWithSheet('append');
    const rows = referenceTable.length - 1;
    const range = sheet(name).getRange(2, 1, rows, WIDTH);
    const sorted = range.getValues().sort((a, b) => Number(b[3]) - Number(a[3]));
    range.setValues(sorted);
    expect(table(name)).not.toEqual(referenceTable);
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
    expectNoDuplicateRows(addon, name, KEY_COLUMNS);
  });

  scenario('rows sorted by the user: Replace rewrites the table in key order', () => {
    const { id, name } = dataSetWithSheet('replace');
    const rows = referenceTable.length - 1;
    const range = sheet(name).getRange(2, 1, rows, WIDTH);
    range.setValues(range.getValues().reverse());
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
  });

  scenario('columns moved inside the table: Append refuses and changes nothing; Replace rewrites the table', () => {
    const { id, name } = dataSetWithSheet('append');
    const target = sheet(name);
    const height = referenceTable.length;
    const newColumn = target.getRange(1, 4, height, 1).getValues();
    const cancelColumn = target.getRange(1, 5, height, 1).getValues();
    target.getRange(1, 4, height, 1).setValues(cancelColumn);
    target.getRange(1, 5, height, 1).setValues(newColumn);
    addUserColumns(name);
    const before = sheetSnapshot(addon, name);
    const refused = run(id);
    expect(refused).toEqual(expect.objectContaining({ ok: false, code: 'header_changed' }));
    expect(refused.message).toMatch(/Restore it, or run once with the Replace update method/);
    expect(sheetSnapshot(addon, name)).toBe(before);
    const userSide = beside(name);
    saveDataSet(addon, { id, name, accountId, reportId: 'user_summary', dates: DATES, updateMethod: 'replace' });
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
    expect(beside(name)).toBe(userSide);
  });

  scenario('header edited: Append refuses and changes nothing; Replace restores the header', () => {
    const { id, name } = dataSetWithSheet('append');
    sheet(name).getRange('A1').setValue('Day');
    const before = sheetSnapshot(addon, name);
    expect(run(id)).toEqual(expect.objectContaining({ ok: false, code: 'header_changed' }));
    expect(sheetSnapshot(addon, name)).toBe(before);
    saveDataSet(addon, { id, name, accountId, reportId: 'user_summary', dates: DATES, updateMethod: 'replace' });
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
  });

  scenario('a value edited inside the table: Replace puts WeChat’s value back', () => {
    const { id, name } = dataSetWithSheet('replace');
    sheet(name).getRange('D5').setValue(999999);
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
  });

  scenario('a value edited inside the table: Append replaces the dates it fetches again, keeps the others', () => {
    const { id, name } = dataSetWithSheet('append');
    const last = referenceTable.length;
    sheet(name).getRange('D2').setValue(999999);
    sheet(name).getRange(`D${last}`).setValue(888888);
    expect(run(id).status).toBe('success');
    const values = table(name);
    expect(values[1]![3]).toBe(999999);
    expect(values[last - 1]).toEqual(referenceTable[last - 1]);
    expect(values.length).toBe(referenceTable.length);
  });

  scenario('sheet cleared by the user: Append fetches all its dates again, not just the latest days', () => {
    const { id, name } = dataSetWithSheet('append');
    sheet(name).clearContents();
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
  });

  scenario('extra columns and formulas beside the table: untouched by Replace and Append runs', () => {
    for (const method of ['replace', 'append'] as const) {
      const { id, name } = dataSetWithSheet(method);
      addUserColumns(name);
      const userSide = beside(name);
      expect(run(id).status).toBe('success');
      expect(run(id).status).toBe('success');
      expect(beside(name)).toBe(userSide);
      expect(addon.emu.spreadsheet.sheet(name).cell('G2').formula).toBe('=D2*2');
      expect(table(name)).toEqual(referenceTable);
    }
  });

  scenario('a table that shrinks: its old rows are cleared in its own columns only, the user’s columns stay', () => {
    const { id, name } = dataSetWithSheet('replace');
    addUserColumns(name);
    const userSide = beside(name);
    saveDataSet(addon, {
      id,
      name,
      accountId,
      reportId: 'user_summary',
      dates: range('2026-11-21', '2026-11-27'),
      updateMethod: 'replace',
    });
    const outcome = run(id);
    expect(outcome.status).toBe('success');
    const values = addon.emu.spreadsheet.sheet(name).values();
    expect(table(name)).toHaveLength(outcome.rows + 1);
    for (const row of values.slice(outcome.rows + 1))
      expect(row.slice(0, WIDTH).every((cell) => cell === '')).toBe(true);
    expect(beside(name)).toBe(userSide);
  });

  scenario('content below the table: a run that would grow into it stops, names the cell, writes nothing', () => {
    const small = range('2026-11-21', '2026-11-27');
    const { id, name } = dataSetWithSheet('replace', small);
    const height = table(name).length;
    sheet(name)
      .getRange(`B${height + 3}`)
      .setValue('Total');
    sheet(name)
      .getRange(`D${height + 3}`)
      .setFormula(`=SUM(D2:D${height})`);
    const before = sheetSnapshot(addon, name);
    saveDataSet(addon, { id, name, accountId, reportId: 'user_summary', dates: DATES, updateMethod: 'replace' });
    const blocked = run(id);
    expect(blocked).toEqual(expect.objectContaining({ ok: false, code: 'table_blocked' }));
    expect(blocked.message).toContain(`B${height + 3}`);
    expect(blocked.message).toMatch(/Nothing was written/);
    expect(sheetSnapshot(addon, name)).toBe(before);
    // Same dates again fit above it: the run goes through and the user's rows stay.
    saveDataSet(addon, { id, name, accountId, reportId: 'user_summary', dates: small, updateMethod: 'replace' });
    expect(run(id).status).toBe('success');
    expect(addon.emu.spreadsheet.sheet(name).cell(`D${height + 3}`).formula).toBe(`=SUM(D2:D${height})`);
    expect(addon.emu.spreadsheet.sheet(name).cell(`B${height + 3}`).value).toBe('Total');
  });

  scenario('a blank row inserted inside the table: the rows below are the user’s; the run stops naming them', () => {
    const { id, name } = dataSetWithSheet('append');
    sheet(name).insertRowsAfter(10, 1);
    const before = sheetSnapshot(addon, name);
    const blocked = run(id);
    expect(blocked).toEqual(expect.objectContaining({ ok: false, code: 'table_blocked' }));
    expect(blocked.message).toContain('A12');
    expect(sheetSnapshot(addon, name)).toBe(before);
    sheet(name).deleteRow(11);
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
  });

  scenario('a sheet of the user’s that has the DataSet’s sheet name is never overwritten', () => {
    const mine = spreadsheetApp(addon).insertSheet('Budget');
    mine.getRange('A1:C3').setValues([
      ['Item', 'Cost', 'Note'],
      ['Ads', 1200, 'Q4'],
      ['Events', 800, ''],
    ]);
    mine.getRange('D2').setFormula('=B2+B3');
    const before = sheetSnapshot(addon, 'Budget');
    for (const updateMethod of ['replace', 'append']) {
      const id = saveDataSet(addon, {
        name: `Into my sheet (${updateMethod})`,
        sheetName: 'Budget',
        accountId,
        reportId: 'user_summary',
        dates: DATES,
        updateMethod,
      });
      const outcome = run(id);
      expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'sheet_in_use' }));
      expect(outcome.message).toMatch(/"Budget" already holds other content.*Nothing was written/);
      expect(sheetSnapshot(addon, 'Budget')).toBe(before);
      addon.call('deleteDataSet', id);
    }
  });

  scenario('a DataSet whose own table had its header edited may still rewrite it (Replace), as documented', () => {
    const { id, name } = dataSetWithSheet('replace');
    sheet(name)
      .getRange('A1:E1')
      .setValues([['a', 'b', 'c', 'd', 'e']]);
    expect(run(id).status).toBe('success');
    expect(table(name)).toEqual(referenceTable);
  });
});
