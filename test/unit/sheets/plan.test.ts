import { getReport } from '../../../src/reports';
import { rowKeyIndexes, tableColumns } from '../../../src/reports/table';
import { mergeRows } from '../../../src/sheets/plan';
import { fromSheetValue, isoDateToSerial, serialToIsoDate, toSheetValue } from '../../../src/table/sheet-values';

const report = getReport('user_summary')!;
const columns = tableColumns(report, 'en');
const keyIndexes = rowKeyIndexes(report, columns);
const header = columns.map((column) => column.header);
const row = (date: string, source: number, newUser: number) => {
  const cells = columns.map(() => null as string | number | null);
  cells[columns.findIndex((c) => c.key === 'ref_date')] = date;
  cells[columns.findIndex((c) => c.key === 'user_source')] = source;
  cells[columns.findIndex((c) => c.key === 'new_user')] = newUser;
  return cells;
};

describe('append merge', () => {
  it('adds new dates after the existing ones, sorted by the row key', () => {
    const result = mergeRows({
      method: 'append',
      columns,
      keyIndexes,
      existing: { header, rows: [row('2026-11-01', 0, 5), row('2026-11-02', 0, 6)] },
      newRows: [row('2026-11-03', 1, 2), row('2026-11-03', 0, 7)],
      refetchedDates: new Set(['2026-11-03']),
    });
    expect(result.ok && result.rows.map((r) => `${r[keyIndexes[0]!]}/${r[keyIndexes[1]!]}`)).toEqual([
      '2026-11-01/0',
      '2026-11-02/0',
      '2026-11-03/0',
      '2026-11-03/1',
    ]);
  });

  it('replaces every row of a date fetched again, never duplicating', () => {
    const existing = { header, rows: [row('2026-11-01', 0, 5), row('2026-11-02', 0, 6), row('2026-11-02', 17, 1)] };
    const result = mergeRows({
      method: 'append',
      columns,
      keyIndexes,
      existing,
      newRows: [row('2026-11-02', 0, 60)],
      refetchedDates: new Set(['2026-11-02']),
    });
    expect(result.ok && result.rows).toEqual([row('2026-11-01', 0, 5), row('2026-11-02', 0, 60)]);
  });

  it('keeps rows of dates that were not fetched again (e.g. pending days)', () => {
    const result = mergeRows({
      method: 'append',
      columns,
      keyIndexes,
      existing: { header, rows: [row('2026-11-02', 0, 6)] },
      newRows: [],
      refetchedDates: new Set(['2026-11-01']),
    });
    expect(result.ok && result.rows).toEqual([row('2026-11-02', 0, 6)]);
  });

  it('refuses to append under a header the user changed', () => {
    const result = mergeRows({
      method: 'append',
      columns,
      keyIndexes,
      existing: { header: ['Day', ...header.slice(1)], rows: [] },
      newRows: [row('2026-11-02', 0, 6)],
      refetchedDates: new Set(),
    });
    expect(result).toEqual({ ok: false, said: expect.objectContaining({ code: 'header_changed' }) });
  });

  it('Replace takes only the new rows', () => {
    const result = mergeRows({
      method: 'replace',
      columns,
      keyIndexes,
      existing: { header: ['anything'], rows: [row('2026-11-01', 0, 5)] },
      newRows: [row('2026-11-03', 0, 7)],
      refetchedDates: new Set(),
    });
    expect(result.ok && result.rows).toEqual([row('2026-11-03', 0, 7)]);
  });
});

describe('typed cells', () => {
  it('writes dates as Sheets serial numbers and reads them back', () => {
    expect(isoDateToSerial('1899-12-31')).toBe(1);
    expect(isoDateToSerial('2026-11-27')).toBe(46353);
    expect(serialToIsoDate(46353)).toBe('2026-11-27');
    expect(toSheetValue('2026-11-27', 'date')).toBe(46353);
  });

  it('keeps text as text and numbers as numbers', () => {
    expect(toSheetValue('=IMPORTXML("x")', 'text')).toBe('=IMPORTXML("x")');
    expect(toSheetValue(12, 'text')).toBe('12');
    expect(toSheetValue(12345678901234, 'int')).toBe(12345678901234);
    expect(toSheetValue(null, 'int')).toBe('');
  });

  it('reads Date cells through the spreadsheet time zone formatter', () => {
    const date = new Date(Date.UTC(2026, 10, 26, 16));
    expect(fromSheetValue(date, 'date', () => '2026-11-27')).toBe('2026-11-27');
    expect(fromSheetValue('', 'int', () => '')).toBeNull();
    expect(fromSheetValue('42', 'int', () => '')).toBe(42);
    expect(fromSheetValue('2247483901_1', 'text', () => '')).toBe('2247483901_1');
  });
});

describe('pending days', () => {
  it('Replace keeps the rows of days WeChat has not finished computing', () => {
    const result = mergeRows({
      method: 'replace',
      columns,
      keyIndexes,
      existing: { header, rows: [row('2026-11-26', 0, 5), row('2026-11-27', 0, 9)] },
      newRows: [row('2026-11-26', 0, 6)],
      refetchedDates: new Set(['2026-11-26']),
      pendingDates: new Set(['2026-11-27']),
    });
    expect(result.ok && result.rows).toEqual([row('2026-11-26', 0, 6), row('2026-11-27', 0, 9)]);
  });
});
