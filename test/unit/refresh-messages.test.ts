/** The English and Chinese a run writes outside the sidebar: the failure email and the table's refresh note. */
import { say } from '../../src/messages/en';
import { failureMail, refreshNote } from '../../src/refresh/messages';

const SPREADSHEET = { name: '运营周报', url: 'https://docs.google.com/spreadsheets/d/abc/edit' };
const LATIN_WORD = /\b[A-Za-z]{3,}\b/g;

describe('failure email', () => {
  it('names and links the spreadsheet', () => {
    const mail = failureMail({
      dataSetName: 'Growth',
      said: say('wechat_busy', {}),
      rowsKept: false,
      paused: false,
      spreadsheet: SPREADSHEET,
      language: 'en',
    });
    expect(mail.subject).toBe('WeChat Analytics: "Growth" in "运营周报" failed to refresh');
    expect(mail.body).toContain(`Spreadsheet: 运营周报\n${SPREADSHEET.url}`);
    expect(mail.body).toContain('WeChat is busy (-1)');
  });

  it('is all Chinese for a Chinese DataSet, apart from names and links', () => {
    const mail = failureMail({
      dataSetName: '增长',
      said: say('wechat_busy', {}),
      rowsKept: true,
      paused: true,
      spreadsheet: SPREADSHEET,
      language: 'zh',
    });
    expect(mail.subject).toBe('微信数据分析：“增长”（表格“运营周报”）刷新失败');
    expect(mail.body).toContain(SPREADSHEET.url);
    expect(mail.body).toContain('微信繁忙（-1）');
    expect(mail.body).toContain('已获取的行都已保留');
    expect(mail.body.replace(SPREADSHEET.url, '').match(LATIN_WORD)).toBeNull();
  });
});

describe('refresh note', () => {
  it('says when, by whom or by the schedule, and which dates, in the table’s language', () => {
    const facts = { at: '2026-11-28 12:00', start: '2026-11-01', end: '2026-11-27', method: 'append' as const };
    expect(refreshNote({ ...facts, by: 'ana@example.com', language: 'en' })).toBe(
      'Last refreshed 2026-11-28 12:00 (Beijing time) by ana@example.com.\nDates fetched: 2026-11-01 → 2026-11-27 (Append).',
    );
    expect(refreshNote({ ...facts, language: 'zh' })).toBe(
      '最近刷新：2026-11-28 12:00（北京时间），由定时任务刷新。\n本次获取的日期：2026-11-01 → 2026-11-27（追加）。',
    );
  });
});
