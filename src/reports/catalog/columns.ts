/** Column headers of the fields WeChat sends, and the column helpers the report definitions are built from. */
import type { CodeTable, ColumnSpec, ColumnType, Localized } from '../types';

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
  total_time_cost: { en: 'Total Time Cost (ms)', zh: '总耗时（毫秒）' },
  max_time_cost: { en: 'Max Time Cost (ms)', zh: '最大耗时（毫秒）' },
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

export function column(key: FieldKey, type: ColumnType, codes?: CodeTable): ColumnSpec {
  const header = HEADERS[key];
  return codes ? { key, header, type, codes } : { key, header, type };
}

const dateColumn = (key: FieldKey): ColumnSpec => column(key, 'date');
export const intColumn = (key: FieldKey): ColumnSpec => column(key, 'int');
const numberColumn = (key: FieldKey): ColumnSpec => column(key, 'number');
export const textColumn = (key: FieldKey): ColumnSpec => column(key, 'text');
export const codeColumn = (key: FieldKey, codes: CodeTable): ColumnSpec => column(key, 'code', codes);
export const intColumns = (...keys: FieldKey[]): ColumnSpec[] => keys.map(intColumn);
/** Ratios WeChat gives as fractions (0.45), shown as percentages. */
export const percentColumn = (key: FieldKey): ColumnSpec => column(key, 'percent');
export const numberColumns = (...keys: FieldKey[]): ColumnSpec[] => keys.map(numberColumn);

export const REF_DATE = dateColumn('ref_date');
export const REF_HOUR = column('ref_hour', 'hour');
export const STAT_DATE = dateColumn('stat_date');
export const MSGID = textColumn('msgid');
export const TITLE = textColumn('title');
