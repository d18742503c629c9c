import {
  buildTable,
  COUNT_INTERVALS,
  codeLabel,
  coerceValue,
  getReport,
  type JsonObject,
  READ_SCENES,
  REPORTS,
  type ReportDefinition,
  type ReportTable,
  rowKeyIndexes,
  SHARE_SCENES,
  tableColumns,
  USER_SUMMARY_SOURCES,
} from '../../src/reports';
import { rowKeyOf } from '../../src/table/rows';
import type { Cell } from '../../src/table/types';

function report(id: string): ReportDefinition {
  const found = getReport(id);
  if (!found) throw new Error(`no report ${id}`);
  return found;
}

function build(id: string, items: JsonObject[], lang: 'en' | 'zh' = 'en'): ReportTable {
  return buildTable(report(id), items, lang);
}

function keysOf(table: ReportTable): string[] {
  return table.columns.map((column) => column.key);
}

function typesOf(table: ReportTable): string[] {
  return table.columns.map((column) => column.type);
}

function headersOf(table: ReportTable): string[] {
  return table.columns.map((column) => column.header);
}

/** Rows as key → cell objects, for wide tables. */
function records(table: ReportTable): Record<string, Cell>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column.key, row[i] ?? null])));
}

const ARTICLE_COUNT_KEYS = [
  'int_page_read_user',
  'int_page_read_count',
  'ori_page_read_user',
  'ori_page_read_count',
  'share_user',
  'share_count',
  'add_to_fav_user',
  'add_to_fav_count',
];

const ARTICLE_COUNT_HEADERS = [
  'Article Page Readers',
  'Article Page Reads',
  'Original Page Readers',
  'Original Page Reads',
  'Sharers',
  'Shares',
  'Favourite Users',
  'Favourites',
];

const READ_SOURCE_KEYS = [
  'read_user_source_all',
  'read_user_source_account_messages',
  'read_user_source_chats',
  'read_user_source_moments',
  'read_user_source_account_profile',
  'read_user_source_misc',
  'read_user_source_recommended',
  'read_user_source_search',
  'read_user_source_other',
];

const NO_READ_SOURCES = Object.fromEntries(READ_SOURCE_KEYS.map((key) => [key, null]));

// ---------------------------------------------------------------------------------------------------------------

describe('report catalog', () => {
  const EXPECTED: [string, string, number, string][] = [
    ['getusersummary', 'user_summary', 7, 'User Summary'],
    ['getusercumulate', 'user_cumulate', 7, 'User Cumulate'],
    ['getarticlesummary', 'article_summary', 1, 'Article Summary'],
    ['getarticletotal', 'article_total', 1, 'Article Total'],
    ['getuserread', 'user_read', 3, 'User Read'],
    ['getuserreadhour', 'user_read_hour', 1, 'User Read (hourly)'],
    ['getusershare', 'user_share', 7, 'User Share'],
    ['getusersharehour', 'user_share_hour', 1, 'User Share (hourly)'],
    ['getupstreammsg', 'upstream_msg', 7, 'UpStream Message'],
    ['getupstreammsghour', 'upstream_msg_hour', 1, 'UpStream Message (hourly)'],
    ['getupstreammsgweek', 'upstream_msg_week', 7, 'UpStream Message (weekly)'],
    ['getupstreammsgmonth', 'upstream_msg_month', 7, 'UpStream Message (monthly)'],
    ['getupstreammsgdist', 'upstream_msg_dist', 15, 'UpStream Message Distribution'],
    ['getupstreammsgdistweek', 'upstream_msg_dist_week', 15, 'UpStream Message Distribution (weekly)'],
    ['getupstreammsgdistmonth', 'upstream_msg_dist_month', 15, 'UpStream Message Distribution (monthly)'],
    ['getinterfacesummary', 'interface_summary', 30, 'Interface Summary'],
    ['getinterfacesummaryhour', 'interface_summary_hour', 1, 'Interface Summary (hourly)'],
    ['getarticleread', 'article_read', 1, 'Article Read (published content)'],
    ['getarticleshare', 'article_share', 1, 'Article Share (published content)'],
    ['getbizsummary', 'biz_summary', 30, 'Account Summary (published content)'],
    ['getarticletotaldetail', 'article_total_detail', 1, 'Article Total Detail (published content)'],
  ];
  const DEPRECATED = [
    'article_summary',
    'article_total',
    'user_read',
    'user_read_hour',
    'user_share',
    'user_share_hour',
  ];
  const PUBLISHED = ['article_read', 'article_share', 'biz_summary', 'article_total_detail'];

  it('has exactly the 21 endpoints of §4, in order, with their ids, spans and English labels', () => {
    expect(REPORTS).toHaveLength(21);
    expect(REPORTS.map((r) => [r.endpoint, r.id, r.maxSpanDays, r.label.en])).toEqual(EXPECTED);
  });

  it('has unique ids and endpoints, and getReport finds each by id', () => {
    expect(new Set(REPORTS.map((r) => r.id)).size).toBe(21);
    expect(new Set(REPORTS.map((r) => r.endpoint)).size).toBe(21);
    for (const r of REPORTS) expect(getReport(r.id)).toBe(r);
    expect(getReport('getusersummary')).toBeUndefined();
    expect(getReport('nope')).toBeUndefined();
  });

  it('starts classic reports on 2014-12-01 and the published-content ones on 2025-11-01', () => {
    for (const r of REPORTS) {
      expect([r.id, r.earliestDate]).toEqual([r.id, PUBLISHED.includes(r.id) ? '2025-11-01' : '2014-12-01']);
    }
  });

  it('marks exactly the six classic article reports deprecated', () => {
    expect(REPORTS.filter((r) => r.deprecated).map((r) => r.id)).toEqual(DEPRECATED);
  });

  it('re-fetches 3 days by default, 7 for article_summary/article_total, 30 for article_total_detail', () => {
    const restatement = Object.fromEntries(REPORTS.map((r) => [r.id, r.restatementDays]));
    for (const r of REPORTS) {
      if (!['article_summary', 'article_total', 'article_total_detail'].includes(r.id)) {
        expect([r.id, restatement[r.id]]).toEqual([r.id, 3]);
      }
    }
    expect(restatement.article_summary).toBe(7);
    expect(restatement.article_total).toBe(7);
    expect(restatement.article_total_detail).toBe(30);
  });

  it('gives each report a Chinese label and descriptions in both languages', () => {
    for (const r of REPORTS) {
      expect(r.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.description.en.length).toBeGreaterThan(10);
      expect(r.description.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(report('user_summary').label.zh).toBe('用户增减数据');
  });

  it('mentions deprecation on the old article reports and the 2025-11-01 start on the new ones', () => {
    for (const id of DEPRECATED) {
      expect(report(id).description.en).toContain('Deprecated');
      expect(report(id).description.zh).toContain('停止维护');
    }
    for (const id of PUBLISHED) {
      expect(report(id).description.en).toContain('Data from 2025-11-01');
      expect(report(id).description.zh).toContain('2025-11-01');
    }
  });

  it('sets group and granularity', () => {
    expect(REPORTS.map((r) => `${r.group}/${r.granularity}`)).toEqual([
      'users/day',
      'users/day',
      'articles/day',
      'articles/day',
      'articles/day',
      'articles/hour',
      'articles/day',
      'articles/hour',
      'messages/day',
      'messages/hour',
      'messages/week',
      'messages/month',
      'messages/day',
      'messages/week',
      'messages/month',
      'interface/day',
      'interface/hour',
      'published/day',
      'published/day',
      'published/day',
      'published/day',
    ]);
  });

  it('uses the row keys of §9.7, each of them a column', () => {
    expect(Object.fromEntries(REPORTS.map((r) => [r.id, r.rowKey.join(',')]))).toEqual({
      user_summary: 'ref_date,user_source',
      user_cumulate: 'ref_date',
      article_summary: 'ref_date,msgid',
      article_total: 'ref_date,msgid,stat_date',
      user_read: 'ref_date,user_source',
      user_read_hour: 'ref_date,ref_hour,user_source',
      user_share: 'ref_date,share_scene',
      user_share_hour: 'ref_date,ref_hour,share_scene',
      upstream_msg: 'ref_date,msg_type',
      upstream_msg_hour: 'ref_date,ref_hour,msg_type',
      upstream_msg_week: 'ref_date,msg_type',
      upstream_msg_month: 'ref_date,msg_type',
      upstream_msg_dist: 'ref_date,count_interval',
      upstream_msg_dist_week: 'ref_date,count_interval',
      upstream_msg_dist_month: 'ref_date,count_interval',
      interface_summary: 'ref_date',
      interface_summary_hour: 'ref_date,ref_hour',
      article_read: 'ref_date,msgid',
      article_share: 'ref_date,msgid',
      biz_summary: 'ref_date',
      article_total_detail: 'ref_date,msgid,stat_date',
    });
    for (const r of REPORTS) {
      const columnKeys = r.columns.map((c) => c.key);
      for (const key of r.rowKey) expect([r.id, columnKeys.includes(key)]).toEqual([r.id, true]);
      expect(rowKeyIndexes(r, tableColumns(r, 'en'))).toHaveLength(r.rowKey.length);
    }
  });

  it('types the shared columns consistently and gives every column both headers', () => {
    const expectedType: Record<string, string> = {
      ref_date: 'date',
      stat_date: 'date',
      ref_hour: 'hour',
      msgid: 'text',
      title: 'text',
      url: 'text',
      user_source: 'code',
      share_scene: 'code',
      msg_type: 'code',
      count_interval: 'code',
      publish_type: 'code',
    };
    for (const r of REPORTS) {
      expect(new Set(r.columns.map((c) => c.key)).size).toBe(r.columns.length);
      for (const c of r.columns) {
        const wanted = expectedType[c.key];
        if (wanted) expect([r.id, c.key, c.type]).toEqual([r.id, c.key, wanted]);
        expect(c.header.en.length).toBeGreaterThan(0);
        expect(c.header.zh).toMatch(/[\u4e00-\u9fff]/);
        expect([r.id, c.key, c.type === 'code', c.codes !== undefined]).toEqual([
          r.id,
          c.key,
          c.type === 'code',
          c.type === 'code',
        ]);
        // Rates WeChat gives as ratios are shown as percentages.
        if (c.key.endsWith('_rate') || c.key.startsWith('read_jump_position_')) expect(c.type).toBe('percent');
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('codes', () => {
  it('labels known codes in English and Chinese', () => {
    expect(codeLabel(USER_SUMMARY_SOURCES, 30, 'en')).toBe('QR code scan');
    expect(codeLabel(USER_SUMMARY_SOURCES, 30, 'zh')).toBe('扫描二维码');
    expect(codeLabel(USER_SUMMARY_SOURCES, '161', 'zh')).toBe('他人转载');
    expect(codeLabel(COUNT_INTERVALS, 0, 'en')).toBe('0 messages');
    expect(codeLabel(COUNT_INTERVALS, 1, 'en')).toBe('1–5');
    expect(codeLabel(COUNT_INTERVALS, 2, 'en')).toBe('6–10');
    expect(codeLabel(COUNT_INTERVALS, 3, 'en')).toBe('more than 10');
  });

  it('labels unknown codes "Unknown (n)" / "未知 (n)"', () => {
    expect(codeLabel(USER_SUMMARY_SOURCES, 42, 'en')).toBe('Unknown (42)');
    expect(codeLabel(USER_SUMMARY_SOURCES, 42, 'zh')).toBe('未知 (42)');
    expect(codeLabel(SHARE_SCENES, 5, 'en')).toBe('Unknown (5)');
    expect(codeLabel(SHARE_SCENES, 'constructor', 'en')).toBe('Unknown (constructor)');
  });
});

describe('coerceValue', () => {
  it('turns numeric strings into numbers for int, number, code and hour columns', () => {
    expect(coerceValue('int', ' 12 ')).toBe(12);
    expect(coerceValue('number', '0.25')).toBe(0.25);
    expect(coerceValue('hour', '900')).toBe(900);
    expect(coerceValue('code', '17')).toBe(17);
  });

  it('drops non-numeric counts but keeps non-numeric codes', () => {
    expect(coerceValue('int', 'n/a')).toBeNull();
    expect(coerceValue('int', '0x10')).toBeNull();
    expect(coerceValue('int', true)).toBeNull();
    expect(coerceValue('code', 'abc')).toBe('abc');
  });

  it('always gives text columns strings, and null for missing values', () => {
    expect(coerceValue('text', 2247483901)).toBe('2247483901');
    expect(coerceValue('text', false)).toBe('false');
    expect(coerceValue('text', undefined)).toBeNull();
    expect(coerceValue('text', null)).toBeNull();
    expect(coerceValue('int', undefined)).toBeNull();
  });

  it('keeps date strings and rejects non-strings', () => {
    expect(coerceValue('date', '2024-05-20')).toBe('2024-05-20');
    expect(coerceValue('date', 20240520)).toBeNull();
    expect(coerceValue('date', '')).toBeNull();
  });
});

describe('rowKeyOf / rowKeyIndexes', () => {
  it('gives equal keys for a number and its numeric string, and distinct keys otherwise', () => {
    expect(rowKeyOf(['2024-05-20', 1, 'x'], [0, 1])).toBe(rowKeyOf(['2024-05-20', '1', 'y'], [0, 1]));
    expect(rowKeyOf(['a', 'b c'], [0, 1])).not.toBe(rowKeyOf(['a b', 'c'], [0, 1]));
    expect(rowKeyOf(['2024-05-20', null], [0, 1])).not.toBe(rowKeyOf(['2024-05-20', 0], [0, 1]));
  });

  it('finds row-key columns after label columns are inserted', () => {
    const r = report('user_read_hour');
    expect(rowKeyIndexes(r, tableColumns(r, 'en'))).toEqual([0, 1, 2]);
    const share = report('user_share');
    expect(rowKeyIndexes(share, tableColumns(share, 'zh'))).toEqual([0, 1]);
  });

  it('throws when a row-key column is missing', () => {
    const r = report('user_summary');
    expect(() => rowKeyIndexes(r, tableColumns(r, 'en').slice(0, 1))).toThrow(/user_source/);
  });
});

describe('tableColumns', () => {
  it('follows each code column with a label column', () => {
    expect(tableColumns(report('user_summary'), 'en')).toEqual([
      { key: 'ref_date', header: 'Date', type: 'date' },
      { key: 'user_source', header: 'User Source', type: 'code' },
      { key: 'user_source_label', header: 'User Source (label)', type: 'label' },
      { key: 'new_user', header: 'New Users', type: 'int' },
      { key: 'cancel_user', header: 'Cancelled Users', type: 'int' },
    ]);
    expect(headersOf({ columns: tableColumns(report('user_summary'), 'zh'), rows: [] })).toEqual([
      '数据日期',
      '用户渠道',
      '用户渠道（说明）',
      '新增关注人数',
      '取消关注人数',
    ]);
  });
});

describe('buildTable', () => {
  it('skips list entries that are not objects', () => {
    const items = [null, 'x', { ref_date: '2024-05-20', cumulate_user: 1 }] as unknown as JsonObject[];
    expect(build('user_cumulate', items).rows).toEqual([['2024-05-20', 1]]);
  });

  it('returns the header row and no rows for an empty list', () => {
    const table = build('upstream_msg', []);
    expect(keysOf(table)).toEqual(['ref_date', 'msg_type', 'msg_type_label', 'msg_user', 'msg_count']);
    expect(table.rows).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// One fixture per report, in the shapes of wechat-api.md §5.

describe('user_summary (getusersummary)', () => {
  const items: JsonObject[] = [
    { ref_date: '2024-05-21', user_source: 30, new_user: 7, cancel_user: 1 },
    { ref_date: '2024-05-20', user_source: 100, new_user: 2, cancel_user: 0 },
    { ref_date: '2024-05-20', user_source: 30, new_user: 57, cancel_user: 3 },
    { ref_date: '2024-05-20', user_source: 0, new_user: 4, cancel_user: 2 },
    { ref_date: '2024-05-20', user_source: 42, new_user: '5', cancel_user: '0', surprise: 'ignored' },
    { ref_date: '2024-05-20', user_source: 1, new_user: 11, cancel_user: 0 },
    { ref_date: '2024-05-20', user_source: 17, new_user: 1, cancel_user: 1 },
    { ref_date: '2024-05-20', user_source: 1, new_user: 12, cancel_user: 0 },
  ];

  it('builds the table with labels, unknown codes kept, numeric sorting and the last duplicate kept', () => {
    const table = build('user_summary', items);
    expect(headersOf(table)).toEqual(['Date', 'User Source', 'User Source (label)', 'New Users', 'Cancelled Users']);
    expect(typesOf(table)).toEqual(['date', 'code', 'label', 'int', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-20', 0, 'Other (combined)', 4, 2],
      ['2024-05-20', 1, 'Search for the account', 12, 0],
      ['2024-05-20', 17, 'Name-card share', 1, 1],
      ['2024-05-20', 30, 'QR code scan', 57, 3],
      ['2024-05-20', 42, 'Unknown (42)', 5, 0],
      ['2024-05-20', 100, 'WeChat ads', 2, 0],
      ['2024-05-21', 30, 'QR code scan', 7, 1],
    ]);
  });

  it('labels in Chinese', () => {
    const table = build('user_summary', items, 'zh');
    expect(table.rows.map((row) => row[2])).toEqual([
      '其他合计',
      '公众号搜索',
      '名片分享',
      '扫描二维码',
      '未知 (42)',
      '微信广告',
      '扫描二维码',
    ]);
  });

  it('fills a missing field with null and its label with null', () => {
    expect(build('user_summary', [{ ref_date: '2024-05-20', new_user: 3 }]).rows).toEqual([
      ['2024-05-20', null, null, 3, null],
    ]);
  });
});

describe('user_cumulate (getusercumulate)', () => {
  it('ignores the undocumented user_source and keeps the last row of a date', () => {
    const table = build('user_cumulate', [
      { ref_date: '2024-05-20', user_source: 0, cumulate_user: 48213 },
      { ref_date: '2024-05-19', user_source: 0, cumulate_user: 48100 },
      { ref_date: '2024-05-20', user_source: 0, cumulate_user: '48250' },
    ]);
    expect(headersOf(table)).toEqual(['Date', 'Cumulative Users']);
    expect(typesOf(table)).toEqual(['date', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-19', 48100],
      ['2024-05-20', 48250],
    ]);
  });
});

describe('article_summary (getarticlesummary)', () => {
  it('keeps msgid and titles as text and sorts by date then msgid', () => {
    const table = build('article_summary', [
      {
        ref_date: '2024-05-20',
        msgid: '2247483901_1',
        title: 'Spring menu',
        int_page_read_user: 812,
        int_page_read_count: 1040,
        ori_page_read_user: 3,
        ori_page_read_count: 3,
        share_user: 27,
        share_count: 31,
        add_to_fav_user: 5,
        add_to_fav_count: 5,
        user_source: 0,
      },
      {
        ref_date: '2024-05-20',
        msgid: '10_2',
        title: 2024,
        int_page_read_user: '9',
        int_page_read_count: 10,
        ori_page_read_user: 0,
        ori_page_read_count: 0,
        share_user: 1,
        share_count: 1,
        add_to_fav_user: 0,
        add_to_fav_count: 0,
      },
    ]);
    expect(keysOf(table)).toEqual(['ref_date', 'msgid', 'title', ...ARTICLE_COUNT_KEYS]);
    expect(headersOf(table)).toEqual(['Date', 'Message ID', 'Title', ...ARTICLE_COUNT_HEADERS]);
    expect(typesOf(table)).toEqual(['date', 'text', 'text', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-20', '10_2', '2024', 9, 10, 0, 0, 1, 1, 0, 0],
      ['2024-05-20', '2247483901_1', 'Spring menu', 812, 1040, 3, 3, 27, 31, 5, 5],
    ]);
  });
});

describe('article_total (getarticletotal)', () => {
  const items: JsonObject[] = [
    {
      ref_date: '2024-05-18',
      msgid: '2247483899_1',
      title: 'Weekend deals',
      url: 'https://mp.weixin.qq.com/s/ABC',
      user_source: 0,
      details: [
        {
          stat_date: '2024-05-19',
          target_user: 48100,
          int_page_read_user: 1300,
          int_page_read_count: 1620,
          ori_page_read_user: 0,
          ori_page_read_count: 0,
          share_user: 29,
          share_count: 35,
          add_to_fav_user: 3,
          add_to_fav_count: 3,
        },
        {
          stat_date: '2024-05-18',
          target_user: 48100,
          int_page_read_user: 900,
          int_page_read_count: 1100,
          ori_page_read_user: 0,
          ori_page_read_count: 0,
          share_user: 20,
          share_count: 24,
          add_to_fav_user: 2,
          add_to_fav_count: 2,
          int_page_from_session_read_user: 700,
          int_page_from_session_read_count: 850,
          int_page_from_hist_msg_read_user: 40,
          int_page_from_hist_msg_read_count: 44,
          int_page_from_feed_read_user: 90,
          int_page_from_feed_read_count: 110,
          int_page_from_friends_read_user: 60,
          int_page_from_friends_read_count: 80,
          int_page_from_other_read_user: 10,
          int_page_from_other_read_count: 16,
          int_page_from_kanyikan_read_user: 3,
          int_page_from_kanyikan_read_count: 4,
          int_page_from_souyisou_read_user: 5,
          int_page_from_souyisou_read_count: '6',
          feed_share_from_session_user: 5,
          feed_share_from_session_cnt: 5,
          feed_share_from_feed_user: 1,
          feed_share_from_feed_cnt: 1,
          feed_share_from_other_user: 0,
          feed_share_from_other_cnt: 0,
          unknown_metric: 99,
        },
      ],
    },
    { ref_date: '2024-05-18', msgid: '2247483899_2', title: 'No stats yet', details: [] },
    { ref_date: '2024-05-18', msgid: '2247483899_3', title: 'No details key' },
  ];

  it('makes one row per details[] entry, repeating the article fields', () => {
    const table = build('article_total', items);
    expect(table.rows).toHaveLength(2);
    expect(keysOf(table)).toEqual([
      'ref_date',
      'msgid',
      'title',
      'url',
      'stat_date',
      'target_user',
      ...ARTICLE_COUNT_KEYS,
      'int_page_from_session_read_user',
      'int_page_from_session_read_count',
      'int_page_from_hist_msg_read_user',
      'int_page_from_hist_msg_read_count',
      'int_page_from_feed_read_user',
      'int_page_from_feed_read_count',
      'int_page_from_friends_read_user',
      'int_page_from_friends_read_count',
      'int_page_from_other_read_user',
      'int_page_from_other_read_count',
      'int_page_from_kanyikan_read_user',
      'int_page_from_kanyikan_read_count',
      'int_page_from_souyisou_read_user',
      'int_page_from_souyisou_read_count',
      'feed_share_from_session_user',
      'feed_share_from_session_cnt',
      'feed_share_from_feed_user',
      'feed_share_from_feed_cnt',
      'feed_share_from_other_user',
      'feed_share_from_other_cnt',
    ]);
    expect(typesOf(table)).toEqual(['date', 'text', 'text', 'text', 'date', ...Array(29).fill('int')]);
    expect(headersOf(table).slice(0, 6)).toEqual(['Date', 'Message ID', 'Title', 'URL', 'Stat Date', 'Target Users']);
    expect(headersOf(table).slice(-2)).toEqual(['Moments Sharers from Other', 'Moments Shares from Other']);
    const [first, second] = records(table);
    expect(first).toEqual({
      ref_date: '2024-05-18',
      msgid: '2247483899_1',
      title: 'Weekend deals',
      url: 'https://mp.weixin.qq.com/s/ABC',
      stat_date: '2024-05-18',
      target_user: 48100,
      int_page_read_user: 900,
      int_page_read_count: 1100,
      ori_page_read_user: 0,
      ori_page_read_count: 0,
      share_user: 20,
      share_count: 24,
      add_to_fav_user: 2,
      add_to_fav_count: 2,
      int_page_from_session_read_user: 700,
      int_page_from_session_read_count: 850,
      int_page_from_hist_msg_read_user: 40,
      int_page_from_hist_msg_read_count: 44,
      int_page_from_feed_read_user: 90,
      int_page_from_feed_read_count: 110,
      int_page_from_friends_read_user: 60,
      int_page_from_friends_read_count: 80,
      int_page_from_other_read_user: 10,
      int_page_from_other_read_count: 16,
      int_page_from_kanyikan_read_user: 3,
      int_page_from_kanyikan_read_count: 4,
      int_page_from_souyisou_read_user: 5,
      int_page_from_souyisou_read_count: 6,
      feed_share_from_session_user: 5,
      feed_share_from_session_cnt: 5,
      feed_share_from_feed_user: 1,
      feed_share_from_feed_cnt: 1,
      feed_share_from_other_user: 0,
      feed_share_from_other_cnt: 0,
    });
    expect(second).toMatchObject({
      ref_date: '2024-05-18',
      msgid: '2247483899_1',
      title: 'Weekend deals',
      url: 'https://mp.weixin.qq.com/s/ABC',
      stat_date: '2024-05-19',
      int_page_read_user: 1300,
      share_count: 35,
      int_page_from_session_read_user: null,
      feed_share_from_other_cnt: null,
    });
  });

  it('gives the flatten function one flat row per entry, without unknown fields', () => {
    const rows = report('article_total').flatten(items[0] as JsonObject);
    expect(rows).toHaveLength(2);
    expect(rows[1]).not.toHaveProperty('unknown_metric');
    expect(rows[1]).not.toHaveProperty('user_source');
    expect(report('article_total').flatten(items[1] as JsonObject)).toEqual([]);
  });
});

describe('user_read (getuserread)', () => {
  it('labels entry channels (99999999 = all) and coerces a numeric-string channel', () => {
    const table = build('user_read', [
      {
        ref_date: '2024-05-20',
        user_source: 99999999,
        int_page_read_user: 1500,
        int_page_read_count: 1900,
        ori_page_read_user: 6,
        ori_page_read_count: 7,
        share_user: 40,
        share_count: 52,
        add_to_fav_user: 9,
        add_to_fav_count: 9,
      },
      {
        ref_date: '2024-05-20',
        user_source: 0,
        int_page_read_user: 1100,
        int_page_read_count: 1350,
        ori_page_read_user: 0,
        ori_page_read_count: 0,
        share_user: 25,
        share_count: 31,
        add_to_fav_user: 0,
        add_to_fav_count: 0,
      },
      { ref_date: '2024-05-20', user_source: '7', int_page_read_user: 30, int_page_read_count: 33, share_user: 1 },
    ]);
    expect(keysOf(table)).toEqual(['ref_date', 'user_source', 'user_source_label', ...ARTICLE_COUNT_KEYS]);
    expect(typesOf(table)).toEqual(['date', 'code', 'label', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-20', 0, 'Chat session', 1100, 1350, 0, 0, 25, 31, 0, 0],
      ['2024-05-20', 7, 'Search', 30, 33, null, null, 1, null, null, null],
      ['2024-05-20', 99999999, 'All channels', 1500, 1900, 6, 7, 40, 52, 9, 9],
    ]);
  });
});

describe('user_read_hour (getuserreadhour)', () => {
  it('sorts hours numerically and ignores total_online_time', () => {
    const table = build('user_read_hour', [
      {
        ref_date: '2024-05-20',
        ref_hour: 2100,
        user_source: 99999999,
        int_page_read_user: 210,
        int_page_read_count: 260,
        ori_page_read_user: 0,
        ori_page_read_count: 0,
        share_user: 6,
        share_count: 7,
        add_to_fav_user: 0,
        add_to_fav_count: 0,
        total_online_time: 0,
      },
      {
        ref_date: '2024-05-20',
        ref_hour: '900',
        user_source: 2,
        int_page_read_user: 12,
        int_page_read_count: 14,
        ori_page_read_user: 0,
        ori_page_read_count: 0,
        share_user: 1,
        share_count: 1,
        add_to_fav_user: 0,
        add_to_fav_count: 0,
        total_online_time: 0,
      },
    ]);
    expect(keysOf(table)).toEqual(['ref_date', 'ref_hour', 'user_source', 'user_source_label', ...ARTICLE_COUNT_KEYS]);
    expect(headersOf(table).slice(0, 4)).toEqual(['Date', 'Hour', 'User Source', 'User Source (label)']);
    expect(typesOf(table).slice(0, 4)).toEqual(['date', 'hour', 'code', 'label']);
    expect(table.rows).toEqual([
      ['2024-05-20', 900, 2, 'Moments', 12, 14, 0, 0, 1, 1, 0, 0],
      ['2024-05-20', 2100, 99999999, 'All channels', 210, 260, 0, 0, 6, 7, 0, 0],
    ]);
  });
});

describe('user_share (getusershare)', () => {
  it('keeps the undocumented scene 5 with an "Unknown" label', () => {
    const table = build('user_share', [
      { ref_date: '2024-05-20', share_scene: 2, share_count: 12, share_user: 11 },
      { ref_date: '2024-05-20', share_scene: 1, share_count: 31, share_user: 24 },
      { ref_date: '2024-05-20', share_scene: 5, share_count: 3, share_user: 3, user_source: 0 },
      { ref_date: '2024-05-20', share_scene: 255, share_count: 1, share_user: 1 },
    ]);
    expect(headersOf(table)).toEqual(['Date', 'Share Scene', 'Share Scene (label)', 'Shares', 'Sharers']);
    expect(typesOf(table)).toEqual(['date', 'code', 'label', 'int', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-20', 1, 'Forward to a friend', 31, 24],
      ['2024-05-20', 2, 'Moments', 12, 11],
      ['2024-05-20', 5, 'Unknown (5)', 3, 3],
      ['2024-05-20', 255, 'Other', 1, 1],
    ]);
  });
});

describe('user_share_hour (getusersharehour)', () => {
  it('keys rows by date, hour and scene', () => {
    const table = build(
      'user_share_hour',
      [
        { ref_date: '2024-05-20', ref_hour: 900, share_scene: 1, share_count: 4, share_user: 3 },
        { ref_date: '2024-05-20', ref_hour: 0, share_scene: 2, share_count: 1, share_user: 1 },
        { ref_date: '2024-05-20', ref_hour: 900, share_scene: 1, share_count: 5, share_user: 4 },
      ],
      'zh',
    );
    expect(headersOf(table)).toEqual(['数据日期', '数据小时', '分享场景', '分享场景（说明）', '分享次数', '分享人数']);
    expect(table.rows).toEqual([
      ['2024-05-20', 0, 2, '朋友圈', 1, 1],
      ['2024-05-20', 900, 1, '好友转发', 5, 4],
    ]);
  });
});

describe('upstream_msg (getupstreammsg)', () => {
  it('labels message types and keeps unknown ones', () => {
    const table = build('upstream_msg', [
      { ref_date: '2024-05-20', msg_type: 6, msg_user: 2, msg_count: 2 },
      { ref_date: '2024-05-20', msg_type: 1, msg_user: 36, msg_count: 81, user_source: 0 },
      { ref_date: '2024-05-19', msg_type: 2, msg_user: 4, msg_count: 5 },
      { ref_date: '2024-05-20', msg_type: 10, msg_user: 1, msg_count: 1 },
    ]);
    expect(headersOf(table)).toEqual(['Date', 'Message Type', 'Message Type (label)', 'Message Users', 'Messages']);
    expect(typesOf(table)).toEqual(['date', 'code', 'label', 'int', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-19', 2, 'Image', 4, 5],
      ['2024-05-20', 1, 'Text', 36, 81],
      ['2024-05-20', 6, 'Third-party app message (link)', 2, 2],
      ['2024-05-20', 10, 'Unknown (10)', 1, 1],
    ]);
  });
});

describe('upstream_msg_hour (getupstreammsghour)', () => {
  it('adds the hour column', () => {
    const table = build('upstream_msg_hour', [
      { ref_date: '2024-05-20', ref_hour: 1300, msg_type: 1, msg_user: 5, msg_count: 9 },
      { ref_date: '2024-05-20', ref_hour: 800, msg_type: 3, msg_user: 1, msg_count: 2 },
    ]);
    expect(keysOf(table)).toEqual(['ref_date', 'ref_hour', 'msg_type', 'msg_type_label', 'msg_user', 'msg_count']);
    expect(typesOf(table)).toEqual(['date', 'hour', 'code', 'label', 'int', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-20', 800, 3, 'Voice', 1, 2],
      ['2024-05-20', 1300, 1, 'Text', 5, 9],
    ]);
  });
});

describe('upstream_msg_week (getupstreammsgweek)', () => {
  it('has one row per week start and message type', () => {
    const table = build('upstream_msg_week', [
      { ref_date: '2024-05-13', msg_type: 1, msg_user: 120, msg_count: 300 },
      { ref_date: '2024-05-06', msg_type: 1, msg_user: 110, msg_count: 280 },
      { ref_date: '2024-05-13', msg_type: 4, msg_user: 3, msg_count: 3 },
    ]);
    expect(table.rows).toEqual([
      ['2024-05-06', 1, 'Text', 110, 280],
      ['2024-05-13', 1, 'Text', 120, 300],
      ['2024-05-13', 4, 'Video', 3, 3],
    ]);
  });
});

describe('upstream_msg_month (getupstreammsgmonth)', () => {
  it('has one row per month start and message type', () => {
    const table = build(
      'upstream_msg_month',
      [
        { ref_date: '2024-04-01', msg_type: 1, msg_user: 500, msg_count: 1400 },
        { ref_date: '2024-04-01', msg_type: 2, msg_user: '40', msg_count: '52' },
      ],
      'zh',
    );
    expect(headersOf(table)).toEqual(['数据日期', '消息类型', '消息类型（说明）', '发送消息用户数', '发送消息条数']);
    expect(table.rows).toEqual([
      ['2024-04-01', 1, '文字', 500, 1400],
      ['2024-04-01', 2, '图片', 40, 52],
    ]);
  });
});

describe('upstream_msg_dist (getupstreammsgdist)', () => {
  it('labels all four count intervals', () => {
    const table = build('upstream_msg_dist', [
      { ref_date: '2024-05-20', count_interval: 2, msg_user: 4 },
      { ref_date: '2024-05-20', count_interval: 1, msg_user: 30 },
      { ref_date: '2024-05-20', count_interval: 3, msg_user: 1 },
      { ref_date: '2024-05-20', count_interval: 0, msg_user: 0, user_source: 0 },
    ]);
    expect(headersOf(table)).toEqual(['Date', 'Messages Sent', 'Messages Sent (label)', 'Message Users']);
    expect(typesOf(table)).toEqual(['date', 'code', 'label', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-20', 0, '0 messages', 0],
      ['2024-05-20', 1, '1–5', 30],
      ['2024-05-20', 2, '6–10', 4],
      ['2024-05-20', 3, 'more than 10', 1],
    ]);
  });
});

describe('upstream_msg_dist_week (getupstreammsgdistweek)', () => {
  it('builds week rows', () => {
    const table = build('upstream_msg_dist_week', [
      { ref_date: '2024-05-13', count_interval: 1, msg_user: 90 },
      { ref_date: '2024-05-13', count_interval: 9, msg_user: 1 },
    ]);
    expect(table.rows).toEqual([
      ['2024-05-13', 1, '1–5', 90],
      ['2024-05-13', 9, 'Unknown (9)', 1],
    ]);
  });
});

describe('upstream_msg_dist_month (getupstreammsgdistmonth)', () => {
  it('builds month rows with Chinese labels', () => {
    const table = build(
      'upstream_msg_dist_month',
      [
        { ref_date: '2024-04-01', count_interval: 3, msg_user: 12 },
        { ref_date: '2024-03-01', count_interval: 3, msg_user: 10 },
      ],
      'zh',
    );
    expect(headersOf(table)).toEqual(['数据日期', '发送次数区间', '发送次数区间（说明）', '发送消息用户数']);
    expect(table.rows).toEqual([
      ['2024-03-01', 3, '10 次以上', 10],
      ['2024-04-01', 3, '10 次以上', 12],
    ]);
  });
});

describe('interface_summary (getinterfacesummary)', () => {
  it('reads max_time_cost and ignores the misspelt max_time_count', () => {
    const table = build('interface_summary', [
      { ref_date: '2024-05-20', callback_count: 2301, fail_count: 4, total_time_cost: 815230, max_time_cost: 4870 },
      { ref_date: '2024-05-19', callback_count: 10, fail_count: 0, total_time_cost: 2000, max_time_count: 300 },
    ]);
    expect(headersOf(table)).toEqual(['Date', 'Callbacks', 'Failures', 'Total Time Cost (ms)', 'Max Time Cost (ms)']);
    expect(typesOf(table)).toEqual(['date', 'int', 'int', 'int', 'int']);
    expect(table.rows).toEqual([
      ['2024-05-19', 10, 0, 2000, null],
      ['2024-05-20', 2301, 4, 815230, 4870],
    ]);
  });
});

describe('interface_summary_hour (getinterfacesummaryhour)', () => {
  it('keys rows by date and hour', () => {
    const table = build('interface_summary_hour', [
      {
        ref_date: '2024-05-20',
        ref_hour: 100,
        callback_count: 12,
        fail_count: 1,
        total_time_cost: 3000,
        max_time_cost: 800,
      },
      {
        ref_date: '2024-05-20',
        ref_hour: 0,
        callback_count: 40,
        fail_count: 0,
        total_time_cost: 10310,
        max_time_cost: 990,
      },
    ]);
    expect(keysOf(table)).toEqual([
      'ref_date',
      'ref_hour',
      'callback_count',
      'fail_count',
      'total_time_cost',
      'max_time_cost',
    ]);
    expect(table.rows).toEqual([
      ['2024-05-20', 0, 40, 0, 10310, 990],
      ['2024-05-20', 100, 12, 1, 3000, 800],
    ]);
  });
});

describe('article_read (getarticleread)', () => {
  const items: JsonObject[] = [
    {
      ref_date: '2025-11-03',
      msgid: '2247490111_1',
      detail: {
        read_user: 950,
        read_user_source: [
          { scene_desc: '全部', user_count: 950 },
          { scene_desc: '公众号消息', user_count: 610 },
          { scene_desc: '推荐', user_count: 220 },
        ],
      },
    },
    {
      ref_date: '2025-11-03',
      msgid: '2247490111_2',
      detail: {
        read_user: '300',
        read_user_source: [
          { scene_desc: '全部', user_count: '300' },
          { scene_desc: '看一看', user_count: 12 },
          { scene_desc: '聊天会话', user_count: 40 },
          { scene_desc: '朋友圈', user_count: 30 },
          { scene_desc: '公众号主页', user_count: 20 },
          { scene_desc: '其他', user_count: 5 },
          { scene_desc: '搜一搜', user_count: 9 },
          { scene_desc: '直播', user_count: 3 },
        ],
        new_metric: 1,
      },
    },
    { ref_date: '2025-11-02', msgid: '2247490100_1' },
  ];

  it('lifts detail fields and spreads read_user_source into one column per scene', () => {
    const table = build('article_read', items);
    expect(keysOf(table)).toEqual(['ref_date', 'msgid', 'read_user', ...READ_SOURCE_KEYS]);
    expect(headersOf(table)).toEqual([
      'Date',
      'Message ID',
      'Readers',
      'Readers: All',
      'Readers: Account Messages',
      'Readers: Chats',
      'Readers: Moments',
      'Readers: Account Profile',
      'Readers: Other',
      'Readers: Recommended',
      'Readers: Search',
      'Readers: Unlisted Sources',
    ]);
    expect(typesOf(table)).toEqual(['date', 'text', 'int', ...Array(8).fill('int'), 'text']);
    expect(table.rows).toEqual([
      ['2025-11-02', '2247490100_1', null, null, null, null, null, null, null, null, null, null],
      ['2025-11-03', '2247490111_1', 950, 950, 610, null, null, null, null, 220, null, null],
      ['2025-11-03', '2247490111_2', 300, 300, null, 40, 30, 20, 5, null, 9, '看一看: 12; 直播: 3'],
    ]);
  });

  it('accepts the third-party element spelling source_name / read_user', () => {
    const table = build('article_read', [
      {
        ref_date: '2025-11-03',
        msgid: '1_1',
        detail: { read_user: 5, read_user_source: [{ source_name: '全部', read_user: 5 }, { scene_desc: '' }] },
      },
    ]);
    expect(records(table)[0]).toEqual({
      ...NO_READ_SOURCES,
      ref_date: '2025-11-03',
      msgid: '1_1',
      read_user: 5,
      read_user_source_all: 5,
    });
  });

  it('maps every known scene name to its column', () => {
    expect(READ_SCENES.map((scene) => `${scene.scene}=${scene.key}`)).toEqual([
      '全部=read_user_source_all',
      '公众号消息=read_user_source_account_messages',
      '聊天会话=read_user_source_chats',
      '朋友圈=read_user_source_moments',
      '公众号主页=read_user_source_account_profile',
      '其他=read_user_source_misc',
      '推荐=read_user_source_recommended',
      '搜一搜=read_user_source_search',
    ]);
  });
});

describe('article_share (getarticleshare)', () => {
  it('lifts detail.share_user', () => {
    const table = build('article_share', [
      { ref_date: '2025-11-03', msgid: '2247490111_1', detail: { share_user: 41 } },
      { ref_date: '2025-11-03', msgid: '2247490111_1', detail: { share_user: '42' } },
      { ref_date: '2025-11-03', msgid: '2247490110_1', detail: { share_user: 2, extra: true } },
    ]);
    expect(headersOf(table)).toEqual(['Date', 'Message ID', 'Sharers']);
    expect(typesOf(table)).toEqual(['date', 'text', 'int']);
    expect(table.rows).toEqual([
      ['2025-11-03', '2247490110_1', 2],
      ['2025-11-03', '2247490111_1', 42],
    ]);
  });
});

describe('biz_summary (getbizsummary)', () => {
  it('lifts the account-level detail', () => {
    const table = build('biz_summary', [
      {
        ref_date: '2025-11-04',
        detail: {
          read_user: 1800,
          read_user_source: [
            { scene_desc: '全部', user_count: 1800 },
            { scene_desc: '公众号消息', user_count: 1000 },
          ],
          share_user: 60,
          zaikan_user: 10,
          like_user: 22,
          comment_count: 4,
          collection_user: 7,
          redirect_ori_page_user: 1,
          send_page_count: 0,
        },
      },
      {
        ref_date: '2025-11-03',
        detail: {
          read_user: 2100,
          read_user_source: [{ scene_desc: '全部', user_count: 2100 }],
          share_user: 77,
          zaikan_user: 12,
          like_user: 30,
          comment_count: 5,
          collection_user: 9,
          redirect_ori_page_user: 2,
          send_page_count: 3,
        },
      },
    ]);
    expect(keysOf(table)).toEqual([
      'ref_date',
      'read_user',
      ...READ_SOURCE_KEYS,
      'share_user',
      'zaikan_user',
      'like_user',
      'comment_count',
      'collection_user',
      'redirect_ori_page_user',
      'send_page_count',
    ]);
    expect(headersOf(table).slice(-7)).toEqual([
      'Sharers',
      'Wow Users',
      'Likes',
      'Comments',
      'Collectors',
      'Original Page Readers',
      'Pieces Sent',
    ]);
    expect(typesOf(table)).toEqual(['date', 'int', ...Array(8).fill('int'), 'text', ...Array(7).fill('int')]);
    expect(table.rows).toEqual([
      ['2025-11-03', 2100, 2100, null, null, null, null, null, null, null, null, 77, 12, 30, 5, 9, 2, 3],
      ['2025-11-04', 1800, 1800, 1000, null, null, null, null, null, null, null, 60, 10, 22, 4, 7, 1, 0],
    ]);
  });
});

describe('article_total_detail (getarticletotaldetail)', () => {
  const items: JsonObject[] = [
    {
      ref_date: '2025-11-03',
      msgid: '2247490111_1',
      publish_type: 0,
      title: 'Winter guide',
      content_url: 'https://mp.weixin.qq.com/s/EXAMPLE',
      detail_list: [
        {
          stat_date: '2025-11-04',
          read_user: 1400,
          read_user_source: [
            { scene_desc: '全部', user_count: 1400 },
            { scene_desc: '小程序', user_count: 2 },
          ],
          share_user: 60,
          zaikan_user: 8,
          like_user: 20,
          comment_count: 3,
          collection_user: 6,
          praise_money: 500,
          read_subscribe_user: 5,
          read_delivery_rate: '0.15',
          read_finish_rate: 0.5,
          read_avg_activetime: 2,
          read_jump_position: [
            { position: 1, rate: 0.25 },
            { position: 2, rate: 0.2 },
            { position: 3, rate: 0.15 },
            { position: 4, rate: 0.1 },
            { position: 5, rate: 0.3 },
            { position: 9, rate: 1 },
          ],
        },
        {
          stat_date: '2025-11-03',
          read_user: 950,
          read_user_source: [{ scene_desc: '全部', user_count: 950 }],
          share_user: 41,
          zaikan_user: 6,
          like_user: 15,
          comment_count: 2,
          collection_user: 4,
          praise_money: 0,
          read_subscribe_user: 3,
          read_delivery_rate: 0.12,
          read_finish_rate: 0.45,
          read_avg_activetime: 1.8,
          read_jump_position: [{ position: 1, rate: 0.2 }],
        },
      ],
    },
    {
      ref_date: '2025-11-03',
      msgid: '2247490112_1',
      publish_type: 1,
      detail_list: [{ stat_date: '2025-11-03', read_user: 10, share_user: 0 }],
    },
    { ref_date: '2025-11-03', msgid: '2247490113_1', publish_type: 7, detail_list: [] },
  ];

  it('makes one row per detail_list[] entry, with publish type labels, scenes and jump positions', () => {
    const table = build('article_total_detail', items);
    expect(table.rows).toHaveLength(3);
    expect(keysOf(table)).toEqual([
      'ref_date',
      'msgid',
      'publish_type',
      'publish_type_label',
      'title',
      'content_url',
      'stat_date',
      'read_user',
      ...READ_SOURCE_KEYS,
      'share_user',
      'zaikan_user',
      'like_user',
      'comment_count',
      'collection_user',
      'praise_money',
      'read_subscribe_user',
      'read_delivery_rate',
      'read_finish_rate',
      'read_avg_activetime',
      'read_jump_position_1',
      'read_jump_position_2',
      'read_jump_position_3',
      'read_jump_position_4',
      'read_jump_position_5',
    ]);
    expect(typesOf(table)).toEqual([
      'date',
      'text',
      'code',
      'label',
      'text',
      'text',
      'date',
      'int',
      ...Array(8).fill('int'),
      'text',
      ...Array(7).fill('int'),
      'percent',
      'percent',
      'number',
      ...Array(5).fill('percent'),
    ]);
    expect(headersOf(table).slice(0, 7)).toEqual([
      'Date',
      'Message ID',
      'Publish Type',
      'Publish Type (label)',
      'Title',
      'Content URL',
      'Stat Date',
    ]);
    expect(headersOf(table).slice(-5)).toEqual([
      'Jump Position 0–20% (rate)',
      'Jump Position 20–40% (rate)',
      'Jump Position 40–60% (rate)',
      'Jump Position 60–80% (rate)',
      'Jump Position 80–100% (rate)',
    ]);
    const top = {
      ref_date: '2025-11-03',
      msgid: '2247490111_1',
      publish_type: 0,
      publish_type_label: 'Followers notified',
      title: 'Winter guide',
      content_url: 'https://mp.weixin.qq.com/s/EXAMPLE',
    };
    expect(records(table)).toEqual([
      {
        ...NO_READ_SOURCES,
        ...top,
        stat_date: '2025-11-03',
        read_user: 950,
        read_user_source_all: 950,
        share_user: 41,
        zaikan_user: 6,
        like_user: 15,
        comment_count: 2,
        collection_user: 4,
        praise_money: 0,
        read_subscribe_user: 3,
        read_delivery_rate: 0.12,
        read_finish_rate: 0.45,
        read_avg_activetime: 1.8,
        read_jump_position_1: 0.2,
        read_jump_position_2: null,
        read_jump_position_3: null,
        read_jump_position_4: null,
        read_jump_position_5: null,
      },
      {
        ...NO_READ_SOURCES,
        ...top,
        stat_date: '2025-11-04',
        read_user: 1400,
        read_user_source_all: 1400,
        read_user_source_other: '小程序: 2',
        share_user: 60,
        zaikan_user: 8,
        like_user: 20,
        comment_count: 3,
        collection_user: 6,
        praise_money: 500,
        read_subscribe_user: 5,
        read_delivery_rate: 0.15,
        read_finish_rate: 0.5,
        read_avg_activetime: 2,
        read_jump_position_1: 0.25,
        read_jump_position_2: 0.2,
        read_jump_position_3: 0.15,
        read_jump_position_4: 0.1,
        read_jump_position_5: 0.3,
      },
      {
        ...NO_READ_SOURCES,
        ref_date: '2025-11-03',
        msgid: '2247490112_1',
        publish_type: 1,
        publish_type_label: 'Published without notification',
        title: null,
        content_url: null,
        stat_date: '2025-11-03',
        read_user: 10,
        share_user: 0,
        zaikan_user: null,
        like_user: null,
        comment_count: null,
        collection_user: null,
        praise_money: null,
        read_subscribe_user: null,
        read_delivery_rate: null,
        read_finish_rate: null,
        read_avg_activetime: null,
        read_jump_position_1: null,
        read_jump_position_2: null,
        read_jump_position_3: null,
        read_jump_position_4: null,
        read_jump_position_5: null,
      },
    ]);
  });

  it('labels publish types in Chinese', () => {
    const table = build('article_total_detail', items, 'zh');
    expect(headersOf(table).slice(2, 4)).toEqual(['发表类型', '发表类型（说明）']);
    expect(table.rows.map((row) => row[3])).toEqual(['通知粉丝', '通知粉丝', '未通知粉丝']);
  });
});
