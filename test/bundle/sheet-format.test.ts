/**
 * The sheet an analyst expects, through the bundle: hours as times, counts with thousands separators, durations
 * with their unit, rates as percentages, columns that fit their headers on the first write, and a note on the
 * header cell saying when, by whom and for which dates the table was refreshed (no table cell taken).
 */
import { FORMAT_CELLS_PER_CALL } from '../../src/gas/spreadsheet';
import { saveRangeDataSet } from '../support/addon';
import { useBundle } from '../support/use-bundle';

describe('the sheet an analyst expects', () => {
  const bundle = useBundle({ timeoutMs: 600 });

  const sheet = (name: string) => bundle.addon.emu.spreadsheet.sheet(name);

  function run(reportId: string, name: string, start: string, end: string, extra: Record<string, unknown> = {}) {
    const id = saveRangeDataSet(bundle.addon, bundle.accountId, reportId, start, end, { name, ...extra });
    expect(bundle.addon.call('runDataSet', id)).toEqual(expect.objectContaining({ ok: true, status: 'success' }));
    return id;
  }

  it('shows hours as 00:00–23:00 times, and an hourly Append read back never duplicates a row', () => {
    const id = run('upstream_msg_hour', 'Hourly', '2026-11-27', '2026-11-27', { updateMethod: 'append' });
    const shown = sheet('Hourly').displayValues();
    expect(shown[0]![1]).toBe('Hour');
    const hours = shown.slice(1).map((row) => row[1]);
    expect(hours.length).toBeGreaterThan(0);
    for (const hour of hours) expect(hour).toMatch(/^([01]\d|2[0-3]):00$/);
    expect(sheet('Hourly').numberFormats()[1]![1]).toBe('hh:mm');
    const before = sheet('Hourly').displayValues();
    expect(bundle.addon.call('runDataSet', id).status).toBe('success');
    expect(sheet('Hourly').displayValues()).toEqual(before);
  });

  it('writes counts with thousands separators and durations with their unit (ms) in the header', () => {
    run('interface_summary', 'Interface', '2026-11-01', '2026-11-27');
    const header = sheet('Interface').displayValues()[0]!;
    expect(header).toEqual(['Date', 'Callbacks', 'Failures', 'Total Time Cost (ms)', 'Max Time Cost (ms)']);
    const formats = sheet('Interface').numberFormats()[1]!;
    expect(formats.slice(1)).toEqual(['#,##0', '#,##0', '#,##0', '#,##0']);
    const totals = sheet('Interface')
      .values()
      .slice(1)
      .map((row) => Number(row[3]));
    const big = totals.findIndex((value) => value >= 1000);
    expect(big).toBeGreaterThanOrEqual(0);
    expect(sheet('Interface').displayValues()[big + 1]![3]).toBe(totals[big]!.toLocaleString('en-US'));
  });

  it('formats a big table one call per format (the header with the text columns), the same formats as a small table', () => {
    const formatCalls = () =>
      bundle.addon.emu.calls.count('Range.setNumberFormat') + bundle.addon.emu.calls.count('RangeList.setNumberFormat');
    run('user_read_hour', 'Reads by hour, one day', '2026-11-27', '2026-11-27');
    const perCell = bundle.addon.emu.calls.count('Range.setNumberFormats');
    const perGroup = formatCalls();
    run('user_read_hour', 'Reads by hour, two weeks', '2026-11-14', '2026-11-27');
    const big = sheet('Reads by hour, two weeks');
    const formats = big.numberFormats();
    const distinct = new Set([...formats[1]!, '@']).size;
    expect(formats.length * formats[0]!.length).toBeGreaterThan(distinct * FORMAT_CELLS_PER_CALL);
    // No array of a format per cell; one call per format (the header row's text with the text columns').
    expect(bundle.addon.emu.calls.count('Range.setNumberFormats')).toBe(perCell);
    const calls = formatCalls() - perGroup;
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThanOrEqual(distinct);
    const small = sheet('Reads by hour, one day').numberFormats();
    expect(formats[0]).toEqual(small[0]);
    for (const row of formats.slice(1)) expect(row).toEqual(small[1]);
    expect(big.displayValues().length).toBe(formats.length);
  });

  it('sends the formats of non-adjacent columns of one format in one call (Article Total: two date columns)', () => {
    run('article_total', 'Totals by article', '2026-10-01', '2026-11-27');
    const shown = sheet('Totals by article').numberFormats();
    expect(shown.length * shown[0]!.length).toBeGreaterThan(3 * FORMAT_CELLS_PER_CALL);
    const dates = shown[1]!.flatMap((format, index) => (format === 'yyyy-mm-dd' ? [index] : []));
    expect(dates.length).toBe(2);
    expect(dates[1]! - dates[0]!).toBeGreaterThan(1);
    for (const row of shown.slice(1)) for (const index of dates) expect(row[index]).toBe('yyyy-mm-dd');
    expect(shown[0]!.every((format) => format === '@')).toBe(true);
    expect(bundle.addon.emu.calls.count('RangeList.setNumberFormat')).toBeGreaterThanOrEqual(2);
  });

  it('formats the rates WeChat gives as ratios as percentages', () => {
    run('article_total_detail', 'Totals', '2025-11-03', '2025-11-09');
    const shown = sheet('Totals').displayValues();
    const rate = shown[0]!.indexOf('Delivery Read Rate');
    expect(rate).toBeGreaterThan(0);
    expect(sheet('Totals').numberFormats()[1]![rate]).toBe('0.00%');
    const filled = shown.slice(1).filter((row) => row[rate] !== '');
    expect(filled.length).toBeGreaterThan(0);
    for (const row of filled) expect(row[rate]).toMatch(/^\d+\.\d{2}%$/);
  });

  it('fits the columns to their headers on the first write', () => {
    run('user_summary', 'Widths', '2026-11-20', '2026-11-27');
    const header = sheet('Widths').displayValues()[0]!;
    header.forEach((text, index) => {
      const width = sheet('Widths').columnWidth(index + 1);
      expect(width).not.toBe(100);
      expect(width).toBeGreaterThanOrEqual(text.length * 7);
    });
  });

  it('notes on the header cell when, by whom and for which dates the table was refreshed, taking no cell', () => {
    run('user_cumulate', 'Noted', '2026-11-20', '2026-11-27');
    const note = sheet('Noted').note('A1');
    expect(note).toMatch(/^Last refreshed 2026-11-28 12:0\d \(Beijing time\) by \S+\./);
    expect(note).toContain('Dates fetched: 2026-11-20 → 2026-11-27 (Replace).');
    const values = sheet('Noted').values();
    expect(values.length).toBe(9);
    expect(values.every((row) => row.length === 2)).toBe(true);
  });
});
