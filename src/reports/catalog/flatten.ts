/** How a datacube response item becomes rows: plain fields, nested lists, and the derived published-content columns. */
import { coerceValue, isJsonObject } from '../table';
import type { ColumnSpec, FlatRow, JsonObject, JsonValue, Localized } from '../types';

interface ReadScene {
  /** `scene_desc` exactly as WeChat sends it. */
  scene: string;
  key: string;
  header: Localized;
}

/**
 * Known `read_user_source[].scene_desc` values, one int column each. The scene 其他 ("other") gets the key
 * `read_user_source_misc` because `read_user_source_other` is the text column for scenes not in this list.
 */
export const READ_SCENES: readonly ReadScene[] = [
  { scene: '全部', key: 'read_user_source_all', header: { en: 'Readers: All', zh: '阅读人数：全部' } },
  {
    scene: '公众号消息',
    key: 'read_user_source_account_messages',
    header: { en: 'Readers: Account Messages', zh: '阅读人数：公众号消息' },
  },
  { scene: '聊天会话', key: 'read_user_source_chats', header: { en: 'Readers: Chats', zh: '阅读人数：聊天会话' } },
  { scene: '朋友圈', key: 'read_user_source_moments', header: { en: 'Readers: Moments', zh: '阅读人数：朋友圈' } },
  {
    scene: '公众号主页',
    key: 'read_user_source_account_profile',
    header: { en: 'Readers: Account Profile', zh: '阅读人数：公众号主页' },
  },
  { scene: '其他', key: 'read_user_source_misc', header: { en: 'Readers: Other', zh: '阅读人数：其他' } },
  {
    scene: '推荐',
    key: 'read_user_source_recommended',
    header: { en: 'Readers: Recommended', zh: '阅读人数：推荐' },
  },
  { scene: '搜一搜', key: 'read_user_source_search', header: { en: 'Readers: Search', zh: '阅读人数：搜一搜' } },
];

/** Text column holding scenes not in READ_SCENES, as `scene: count; scene: count` in response order. */
export const READ_USER_SOURCE_OTHER_KEY = 'read_user_source_other';

const READ_SCENE_BY_NAME = new Map(READ_SCENES.map((scene) => [scene.scene, scene]));

export const READ_SOURCE_COLUMNS: readonly ColumnSpec[] = [
  ...READ_SCENES.map((scene): ColumnSpec => ({ key: scene.key, header: scene.header, type: 'int' })),
  {
    key: READ_USER_SOURCE_OTHER_KEY,
    header: { en: 'Readers: Unlisted Sources', zh: '阅读人数：未列出的来源' },
    type: 'text',
  },
];

const JUMP_POSITIONS = [1, 2, 3, 4, 5] as const;
const jumpPositionKey = (position: number): string => `read_jump_position_${position}`;

/** `read_jump_position[].position` 1–5 = the 0–20% … 80–100% stretch of the article. */
export const JUMP_POSITION_COLUMNS: readonly ColumnSpec[] = JUMP_POSITIONS.map((position) => {
  const stretch = `${(position - 1) * 20}–${position * 20}%`;
  return {
    key: jumpPositionKey(position),
    header: { en: `Jump Position ${stretch} (rate)`, zh: `跳出位置 ${stretch}（比例）` },
    // A ratio (0.2): shown as a percentage.
    type: 'percent',
  };
});

function objectsIn(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** One cell per column: `derived` wins, else the source field coerced to the column type, else null. */
function pickFields(columns: readonly ColumnSpec[], source: JsonObject, derived: FlatRow = {}): FlatRow {
  const derivedKeys = new Set(Object.keys(derived));
  const row: FlatRow = {};
  for (const spec of columns) {
    row[spec.key] = derivedKeys.has(spec.key) ? (derived[spec.key] ?? null) : coerceValue(spec.type, source[spec.key]);
  }
  return row;
}

/** The scene name of a read_user_source entry; `source_name` is a third-party spelling we also accept. */
function sceneName(entry: JsonObject): string | null {
  const raw = entry.scene_desc ?? entry.source_name;
  if (typeof raw !== 'string') return null;
  const name = raw.trim();
  return name === '' ? null : name;
}

/** `read_user_source[]` → one int cell per known scene plus the unlisted-scenes text cell. */
function readUserSourceCells(value: JsonValue | undefined): FlatRow {
  const cells: FlatRow = {};
  for (const scene of READ_SCENES) cells[scene.key] = null;
  const unlisted: string[] = [];
  for (const entry of objectsIn(value)) {
    const name = sceneName(entry);
    if (name === null) continue;
    const count = coerceValue('int', entry.user_count ?? entry.read_user);
    const known = READ_SCENE_BY_NAME.get(name);
    if (known) cells[known.key] = count;
    else unlisted.push(`${name}: ${count ?? ''}`);
  }
  cells[READ_USER_SOURCE_OTHER_KEY] = unlisted.length > 0 ? unlisted.join('; ') : null;
  return cells;
}

/** `read_jump_position[]` → rate cells for positions 1–5; other positions are ignored. */
function jumpPositionCells(value: JsonValue | undefined): FlatRow {
  const cells: FlatRow = {};
  for (const position of JUMP_POSITIONS) cells[jumpPositionKey(position)] = null;
  for (const entry of objectsIn(value)) {
    const position = coerceValue('int', entry.position);
    if (typeof position === 'number' && (JUMP_POSITIONS as readonly number[]).includes(position)) {
      cells[jumpPositionKey(position)] = coerceValue('number', entry.rate);
    }
  }
  return cells;
}

export type Flatten = (item: JsonObject) => FlatRow[];
type LevelRow = (source: JsonObject) => FlatRow;

export function plainLevel(columns: readonly ColumnSpec[]): LevelRow {
  return (source) => pickFields(columns, source);
}

/** A level of a published-content response: plain fields plus the read_user_source / jump position columns. */
export function publishedLevel(columns: readonly ColumnSpec[]): LevelRow {
  return (source) =>
    pickFields(columns, source, {
      ...readUserSourceCells(source.read_user_source),
      ...jumpPositionCells(source.read_jump_position),
    });
}

/** One row per `list[]` item. */
export function rowPerItem(columns: readonly ColumnSpec[]): Flatten {
  return (item) => [pickFields(columns, item)];
}

/** One row per entry of `item[listKey]`, with the item's own fields repeated; no entries → no rows. */
export function rowPerEntry(topColumns: readonly ColumnSpec[], listKey: string, entryRow: LevelRow): Flatten {
  return (item) => {
    const top = pickFields(topColumns, item);
    return objectsIn(item[listKey]).map((entry) => ({ ...top, ...entryRow(entry) }));
  };
}

/** One row per item, with the fields of its `detail` object lifted beside the item's own fields. */
export function liftDetail(topColumns: readonly ColumnSpec[], detailRow: LevelRow): Flatten {
  return (item) => {
    const detail = isJsonObject(item.detail) ? item.detail : {};
    return [{ ...pickFields(topColumns, item), ...detailRow(detail) }];
  };
}
