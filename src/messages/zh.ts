/**
 * The 简体中文 of every problem and outcome, written from its code and params (codes.ts), as en.ts writes the
 * English. The sidebar shows it; the failure email of a Chinese DataSet uses it. Names, codes, IDs, hosts and
 * dates are the only Latin text it carries.
 */
import type { MessageParams, Renderers } from './codes';

const ADMIN_BASIC_CONFIG = '公众平台 → 设置与开发 → 基本配置';

const DATE_NOUN = { day: '日期', start: '开始日期', end: '结束日期', preset: '开始日期' } as const;

type Day = MessageParams['range_order']['start'];

/** "开始日期 2026-11-18（10 天前）" */
function nameDay(day: Day): string {
  const back = day.daysBack === undefined ? '' : `（${day.daysBack === 0 ? '今天' : `${day.daysBack} 天前`}）`;
  return `${DATE_NOUN[day.role]} ${day.date}${back}`;
}

function quotedList(names: readonly string[]): string {
  return names.map((name) => `“${name}”`).join('、');
}

function describePending(days: number, dates: readonly string[]): string {
  if (days <= 3) return dates.join('、');
  return `${days} 天（${dates[0]} → ${dates[dates.length - 1]}）`;
}

function secretFix(connection: 'direct' | 'relay'): string {
  return connection === 'relay'
    ? '请更新中继配置中的 appSecret 并重启中继。'
    : `请在${ADMIN_BASIC_CONFIG}中重置或复制后重新输入。`;
}

function relayRefused(errcode: number, fix: string): string {
  return `中继拒绝了调用（${errcode}）。${fix}`;
}

const REQUIRED: Readonly<Record<NonNullable<MessageParams['required']['what']>, string>> = {
  secret: '直连方式需要填写 App Secret。',
  relay_key: '中继方式需要填写中继密钥。',
  day: '请选择指定日期或 N 天前。',
  dates: '请选择要获取的日期。',
};

const UNKNOWN_ACCOUNT: Readonly<Record<MessageParams['unknown_account']['of'], string>> = {
  form: '请选择已保存的账号，或在“凭据”中添加一个。',
  account: '此账号已不存在，请重新打开侧边栏。',
  dataSet: '此数据集的账号已被删除。请编辑数据集并选择账号。',
};

const METHOD = { replace: '替换', append: '追加' } as const;

export const ZH: Renderers = {
  required: (p, label) => (p.what ? REQUIRED[p.what] : `请填写${label}。`),
  too_long: (p, label) => `${label}太长：${p.length} 个字符（最多 ${p.max} 个）。`,
  invalid_choice: (_p, label) => `请为${label}选择一个有效的值。`,
  invalid: (p, label) => {
    if (p.expected === 'schedule') return '定时应为手动、每 N 小时、每天或每周。';
    if (p.expected === 'on_off') return `${label}只能打开或关闭。`;
    return `${label}的内容不完整。请重新打开侧边栏后重试。`;
  },
  app_id_format: () => `App ID 应为“wx”加 16 位小写十六进制字符（如 wx1234567890abcdef），见${ADMIN_BASIC_CONFIG}。`,
  secret_format: () => 'App Secret 应为微信显示的 32 位字母和数字（AppSecret）。',
  relay_url_format: (p) =>
    p.reason === 'https'
      ? '中继 URL 必须以 https:// 开头（只有本机上的测试中继可以用 http）。'
      : '中继 URL 应为基础 URL，例如 https://relay.example.com，不含查询参数、片段或用户名。',
  relay_key_format: (p) => `中继密钥应为 ${p.min} 到 ${p.max} 个字符，不含空格，与中继上的配置一致。`,
  duplicate_name: (p) => `已有${p.kind === 'account' ? '账号' : '数据集'}名为“${p.name}”，请换一个名称。`,
  duplicate_sheet: (p) => `数据集“${p.dataSet}”已写入工作表“${p.sheet}”，请选择其他工作表。`,
  sheet_name_format: () => '工作表名称不能包含换行或制表符。',
  sheet_name_reserved: (p) => `以“${p.prefix}”开头的工作表名称留给插件的隐藏工作表使用，请换一个名称。`,
  budget_format: (p) => `每日调用上限应为 ${p.min} 到 ${p.max} 之间的整数，留空表示不限。`,
  unknown_account: (p) => UNKNOWN_ACCOUNT[p.of],
  unknown_report: (p) =>
    p.reportId === undefined ? '请从列表中选择报表。' : `未知的报表“${p.reportId}”。请编辑数据集并选择报表。`,
  unknown_dataset: () => '此数据集已不存在，请重新打开列表。',
  date_format: (p) => {
    const got = p.value.trim() === '' ? '' : `；“${p.value}”不是有效日期`;
    return `${DATE_NOUN[p.role]}应为真实日期，格式 YYYY-MM-DD${p.example ? `，例如 ${p.example}` : ''}${got}。`;
  },
  days_back: (p) => `“${p.value}”不是有效的天数。请输入 ${p.min} 到 ${p.max} 之间的整数。`,
  range_order: (p) => `${nameDay(p.end)}早于${nameDay(p.start)}。请选择 ${p.start.date} 或之后的结束日期。`,
  future: (p) =>
    `微信的数据最新到昨天（${p.yesterday}，北京时间）；${nameDay(p.requested)}更晚，没有可获取的数据。请选择 ${p.yesterday} 或更早的日期。`,
  before_earliest: (p) =>
    `此报表的数据从 ${p.earliest} 开始；${nameDay(p.requested)}更早。请选择 ${p.earliest} 或之后的日期。`,
  unknown_preset: (p) => `“${p.value}”不是日期预设。请选择一个预设。`,
  unknown_mode: (p) => `“${p.value}”不是选择日期的方式。请选择单日、日期范围或预设。`,
  invalid_hour: () => '小时应为 0 到 23 的整数。',
  invalid_weekday: () => '星期应为周日到周六之一。',
  relay_not_allowed: (p) =>
    `此插件部署不能调用 ${p.relayUrl}：Apps Script 只访问清单允许的地址。请部署插件的人把该中继加入 addon.config.json 的 relayUrls 并重新部署（npm run deploy）。`,
  in_use: (p) => `此账号正被 ${quotedList(p.names)} 使用。请先删除这些数据集，或把它们改用其他账号。`,
  invalid_argument: (p) =>
    p.max !== undefined
      ? `一次最多运行 ${p.max} 个数据集，请分批运行。`
      : '侧边栏发送的编号无效。请重新打开侧边栏后重试。',
  storage_full: (p) =>
    p.room
      ? `此表格已没有空间再保存一个${p.room.what === 'account' ? '账号' : '数据集'}：Google 允许每个表格保存 500 KB 的插件设置，其中 ${p.room.dataSets} 个数据集及其账号和运行记录已用 ${p.room.usedKb} KB。未保存任何内容。请删除不再使用的数据集或账号（工作表会保留），或换一个表格。`
      : '插件在此表格中的存储空间已满（Google 允许每个表格保存 500 KB 的插件设置，数据集、账号和运行记录共用）。没有丢失任何数据。请删除不再使用的数据集或账号（工作表会保留）后重试。',

  wechat_busy: () => '微信繁忙（-1），多次重试后仍无响应。未做任何更改，请稍后再运行。',
  wechat_request_rejected: (p) => `微信拒绝了请求（${p.errcode}）。这是插件的错误，请连同此消息一起报告。`,
  wechat_credentials_40001: (p) => `App Secret 错误，或属于其他账号（40001）。${secretFix(p.connection)}`,
  wechat_credentials_40013: () => `微信不认识此 App ID（40013）。请从${ADMIN_BASIC_CONFIG}复制 AppID（以 wx 开头）。`,
  wechat_credentials_40125: (p) => `App Secret 错误（40125）。${secretFix(p.connection)}`,
  wechat_credentials_89503: () => '微信要求公众号管理员确认此 IP（89503）。请在微信中确认后重试。',
  wechat_credentials_89506: () => '公众号管理员拒绝了此 IP（89506）。请 24 小时后再试，或使用 IP 已加入白名单的中继。',
  wechat_credentials_89507: () => '公众号管理员拒绝了此 IP（89507）。请 1 小时后再试，或使用 IP 已加入白名单的中继。',
  wechat_token_invalid: (p) =>
    p.connection === 'relay'
      ? `中继重新获取后，微信仍拒绝中继的 access token（${p.errcode}）。请检查中继配置中的 appSecret；如果无误，可能有其他系统在强制刷新此账号的 token，请几分钟后再试。`
      : `重新获取后，微信仍拒绝 access token（${p.errcode}）。可能有其他系统在强制刷新此账号的 token；请几分钟后再试。`,
  wechat_ip_not_whitelisted: (p) => {
    const fix =
      p.connection === 'relay'
        ? `请把中继主机的固定 IP（${p.ip}）加入公众号的 IP 白名单（${ADMIN_BASIC_CONFIG} → IP 白名单）。`
        : 'Google Apps Script 从不断变化的 Google 地址调用微信，白名单无法放行：请把此账号的连接方式改为“中继”，通过贵机构的中继（固定 IP、已加入白名单的服务器）连接。';
    return `微信拒绝签发 access token：调用方 IP ${p.ip} 不在公众号的 IP 白名单中（40164）。${fix}`;
  },
  wechat_daily_quota: (p) =>
    `${p.endpoint ? `接口 ${p.endpoint}` : '此报表所用微信接口'}今天的调用次数已用完（45009）。没有丢失任何数据；明天继续刷新（北京时间零点重置）。此账号的其他报表不受影响。`,
  wechat_minute_quota: () => '微信限制每分钟的调用次数（45011），等待后仍超限。请几分钟后再运行。',
  wechat_retired: () =>
    '微信已下线此报表（47009）。请改用发表内容报表（内容阅读、内容分享、账号概况、内容总数据明细）。',
  wechat_permission_48001: () => '此公众号无权使用该微信接口（48001）。数据接口需要已认证的账号。',
  wechat_permission_48004: () => '微信已对此账号封禁该接口（48004）。请查看公众平台中的通知。',
  wechat_permission_50001: () =>
    '微信表示此账号无权在此域名调用（50001）。如果账号在中国大陆以外注册，请把账号类型设为“国际”，否则设为“中国”。',
  wechat_permission_50002: () => '此公众号受到微信限制（50002）。请查看公众平台。',
  wechat_date_range: () => '微信拒绝了日期范围（61501），即使只有一天。请选择截至昨天（北京时间）的日期。',
  wechat_not_ready: () => '微信尚未算完这些数据（61503），通常北京时间 08:00 后可用。',
  wechat_unknown: (p) => `微信返回错误 ${p.errcode}。未做任何更改。`,
  relay_990001: () => relayRefused(990001, '请输入与中继配置完全一致的中继密钥。'),
  relay_990002: () => relayRefused(990002, '请输入与中继配置完全一致的中继密钥。'),
  relay_990003: () => relayRefused(990003, '中继不允许此密钥使用该 App ID：请检查 App ID 和中继的配置。'),
  relay_990004: () => relayRefused(990004, '中继 URL 应为中继的基础 URL，例如 https://relay.example.com。'),
  relay_990005: () => relayRefused(990005, '中继 URL 应为中继的基础 URL，例如 https://relay.example.com。'),
  relay_990009: () => relayRefused(990009, '中继正在限制此密钥的调用频率，请一分钟后再试。'),
  relay_990010: () => relayRefused(990010, '中继无法连接微信：请检查中继主机后重试。'),
  relay_990011: () => relayRefused(990011, '中继无法连接微信：请检查中继主机后重试。'),
  relay_other: (p) => relayRefused(p.errcode, '请查看中继日志；如果持续出现，请连同此消息一起报告。'),
  url_not_allowed: (p) =>
    `Apps Script 拒绝调用 ${p.host}：此插件部署的清单不允许该地址。请部署插件的人把中继加入 addon.config.json 的 relayUrls 并重新部署（npm run deploy）。`,
  network: (p) =>
    p.detail === 'timeout'
      ? `无法连接 ${p.host}（超时：一分钟内无响应）。未做任何更改，请稍后再试。`
      : `无法连接 ${p.host}，多次重试后仍失败。未做任何更改，请稍后再试。`,
  http_error: (p) => `${p.host} 多次返回 HTTP ${p.status} 错误。未做任何更改，请稍后再试。`,
  bad_response: (p) => {
    switch (p.what) {
      case 'token':
        return '获取 token 的接口没有返回 access token。请稍后再试。';
      case 'quota':
        return `微信返回的 ${p.endpoint ?? '接口'} 额度信息中没有额度。`;
      case 'relay_accounts':
        return '中继没有返回公众号列表。请检查中继 URL 是否为中继的基础 URL。';
      default:
        return `${p.host ?? '微信'} 的响应不是微信的 JSON（被截断或不是 JSON），多次重试后仍如此。未做任何更改，请稍后再试。`;
    }
  },
  apps_script_quota: () =>
    '您的 Google 账号今天的 Apps Script 调用配额已用完（由您运行的所有脚本和插件共享）。没有丢失任何数据；配额在首次使用 24 小时后重置，届时刷新会继续。请减少刷新频率或数据集数量。',
  apps_script_throttled: () =>
    'Google Apps Script 拒绝了调用：短时间内调用次数过多。没有丢失任何数据；刷新会在下次运行时继续，也可以一分钟后再运行。',
  busy_lock: () => '此表格的另一个刷新正在获取微信 token。请一分钟后再试。',
  lock_unavailable: () =>
    'Google Apps Script 没有给本次运行文档锁，无法确保只有一个运行。未做任何更改；请打开表格，从侧边栏再运行一次。',
  relay_account_not_served: (p) =>
    `中继不允许此密钥使用 ${p.appId}。${p.served.length > 0 ? `此密钥可以使用：${p.served.join('、')}。` : '此密钥没有可用的公众号。'}请从中选择，或请中继管理员为此密钥添加该账号。`,
  connected_direct: (p) => `直接连接成功：微信已为 ${p.appId} 签发 access token。`,
  connected_relay: (p) => `通过中继连接成功：微信已返回“${p.name}”（${p.appId}）的数据。`,
  invalid_input: (p) => (p.count === 1 ? '请修改红色标出的字段。' : `请修改红色标出的 ${p.count} 个字段。`),

  published: (p) => {
    const range = p.start === p.end ? p.start : `${p.start} → ${p.end}`;
    const pending =
      p.pendingDays > 0
        ? `微信尚未算完 ${describePending(p.pendingDays, p.pending)} 的数据（通常北京时间 08:00 后可用），之后的运行会再次获取。`
        : '';
    return `${range}：${p.calls} 次微信调用获取的 ${p.rows} 行已写入工作表“${p.sheet}”（${METHOD[p.method]}）。${pending}`;
  },
  continuing: (p) =>
    `已获取 ${p.done}/${p.total} 个时间段（目前 ${p.rows} 行）。其余部分在下次运行时继续；全部完成后才写入工作表。`,
  call_budget: (p) =>
    `此账号的每日调用上限（${p.budget} 次）已用完：已获取 ${p.done}/${p.total} 个时间段。其余部分明天继续；全部完成后才写入工作表。`,
  already_running: (p) =>
    p.name === undefined
      ? '另一个刷新正在运行，本次没有启动。请一分钟后再试。'
      : `“${p.name}”正在运行（由其他用户或定时任务启动），本次没有再次启动；结果会出现在它的运行记录中。`,
  execution_limit: () =>
    'Google Apps Script 在 6 分钟上限处停止了这次运行（当时正在从微信获取数据）。没有丢失任何数据；下次运行会从停止处继续。',
  header_changed: () =>
    '工作表的表头与此报表不再一致（被编辑过），因此没有获取或写入任何内容。请恢复表头，或用“替换”方式运行一次。',
  sheet_in_use: (p) =>
    `工作表“${p.sheet}”已有其他内容（第一行不是此报表的表头），因此保持原样，没有写入任何内容。请为此数据集换一个工作表名称，或清空、重命名该工作表后再运行。`,
  table_blocked: (p) =>
    `表格现在需要工作表“${p.sheet}”的第 1–${p.height} 行，但其下方的 ${p.cell} 有您自己的内容（“${p.value}”）。没有写入任何内容。请把这些内容移到 ${p.column} 列右侧或更下方，然后再运行。`,
  cell_limit: (p) =>
    `本次刷新需要 ${p.rows.toLocaleString('zh-CN')} 行 × ${p.columns} 列，会使表格达到 ${p.total.toLocaleString('zh-CN')} 个单元格，超过 Google 表格 ${p.limit.toLocaleString('zh-CN')} 个单元格的上限。没有写入任何内容。请缩短日期范围，或把此数据集移到另一个表格。`,
  unexpected: (p) => `意外错误：${p.detail}。未做任何更改。`,
  clamped_to_yesterday: (p) => `微信的数据最新到昨天（${p.to}，北京时间）；结束日期已从 ${p.from} 改为 ${p.to}。`,
  not_final: () => '微信标记部分数据尚未最终确定；之后的运行会带来最终数字。',
};
