/** User reports: growth (summary, cumulate). */
import { USER_SUMMARY_SOURCES } from '../codes';
import type { ReportDefinition } from '../types';
import { codeColumn, intColumn, intColumns, REF_DATE } from './columns';
import { flatReport } from './define';

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

export const USER_REPORTS: readonly ReportDefinition[] = [USER_SUMMARY, USER_CUMULATE];
