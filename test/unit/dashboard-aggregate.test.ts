import {
  aggregate,
  type Blocked,
  growthKpis,
  isBlocked,
  previousPeriod,
  topArticles,
} from '../../src/dashboard/aggregate';
import { classicReadRows, hourlyMessageRows } from '../../src/dashboard/records';
import type { ArticleRow, DashboardInputs, Period, UserSummaryRow } from '../../src/dashboard/types';
import { getReport } from '../../src/reports';
import { tableColumns } from '../../src/reports/table';

const period = (start: string, end: string, days: number): Period => ({ start, end, days });
const summary = (date: string, source: number, newUsers: number, cancelledUsers: number): UserSummaryRow => ({
  date,
  source,
  newUsers,
  cancelledUsers,
});

function inputs(over: Partial<DashboardInputs> & Pick<DashboardInputs, 'period'>): DashboardInputs {
  return {
    language: 'en',
    userSummary: { ok: true, rows: [] },
    userCumulate: { ok: true, rows: [] },
    dailyReads: { published: { ok: true, rows: [] } },
    articles: { published: { ok: true, rows: [] } },
    messages: { ok: true, rows: [] },
    messagesByHour: { ok: true, rows: [] },
    ...over,
  };
}

function unblocked<T>(block: T | Blocked): T {
  if (isBlocked(block)) throw new Error(`blocked: ${block.message}`);
  return block;
}

describe('dashboard aggregation', () => {
  it('computes net growth as Σ new − Σ cancelled over every channel, channel 0 being one more channel', () => {
    const rows = [
      summary('2026-11-01', 0, 4, 2),
      summary('2026-11-01', 1, 11, 0),
      summary('2026-11-01', 30, 57, 3),
      summary('2026-11-02', 0, 1, 9),
      summary('2026-11-02', 17, 6, 1),
      summary('2026-11-03', 30, 100, 0), // after the period
    ];
    const growth = growthKpis(rows, period('2026-11-01', '2026-11-02', 2));
    // new 4+11+57+1+6 = 79; cancelled 2+0+3+9+1 = 15
    expect(growth).toMatchObject({ newFollowers: 79, cancelled: 15, netGrowth: 64, daysWithData: 2 });
  });

  it('compares with the previous period of the same length across a month boundary', () => {
    const march = period('2026-03-01', '2026-03-07', 7);
    expect(previousPeriod(march)).toEqual(period('2026-02-22', '2026-02-28', 7));
    const rows = [
      summary('2026-02-21', 30, 500, 0), // before the previous period: ignored
      summary('2026-02-22', 30, 10, 2),
      summary('2026-02-28', 1, 5, 1),
      summary('2026-03-01', 30, 20, 1),
      summary('2026-03-07', 30, 4, 3),
    ];
    const growth = growthKpis(rows, march);
    // now: (20−1)+(4−3) = 20; before: (10−2)+(5−1) = 12; change (20−12)/12
    expect(growth.netGrowth).toBe(20);
    expect(growth.previousNetGrowth).toBe(12);
    expect(growth.change).toBeCloseTo(8 / 12, 10);
    expect(growth.previousDaysWithData).toBe(2);
  });

  it('gives a falling net growth a negative change, and none when the previous period had no growth data', () => {
    const p = period('2026-11-08', '2026-11-14', 7);
    const falling = growthKpis([summary('2026-11-01', 30, 10, 0), summary('2026-11-10', 30, 5, 0)], p);
    expect(falling.change).toBeCloseTo(-0.5, 10);
    expect(growthKpis([summary('2026-11-10', 30, 5, 0)], p).change).toBeNull();
  });

  it('leaves the days without rows empty and counts only the days that have data', () => {
    const p = period('2026-11-01', '2026-11-05', 5);
    const data = aggregate(
      inputs({
        period: p,
        userSummary: {
          ok: true,
          rows: [summary('2026-11-01', 30, 5, 1), summary('2026-11-03', 30, 7, 2), summary('2026-11-05', 1, 3, 0)],
        },
        userCumulate: {
          ok: true,
          rows: [
            { date: '2026-11-01', followers: 1000 },
            { date: '2026-11-03', followers: 1009 },
          ],
        },
        messages: { ok: true, rows: [{ date: '2026-11-02', messages: 8, users: 3 }] },
      }),
    );
    const growth = unblocked(data.growth);
    expect(growth).toMatchObject({ newFollowers: 15, cancelled: 3, netGrowth: 12, daysWithData: 3 });
    expect(data.daily.map((point) => point.net)).toEqual([4, null, 5, null, 3]);
    expect(data.daily.map((point) => point.followers)).toEqual([1000, null, 1009, null, null]);
    // The newest day with a follower count, not the period's end.
    expect(unblocked(data.followers).followersNow).toEqual({ value: 1009, date: '2026-11-03' });
    expect(unblocked(data.messages)).toEqual({ total: 8, daysWithData: 1 });
  });

  it('reads article figures from the article reports before 2025-11-01 and the published-content reports from then', () => {
    const p = period('2025-10-30', '2025-11-02', 4);
    const readColumns = tableColumns(getReport('user_read')!, 'en');
    const readRow = (date: string, source: number, readers: number, sharers: number) =>
      readColumns.map(
        (column) =>
          ({ ref_date: date, user_source: source, int_page_read_user: readers, share_user: sharers })[column.key] ??
          null,
      );
    const classicRows = classicReadRows(readColumns, [
      readRow('2025-10-30', 99_999_999, 100, 10),
      readRow('2025-10-30', 0, 80, 8), // a channel row: part of the total, never added to it
      readRow('2025-10-31', 99_999_999, 120, 12),
      readRow('2025-11-01', 99_999_999, 999, 99), // published content owns this date
    ]);
    const article = (over: Partial<ArticleRow>): ArticleRow => ({
      publishDate: '2025-10-30',
      statDate: '2025-10-30',
      msgid: 'a_1',
      title: 'Autumn menu',
      readers: 0,
      sharers: 0,
      readThrough: null,
      source: 'classic',
      ...over,
    });
    const data = aggregate(
      inputs({
        period: p,
        dailyReads: {
          classic: { ok: true, rows: classicRows },
          published: {
            ok: true,
            rows: [
              { date: '2025-10-31', readers: 777, sharers: 77 }, // before the switch: not this report's
              { date: '2025-11-01', readers: 200, sharers: 20 },
              { date: '2025-11-02', readers: 210, sharers: 21 },
            ],
          },
        },
        articles: {
          classic: {
            ok: true,
            rows: [
              article({ statDate: '2025-10-30', readers: 50, sharers: 2 }),
              article({ statDate: '2025-10-31', readers: 90, sharers: 4 }),
              article({ statDate: '2025-11-03', readers: 500, sharers: 9 }), // after the period's end
            ],
          },
          published: {
            ok: true,
            rows: [
              article({
                publishDate: '2025-11-01',
                statDate: '2025-11-02',
                msgid: 'p_1',
                title: 'Winter guide',
                readers: 300,
                sharers: 30,
                readThrough: 0.45,
                source: 'published',
              }),
              article({
                publishDate: '2025-11-01',
                statDate: '2025-11-01',
                msgid: 'p_1',
                title: 'Winter guide',
                readers: 120,
                sharers: 10,
                readThrough: 0.4,
                source: 'published',
              }),
            ],
          },
        },
      }),
    );
    // 100 + 120 (classic, all-channel rows) + 200 + 210 (published)
    expect(unblocked(data.reads)).toEqual({ readers: 630, sharers: 63, daysWithData: 4 });
    expect(data.daily.map((point) => point.readers)).toEqual([100, 120, 200, 210]);
    const top = unblocked(data.topArticles);
    expect(top.sources).toEqual(['published', 'classic']);
    expect(top.articles).toEqual([
      {
        title: 'Winter guide',
        publishDate: '2025-11-01',
        readers: 300,
        sharers: 30,
        readThrough: 0.45,
        source: 'published',
      },
      {
        title: 'Autumn menu',
        publishDate: '2025-10-30',
        readers: 90,
        sharers: 4,
        readThrough: null,
        source: 'classic',
      },
    ]);
  });

  it('keeps the ten articles with the most readers, published in the period', () => {
    const rows: ArticleRow[] = Array.from({ length: 12 }, (_, index) => ({
      publishDate: index === 11 ? '2026-10-31' : '2026-11-02',
      statDate: '2026-11-03',
      msgid: `m_${index}`,
      title: `Article ${index}`,
      readers: 100 + index,
      sharers: index,
      readThrough: 0.5,
      source: 'published',
    }));
    const top = unblocked(topArticles({ published: { ok: true, rows } }, period('2026-11-01', '2026-11-07', 7)));
    expect(top.articles.map((a) => a.title)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => `Article ${n}`));
  });

  it('names the five biggest acquisition channels with readable labels and puts channel 0 and the rest in Other', () => {
    const p = period('2026-11-01', '2026-11-01', 1);
    const rows = [0, 1, 17, 30, 57, 100, 149].map((code, index) => summary('2026-11-01', code, 10 * (index + 1), 0));
    const data = aggregate(inputs({ period: p, userSummary: { ok: true, rows }, language: 'zh' }));
    const channels = unblocked(data.channels);
    // totals: 0→10, 1→20, 17→30, 30→40, 57→50, 100→60, 149→70: named 149, 100, 57, 30, 17; other = 10 + 20
    expect(channels.map((c) => [c.key, c.label, c.total])).toEqual([
      ['149', '小程序关注', 70],
      ['100', '微信广告', 60],
      ['57', '文章内账号名称', 50],
      ['30', '扫描二维码', 40],
      ['17', '名片分享', 30],
      ['other', '其他', 30],
    ]);
    expect(data.daily[0]!.byChannel).toEqual([70, 60, 50, 40, 30, 30]);
  });

  it('adds up messages per hour of day from ref_hour (hour × 100)', () => {
    const columns = tableColumns(getReport('upstream_msg_hour')!, 'en');
    const row = (date: string, refHour: number, msgType: number, count: number) =>
      columns.map((c) => ({ ref_date: date, ref_hour: refHour, msg_type: msgType, msg_count: count })[c.key] ?? null);
    const rows = hourlyMessageRows(columns, [
      row('2026-11-01', 0, 1, 3),
      row('2026-11-01', 1300, 1, 5),
      row('2026-11-01', 1300, 2, 2),
      row('2026-11-02', 2300, 1, 4),
      row('2026-10-31', 1300, 1, 50), // before the period
    ]);
    const data = aggregate(
      inputs({ period: period('2026-11-01', '2026-11-02', 2), messagesByHour: { ok: true, rows } }),
    );
    const hours = unblocked(data.byHour);
    expect(hours[0]).toBe(3);
    expect(hours[13]).toBe(7);
    expect(hours[23]).toBe(4);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(14);
  });

  it('turns a source that cannot be read into a message for the blocks it feeds, and keeps the others', () => {
    const message = 'Sheet "Demo · User Summary" is missing.';
    const data = aggregate(
      inputs({
        period: period('2026-11-01', '2026-11-01', 1),
        userSummary: { ok: false, message },
        messages: { ok: true, rows: [{ date: '2026-11-01', messages: 5, users: 2 }] },
      }),
    );
    expect(data.growth).toEqual({ message });
    expect(data.channels).toEqual({ message });
    expect(data.daily[0]).toMatchObject({ newFollowers: null, messages: 5 });
    expect(unblocked(data.messages).total).toBe(5);
  });
});
