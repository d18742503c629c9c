/** The published-content reports that replace the classic article reports (data from 2025-11-01). */
import { PUBLISH_TYPES } from '../codes';
import type { ReportDefinition } from '../types';
import {
  codeColumn,
  intColumn,
  intColumns,
  MSGID,
  numberColumns,
  percentColumn,
  REF_DATE,
  STAT_DATE,
  TITLE,
  textColumn,
} from './columns';
import { defineReport, PUBLISHED_EN, PUBLISHED_ZH } from './define';
import { JUMP_POSITION_COLUMNS, liftDetail, publishedLevel, READ_SOURCE_COLUMNS, rowPerEntry } from './flatten';

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
  percentColumn('read_delivery_rate'),
  percentColumn('read_finish_rate'),
  ...numberColumns('read_avg_activetime'),
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

export const PUBLISHED_REPORTS: readonly ReportDefinition[] = [
  ARTICLE_READ,
  ARTICLE_SHARE,
  BIZ_SUMMARY,
  ARTICLE_TOTAL_DETAIL,
];
