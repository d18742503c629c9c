/** The mail and the note a run writes, in the DataSet's language. */
import type { Recorded } from '../datasets/types';
import { runText } from '../messages/render';

export interface FailureMailFacts {
  dataSetName: string;
  /** What the failed run said (written in the DataSet's language from its code and params). */
  said: Recorded;
  rowsKept: boolean;
  paused: boolean;
  /** The spreadsheet the DataSet lives in: named and linked, since one person may run many. */
  spreadsheet?: { name: string; url: string };
  language: 'en' | 'zh';
}

export function failureMail(facts: FailureMailFacts): { subject: string; body: string } {
  const { dataSetName, paused, spreadsheet } = facts;
  const message = runText({ ...facts.said, rowsKept: facts.rowsKept }, facts.language);
  if (facts.language === 'zh') {
    const where = spreadsheet ? `（表格“${spreadsheet.name}”）` : '';
    return {
      subject: `微信数据分析：“${dataSetName}”${where}刷新失败`,
      body: [
        spreadsheet ? `表格：${spreadsheet.name}\n${spreadsheet.url}\n` : '',
        `${message}\n\n`,
        paused ? '此数据集的定时刷新已暂停，请在“微信 > 管理数据集”中恢复。' : '定时任务会在下一个时间点重试。',
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
