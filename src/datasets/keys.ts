/**
 * Every key the add-on keeps in the document's properties, spelled once. The repository reads and writes them
 * all except the access token's, which the token provider (src/wechat/token.ts) caches under `tokenKey`, and the
 * dashboards', which src/dashboard/storage.ts keeps.
 */

export const KEY_PREFIX = {
  account: 'acct.',
  credentials: 'cred.',
  dataSet: 'ds.',
  history: 'hist.',
  state: 'state.',
  job: 'job.',
  usage: 'usage.',
  lease: 'lease.',
  token: 'token.',
  meta: 'meta.',
  /** A dashboard's config (src/dashboard/storage.ts). */
  dashboard: 'dash.',
  /** What a dashboard's last refresh left: chart ids, rows written. */
  dashboardState: 'dashst.',
  /** A user's sidebar language in this spreadsheet (src/ui/session.ts), by a fingerprint of who they are. */
  language: 'lang.',
} as const;

/** The cached access token of an account. */
export function tokenKey(accountId: string): string {
  return KEY_PREFIX.token + accountId;
}

/** The sidebar language of one user (`userPrint`: a fingerprint of their identity, never the address itself). */
export function languageKey(userPrint: string): string {
  return KEY_PREFIX.language + userPrint;
}

/** Values outside the DataSet and account records. */
export type MetaName =
  /** Who runs the spreadsheet's schedule (their hourly trigger). */
  | 'scheduleOwner'
  /** The report of the last tick. */
  | 'lastTick'
  /** The spreadsheet's time zone the schedules were last set in. */
  | 'scheduleZone'
  /** The last "Refresh all now" (src/refresh/refresh-all.ts). */
  | 'refreshAll';
