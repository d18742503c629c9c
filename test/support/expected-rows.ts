/**
 * What a sheet should hold for the raw items WeChat served, derived here independently of the add-on's own
 * flattening: one row per nested series entry, `detail` lifted, scenes and jump positions as columns.
 */
import type { JsonObject, JsonValue } from '../../dev/simulator/simulator';

/** A date range per report that gives several calls and rows in the simulator (today: 2026-11-28). */
export const RANGES: Record<string, [string, string]> = {
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
export function flattenRaw(item: JsonObject): JsonObject[] {
  const base: JsonObject = { ...item };
  if (isObject(item.detail)) Object.assign(base, item.detail);
  for (const nested of ['details', 'detail_list']) {
    const series = item[nested];
    if (Array.isArray(series)) return series.filter(isObject).map((entry) => ({ ...base, ...entry }));
  }
  return [base];
}

export function expectedValue(row: JsonObject, key: string): JsonValue | undefined {
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
