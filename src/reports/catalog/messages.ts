/** Upstream message reports (day, hour, week, month, and their distributions) and the interface reports. */
import { COUNT_INTERVALS, MSG_TYPES } from '../codes';
import type { ReportDefinition, ReportGranularity } from '../types';
import { codeColumn, intColumn, intColumns, REF_DATE, REF_HOUR } from './columns';
import { flatReport } from './define';

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

/**
 * Old doc: 30 days. The current pages say the end must be "the same day", yet their own examples span 2 days (week)
 * and 5 days (month): 7 days is the tightest span both examples satisfy, and it holds one Monday and can hold a 1st.
 * A 61501 still halves the window.
 */
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
    maxSpanDays: 7,
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

export const MESSAGE_REPORTS: readonly ReportDefinition[] = [
  UPSTREAM_MSG,
  UPSTREAM_MSG_HOUR,
  upstreamMsgPeriod(MSG_WEEK),
  upstreamMsgPeriod(MSG_MONTH),
  UPSTREAM_MSG_DIST,
  upstreamMsgDistPeriod(MSG_WEEK),
  upstreamMsgDistPeriod(MSG_MONTH),
];

export const INTERFACE_REPORTS: readonly ReportDefinition[] = [INTERFACE_SUMMARY, INTERFACE_SUMMARY_HOUR];
