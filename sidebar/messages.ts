/**
 * The server's problems and outcomes in the user's language. The server writes English messages with a `code`
 * (and sometimes `params`); English shows the server's own words, Chinese is rebuilt from the code. What the
 * code cannot rebuild (a name, an IP) is read from the English message.
 */
import { MAX_DAYS_BACK } from '../src/dates/types';
import type { Language, Problem } from '../src/ui/contract';
import { fill, type MessageKey, type Params, type Translate } from './i18n';

export type FormKind = 'account' | 'dataSet';

const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  description: 'fieldDescription',
  accountId: 'fieldAccount',
  account: 'fieldAccount',
  reportId: 'fieldReport',
  'dates.day': 'fieldDate',
  'dates.day.days': 'fieldDate',
  'dates.start': 'fieldStart',
  'dates.start.days': 'fieldStart',
  'dates.end': 'fieldEnd',
  'dates.end.days': 'fieldEnd',
  'dates.preset': 'fieldPreset',
  sheetName: 'fieldSheet',
  appId: 'fieldAppId',
  secret: 'fieldSecret',
  relayUrl: 'fieldRelayUrl',
  relayKey: 'fieldRelayKey',
  schedule: 'fieldSchedule',
  'schedule.every': 'fieldSchedule',
  'schedule.hour': 'fieldSchedule',
  'schedule.weekday': 'fieldSchedule',
  updateMethod: 'fieldUpdateMethod',
  dailyCallBudget: 'fieldDailyCallBudget',
};

export function fieldLabel(field: string, form: FormKind, t: Translate): string {
  if (field === 'name') return t(form === 'account' ? 'fieldAccountName' : 'fieldDataSetName');
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

/** Quoted names in an English message: `already named "Main"` → ["Main"]. */
function quoted(message: string): string[] {
  return [...message.matchAll(/"([^"]*)"/g)].map((match) => match[1] ?? '');
}

type ZhProblem = (problem: Problem, field: string) => string | undefined;

const ZH_PROBLEMS: Readonly<Record<string, ZhProblem>> = {
  required: (_p, field) => `请填写${field}。`,
  too_long: (p, field) => `${field}太长（最多 ${p.params?.max ?? ''} 个字符）。`,
  invalid_choice: (_p, field) => `请为${field}选择一个有效的值。`,
  invalid: () => '内容不完整，请检查后重试。',
  app_id_format: () =>
    'App ID 应为“wx”加 16 位小写十六进制字符（如 wx1234567890abcdef），见公众平台 → 设置与开发 → 基本配置。',
  secret_format: () => 'App Secret 应为微信显示的 32 位字母和数字（AppSecret）。',
  relay_url_format: () =>
    '中继 URL 应为基础 URL，例如 https://relay.example.com，不含查询参数、片段或用户名；除本机测试外必须以 https:// 开头。',
  relay_key_format: (p) => {
    const [, min = '32', max = '256'] = /(\d+) to (\d+)/.exec(p.message) ?? [];
    return `中继密钥应为 ${min} 到 ${max} 个字符，不含空格，与中继上的配置一致。`;
  },
  duplicate_name: (p) => `已有名为“${quoted(p.message)[0] ?? ''}”的项目，请换一个名称。`,
  duplicate_sheet: (p) => {
    const [dataSet, sheet] = quoted(p.message);
    return `数据集“${dataSet ?? ''}”已写入工作表“${sheet ?? ''}”，请选择其他工作表。`;
  },
  sheet_name_format: () => '工作表名称不能包含换行或制表符。',
  sheet_name_reserved: (p) => `以“${p.params?.prefix ?? ''}”开头的工作表名称留给插件的隐藏工作表使用，请换一个名称。`,
  budget_format: () => '每日调用上限应为 1 到 100000 之间的整数，留空表示不限。',
  unknown_account: () => '请选择已保存的账号，或在“凭据”中添加一个。',
  unknown_report: () => '请从列表中选择报表。',
  unknown_dataset: () => '此数据集已不存在，请重新打开列表。',
  date_format: (p, field) => `${field}应为真实日期，格式 YYYY-MM-DD，例如 ${p.params?.example ?? '2026-11-01'}。`,
  days_back: (p) =>
    p.params?.value !== undefined
      ? `“${p.params.value}”不是有效的天数。请输入 1 到 ${p.params.max ?? MAX_DAYS_BACK} 之间的整数。`
      : undefined,
  range_order: (p) =>
    p.params
      ? `结束日期 ${p.params.end} 早于开始日期 ${p.params.start}。请选择 ${p.params.start} 或之后的日期。`
      : undefined,
  future: (p) =>
    p.params
      ? `微信的数据最新到昨天（${p.params.yesterday}，北京时间）；${p.params.requested} 更晚，没有可获取的数据。请选择 ${p.params.yesterday} 或更早的日期。`
      : undefined,
  before_earliest: (p) =>
    p.params
      ? `此报表的数据从 ${p.params.earliest} 开始；${p.params.requested} 更早。请选择 ${p.params.earliest} 或之后的日期。`
      : undefined,
  unknown_preset: () => '请选择一个预设。',
  unknown_mode: () => '请选择单日、日期范围或预设。',
  invalid_hour: () => '小时应为 0 到 23 的整数。',
  invalid_weekday: () => '星期应为周日到周六之一。',
  relay_not_allowed: (p) =>
    `此插件部署不能调用 ${p.params?.relayUrl ?? ''}：Apps Script 只访问清单允许的 URL。请部署插件的人把该中继加入 addon.config.json 的 relayUrls 并重新部署（npm run deploy）。`,
  in_use: (p) =>
    `此账号正被 ${quoted(p.message)
      .map((name) => `“${name}”`)
      .join('、')} 使用。请先删除这些数据集，或把它们改用其他账号。`,
};

export function problemText(problem: Problem, form: FormKind, language: Language, t: Translate): string {
  if (language === 'en') return problem.message;
  const zh = ZH_PROBLEMS[problem.code]?.(problem, fieldLabel(problem.field, form, t));
  return zh ?? problem.message;
}

/** An IP or host named in an English error message. */
function captured(message: string, pattern: RegExp): string {
  return pattern.exec(message)?.[1] ?? '';
}

type ZhOutcome = (message: string) => string;

const ZH_OUTCOMES: Readonly<Record<string, ZhOutcome>> = {
  wechat_ip_not_whitelisted: (message) => {
    const ip = captured(message, /calling IP (\S+) is/);
    const fix = /relay host/.test(message)
      ? `请把中继主机的固定 IP（${ip}）加入公众号的 IP 白名单（公众平台 → 设置与开发 → 基本配置 → IP 白名单）。`
      : 'Google Apps Script 从不断变化的 Google 地址调用微信，白名单无法放行：请把此账号的连接方式改为“中继”，通过贵机构的中继（固定 IP、已加入白名单的服务器）连接。';
    return `微信拒绝签发 access token：调用方 IP ${ip} 不在公众号的 IP 白名单中（40164）。${fix}`;
  },
  relay_not_allowed: (message) =>
    `此插件部署不能调用 ${captured(message, /may not call (\S+):/)}：请部署插件的人把该中继加入 addon.config.json 的 relayUrls 并重新部署（npm run deploy）。`,
  url_not_allowed: (message) =>
    `Apps Script 拒绝调用 ${captured(message, /refused to call (\S+):/)}：此插件部署的清单不允许该地址。请部署插件的人把中继加入 addon.config.json 的 relayUrls 并重新部署。`,
  relay_account_not_served: (message) =>
    `中继不允许此密钥使用 ${captured(message, /serve (wx[0-9a-f]+)/)}。请读取公众号列表重新选择，或请中继管理员为此密钥添加该账号。`,
  wechat_daily_quota: () =>
    '此报表所用微信接口今天的调用次数已用完（45009）。没有丢失任何数据；明天可以继续刷新（北京时间零点重置）。此账号的其他报表不受影响。',
  wechat_minute_quota: () => '微信限制每分钟的调用次数（45011），等待后仍超限。请几分钟后再运行。',
  wechat_busy: () => '微信繁忙（-1），多次重试后仍无响应。未做任何更改，请稍后再运行。',
  wechat_credentials_40001: () => 'App Secret 错误，或属于其他账号（40001）。请重新输入正确的 App Secret。',
  wechat_credentials_40013: () =>
    '微信不认识此 App ID（40013）。请从公众平台 → 设置与开发 → 基本配置 复制 AppID（以 wx 开头）。',
  wechat_credentials_40125: () =>
    'App Secret 错误（40125）。请在公众平台 → 设置与开发 → 基本配置 中重置或复制后重新输入。',
  wechat_token_invalid: () =>
    '微信重新获取后仍拒绝 access token。可能有其他系统在强制刷新此账号的 token；请几分钟后再试。',
  wechat_retired: () =>
    '微信已下线此报表（47009）。请改用发表内容报表（内容阅读、内容分享、账号概况、内容总数据明细）。',
  wechat_permission_48001: () => '此公众号无权使用该微信接口（48001）。数据接口需要已认证的账号。',
  wechat_permission_50001: () =>
    '微信表示此账号无权在此域名调用（50001）。如果账号在中国大陆以外注册，请把账号类型设为“国际”，否则设为“中国”。',
  wechat_date_range: () => '微信拒绝了日期范围（61501），即使只有一天。请选择截至昨天（北京时间）的日期。',
  wechat_not_ready: () => '微信尚未算完这些数据（61503），通常北京时间 08:00 后可用。',
  network: (message) =>
    /\(timeout/.test(message)
      ? `无法连接 ${captured(message, /reach (\S+)/)}（超时：一分钟内无响应）。未做任何更改，请稍后再试。`
      : `无法连接 ${captured(message, /reach (\S+)/)}，多次重试后仍失败。未做任何更改，请稍后再试。`,
  execution_limit: () =>
    'Google Apps Script 在 6 分钟上限处停止了这次运行（当时正在从微信获取数据）。没有丢失任何数据；下次运行会从停止处继续。',
  lock_unavailable: () =>
    'Google Apps Script 没有给本次运行文档锁，无法确保只有一个运行。未做任何更改；请打开表格，从侧边栏再运行一次。',
  apps_script_quota: () =>
    '您的 Google 账号今天的 Apps Script 调用配额已用完（由您运行的所有脚本和插件共享）。没有丢失任何数据；配额在首次使用 24 小时后重置，届时刷新会继续。请减少刷新频率或数据集数量。',
  apps_script_throttled: () =>
    'Google Apps Script 拒绝了调用：短时间内调用次数过多。没有丢失任何数据；刷新会在下次运行时继续，也可以一分钟后再运行。',
  http_error: (message) => `${captured(message, /^(\S+) answered/)} 多次返回 HTTP 错误。未做任何更改，请稍后再试。`,
  bad_response: (message) => `${captured(message, /^(\S+) sent/)} 的响应不是微信的 JSON。未做任何更改，请稍后再试。`,
  already_running: (message) => {
    const name = quoted(message)[0];
    return name
      ? `“${name}”正在运行（由其他用户或定时任务启动），本次没有再次启动；结果会出现在它的运行记录中。`
      : '另一个刷新正在运行，本次没有启动。请一分钟后再试。';
  },
  continuing: (message) => {
    const [, done = '', total = '', rows = ''] = /Fetched (\d+) of (\d+) windows \((\d+) rows/.exec(message) ?? [];
    return `已获取 ${done}/${total} 个时间段（目前 ${rows} 行）。其余部分在下次运行时继续；全部完成后才写入工作表。`;
  },
  call_budget: (message) => {
    const [, budget = ''] = /\((\d+) calls\)/.exec(message) ?? [];
    return `此账号的每日调用上限（${budget} 次）已用完。其余部分明天继续；全部完成后才写入工作表。`;
  },
  unknown_account: () => '此数据集的账号已被删除。请编辑数据集并选择账号。',
  unknown_report: () => '未知的报表。请编辑数据集并选择报表。',
  unknown_dataset: () => '此数据集已不存在，请重新打开列表。',
  header_changed: () => '工作表的表头与此报表不再一致（被编辑过，或语言已更改）。请恢复表头，或用“替换”方式运行一次。',
  cell_limit: () =>
    '本次运行会使表格超过 Google 的 1000 万个单元格上限。未做任何更改；请缩短日期范围或删除不用的工作表。',
};

/** A failed run or connection test in the user's language (Chinese falls back to the English text). */
export function outcomeText(code: string | undefined, message: string, language: Language): string {
  if (language === 'en' || !code) return message;
  const zh = ZH_OUTCOMES[code];
  return zh ? zh(message) : message;
}

const ZH_NOTICES: ReadonlyArray<[RegExp, string]> = [
  [
    /moved from (\S+) to (\d{4}-\d{2}-\d{2})/,
    '微信的数据最新到昨天（{to}，北京时间）；结束日期已从 {from} 改为 {to}。',
  ],
  [/not final yet/, '微信标记部分数据尚未最终确定；之后的运行会带来最终数字。'],
];

/** A notice from the server (e.g. the end date moved back to yesterday) in the user's language. */
export function noticeText(notice: string, language: Language): string {
  if (language === 'en') return notice;
  for (const [pattern, template] of ZH_NOTICES) {
    const match = pattern.exec(notice);
    if (match) {
      const params: Params = { from: match[1] ?? '', to: match[2] ?? '' };
      return fill(template, params);
    }
  }
  return notice;
}
