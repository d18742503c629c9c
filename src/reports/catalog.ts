/**
 * The report catalog: one definition per WeChat datacube endpoint (wechat-api.md §4, fields §5, codes §6,
 * row keys §9.7).
 */
import { COUNT_INTERVALS, MSG_TYPES, PUBLISH_TYPES, READ_SOURCES, SHARE_SCENES, USER_SUMMARY_SOURCES } from './codes';
import { coerceValue, isJsonObject } from './table';
import type {
  CodeTable,
  ColumnSpec,
  ColumnType,
  FlatRow,
  JsonObject,
  JsonValue,
  Localized,
  ReportDefinition,
  ReportGranularity,
  ReportGroup,
} from './types';

export const CLASSIC_EARLIEST_DATE = '2014-12-01';
export const PUBLISHED_EARLIEST_DATE = '2025-11-01';
export const DEFAULT_RESTATEMENT_DAYS = 3;

// ---------------------------------------------------------------------------------------------------------------
// Column headers of fields WeChat sends (derived columns carry their own headers below).

const HEADERS = {
  ref_date: { en: 'Date', zh: '数据日期' },
  ref_hour: { en: 'Hour', zh: '数据小时' },
  stat_date: { en: 'Stat Date', zh: '统计日期' },
  user_source: { en: 'User Source', zh: '用户渠道' },
  new_user: { en: 'New Users', zh: '新增关注人数' },
  cancel_user: { en: 'Cancelled Users', zh: '取消关注人数' },
  cumulate_user: { en: 'Cumulative Users', zh: '总用户量' },
  msgid: { en: 'Message ID', zh: '消息 ID' },
  title: { en: 'Title', zh: '标题' },
  url: { en: 'URL', zh: '文章链接' },
  content_url: { en: 'Content URL', zh: '内容链接' },
  target_user: { en: 'Target Users', zh: '送达人数' },
  int_page_read_user: { en: 'Article Page Readers', zh: '图文页阅读人数' },
  int_page_read_count: { en: 'Article Page Reads', zh: '图文页阅读次数' },
  ori_page_read_user: { en: 'Original Page Readers', zh: '原文页阅读人数' },
  ori_page_read_count: { en: 'Original Page Reads', zh: '原文页阅读次数' },
  share_user: { en: 'Sharers', zh: '分享人数' },
  share_count: { en: 'Shares', zh: '分享次数' },
  add_to_fav_user: { en: 'Favourite Users', zh: '收藏人数' },
  add_to_fav_count: { en: 'Favourites', zh: '收藏次数' },
  int_page_from_session_read_user: { en: 'Readers from Chat', zh: '公众号会话阅读人数' },
  int_page_from_session_read_count: { en: 'Reads from Chat', zh: '公众号会话阅读次数' },
  int_page_from_hist_msg_read_user: { en: 'Readers from History Page', zh: '历史消息页阅读人数' },
  int_page_from_hist_msg_read_count: { en: 'Reads from History Page', zh: '历史消息页阅读次数' },
  int_page_from_feed_read_user: { en: 'Readers from Moments', zh: '朋友圈阅读人数' },
  int_page_from_feed_read_count: { en: 'Reads from Moments', zh: '朋友圈阅读次数' },
  int_page_from_friends_read_user: { en: 'Readers from Friend Forwards', zh: '好友转发阅读人数' },
  int_page_from_friends_read_count: { en: 'Reads from Friend Forwards', zh: '好友转发阅读次数' },
  int_page_from_other_read_user: { en: 'Readers from Other', zh: '其他场景阅读人数' },
  int_page_from_other_read_count: { en: 'Reads from Other', zh: '其他场景阅读次数' },
  int_page_from_kanyikan_read_user: { en: 'Readers from Top Stories', zh: '看一看来源阅读人数' },
  int_page_from_kanyikan_read_count: { en: 'Reads from Top Stories', zh: '看一看来源阅读次数' },
  int_page_from_souyisou_read_user: { en: 'Readers from Search', zh: '搜一搜来源阅读人数' },
  int_page_from_souyisou_read_count: { en: 'Reads from Search', zh: '搜一搜来源阅读次数' },
  feed_share_from_session_user: { en: 'Moments Sharers from Chat', zh: '公众号会话转发朋友圈人数' },
  feed_share_from_session_cnt: { en: 'Moments Shares from Chat', zh: '公众号会话转发朋友圈次数' },
  feed_share_from_feed_user: { en: 'Moments Sharers from Moments', zh: '朋友圈转发朋友圈人数' },
  feed_share_from_feed_cnt: { en: 'Moments Shares from Moments', zh: '朋友圈转发朋友圈次数' },
  feed_share_from_other_user: { en: 'Moments Sharers from Other', zh: '其他场景转发朋友圈人数' },
  feed_share_from_other_cnt: { en: 'Moments Shares from Other', zh: '其他场景转发朋友圈次数' },
  share_scene: { en: 'Share Scene', zh: '分享场景' },
  msg_type: { en: 'Message Type', zh: '消息类型' },
  msg_user: { en: 'Message Users', zh: '发送消息用户数' },
  msg_count: { en: 'Messages', zh: '发送消息条数' },
  count_interval: { en: 'Messages Sent', zh: '发送次数区间' },
  callback_count: { en: 'Callbacks', zh: '被动回复次数' },
  fail_count: { en: 'Failures', zh: '被动回复失败次数' },
  total_time_cost: { en: 'Total Time Cost', zh: '总耗时' },
  max_time_cost: { en: 'Max Time Cost', zh: '最大耗时' },
  read_user: { en: 'Readers', zh: '阅读人数' },
  zaikan_user: { en: 'Wow Users', zh: '在看人数' },
  like_user: { en: 'Likes', zh: '点赞人数' },
  comment_count: { en: 'Comments', zh: '留言数' },
  collection_user: { en: 'Collectors', zh: '收藏人数' },
  redirect_ori_page_user: { en: 'Original Page Readers', zh: '阅读原文人数' },
  send_page_count: { en: 'Pieces Sent', zh: '发表篇数' },
  publish_type: { en: 'Publish Type', zh: '发表类型' },
  praise_money: { en: 'Tips (fen)', zh: '赞赏金额（分）' },
  read_subscribe_user: { en: 'Follows after Reading', zh: '阅读后关注人数' },
  read_delivery_rate: { en: 'Delivery Read Rate', zh: '送达阅读率' },
  read_finish_rate: { en: 'Finish Rate', zh: '完读率' },
  read_avg_activetime: { en: 'Average Reading Time', zh: '平均阅读时长' },
} as const satisfies Record<string, Localized>;

type FieldKey = keyof typeof HEADERS;

function column(key: FieldKey, type: ColumnType, codes?: CodeTable): ColumnSpec {
  const header = HEADERS[key];
  return codes ? { key, header, type, codes } : { key, header, type };
}

const dateColumn = (key: FieldKey): ColumnSpec => column(key, 'date');
const intColumn = (key: FieldKey): ColumnSpec => column(key, 'int');
const numberColumn = (key: FieldKey): ColumnSpec => column(key, 'number');
const textColumn = (key: FieldKey): ColumnSpec => column(key, 'text');
const codeColumn = (key: FieldKey, codes: CodeTable): ColumnSpec => column(key, 'code', codes);
const intColumns = (...keys: FieldKey[]): ColumnSpec[] => keys.map(intColumn);
const numberColumns = (...keys: FieldKey[]): ColumnSpec[] => keys.map(numberColumn);

const REF_DATE = dateColumn('ref_date');
const REF_HOUR = column('ref_hour', 'hour');
const STAT_DATE = dateColumn('stat_date');
const MSGID = textColumn('msgid');
const TITLE = textColumn('title');

// ---------------------------------------------------------------------------------------------------------------
// Derived columns of the published-content reports.

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

const READ_SOURCE_COLUMNS: readonly ColumnSpec[] = [
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
const JUMP_POSITION_COLUMNS: readonly ColumnSpec[] = JUMP_POSITIONS.map((position) => {
  const stretch = `${(position - 1) * 20}–${position * 20}%`;
  return {
    key: jumpPositionKey(position),
    header: { en: `Jump Position ${stretch} (rate)`, zh: `跳出位置 ${stretch}（比例）` },
    type: 'number',
  };
});

// ---------------------------------------------------------------------------------------------------------------
// Flattening.

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

type Flatten = (item: JsonObject) => FlatRow[];
type LevelRow = (source: JsonObject) => FlatRow;

function plainLevel(columns: readonly ColumnSpec[]): LevelRow {
  return (source) => pickFields(columns, source);
}

/** A level of a published-content response: plain fields plus the read_user_source / jump position columns. */
function publishedLevel(columns: readonly ColumnSpec[]): LevelRow {
  return (source) =>
    pickFields(columns, source, {
      ...readUserSourceCells(source.read_user_source),
      ...jumpPositionCells(source.read_jump_position),
    });
}

/** One row per `list[]` item. */
function rowPerItem(columns: readonly ColumnSpec[]): Flatten {
  return (item) => [pickFields(columns, item)];
}

/** One row per entry of `item[listKey]`, with the item's own fields repeated; no entries → no rows. */
function rowPerEntry(topColumns: readonly ColumnSpec[], listKey: string, entryRow: LevelRow): Flatten {
  return (item) => {
    const top = pickFields(topColumns, item);
    return objectsIn(item[listKey]).map((entry) => ({ ...top, ...entryRow(entry) }));
  };
}

/** One row per item, with the fields of its `detail` object lifted beside the item's own fields. */
function liftDetail(topColumns: readonly ColumnSpec[], detailRow: LevelRow): Flatten {
  return (item) => {
    const detail = isJsonObject(item.detail) ? item.detail : {};
    return [{ ...pickFields(topColumns, item), ...detailRow(detail) }];
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report definitions.

interface ReportSpec {
  id: string;
  endpoint: string;
  group: ReportGroup;
  granularity: ReportGranularity;
  label: Localized;
  description: Localized;
  maxSpanDays: number;
  restatementDays?: number;
  columns: readonly ColumnSpec[];
  rowKey: readonly string[];
  flatten: Flatten;
}

/** Group decides the rest: 'articles' are the deprecated classic ones, 'published' start on 2025-11-01. */
function defineReport(spec: ReportSpec): ReportDefinition {
  return {
    ...spec,
    earliestDate: spec.group === 'published' ? PUBLISHED_EARLIEST_DATE : CLASSIC_EARLIEST_DATE,
    deprecated: spec.group === 'articles',
    restatementDays: spec.restatementDays ?? DEFAULT_RESTATEMENT_DAYS,
  };
}

function flatReport(spec: Omit<ReportSpec, 'flatten'>): ReportDefinition {
  return defineReport({ ...spec, flatten: rowPerItem(spec.columns) });
}

const DEPRECATED_EN = 'Deprecated by WeChat: use the published-content reports.';
const DEPRECATED_ZH = '微信已停止维护，请改用发表内容报表。';
const PUBLISHED_EN = 'Data from 2025-11-01.';
const PUBLISHED_ZH = '数据从 2025-11-01 起。';

// Users ----------------------------------------------------------------------------------------------------------

const USER_SUMMARY = flatReport({
  id: 'user_summary',
  endpoint: 'getusersummary',
  group: 'users',
  granularity: 'day',
  label: { en: 'User Summary', zh: '用户增减数据' },
  description: {
    en: 'New and cancelled followers per day and acquisition channel (channel 0 is "other", not a total).',
    zh: '每日各渠道新增与取消关注人数（渠道 0 为其他合计，不是总数）。',
  },
  maxSpanDays: 7,
  columns: [REF_DATE, codeColumn('user_source', USER_SUMMARY_SOURCES), ...intColumns('new_user', 'cancel_user')],
  rowKey: ['ref_date', 'user_source'],
});

const USER_CUMULATE = flatReport({
  id: 'user_cumulate',
  endpoint: 'getusercumulate',
  group: 'users',
  granularity: 'day',
  label: { en: 'User Cumulate', zh: '累计用户数据' },
  description: { en: 'Total followers per day.', zh: '每日关注用户总数。' },
  maxSpanDays: 7,
  columns: [REF_DATE, intColumn('cumulate_user')],
  rowKey: ['ref_date'],
});

// Classic (deprecated) articles ---------------------------------------------------------------------------------

const ARTICLE_COUNT_COLUMNS = intColumns(
  'int_page_read_user',
  'int_page_read_count',
  'ori_page_read_user',
  'ori_page_read_count',
  'share_user',
  'share_count',
  'add_to_fav_user',
  'add_to_fav_count',
);

const ARTICLE_SUMMARY = flatReport({
  id: 'article_summary',
  endpoint: 'getarticlesummary',
  group: 'articles',
  granularity: 'day',
  label: { en: 'Article Summary', zh: '图文群发每日数据' },
  description: {
    en: `Reads, shares and favourites of each mass-sent article on one day. ${DEPRECATED_EN}`,
    zh: `群发图文每日阅读、分享、收藏数据。${DEPRECATED_ZH}`,
  },
  maxSpanDays: 1,
  restatementDays: 7,
  columns: [REF_DATE, MSGID, TITLE, ...ARTICLE_COUNT_COLUMNS],
  rowKey: ['ref_date', 'msgid'],
});

const ARTICLE_TOTAL_TOP_COLUMNS = [REF_DATE, MSGID, TITLE, textColumn('url')];
const ARTICLE_TOTAL_DETAIL_COLUMNS = [
  STAT_DATE,
  intColumn('target_user'),
  ...ARTICLE_COUNT_COLUMNS,
  ...intColumns(
    'int_page_from_session_read_user',
    'int_page_from_session_read_count',
    'int_page_from_hist_msg_read_user',
    'int_page_from_hist_msg_read_count',
    'int_page_from_feed_read_user',
    'int_page_from_feed_read_count',
    'int_page_from_friends_read_user',
    'int_page_from_friends_read_count',
    'int_page_from_other_read_user',
    'int_page_from_other_read_count',
    'int_page_from_kanyikan_read_user',
    'int_page_from_kanyikan_read_count',
    'int_page_from_souyisou_read_user',
    'int_page_from_souyisou_read_count',
    'feed_share_from_session_user',
    'feed_share_from_session_cnt',
    'feed_share_from_feed_user',
    'feed_share_from_feed_cnt',
    'feed_share_from_other_user',
    'feed_share_from_other_cnt',
  ),
];

const ARTICLE_TOTAL = defineReport({
  id: 'article_total',
  endpoint: 'getarticletotal',
  group: 'articles',
  granularity: 'day',
  label: { en: 'Article Total', zh: '图文群发总数据' },
  description: {
    en: `Cumulative totals of each article sent on a day, one row per article and counting day (up to 7 days). ${DEPRECATED_EN}`,
    zh: `群发图文发送后每日累计数据（最多 7 天），每篇每个统计日一行。${DEPRECATED_ZH}`,
  },
  maxSpanDays: 1,
  restatementDays: 7,
  columns: [...ARTICLE_TOTAL_TOP_COLUMNS, ...ARTICLE_TOTAL_DETAIL_COLUMNS],
  rowKey: ['ref_date', 'msgid', 'stat_date'],
  flatten: rowPerEntry(ARTICLE_TOTAL_TOP_COLUMNS, 'details', plainLevel(ARTICLE_TOTAL_DETAIL_COLUMNS)),
});

const READ_SOURCE = codeColumn('user_source', READ_SOURCES);

const USER_READ = flatReport({
  id: 'user_read',
  endpoint: 'getuserread',
  group: 'articles',
  granularity: 'day',
  label: { en: 'User Read', zh: '图文统计数据' },
  description: {
    en: `Daily article reads and shares by entry channel (99999999 = all; do not add channels up). ${DEPRECATED_EN}`,
    zh: `每日图文阅读与分享数据，按来源渠道（99999999 为全部，渠道不可相加）。${DEPRECATED_ZH}`,
  },
  maxSpanDays: 3,
  columns: [REF_DATE, READ_SOURCE, ...ARTICLE_COUNT_COLUMNS],
  rowKey: ['ref_date', 'user_source'],
});

const USER_READ_HOUR = flatReport({
  id: 'user_read_hour',
  endpoint: 'getuserreadhour',
  group: 'articles',
  granularity: 'hour',
  label: { en: 'User Read (hourly)', zh: '图文统计分时数据' },
  description: {
    en: `Hourly article reads and shares by entry channel. ${DEPRECATED_EN}`,
    zh: `每小时图文阅读与分享数据，按来源渠道。${DEPRECATED_ZH}`,
  },
  maxSpanDays: 1,
  columns: [REF_DATE, REF_HOUR, READ_SOURCE, ...ARTICLE_COUNT_COLUMNS],
  rowKey: ['ref_date', 'ref_hour', 'user_source'],
});

const SHARE_COLUMNS = [codeColumn('share_scene', SHARE_SCENES), ...intColumns('share_count', 'share_user')];

const USER_SHARE = flatReport({
  id: 'user_share',
  endpoint: 'getusershare',
  group: 'articles',
  granularity: 'day',
  label: { en: 'User Share', zh: '图文分享转发数据' },
  description: {
    en: `Daily article shares by share scene. ${DEPRECATED_EN}`,
    zh: `每日图文分享转发数据，按分享场景。${DEPRECATED_ZH}`,
  },
  maxSpanDays: 7,
  columns: [REF_DATE, ...SHARE_COLUMNS],
  rowKey: ['ref_date', 'share_scene'],
});

const USER_SHARE_HOUR = flatReport({
  id: 'user_share_hour',
  endpoint: 'getusersharehour',
  group: 'articles',
  granularity: 'hour',
  label: { en: 'User Share (hourly)', zh: '图文分享转发分时数据' },
  description: {
    en: `Hourly article shares by share scene. ${DEPRECATED_EN}`,
    zh: `每小时图文分享转发数据，按分享场景。${DEPRECATED_ZH}`,
  },
  maxSpanDays: 1,
  columns: [REF_DATE, REF_HOUR, ...SHARE_COLUMNS],
  rowKey: ['ref_date', 'ref_hour', 'share_scene'],
});

// Messages -------------------------------------------------------------------------------------------------------

const MSG_COLUMNS = [codeColumn('msg_type', MSG_TYPES), ...intColumns('msg_user', 'msg_count')];

/** Week/month rows are stamped with the period's first day (Monday / the 1st) and exist once it has ended. */
interface MessageVariant {
  suffix: string;
  endpointSuffix: string;
  granularity: ReportGranularity;
  labelEn: string;
  labelZh: string;
  noteEn: string;
  noteZh: string;
}

const MSG_WEEK: MessageVariant = {
  suffix: '_week',
  endpointSuffix: 'week',
  granularity: 'week',
  labelEn: ' (weekly)',
  labelZh: '周数据',
  noteEn: 'dated with the Monday of each week, available after the week ends',
  noteZh: '以每周周一为日期，周结束后可查',
};
const MSG_MONTH: MessageVariant = {
  suffix: '_month',
  endpointSuffix: 'month',
  granularity: 'month',
  labelEn: ' (monthly)',
  labelZh: '月数据',
  noteEn: 'dated with the 1st of each month, available after the month ends',
  noteZh: '以每月 1 日为日期，月结束后可查',
};

const UPSTREAM_MSG = flatReport({
  id: 'upstream_msg',
  endpoint: 'getupstreammsg',
  group: 'messages',
  granularity: 'day',
  label: { en: 'UpStream Message', zh: '消息发送概况数据' },
  description: {
    en: 'Users who messaged the account and messages sent, per day and message type.',
    zh: '每日向公众号发送消息的用户数与消息条数，按消息类型。',
  },
  maxSpanDays: 7,
  columns: [REF_DATE, ...MSG_COLUMNS],
  rowKey: ['ref_date', 'msg_type'],
});

const UPSTREAM_MSG_HOUR = flatReport({
  id: 'upstream_msg_hour',
  endpoint: 'getupstreammsghour',
  group: 'messages',
  granularity: 'hour',
  label: { en: 'UpStream Message (hourly)', zh: '消息发送分时数据' },
  description: {
    en: 'Users who messaged the account and messages sent, per hour and message type.',
    zh: '每小时向公众号发送消息的用户数与消息条数，按消息类型。',
  },
  maxSpanDays: 1,
  columns: [REF_DATE, REF_HOUR, ...MSG_COLUMNS],
  rowKey: ['ref_date', 'ref_hour', 'msg_type'],
});

/** Old doc: 30 days; the new page contradicts itself, so the engine halves the window on 61501. */
function upstreamMsgPeriod(variant: MessageVariant): ReportDefinition {
  return flatReport({
    id: `upstream_msg${variant.suffix}`,
    endpoint: `getupstreammsg${variant.endpointSuffix}`,
    group: 'messages',
    granularity: variant.granularity,
    label: { en: `UpStream Message${variant.labelEn}`, zh: `消息发送${variant.labelZh}` },
    description: {
      en: `Users who messaged the account and messages sent, per ${variant.granularity} and message type (${variant.noteEn}).`,
      zh: `向公众号发送消息的用户数与消息条数，按消息类型（${variant.noteZh}）。`,
    },
    maxSpanDays: 30,
    columns: [REF_DATE, ...MSG_COLUMNS],
    rowKey: ['ref_date', 'msg_type'],
  });
}

const DIST_COLUMNS = [REF_DATE, codeColumn('count_interval', COUNT_INTERVALS), intColumn('msg_user')];
const DIST_ROW_KEY = ['ref_date', 'count_interval'];

const UPSTREAM_MSG_DIST = flatReport({
  id: 'upstream_msg_dist',
  endpoint: 'getupstreammsgdist',
  group: 'messages',
  granularity: 'day',
  label: { en: 'UpStream Message Distribution', zh: '消息发送分布数据' },
  description: {
    en: 'Users by how many messages they sent per day (0, 1–5, 6–10, more than 10).',
    zh: '每日按发送消息次数区间（0、1–5、6–10、10 次以上）分布的用户数。',
  },
  maxSpanDays: 15,
  columns: DIST_COLUMNS,
  rowKey: DIST_ROW_KEY,
});

function upstreamMsgDistPeriod(variant: MessageVariant): ReportDefinition {
  return flatReport({
    id: `upstream_msg_dist${variant.suffix}`,
    endpoint: `getupstreammsgdist${variant.endpointSuffix}`,
    group: 'messages',
    granularity: variant.granularity,
    label: { en: `UpStream Message Distribution${variant.labelEn}`, zh: `消息发送分布${variant.labelZh}` },
    description: {
      en: `Users by how many messages they sent per ${variant.granularity}: 0, 1–5, 6–10, more than 10 (${variant.noteEn}).`,
      zh: `按发送消息次数区间分布的用户数（${variant.noteZh}）。`,
    },
    maxSpanDays: 15,
    columns: DIST_COLUMNS,
    rowKey: DIST_ROW_KEY,
  });
}

// Interface ------------------------------------------------------------------------------------------------------

const INTERFACE_COLUMNS = intColumns('callback_count', 'fail_count', 'total_time_cost', 'max_time_cost');

const INTERFACE_SUMMARY = flatReport({
  id: 'interface_summary',
  endpoint: 'getinterfacesummary',
  group: 'interface',
  granularity: 'day',
  label: { en: 'Interface Summary', zh: '接口分析数据' },
  description: {
    en: 'Daily passive replies of the server URL: callbacks, failures, total and maximum time cost.',
    zh: '每日被动回复接口的调用次数、失败次数、总耗时与最大耗时。',
  },
  maxSpanDays: 30,
  columns: [REF_DATE, ...INTERFACE_COLUMNS],
  rowKey: ['ref_date'],
});

const INTERFACE_SUMMARY_HOUR = flatReport({
  id: 'interface_summary_hour',
  endpoint: 'getinterfacesummaryhour',
  group: 'interface',
  granularity: 'hour',
  label: { en: 'Interface Summary (hourly)', zh: '接口分析分时数据' },
  description: {
    en: 'Hourly passive replies of the server URL: callbacks, failures, total and maximum time cost.',
    zh: '每小时被动回复接口的调用次数、失败次数、总耗时与最大耗时。',
  },
  maxSpanDays: 1,
  columns: [REF_DATE, REF_HOUR, ...INTERFACE_COLUMNS],
  rowKey: ['ref_date', 'ref_hour'],
});

// Published content ----------------------------------------------------------------------------------------------

const ARTICLE_READ_DETAIL_COLUMNS = [intColumn('read_user'), ...READ_SOURCE_COLUMNS];

const ARTICLE_READ = defineReport({
  id: 'article_read',
  endpoint: 'getarticleread',
  group: 'published',
  granularity: 'day',
  label: { en: 'Article Read (published content)', zh: '内容阅读数据（发表内容）' },
  description: {
    en: `Readers of each mass-sent or published piece per day, by source scene. ${PUBLISHED_EN}`,
    zh: `每日每篇群发或发表内容的阅读人数，按来源场景。${PUBLISHED_ZH}`,
  },
  maxSpanDays: 1,
  columns: [REF_DATE, MSGID, ...ARTICLE_READ_DETAIL_COLUMNS],
  rowKey: ['ref_date', 'msgid'],
  flatten: liftDetail([REF_DATE, MSGID], publishedLevel(ARTICLE_READ_DETAIL_COLUMNS)),
});

const ARTICLE_SHARE_DETAIL_COLUMNS = [intColumn('share_user')];

const ARTICLE_SHARE = defineReport({
  id: 'article_share',
  endpoint: 'getarticleshare',
  group: 'published',
  granularity: 'day',
  label: { en: 'Article Share (published content)', zh: '内容分享数据（发表内容）' },
  description: {
    en: `Sharers of each mass-sent or published piece per day. ${PUBLISHED_EN}`,
    zh: `每日每篇群发或发表内容的分享人数。${PUBLISHED_ZH}`,
  },
  maxSpanDays: 1,
  columns: [REF_DATE, MSGID, ...ARTICLE_SHARE_DETAIL_COLUMNS],
  rowKey: ['ref_date', 'msgid'],
  flatten: liftDetail([REF_DATE, MSGID], publishedLevel(ARTICLE_SHARE_DETAIL_COLUMNS)),
});

const ENGAGEMENT_COLUMNS = intColumns('share_user', 'zaikan_user', 'like_user', 'comment_count', 'collection_user');

const BIZ_SUMMARY_DETAIL_COLUMNS = [
  intColumn('read_user'),
  ...READ_SOURCE_COLUMNS,
  ...ENGAGEMENT_COLUMNS,
  ...intColumns('redirect_ori_page_user', 'send_page_count'),
];

const BIZ_SUMMARY = defineReport({
  id: 'biz_summary',
  endpoint: 'getbizsummary',
  group: 'published',
  granularity: 'day',
  label: { en: 'Account Summary (published content)', zh: '账号概况数据（发表内容）' },
  description: {
    en: `Account-level daily totals over published content: readers by scene, shares, likes, comments. ${PUBLISHED_EN}`,
    zh: `账号每日发表内容汇总：按场景阅读人数、分享、点赞、留言等。${PUBLISHED_ZH}`,
  },
  maxSpanDays: 30,
  columns: [REF_DATE, ...BIZ_SUMMARY_DETAIL_COLUMNS],
  rowKey: ['ref_date'],
  flatten: liftDetail([REF_DATE], publishedLevel(BIZ_SUMMARY_DETAIL_COLUMNS)),
});

const TOTAL_DETAIL_TOP_COLUMNS = [
  REF_DATE,
  MSGID,
  codeColumn('publish_type', PUBLISH_TYPES),
  TITLE,
  textColumn('content_url'),
];

const TOTAL_DETAIL_ENTRY_COLUMNS = [
  STAT_DATE,
  intColumn('read_user'),
  ...READ_SOURCE_COLUMNS,
  ...ENGAGEMENT_COLUMNS,
  ...intColumns('praise_money', 'read_subscribe_user'),
  ...numberColumns('read_delivery_rate', 'read_finish_rate', 'read_avg_activetime'),
  ...JUMP_POSITION_COLUMNS,
];

const ARTICLE_TOTAL_DETAIL = defineReport({
  id: 'article_total_detail',
  endpoint: 'getarticletotaldetail',
  group: 'published',
  granularity: 'day',
  label: { en: 'Article Total Detail (published content)', zh: '内容总数据明细（发表内容）' },
  description: {
    en: `Each piece published on a day with its cumulative daily series (up to 30 days), one row per piece and counting day. ${PUBLISHED_EN}`,
    zh: `某日发表的每篇内容及其发表后每日累计数据（最多 30 天），每篇每个统计日一行。${PUBLISHED_ZH}`,
  },
  maxSpanDays: 1,
  restatementDays: 30,
  columns: [...TOTAL_DETAIL_TOP_COLUMNS, ...TOTAL_DETAIL_ENTRY_COLUMNS],
  rowKey: ['ref_date', 'msgid', 'stat_date'],
  flatten: rowPerEntry(TOTAL_DETAIL_TOP_COLUMNS, 'detail_list', publishedLevel(TOTAL_DETAIL_ENTRY_COLUMNS)),
});

/** Every report, in the order of wechat-api.md §4. */
export const CATALOG: readonly ReportDefinition[] = [
  USER_SUMMARY,
  USER_CUMULATE,
  ARTICLE_SUMMARY,
  ARTICLE_TOTAL,
  USER_READ,
  USER_READ_HOUR,
  USER_SHARE,
  USER_SHARE_HOUR,
  UPSTREAM_MSG,
  UPSTREAM_MSG_HOUR,
  upstreamMsgPeriod(MSG_WEEK),
  upstreamMsgPeriod(MSG_MONTH),
  UPSTREAM_MSG_DIST,
  upstreamMsgDistPeriod(MSG_WEEK),
  upstreamMsgDistPeriod(MSG_MONTH),
  INTERFACE_SUMMARY,
  INTERFACE_SUMMARY_HOUR,
  ARTICLE_READ,
  ARTICLE_SHARE,
  BIZ_SUMMARY,
  ARTICLE_TOTAL_DETAIL,
];
