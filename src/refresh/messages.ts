/** The English a run writes to the sidebar, the run history and the failure email. */

export const UNKNOWN_DATASET = 'This DataSet no longer exists. Reload the list of DataSets.';
export const UNKNOWN_ACCOUNT = 'The account of this DataSet was deleted. Edit the DataSet and choose an account.';
export function dailyQuotaUsed(endpoint: string): string {
  return `The account's daily WeChat quota for ${endpoint} is used up (45009). Nothing was lost; the refresh continues tomorrow (quotas reset at midnight Beijing time). The account's other reports are not affected.`;
}
export const DELAYED_NOTICE = 'WeChat marked some of this data as not final yet; later runs bring the final numbers.';
export const HEADER_CHANGED =
  'The header row of the sheet no longer matches this report (it was edited), so nothing was fetched or written. Restore it, or run once with the Replace update method.';
export const ROWS_KEPT = ' The rows fetched so far are kept; the next run continues from there.';

export function unknownReport(reportId: string): string {
  return `Unknown report "${reportId}". Edit the DataSet and choose a report.`;
}

export function alreadyRunning(name: string): string {
  return `"${name}" is already running (started by another user or by the schedule). It was not started again; its result will appear in its history.`;
}

export function unexpectedError(detail: string): string {
  return `Unexpected error: ${detail}. Nothing was changed.`;
}

export function sheetInUse(sheetName: string): string {
  return `Sheet "${sheetName}" already holds other content (its first row is not this report's header), so it was left as it is. Nothing was written. Choose another sheet name for this DataSet, or clear or rename that sheet, then run again.`;
}

export interface CarryOverFacts {
  windowsDone: number;
  windowsTotal: number;
  rowsSoFar: number;
  /** The account's daily call budget, when that is what stopped the run. */
  dailyCallBudget?: number;
}

export const STOPPED_AT_LIMIT =
  'Google Apps Script stopped this run at its 6-minute limit while it was fetching from WeChat. Nothing was lost: the next run continues from where it stopped.';

export function carriedOver(reason: 'deadline' | 'allowance', facts: CarryOverFacts): string {
  return reason === 'allowance'
    ? `The daily call budget of this account (${facts.dailyCallBudget} calls) is used: ${facts.windowsDone} of ${facts.windowsTotal} windows fetched. The rest continues tomorrow; the sheet is updated when all are in.`
    : `Fetched ${facts.windowsDone} of ${facts.windowsTotal} windows (${facts.rowsSoFar} rows so far). The rest continues in the next run; the sheet is updated when all are in.`;
}

export interface PublishedFacts {
  start: string;
  end: string;
  rows: number;
  calls: number;
  sheetName: string;
  method: 'replace' | 'append';
  pendingDates: readonly string[];
}

export function published(facts: PublishedFacts): string {
  const range = facts.start === facts.end ? facts.start : `${facts.start} → ${facts.end}`;
  const pendingText =
    facts.pendingDates.length > 0
      ? ` WeChat has not finished computing ${describeDates(facts.pendingDates)} yet (usually ready after 08:00 Beijing time); it is fetched again on a later run.`
      : '';
  return `${range}: ${facts.rows} rows from ${facts.calls} WeChat calls written to sheet "${facts.sheetName}" (${facts.method === 'append' ? 'Append' : 'Replace'}).${pendingText}`;
}

export interface FailureMailFacts {
  dataSetName: string;
  message: string;
  paused: boolean;
  /** The spreadsheet the DataSet lives in: named and linked, since one person may run many. */
  spreadsheet?: { name: string; url: string };
  language: 'en' | 'zh';
}

export function failureMail(facts: FailureMailFacts): { subject: string; body: string } {
  const { dataSetName, message, paused, spreadsheet } = facts;
  if (facts.language === 'zh') {
    const where = spreadsheet ? `（表格“${spreadsheet.name}”）` : '';
    return {
      subject: `微信数据分析：“${dataSetName}”${where}刷新失败`,
      body: [
        spreadsheet ? `表格：${spreadsheet.name}\n${spreadsheet.url}\n` : '',
        `${message}\n\n`,
        paused ? '此 DataSet 的定时刷新已暂停，请在“微信 > 管理 DataSet”中恢复。' : '定时任务会在下一个时间点重试。',
      ].join(''),
    };
  }
  const where = spreadsheet ? ` in "${spreadsheet.name}"` : '';
  return {
    subject: `WeChat Analytics: "${dataSetName}"${where} failed to refresh`,
    body: [
      spreadsheet ? `Spreadsheet: ${spreadsheet.name}\n${spreadsheet.url}\n\n` : '',
      `${message}\n\n`,
      paused
        ? 'The schedule of this DataSet is paused until you resume it in WeChat > Manage DataSets.'
        : 'The schedule tries again at its next time.',
    ].join(''),
  };
}

function describeDates(dates: readonly string[]): string {
  if (dates.length <= 3) return dates.join(', ');
  return `${dates.length} days (${dates[0]} → ${dates[dates.length - 1]})`;
}

export interface RefreshNoteFacts {
  /** Beijing wall-clock time of the refresh, "YYYY-MM-DD HH:mm". */
  at: string;
  /** Who ran it; absent: the schedule. */
  by?: string;
  start: string;
  end: string;
  method: 'replace' | 'append';
  language: 'en' | 'zh';
}

/** The note on a table's header: when it was refreshed, by whom or by the schedule, and the dates it fetched. */
export function refreshNote(facts: RefreshNoteFacts): string {
  const range = facts.start === facts.end ? facts.start : `${facts.start} → ${facts.end}`;
  if (facts.language === 'zh') {
    const who = facts.by ? `由 ${facts.by} 手动刷新` : '由定时任务刷新';
    const method = facts.method === 'append' ? '追加' : '替换';
    return `最近刷新：${facts.at}（北京时间），${who}。\n本次获取的日期：${range}（${method}）。`;
  }
  const who = facts.by ? `by ${facts.by}` : 'by the schedule';
  const method = facts.method === 'append' ? 'Append' : 'Replace';
  return `Last refreshed ${facts.at} (Beijing time) ${who}.\nDates fetched: ${range} (${method}).`;
}
