/**
 * Every problem and outcome the server reports, by its stable code, with the facts it speaks of (params). The
 * server's English (messages/en.ts) and the sidebar's Chinese are both written from code + params, so the sidebar
 * never has to read the server's English. Types only: the sidebar imports it through src/ui/contract.ts.
 */

/** The languages every code is written in. */
export type Language = 'en' | 'zh';

type None = Record<string, never>;
/** Which way an account reaches WeChat: the fix for a wrong secret or token differs. */
type Via = { connection: 'direct' | 'relay' };
/** The date field a date problem is about. */
type DateRole = 'day' | 'start' | 'end' | 'preset';
/** A day as the user wrote it: the date, and the days back when it was written that way. */
type Day = { role: DateRole; date: string; daysBack?: number };

/** Problems with one field of a form (Problem.field names it; the renderer is given its label). */
export interface ProblemParams {
  /** A field left empty (what: a field that needs a particular explanation). */
  required: { what?: 'secret' | 'relay_key' | 'day' | 'dates' };
  too_long: { length: number; max: number };
  /** A value outside the allowed ones (choices: the allowed values, as the server knows them). */
  invalid_choice: { choices: string[] };
  /** The form sent something unusable: no details at all, a schedule of no known kind, a switch that is not on/off. */
  invalid: { expected?: 'schedule' | 'on_off' };
  app_id_format: None;
  secret_format: None;
  relay_url_format: { reason: 'shape' | 'https' };
  relay_key_format: { min: number; max: number };
  duplicate_name: { name: string; kind: 'account' | 'dataSet' };
  duplicate_sheet: { dataSet: string; sheet: string };
  sheet_name_format: None;
  sheet_name_reserved: { prefix: string };
  budget_format: { min: number; max: number };
  /** of: the form's choice, an account that is gone, or the account a DataSet names. */
  unknown_account: { of: 'form' | 'account' | 'dataSet' };
  unknown_report: { reportId?: string };
  unknown_dataset: None;
  date_format: { role: DateRole; value: string; example?: string };
  days_back: { role: DateRole; value: string; min: number; max: number };
  range_order: { start: Day; end: Day };
  future: { requested: Day; yesterday: string };
  before_earliest: { requested: Day; earliest: string };
  unknown_preset: { value: string; choices: string[] };
  unknown_mode: { value: string };
  invalid_hour: None;
  invalid_weekday: None;
  relay_not_allowed: { relayUrl: string };
  in_use: { names: string[] };
  /** A server function got an argument of the wrong type (what: the id's kind; sent: what came instead). */
  /** list: a list of ids was expected (max: runDataSets' most at once). */
  invalid_argument: { what: string; sent: string; list?: boolean; max?: number };
  /** room: refused before saving a new DataSet or account (how full the store is); else a write did not fit. */
  storage_full: { room?: { what: 'DataSet' | 'account'; dataSets: number; usedKb: number } };
}

/** What WeChat, the relay and Apps Script answered, as a run or a connection test reports it. */
export interface ServiceParams {
  wechat_busy: None;
  wechat_request_rejected: { errcode: number };
  wechat_credentials_40001: Via;
  wechat_credentials_40013: None;
  wechat_credentials_40125: Via;
  wechat_credentials_89503: None;
  wechat_credentials_89506: None;
  wechat_credentials_89507: None;
  wechat_token_invalid: Via & { errcode: number };
  wechat_ip_not_whitelisted: Via & { ip: string };
  /** endpoint: the API whose quota is used up, when known. */
  wechat_daily_quota: { endpoint?: string };
  wechat_minute_quota: None;
  wechat_retired: None;
  wechat_permission_48001: None;
  wechat_permission_48004: None;
  wechat_permission_50001: None;
  wechat_permission_50002: None;
  wechat_date_range: None;
  wechat_not_ready: None;
  /** errmsg: WeChat's own words, kept as a detail. */
  wechat_unknown: { errcode: number; errmsg: string };
  /** The relay's refusals (its 9900xx codes); said: the relay's own words, a detail. */
  relay_990001: { said: string };
  relay_990002: { said: string };
  relay_990003: { said: string };
  relay_990004: { said: string };
  relay_990005: { said: string };
  relay_990009: { said: string };
  relay_990010: { said: string };
  relay_990011: { said: string };
  relay_other: { errcode: number; said: string };
  url_not_allowed: { host: string };
  /** detail: "timeout", or how the connection failed (a system's words). */
  network: { host: string; detail: string };
  http_error: { host: string; status: number };
  /** what: which answer was not as expected (a datacube answer unless said). */
  bad_response: { host?: string; what?: 'token' | 'quota' | 'relay_accounts'; endpoint?: string };
  apps_script_quota: { service: string };
  apps_script_throttled: { service: string };
  busy_lock: None;
  lock_unavailable: None;
  relay_account_not_served: { appId: string; served: string[] };
  connected_direct: { appId: string };
  connected_relay: { appId: string; name: string };
  /** The form's values were refused: the problems say which. */
  invalid_input: { count: number };
}

/** How a run went: the outcome, the run history and the failure email speak of the same facts. */
export interface RunParams {
  published: {
    start: string;
    end: string;
    rows: number;
    calls: number;
    sheet: string;
    method: 'replace' | 'append';
    /** Days WeChat had not finished; pending lists them when 3 or fewer, else the first and the last. */
    pendingDays: number;
    pending: string[];
  };
  continuing: { done: number; total: number; rows: number };
  call_budget: { budget: number; done: number; total: number };
  already_running: { name?: string };
  execution_limit: None;
  header_changed: None;
  sheet_in_use: { sheet: string };
  table_blocked: { sheet: string; height: number; cell: string; value: string; column: string };
  cell_limit: { rows: number; columns: number; total: number; limit: number };
  /** A fault nobody classified; detail: the error's own words. */
  unexpected: { detail: string };
  /** Notices beside a result or a date preview. */
  clamped_to_yesterday: { from: string; to: string };
  not_final: None;
}

export interface MessageParams extends ProblemParams, ServiceParams, RunParams {}

export type MessageCode = keyof MessageParams;
export type ProblemCode = keyof ProblemParams;

/** A problem or outcome as the server sends it: its code, its facts, and the English built from both. */
export type Said<C extends MessageCode = MessageCode> = {
  [K in C]: { code: K; params: MessageParams[K]; message: string };
}[C];

/** One language's text for every code; `label` is the field's label in that language (problems only). */
export type Renderers = { readonly [C in MessageCode]: (params: MessageParams[C], label: string) => string };
