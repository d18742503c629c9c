import { count, DICTIONARIES, fill, type MessageKey, translator } from '../../../sidebar/i18n';
import { noticeText, outcomeText, problemText } from '../../../sidebar/messages';
import { say } from '../../../src/messages/en';

const en = translator('en');
const zh = translator('zh');

describe('the sidebar dictionary', () => {
  it('has a Chinese text for every English one, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    expect(Object.keys(DICTIONARIES.zh).sort()).toEqual(Object.keys(DICTIONARIES.en).sort());
    for (const key of Object.keys(DICTIONARIES.en) as MessageKey[]) {
      expect(DICTIONARIES.zh[key].trim()).not.toBe('');
      expect([key, placeholders(DICTIONARIES.zh[key])]).toEqual([key, placeholders(DICTIONARIES.en[key])]);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(en('saved', { name: 'X' })).toBe('Saved “X”.');
  });

  it('counts in English with singular and plural, in Chinese without', () => {
    expect(count(en, 'rows', 1, 'en')).toBe('1 row');
    expect(count(en, 'rows', 1234, 'en')).toBe('1,234 rows');
    expect(count(en, 'apiCalls', 5, 'en')).toBe('5 API calls');
    expect(count(zh, 'apiCalls', 1, 'zh')).toBe('1 次 API 调用');
  });
});

describe('server messages in the sidebar', () => {
  it('writes a field problem from its code, params and the field, in either language', () => {
    const required = say('required', {}, 'DataSet name');
    expect(problemText({ field: 'name', ...required }, 'dataSet', 'en', en)).toBe('DataSet name is required.');
    expect(problemText({ field: 'name', ...required }, 'dataSet', 'zh', zh)).toBe('请填写数据集名称。');
    expect(problemText({ field: 'name', ...required }, 'account', 'zh', zh)).toBe('请填写显示名称。');
    const earliest = say('before_earliest', {
      requested: { role: 'start', date: '2025-10-01' },
      earliest: '2025-11-01',
    });
    expect(problemText({ field: 'dates.start', ...earliest }, 'dataSet', 'zh', zh)).toBe(
      '此报表的数据从 2025-11-01 开始；开始日期 2025-10-01更早。请选择 2025-11-01 或之后的日期。',
    );
    const inUse = say('in_use', { names: ['A', 'B'] });
    expect(problemText({ field: 'account', ...inUse }, 'account', 'zh', zh)).toBe(
      '此账号正被 “A”、“B” 使用。请先删除这些数据集，或把它们改用其他账号。',
    );
  });

  it('never reads the English message of a code it knows', () => {
    const problem = { field: 'relayUrl', ...say('relay_not_allowed', { relayUrl: 'https://relay.example.com' }) };
    const garbled = { ...problem, message: 'garbled English the sidebar must not parse' };
    for (const language of ['en', 'zh'] as const) {
      expect(problemText(garbled, 'account', language, language === 'en' ? en : zh)).toBe(
        problemText(problem, 'account', language, language === 'en' ? en : zh),
      );
    }
    expect(problemText(garbled, 'account', 'zh', zh)).toContain('不能调用 https://relay.example.com：');
    const ip = say('wechat_ip_not_whitelisted', { ip: '203.0.113.9', connection: 'relay' });
    expect(outcomeText({ ...ip, message: '' }, 'zh')).toContain('请把中继主机的固定 IP（203.0.113.9）');
    expect(outcomeText({ ...ip, message: '' }, 'en')).toBe(ip.message);
  });

  it('shows the English message only for a code it does not know, or a record without params', () => {
    expect(problemText({ field: 'x', code: 'brand_new', message: 'Something new.' }, 'dataSet', 'zh', zh)).toBe(
      'Something new.',
    );
    expect(outcomeText({ code: 'brand_new', message: 'Something new.' }, 'zh')).toBe('Something new.');
    expect(outcomeText({ code: 'wechat_busy', message: 'Stored by an earlier version.' }, 'zh')).toBe(
      'Stored by an earlier version.',
    );
  });

  it('says how far an unfinished run got, and that a failed run kept its rows', () => {
    expect(outcomeText(say('continuing', { done: 3, total: 8, rows: 120 }), 'zh')).toBe(
      '已获取 3/8 个时间段（目前 120 行）。其余部分在下次运行时继续；全部完成后才写入工作表。',
    );
    const busy = { ...say('wechat_busy', {}), rowsKept: true };
    expect(outcomeText(busy, 'zh')).toMatch(/^微信繁忙.*已获取的行都已保留；下次运行会从那里继续。$/);
    expect(outcomeText(busy, 'en')).toMatch(/The rows fetched so far are kept; the next run continues from there\.$/);
  });

  it('writes a notice from its code, and shows the text of one an earlier version stored', () => {
    const notice = say('clamped_to_yesterday', { from: '2026-11-28', to: '2026-11-27' });
    expect(noticeText(notice, 'zh')).toBe(
      '微信的数据最新到昨天（2026-11-27，北京时间）；结束日期已从 2026-11-28 改为 2026-11-27。',
    );
    expect(noticeText(notice, 'en')).toBe(notice.message);
    expect(noticeText('An old notice.', 'zh')).toBe('An old notice.');
  });
});
