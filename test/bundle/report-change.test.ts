/**
 * Changing a DataSet's report or header language, through the bundle against the simulator: Replace clears the
 * whole extent it wrote last time (the user's cells beside and below stay), Append rewrites the sheet once and
 * goes on incrementally, and a header that no longer matches is found before any WeChat call.
 */
import { spreadsheetApp } from '../reliability/support/scenarios';
import { saveRangeDataSet } from '../support/addon';
import { useBundle } from '../support/use-bundle';

describe('a DataSet whose report or language changes', () => {
  const bundle = useBundle({ timeoutMs: 600 });
  let count = 0;

  const values = (name: string) => bundle.addon.emu.spreadsheet.sheet(name).values();
  const datacubeCalls = async () => (await bundle.simulator.stats()).datacubeCalls.total;

  function createAndRun(updateMethod: 'replace' | 'append', start = '2026-11-01'): { id: string; name: string } {
    const name = `Change ${++count}`;
    const id = saveRangeDataSet(bundle.addon, bundle.accountId, 'user_summary', start, '2026-11-27', {
      name,
      updateMethod,
    });
    expect(bundle.addon.call('runDataSet', id)).toEqual(expect.objectContaining({ status: 'success' }));
    return { id, name };
  }

  function edit(id: string, changes: Record<string, unknown>): void {
    const current = bundle.addon.call('getDataSet', id);
    const result = bundle.addon.call('saveDataSet', { ...current, ...changes });
    expect(result).toEqual(expect.objectContaining({ ok: true }));
  }

  it('a Replace after a report change leaves no cell of the old table; the user’s cells beside and below stay', () => {
    const { id, name } = createAndRun('replace');
    const before = values(name);
    // User Summary: date, source code, its label, new, cancelled (5 columns), several rows a day.
    expect(before[0]!.length).toBeGreaterThanOrEqual(5);
    const oldHeight = before.filter((row) => row.some((cell) => cell !== '')).length;
    const sheet = spreadsheetApp(bundle.addon).getSheetByName(name)!;
    const besideColumn = before[0]!.length + 2;
    sheet.getRange(1, besideColumn).setValue('my note beside');
    sheet.getRange(oldHeight + 3, 1).setValue('my note below');

    edit(id, { reportId: 'user_cumulate' });
    const outcome = bundle.addon.call('runDataSet', id);
    expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'success' }));

    const after = values(name);
    // User Cumulate: date + cumulate_user, one row a day (27 days).
    const table = after.slice(0, 28).map((row) => row.slice(0, 2));
    expect(table[0]).toEqual(['Date', 'Cumulative Users']);
    for (let row = 0; row < after.length; row++) {
      for (let column = 0; column < after[row]!.length; column++) {
        const inNewTable = row < 28 && column < 2;
        const userCell = (row === 0 && column === besideColumn - 1) || (row === oldHeight + 2 && column === 0);
        if (inNewTable || userCell) continue;
        expect({ row: row + 1, column: column + 1, value: after[row]![column] }).toEqual({
          row: row + 1,
          column: column + 1,
          value: '',
        });
      }
    }
    expect(after[0]![besideColumn - 1]).toBe('my note beside');
    expect(after[oldHeight + 2]![0]).toBe('my note below');
  });

  it('an Append after a report change rewrites the sheet once, with no header_changed, then goes on incrementally', async () => {
    const { id, name } = createAndRun('append');
    edit(id, { reportId: 'user_cumulate' });
    const rewrite = bundle.addon.call('runDataSet', id);
    expect(rewrite).toEqual(expect.objectContaining({ ok: true, status: 'success', rows: 27 }));
    const after = values(name);
    expect(after[0]!.slice(0, 2)).toEqual(['Date', 'Cumulative Users']);
    expect(after.filter((row) => row.some((cell) => cell !== '')).length).toBe(28);
    expect(after[0]!.slice(2).every((cell) => cell === '')).toBe(true);

    // The next Append refreshes only the restatement window, onto the rewritten table.
    const next = bundle.addon.call('runDataSet', id);
    expect(next).toEqual(expect.objectContaining({ ok: true, status: 'success' }));
    expect(next.rows).toBeLessThan(27);
    expect(values(name).filter((row) => row.some((cell) => cell !== '')).length).toBe(28);
  });

  it('an Append after a language change rewrites the header in the new language', () => {
    const { id, name } = createAndRun('append', '2026-11-20');
    edit(id, { language: 'zh' });
    expect(bundle.addon.call('runDataSet', id)).toEqual(expect.objectContaining({ ok: true, status: 'success' }));
    const header = values(name)[0]!;
    expect(header.some((cell) => /[\u4e00-\u9fff]/.test(String(cell)))).toBe(true);
  });

  it('an Append whose header the user edited fails with header_changed before any WeChat call', async () => {
    const { id, name } = createAndRun('append', '2026-11-20');
    spreadsheetApp(bundle.addon).getSheetByName(name)!.getRange(1, 1).setValue('my date');
    const callsBefore = await datacubeCalls();
    const outcome = bundle.addon.call('runDataSet', id);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'header_changed', calls: 0 }));
    expect(await datacubeCalls()).toBe(callsBefore);
  });
});
