/**
 * Every one of the 21 reports, end to end through the built bundle: a DataSet is saved and run through the
 * bundle's top-level functions, and its sheet is compared cell by cell with what the simulator served.
 * Expected rows are derived here from the raw WeChat items, independently of the add-on's flattening.
 */
import type { JsonValue } from '../../dev/simulator/simulator';
import { REPORTS } from '../../src/reports';
import { tableColumns } from '../../src/reports/table';
import { CHINA_ACCOUNT, saveRangeDataSet } from '../support/addon';
import { expectedValue, flattenRaw, RANGES } from '../support/expected-rows';
import { useBundle } from '../support/use-bundle';

describe('every report end to end through the bundle', () => {
  const bundle = useBundle();

  it('covers all 21 endpoints', () => {
    expect(REPORTS).toHaveLength(21);
    expect(Object.keys(RANGES).sort()).toEqual(REPORTS.map((report) => report.id).sort());
  });

  it.each(REPORTS.map((report) => [report.id, report.endpoint]))(
    '%s fills its sheet with exactly what WeChat served',
    async (reportId, endpoint) => {
      const report = REPORTS.find((r) => r.id === reportId)!;
      const [start, end] = RANGES[reportId]!;
      const dataSetId = saveRangeDataSet(bundle.addon, bundle.accountId, reportId, start, end);
      const outcome = bundle.addon.call('runDataSet', dataSetId);
      expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'success' }));

      const served = await bundle.simulator.served(CHINA_ACCOUNT.appid, endpoint);
      const expected = served.flatMap(flattenRaw);
      expect(expected.length).toBeGreaterThan(0);
      expect(outcome.rows).toBe(expected.length);
      const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
      expect(outcome.calls).toBe(Math.ceil(days / report.maxSpanDays));

      const sheet = bundle.addon.emu.spreadsheet.sheet(reportId);
      const columns = tableColumns(report, 'en');
      expect(sheet.frozenRows).toBe(1);
      expect(columns.map((_, index) => sheet.cellAt(1, index + 1).displayValue)).toEqual(columns.map((c) => c.header));
      expect(sheet.cellAt(1, 1).fontWeight).toBe('bold');
      expect(sheet.lastRow).toBe(expected.length + 1);

      const keyOf = (values: (JsonValue | undefined)[]) =>
        JSON.stringify(values.map((v) => (v === undefined ? null : v)));
      const keyColumns = report.rowKey.map((key) => columns.findIndex((c) => c.key === key));
      const actualRows = new Map<string, number>();
      for (let row = 2; row <= sheet.lastRow; row++) {
        const key = keyColumns.map((index) => {
          const cell = sheet.cellAt(row, index + 1);
          if (columns[index]!.type === 'date') return cell.displayValue;
          // An hour is shown as a time of day: back to WeChat's hour × 100 for the key.
          if (columns[index]!.type === 'hour') return Math.round(Number(cell.raw) * 24) * 100;
          return cell.raw;
        });
        actualRows.set(keyOf(key), row);
      }
      expect(actualRows.size).toBe(expected.length);

      for (const item of expected) {
        const row = actualRows.get(keyOf(report.rowKey.map((key) => item[key])));
        expect(row).toBeDefined();
        columns.forEach((column, index) => {
          const cell = sheet.cellAt(row!, index + 1);
          if (column.type === 'label') {
            const code = item[columns[index - 1]!.key];
            if (code !== undefined && code !== null) expect(cell.raw).not.toBe('');
            return;
          }
          const value = expectedValue(item, column.key);
          if (value === undefined || value === null) {
            expect(cell.raw).toBe('');
          } else if (column.type === 'date') {
            expect(cell.displayValue).toBe(value);
            expect(typeof cell.raw).toBe('number');
          } else if (column.type === 'hour') {
            expect(cell.displayValue).toBe(`${String(Number(value) / 100).padStart(2, '0')}:00`);
          } else if (column.type === 'text') {
            expect(cell.raw).toBe(String(value));
            expect(cell.formula).toBe('');
          } else {
            expect(cell.raw).toBe(value);
          }
        });
      }
    },
  );
});
