/** Classic article reports (deprecated by WeChat): summary, total, reads and shares by day and hour. */
import { READ_SOURCES, SHARE_SCENES } from '../codes';
import type { ReportDefinition } from '../types';
import { codeColumn, intColumn, intColumns, MSGID, REF_DATE, REF_HOUR, STAT_DATE, TITLE, textColumn } from './columns';
import { DEPRECATED_EN, DEPRECATED_ZH, defineReport, flatReport } from './define';
import { plainLevel, rowPerEntry } from './flatten';

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

export const CLASSIC_ARTICLE_REPORTS: readonly ReportDefinition[] = [
  ARTICLE_SUMMARY,
  ARTICLE_TOTAL,
  USER_READ,
  USER_READ_HOUR,
  USER_SHARE,
  USER_SHARE_HOUR,
];
