/** WeChat datacube code tables (wechat-api.md §6) with English and 简体中文 labels. Unknown codes stay valid. */
import type { CodeTable, Lang } from './types';

/** `user_source` in getusersummary (§6.1): the channel a follower came from. */
export const USER_SUMMARY_SOURCES: CodeTable = {
  '0': { en: 'Other (combined)', zh: '其他合计' },
  '1': { en: 'Search for the account', zh: '公众号搜索' },
  '3': { en: 'QR code scan (2015 doc)', zh: '扫描二维码（旧）' },
  '17': { en: 'Name-card share', zh: '名片分享' },
  '30': { en: 'QR code scan', zh: '扫描二维码' },
  '35': { en: 'Number search (2015 doc)', zh: '搜号码（旧）' },
  '39': { en: 'Account search (2015 doc)', zh: '查询微信公众帐号（旧）' },
  '43': { en: 'Article top-right menu (2015 doc)', zh: '图文页右上角菜单（旧）' },
  '51': { en: 'Follow after payment (until 2023-06)', zh: '支付后关注（2023-06 前）' },
  '57': { en: 'Account name in an article', zh: '文章内账号名称' },
  '100': { en: 'WeChat ads', zh: '微信广告' },
  '149': { en: 'Mini Program follow', zh: '小程序关注' },
  '161': { en: 'Reposted by others', zh: '他人转载' },
  '176': { en: 'Account name on an album page', zh: '专辑页内账号名称' },
  '200': { en: 'Channels', zh: '视频号' },
  '201': { en: 'Live stream', zh: '直播' },
};

/** `user_source` in getuserread / getuserreadhour (§6.2): where readers opened the article. */
export const READ_SOURCES: CodeTable = {
  '0': { en: 'Chat session', zh: '会话' },
  '1': { en: 'Friends', zh: '好友' },
  '2': { en: 'Moments', zh: '朋友圈' },
  '3': { en: 'Tencent Weibo', zh: '腾讯微博' },
  '4': { en: 'History messages page', zh: '历史消息页' },
  '5': { en: 'Other', zh: '其他' },
  '6': { en: 'Top Stories', zh: '看一看' },
  '7': { en: 'Search', zh: '搜一搜' },
  '99999999': { en: 'All channels', zh: '全部' },
};

/** `share_scene` (§6.3). Scene 5 is seen live but undocumented, so it is deliberately left unknown. */
export const SHARE_SCENES: CodeTable = {
  '1': { en: 'Forward to a friend', zh: '好友转发' },
  '2': { en: 'Moments', zh: '朋友圈' },
  '3': { en: 'Tencent Weibo', zh: '腾讯微博' },
  '255': { en: 'Other', zh: '其他' },
};

/** `msg_type` (§6.4). */
export const MSG_TYPES: CodeTable = {
  '1': { en: 'Text', zh: '文字' },
  '2': { en: 'Image', zh: '图片' },
  '3': { en: 'Voice', zh: '语音' },
  '4': { en: 'Video', zh: '视频' },
  '6': { en: 'Third-party app message (link)', zh: '第三方应用消息（链接消息）' },
};

/** `count_interval` (§6.5): how many messages a user sent in the period. */
export const COUNT_INTERVALS: CodeTable = {
  '0': { en: '0 messages', zh: '0 次' },
  '1': { en: '1–5', zh: '1–5 次' },
  '2': { en: '6–10', zh: '6–10 次' },
  '3': { en: 'more than 10', zh: '10 次以上' },
};

/** `publish_type` in getarticletotaldetail (§6.7). */
export const PUBLISH_TYPES: CodeTable = {
  '0': { en: 'Followers notified', zh: '通知粉丝' },
  '1': { en: 'Published without notification', zh: '未通知粉丝' },
};

/** The label of `code`, or "Unknown (42)" / "未知 (42)" for a code the table does not know. */
export function codeLabel(table: CodeTable, code: string | number, lang: Lang): string {
  const key = String(code);
  // Own keys only: a code like "constructor" must not hit Object.prototype (Object.hasOwn is ES2022, lib is ES2020).
  const entry = Object.keys(table).includes(key) ? table[key] : undefined;
  if (entry) return entry[lang];
  return lang === 'zh' ? `未知 (${key})` : `Unknown (${key})`;
}
