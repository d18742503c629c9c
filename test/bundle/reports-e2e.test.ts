/**
 * Every one of the 21 reports, end to end through the built bundle: a DataSet is saved and run through the
 * bundle's top-level functions, and its sheet is compared cell by cell with what the simulator served.
 * Expected rows are derived here from the raw WeChat items, independently of the add-on's flattening.
 */
import type { JsonObject, JsonValue } from '../../dev/simulator/simulator';
import { REPORTS } from '../../src/reports';
import { tableColumns } from '../../src/reports/table';
import {
  type Addon,
  CHINA_ACCOUNT,
  loadAddon,
  NOON_BEIJING,
  saveDirectAccount,
  saveRangeDataSet,
  startSimulatorAt,
} from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

const RANGES: Record<string, [string, string]> = {
  user_summary: ['2026-11-01', '2026-11-27'],
  user_cumulate: ['2026-11-01', '2026-11-27'],
  article_summary: ['2026-11-20', '2026-11-27'],
  article_total: ['2026-11-15', '2026-11-21'],
  user_read: ['2026-11-18', '2026-11-27'],
  user_read_hour: ['2026-11-26', '2026-11-27'],
  user_share: ['2026-11-10', '2026-11-27'],
  user_share_hour: ['2026-11-26', '2026-11-27'],
  upstream_msg: ['2026-11-10', '2026-11-27'],
  upstream_msg_hour: ['2026-11-26', '2026-11-27'],
  upstream_msg_week: ['2026-10-01', '2026-11-27'],
  upstream_msg_month: ['2026-07-01', '2026-11-27'],
  upstream_msg_dist: ['2026-11-01', '2026-11-27'],
  upstream_msg_dist_week: ['2026-10-01', '2026-11-27'],
  upstream_msg_dist_month: ['2026-07-01', '2026-11-27'],
  interface_summary: ['2026-10-01', '2026-11-27'],
  interface_summary_hour: ['2026-11-26', '2026-11-27'],
  article_read: ['2026-11-20', '2026-11-27'],
  article_share: ['2026-11-20', '2026-11-27'],
  biz_summary: ['2026-10-01', '2026-11-27'],
  article_total_detail: ['2026-11-01', '2026-11-05'],
};

const SCENES: Record<string, string> = {
  all: '全部',
  account_messages: '公众号消息',
  chats: '聊天会话',
  moments: '朋友圈',
  account_profile: '公众号主页',
  misc: '其他',
  recommended: '推荐',
  search: '搜一搜',
};

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One expected row per nested series entry (`details[]`, `detail_list[]`), `detail` lifted. */
function flattenRaw(item: JsonObject): JsonObject[] {
  const base: JsonObject = { ...item };
  if (isObject(item.detail)) Object.assign(base, item.detail);
  for (const nested of ['details', 'detail_list']) {
    const series = item[nested];
    if (Array.isArray(series)) return series.filter(isObject).map((entry) => ({ ...base, ...entry }));
  }
  return [base];
}

function expectedValue(row: JsonObject, key: string): JsonValue | undefined {
  const sources = Array.isArray(row.read_user_source) ? row.read_user_source.filter(isObject) : [];
  if (key === 'read_user_source_other') {
    const known = new Set(Object.values(SCENES));
    const others = sources.filter((s) => !known.has(String(s.scene_desc)));
    return others.length === 0 ? undefined : others.map((s) => `${s.scene_desc}: ${s.user_count}`).join('; ');
  }
  if (key.startsWith('read_user_source_')) {
    return sources.find((s) => s.scene_desc === SCENES[key.slice('read_user_source_'.length)])?.user_count;
  }
  const jump = /^read_jump_position_(\d)$/.exec(key);
  if (jump) {
    const positions = Array.isArray(row.read_jump_position) ? row.read_jump_position.filter(isObject) : [];
    return positions.find((p) => p.position === Number(jump[1]))?.rate;
  }
  return row[key];
}

describe('every report end to end through the bundle', () => {
  let simulator: SimulatorProcess;
  let addon: Addon;
  let accountId: string;

  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
    addon = loadAddon(simulator);
    accountId = saveDirectAccount(addon);
  });

  afterAll(async () => {
    addon?.dispose();
    await simulator?.close();
  });

  it('covers all 21 endpoints', () => {
    expect(REPORTS).toHaveLength(21);
    expect(Object.keys(RANGES).sort()).toEqual(REPORTS.map((report) => report.id).sort());
  });

  it.each(REPORTS.map((report) => [report.id, report.endpoint]))(
    '%s fills its sheet with exactly what WeChat served',
    async (reportId, endpoint) => {
      const report = REPORTS.find((r) => r.id === reportId)!;
      const [start, end] = RANGES[reportId]!;
      const dataSetId = saveRangeDataSet(addon, accountId, reportId, start, end);
      const outcome = addon.call<{ ok: boolean; status: string; rows: number; calls: number; message: string }>(
        'runDataSet',
        dataSetId,
      );
      expect(outcome).toEqual(expect.objectContaining({ ok: true, status: 'success' }));

      const served = await simulator.served(CHINA_ACCOUNT.appid, endpoint);
      const expected = served.flatMap(flattenRaw);
      expect(expected.length).toBeGreaterThan(0);
      expect(outcome.rows).toBe(expected.length);
      const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
      expect(outcome.calls).toBe(Math.ceil(days / report.maxSpanDays));

      const sheet = addon.emu.spreadsheet.sheet(reportId);
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
          return columns[index]!.type === 'date' ? cell.displayValue : cell.raw;
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
