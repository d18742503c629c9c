import { count, DICTIONARIES, fill, type MessageKey, translator } from '../../../sidebar/i18n';
import { noticeText, outcomeText, problemText } from '../../../sidebar/messages';

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

describe('server messages in Chinese', () => {
  it('keeps the English message as the server wrote it', () => {
    const problem = { field: 'name', code: 'required', message: 'DataSet name is required.' };
    expect(problemText(problem, 'dataSet', 'en', en)).toBe('DataSet name is required.');
  });

  it('rebuilds field problems from their code, parameters and field', () => {
    expect(problemText({ field: 'name', code: 'required', message: '' }, 'dataSet', 'zh', zh)).toBe(
      '请填写数据集名称。',
    );
    expect(problemText({ field: 'name', code: 'required', message: '' }, 'account', 'zh', zh)).toBe('请填写显示名称。');
    expect(
      problemText(
        {
          field: 'dates.start',
          code: 'before_earliest',
          message: '',
          params: { requested: '2025-10-01', earliest: '2025-11-01' },
        },
        'dataSet',
        'zh',
        zh,
      ),
    ).toBe('此报表的数据从 2025-11-01 开始；2025-10-01 更早。请选择 2025-11-01 或之后的日期。');
    expect(
      problemText(
        {
          field: 'account',
          code: 'in_use',
          message: 'This account is used by "A", "B". Delete those DataSets or move them to another account first.',
        },
        'account',
        'zh',
        zh,
      ),
    ).toBe('此账号正被 “A”、“B” 使用。请先删除这些数据集，或把它们改用其他账号。');
  });

  it('falls back to the English message for a code it does not know', () => {
    expect(problemText({ field: 'x', code: 'brand_new', message: 'Something new.' }, 'dataSet', 'zh', zh)).toBe(
      'Something new.',
    );
    expect(outcomeText('brand_new', 'Something new.', 'zh')).toBe('Something new.');
  });

  it('names the IP WeChat saw and the way out when the whitelist refuses the token', () => {
    const direct =
      "WeChat refused the access token because the calling IP 203.0.113.9 is not on the account's IP whitelist (40164). Google Apps Script calls WeChat from changing Google addresses, so a whitelist cannot admit it: connect this account through a token relay.";
    const zhText = outcomeText('wechat_ip_not_whitelisted', direct, 'zh');
    expect(zhText).toContain('调用方 IP 203.0.113.9 不在公众号的 IP 白名单中（40164）');
    expect(zhText).toContain('连接方式改为“中继”');
    expect(zhText).not.toMatch(/docs\//);
    const relay = direct.replace(
      'Google Apps Script calls',
      "Add the relay host's fixed IP (203.0.113.9) ... Google calls",
    );
    expect(outcomeText('wechat_ip_not_whitelisted', relay, 'zh')).toContain('请把中继主机的固定 IP（203.0.113.9）');
  });

  it('says which file to change and to redeploy when the deployment may not call the relay', () => {
    const message =
      'This deployment of the add-on may not call https://relay.example.com: Apps Script fetches only the URLs its manifest allows. Whoever deploys the add-on adds "https://relay.example.com/" to relayUrls in addon.config.json and redeploys it (npm run deploy).';
    const problem = {
      field: 'relayUrl',
      code: 'relay_not_allowed',
      message,
      params: { relayUrl: 'https://relay.example.com' },
    };
    expect(problemText(problem, 'account', 'zh', zh)).toBe(
      '此插件部署不能调用 https://relay.example.com：Apps Script 只访问清单允许的 URL。请部署插件的人把该中继加入 addon.config.json 的 relayUrls 并重新部署（npm run deploy）。',
    );
    expect(outcomeText('relay_not_allowed', message, 'zh')).toContain('不能调用 https://relay.example.com：');
  });

  it('says how far an unfinished run got, and why it stopped', () => {
    expect(
      outcomeText(
        'continuing',
        'Fetched 3 of 8 windows (120 rows so far). The rest continues in the next run; the sheet is updated when all are in.',
        'zh',
      ),
    ).toBe('已获取 3/8 个时间段（目前 120 行）。其余部分在下次运行时继续；全部完成后才写入工作表。');
    expect(
      outcomeText('call_budget', 'The daily call budget of this account (500 calls) is used: 3 of 8 windows.', 'zh'),
    ).toContain('每日调用上限（500 次）已用完');
  });

  it('translates the notice about an end date moved back to yesterday', () => {
    const notice =
      'WeChat has data up to yesterday (2026-11-27, Beijing time); the end date was moved from 2026-11-28 to 2026-11-27.';
    expect(noticeText(notice, 'zh')).toBe(
      '微信的数据最新到昨天（2026-11-27，北京时间）；结束日期已从 2026-11-28 改为 2026-11-27。',
    );
    expect(noticeText(notice, 'en')).toBe(notice);
  });
});
