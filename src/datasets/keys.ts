/**
 * Every key the add-on keeps in the document's properties, spelled once. The repository reads and writes them
 * all except the access token's, which the token provider (src/wechat/token.ts) caches under `tokenKey`.
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
} as const;

/** The cached access token of an account. */
export function tokenKey(accountId: string): string {
  return KEY_PREFIX.token + accountId;
}

/** Values outside the DataSet and account records. */
export type MetaName =
  /** Who runs the spreadsheet's schedule (their hourly trigger). */
  | 'scheduleOwner'
  /** The report of the last tick. */
  | 'lastTick'
  /** The spreadsheet's time zone the schedules were last set in. */
  | 'scheduleZone';
