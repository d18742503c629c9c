/**
 * The English of every problem and outcome, written from its code and params (codes.ts). The server sends this
 * text as `message`; the sidebar writes its English from the same functions, and its Chinese from its own.
 */
import type { MessageCode, MessageParams, Renderers, Said } from './codes';

const ADMIN_BASIC_CONFIG = 'the WeChat admin console → Settings and Development → Basic Configuration';

const DATE_NOUN = { day: 'the date', start: 'the start date', end: 'the end date', preset: 'the start date' } as const;
const DATE_FIELD = { day: 'Date', start: 'Start date', end: 'End date', preset: 'Start date' } as const;

type Day = MessageParams['range_order']['start'];

/** "the start date 2026-11-18 (10 days back)" */
function nameDay(day: Day): string {
  const back = day.daysBack === undefined ? '' : ` (${daysBack(day.daysBack)})`;
  return `${DATE_NOUN[day.role]} ${day.date}${back}`;
}

function daysBack(days: number): string {
  if (days === 0) return 'today';
  return days === 1 ? '1 day back' : `${days} days back`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function quotedList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

function describePending(days: number, dates: readonly string[]): string {
  if (days <= 3) return dates.join(', ');
  return `${days} days (${dates[0]} → ${dates[dates.length - 1]})`;
}

function secretFix(connection: 'direct' | 'relay'): string {
  return connection === 'relay'
    ? 'Update appSecret in the relay configuration and restart the relay.'
    : `Reset or copy it in ${ADMIN_BASIC_CONFIG}, and enter it again.`;
}

const BUG_CAUSES: Readonly<Record<number, string>> = {
  40002: 'grant_type must be client_credential',
  41001: 'the access token is missing',
  41002: 'the App ID is missing',
  41004: 'the App Secret is missing',
  43002: 'the call must be a POST',
  44002: 'the request body is empty',
  47001: 'the request body is not valid JSON',
  61500: 'the date format is wrong',
};

function relayRefused(errcode: number, said: string, fix: string): string {
  return `The relay refused the call (${errcode}: ${said}). ${fix}`;
}

const REQUIRED: Readonly<Record<NonNullable<MessageParams['required']['what']>, string>> = {
  secret: 'App Secret is required for a Direct connection.',
  relay_key: 'Relay key is required for a Relay connection.',
  day: 'Choose a specific date or a number of days back.',
  dates: 'Choose the dates to fetch.',
};

const UNKNOWN_ACCOUNT: Readonly<Record<MessageParams['unknown_account']['of'], string>> = {
  form: 'Choose a saved account, or add one under Credentials.',
  account: 'This account no longer exists. Reload the sidebar.',
  dataSet: 'The account of this DataSet was deleted. Edit the DataSet and choose an account.',
};

export const EN: Renderers = {
  required: (p, label) => (p.what ? REQUIRED[p.what] : `${label} is required.`),
  too_long: (p, label) => `${label} is too long: ${p.length} characters (at most ${p.max}).`,
  invalid_choice: (p, label) => `${label} must be one of: ${p.choices.join(', ')}.`,
  invalid: (p, label) => {
    if (p.expected === 'schedule') return 'Schedule must be Manual, every N hours, daily or weekly.';
    if (p.expected === 'on_off') return `${label} must be on or off.`;
    return `${label} details are missing. Reload the sidebar and try again.`;
  },
  app_id_format: () =>
    `App ID must be "wx" followed by 16 lowercase hex characters (e.g. wx1234567890abcdef), as shown in ${ADMIN_BASIC_CONFIG}.`,
  secret_format: () => 'App Secret must be the 32 letters and digits WeChat shows (AppSecret).',
  relay_url_format: (p) =>
    p.reason === 'https'
      ? 'Relay URL must start with https:// (plain http is allowed only for a relay on this machine, for testing).'
      : 'Relay URL must be a base URL such as https://relay.example.com, without a query, a fragment or a user name.',
  relay_key_format: (p) =>
    `Relay key must be ${p.min} to ${p.max} characters without spaces, as configured on the relay.`,
  duplicate_name: (p) =>
    `${p.kind === 'account' ? 'An account' : 'Another DataSet'} is already named "${p.name}". Choose another name.`,
  duplicate_sheet: (p) => `DataSet "${p.dataSet}" already writes to sheet "${p.sheet}". Choose another sheet.`,
  sheet_name_format: () => 'Sheet name cannot contain line breaks or tabs.',
  sheet_name_reserved: (p) =>
    `Sheet names starting with "${p.prefix}" are reserved for the add-on's hidden sheets. Choose another name.`,
  budget_format: (p) => `Daily call budget must be a whole number from ${p.min} to ${p.max}, or empty for no limit.`,
  unknown_account: (p) => UNKNOWN_ACCOUNT[p.of],
  unknown_report: (p) =>
    p.reportId === undefined
      ? 'Choose a report from the list.'
      : `Unknown report "${p.reportId}". Edit the DataSet and choose a report.`,
  unknown_dataset: () => 'This DataSet no longer exists. Reload the list of DataSets.',
  date_format: (p) => {
    const got = p.value.trim() === '' ? '' : `; “${p.value}” is not`;
    return `${DATE_FIELD[p.role]} must be a real date written YYYY-MM-DD${p.example ? `, e.g. ${p.example}` : ''}${got}.`;
  },
  days_back: (p) =>
    `“${p.value}” is not a usable number of days back for ${DATE_NOUN[p.role]}. Enter a whole number of days from ${p.min} to ${p.max}.`,
  range_order: (p) =>
    `${capitalize(nameDay(p.end))} is before ${nameDay(p.start)}. Choose an end date on or after ${p.start.date}.`,
  future: (p) =>
    `WeChat has data up to yesterday (${p.yesterday}, Beijing time); ${nameDay(p.requested)} is later, so there is nothing to fetch. Choose ${p.yesterday} or earlier.`,
  before_earliest: (p) =>
    `This report has data from ${p.earliest}; ${nameDay(p.requested)} is earlier. Choose ${p.earliest} or later.`,
  unknown_preset: (p) => `“${p.value}” is not a date preset. Choose one of: ${p.choices.join(', ')}.`,
  unknown_mode: (p) => `“${p.value}” is not a way of choosing dates. Choose a single day, a range or a preset.`,
  invalid_hour: () => 'Hour must be a whole number from 0 to 23.',
  invalid_weekday: () => 'Day must be Sunday (0) to Saturday (6).',
  relay_not_allowed: (p) =>
    `This deployment of the add-on may not call ${p.relayUrl}: Apps Script fetches only the URLs its manifest allows. Whoever deploys the add-on adds "${p.relayUrl.replace(/\/+$/, '')}/" to relayUrls in addon.config.json and redeploys it (npm run deploy).`,
  in_use: (p) =>
    `This account is used by ${quotedList(p.names)}. Delete those DataSets or move them to another account first.`,
  invalid_argument: (p) =>
    p.max !== undefined
      ? `The ${p.what} ids must be a list of 1 to ${p.max} ids (text), but ${p.sent} was sent. Run more in turn.`
      : `The ${p.what} ${p.list ? 'ids must be a list of texts' : 'id must be text'}, but ${p.sent} was sent. Reload the sidebar and try again.`,
  storage_full: (p) =>
    p.room
      ? `This spreadsheet has no room for another ${p.room.what}: Google allows 500 KB of add-on settings per spreadsheet, and its ${p.room.dataSets} DataSets with their accounts and run histories use ${p.room.usedKb} KB. Nothing was saved. Delete DataSets or accounts you no longer use (their sheets stay), or use another spreadsheet.`
      : "The add-on's storage in this spreadsheet is full (Google allows 500 KB of add-on settings per spreadsheet; DataSets, accounts and run histories share it). Nothing was lost. Delete DataSets or accounts you no longer use (their sheets stay), then try again.",

  wechat_busy: () =>
    'WeChat is busy (-1) and did not answer after several tries. Nothing was changed; run it again later.',
  wechat_request_rejected: (p) =>
    `WeChat rejected the request (${p.errcode}: ${BUG_CAUSES[p.errcode] ?? 'a request the add-on should not send'}). This is a fault in the add-on; please report it with this message.`,
  wechat_credentials_40001: (p) =>
    `The App Secret is wrong or belongs to another account (40001). ${secretFix(p.connection)}`,
  wechat_credentials_40013: () =>
    `WeChat does not know this App ID (40013). Copy the App ID (AppID, starts with "wx") from ${ADMIN_BASIC_CONFIG}.`,
  wechat_credentials_40125: (p) => `The App Secret is wrong (40125). ${secretFix(p.connection)}`,
  wechat_credentials_89503: () =>
    'WeChat asks the account admin to approve this IP (89503). Approve the request in WeChat, then try again.',
  wechat_credentials_89506: () =>
    'The account admin rejected this IP (89506). Try again after 24 hours, or use a relay with a whitelisted IP.',
  wechat_credentials_89507: () =>
    'The account admin rejected this IP (89507). Try again after 1 hour, or use a relay with a whitelisted IP.',
  wechat_token_invalid: (p) =>
    p.connection === 'relay'
      ? `WeChat rejected the relay's access token (${p.errcode}) even after the relay fetched it again. Check appSecret in the relay configuration; if it is right, another system may be force-refreshing this account's token: try again in a few minutes.`
      : `WeChat rejected the access token (${p.errcode}) even after it was fetched again. Another system may be force-refreshing this account's token; try again in a few minutes.`,
  wechat_ip_not_whitelisted: (p) => {
    const fix =
      p.connection === 'relay'
        ? `Add the relay host's fixed IP (${p.ip}) to the Official Account's IP whitelist (${ADMIN_BASIC_CONFIG} → IP whitelist).`
        : "Google Apps Script calls WeChat from changing Google addresses, so a whitelist cannot admit it: use your organisation's relay (a server with a fixed IP that is on the whitelist) by choosing the Relay connection for this account.";
    return `WeChat refused the access token because the calling IP ${p.ip} is not on the account's IP whitelist (40164). ${fix}`;
  },
  wechat_daily_quota: (p) =>
    `The account's daily WeChat quota for ${p.endpoint ?? "this report's API"} is used up (45009). Nothing was lost; the refresh continues tomorrow (quotas reset at midnight Beijing time). The account's other reports are not affected.`,
  wechat_minute_quota: () =>
    'WeChat limits calls per minute (45011) and the limit was still reached after waiting. Run it again in a few minutes.',
  wechat_retired: () =>
    'WeChat has retired this report (47009). Choose one of the published-content reports (Article Read, Article Share, Account Summary, Article Total Detail) instead.',
  wechat_permission_48001: () =>
    'This Official Account may not use this WeChat API (48001 api unauthorized). Data APIs need a verified (认证) account.',
  wechat_permission_48004: () =>
    'WeChat has banned this API for the account (48004). Check notices in the WeChat admin console.',
  wechat_permission_50001: () =>
    'WeChat says this account is not authorized on this host (50001). If the account is registered outside mainland China, set its Account Type to International; otherwise China.',
  wechat_permission_50002: () =>
    'The Official Account is restricted by WeChat (50002). Check the WeChat admin console.',
  wechat_date_range: () =>
    'WeChat refused the date range (61501) even for a single day. Choose dates up to yesterday (Beijing time).',
  wechat_not_ready: () =>
    'WeChat has not finished computing this data yet (61503). It is usually ready after 08:00 Beijing time.',
  wechat_unknown: (p) => `WeChat returned error ${p.errcode}${p.errmsg ? ` (${p.errmsg})` : ''}. Nothing was changed.`,
  relay_990001: (p) => relayRefused(990001, p.said, 'Enter the relay key exactly as it is configured on the relay.'),
  relay_990002: (p) => relayRefused(990002, p.said, 'Enter the relay key exactly as it is configured on the relay.'),
  relay_990003: (p) =>
    relayRefused(
      990003,
      p.said,
      "The relay does not serve this App ID with this key: check the App ID and the relay's configuration.",
    ),
  relay_990004: (p) =>
    relayRefused(990004, p.said, "The Relay URL must be the relay's base URL, e.g. https://relay.example.com."),
  relay_990005: (p) =>
    relayRefused(990005, p.said, "The Relay URL must be the relay's base URL, e.g. https://relay.example.com."),
  relay_990009: (p) => relayRefused(990009, p.said, 'The relay is rate-limiting this key; try again in a minute.'),
  relay_990010: (p) =>
    relayRefused(990010, p.said, 'The relay could not reach WeChat; check the relay host, then try again.'),
  relay_990011: (p) =>
    relayRefused(990011, p.said, 'The relay could not reach WeChat; check the relay host, then try again.'),
  relay_other: (p) =>
    relayRefused(p.errcode, p.said, 'Check the relay log; if it persists, report it with this message.'),
  url_not_allowed: (p) =>
    `Apps Script refused to call ${p.host}: this deployment's manifest does not allow it (urlFetchWhitelist). Whoever deploys the add-on lists the relay in addon.config.json (relayUrls) and redeploys it (npm run deploy).`,
  network: (p) =>
    p.detail === 'timeout'
      ? `Could not reach ${p.host} (timeout: no answer within a minute). Nothing was changed; try again later.`
      : `Could not reach ${p.host} (${p.detail}) after several tries. Nothing was changed; try again later.`,
  http_error: (p) =>
    `${p.host} answered with HTTP ${p.status} after several tries. Nothing was changed; try again later.`,
  bad_response: (p) => {
    switch (p.what) {
      case 'token':
        return 'The token endpoint answered without an access token. Try again later.';
      case 'quota':
        return `WeChat's quota answer for ${p.endpoint ?? 'this API'} has no quota.`;
      case 'relay_accounts':
        return 'The relay answered without a list of accounts. Check that the Relay URL is the relay’s base URL.';
      default:
        return `${p.host ?? 'WeChat'} sent an answer that is not WeChat's JSON (truncated or not JSON) after several tries. Nothing was changed; try again later.`;
    }
  },
  apps_script_quota: (p) =>
    `Your Google account's daily Apps Script quota for ${p.service} is used up (it is shared by every script and add-on you run). Nothing was lost; the refresh continues when the quota resets, 24 hours after its first use. Refresh less often, or fewer DataSets, to stay under it.`,
  apps_script_throttled: (p) =>
    `Google Apps Script refused the call: too many ${p.service} calls in a short time. Nothing was lost; the refresh continues on its next run, or run it again in a minute.`,
  busy_lock: () => 'Another refresh of this spreadsheet is fetching a WeChat token. Try again in a minute.',
  lock_unavailable: () =>
    'Google Apps Script gave this run no document lock, so it could not make sure it is the only run of this spreadsheet. Nothing was changed; open the spreadsheet and run it again from the sidebar.',
  relay_account_not_served: (p) =>
    `The relay does not serve ${p.appId} with this key. ${p.served.length > 0 ? `This key may use: ${p.served.join(', ')}.` : 'This key may use no account.'} Pick one of them, or ask the relay's admin to add the account to the key.`,
  connected_direct: (p) => `Connected directly: WeChat issued an access token for ${p.appId}.`,
  connected_relay: (p) => `Connected through the relay: WeChat answered for ${p.name} (${p.appId}).`,
  invalid_input: (p) => (p.count === 1 ? 'Fix the field marked in red.' : `Fix the ${p.count} fields marked in red.`),

  published: (p) => {
    const range = p.start === p.end ? p.start : `${p.start} → ${p.end}`;
    const pending =
      p.pendingDays > 0
        ? ` WeChat has not finished computing ${describePending(p.pendingDays, p.pending)} yet (usually ready after 08:00 Beijing time); it is fetched again on a later run.`
        : '';
    return `${range}: ${p.rows} rows from ${p.calls} WeChat calls written to sheet "${p.sheet}" (${p.method === 'append' ? 'Append' : 'Replace'}).${pending}`;
  },
  continuing: (p) =>
    `Fetched ${p.done} of ${p.total} windows (${p.rows} rows so far). The rest continues in the next run; the sheet is updated when all are in.`,
  call_budget: (p) =>
    `The daily call budget of this account (${p.budget} calls) is used: ${p.done} of ${p.total} windows fetched. The rest continues tomorrow; the sheet is updated when all are in.`,
  already_running: (p) =>
    p.name === undefined
      ? 'Another refresh is running, so this one was not started. Try again in a minute.'
      : `"${p.name}" is already running (started by another user or by the schedule). It was not started again; its result will appear in its history.`,
  execution_limit: () =>
    'Google Apps Script stopped this run at its 6-minute limit while it was fetching from WeChat. Nothing was lost: the next run continues from where it stopped.',
  header_changed: () =>
    'The header row of the sheet no longer matches this report (it was edited), so nothing was fetched or written. Restore it, or run once with the Replace update method.',
  sheet_in_use: (p) =>
    `Sheet "${p.sheet}" already holds other content (its first row is not this report's header), so it was left as it is. Nothing was written. Choose another sheet name for this DataSet, or clear or rename that sheet, then run again.`,
  table_blocked: (p) =>
    `The table now needs rows 1–${p.height} of sheet "${p.sheet}", but ${p.cell} below it holds your own content ("${p.value}"). Nothing was written. Move that content to the right of column ${p.column} or further down, then run again.`,
  cell_limit: (p) =>
    `This refresh needs ${p.rows.toLocaleString('en-US')} rows × ${p.columns} columns and would take the spreadsheet to ${p.total.toLocaleString('en-US')} cells, over Google Sheets' limit of ${p.limit.toLocaleString('en-US')}. Nothing was written. Shorten the date range, or move this DataSet to another spreadsheet.`,
  unexpected: (p) => `Unexpected error: ${p.detail}. Nothing was changed.`,
  clamped_to_yesterday: (p) =>
    `WeChat has data up to yesterday (${p.to}, Beijing time); the end date was moved from ${p.from} to ${p.to}.`,
  not_final: () => 'WeChat marked some of this data as not final yet; later runs bring the final numbers.',
};

/** English labels of the form fields a problem can name (Problem.field). */
export const EN_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  description: 'Description',
  account: 'Account',
  accountId: 'Account',
  reportId: 'Report',
  dates: 'Dates',
  'dates.mode': 'Duration',
  'dates.day': 'Date',
  'dates.start': 'Start date',
  'dates.end': 'End date',
  'dates.preset': 'Preset',
  sheetName: 'Sheet name',
  updateMethod: 'Update method',
  schedule: 'Schedule',
  'schedule.every': 'Refresh interval',
  'schedule.hour': 'Hour',
  'schedule.weekday': 'Day',
  language: 'Language',
  notifyOnFailure: 'Email on failure',
  appId: 'App ID',
  type: 'Account Type',
  connection: 'Connection',
  secret: 'App Secret',
  relayUrl: 'Relay URL',
  relayKey: 'Relay key',
  dailyCallBudget: 'Daily call budget',
  dataSet: 'DataSet',
  dashboard: 'Dashboard',
};

/** The English of a code with its params (label: the English label of the field a problem names). */
export function english<C extends MessageCode>(code: C, params: MessageParams[C], label = ''): string {
  return (EN[code] as (params: MessageParams[C], label: string) => string)(params, label);
}

/** A problem or outcome with its English. */
export function say<C extends MessageCode>(code: C, params: MessageParams[C], label = ''): Said<C> {
  return { code, params, message: english(code, params, label) } as Said<C>;
}
