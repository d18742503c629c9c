import { aggregate } from '../../src/dashboard/aggregate';
import { buildLayout, layoutHeight } from '../../src/dashboard/layout';
import { planSources, resolvePeriod } from '../../src/dashboard/sources';
import type { DashboardInputs } from '../../src/dashboard/types';
import type { DateSpec } from '../../src/dates';

const NOON_2026_11_28 = Date.UTC(2026, 10, 28, 4);
const NOON_2025_11_20 = Date.UTC(2025, 10, 20, 4);

function plan(dates: DateSpec, nowMs: number) {
  const period = resolvePeriod(dates, nowMs);
  if (!period.ok) throw new Error(period.message);
  return Object.fromEntries(planSources(dates, period.period, nowMs).map((p) => [p.role, p.dates]));
}

const back = (days: number) => ({ kind: 'daysBack', days });
const on = (date: string) => ({ kind: 'date', date });
const range = (start: object, end: object) => ({ mode: 'range', start, end });

describe('the DataSets a dashboard reads', () => {
  it('covers the previous period too for the user summary, relative to today', () => {
    const sources = plan({ mode: 'preset', preset: 'last30' }, NOON_2026_11_28);
    expect(sources).toEqual({
      userSummary: range(back(60), back(1)),
      userCumulate: range(back(30), back(1)),
      publishedSummary: range(back(30), back(1)),
      publishedArticles: range(back(30), back(1)),
      messages: range(back(30), back(1)),
      messagesByHour: range(back(30), back(1)),
    });
  });

  it('reads the article reports before 2025-11-01 and the published-content reports from then on', () => {
    const sources = plan({ mode: 'preset', preset: 'last30' }, NOON_2025_11_20);
    expect(sources.publishedSummary).toEqual(range(on('2025-11-01'), back(1)));
    expect(sources.publishedArticles).toEqual(range(on('2025-11-01'), back(1)));
    expect(sources.classicRead).toEqual(range(back(30), on('2025-10-31')));
    expect(sources.classicArticles).toEqual(range(back(30), on('2025-10-31')));
  });

  it('uses fixed dates for a fixed period, and no published-content report for a period before 2025-11-01', () => {
    const fixed = { mode: 'range', start: on('2025-10-01'), end: on('2025-10-10') } as DateSpec;
    const sources = plan(fixed, NOON_2026_11_28);
    expect(sources.userSummary).toEqual(range(on('2025-09-21'), on('2025-10-10')));
    expect(sources.classicRead).toEqual(range(on('2025-10-01'), on('2025-10-10')));
    expect(sources.publishedSummary).toBeUndefined();
  });

  it('keeps a month of rows for a month period, whatever day of the month it is', () => {
    const thisMonth = { mode: 'preset', preset: 'thisMonth' } as DateSpec;
    const period = resolvePeriod(thisMonth, NOON_2026_11_28);
    expect(period.ok && period.period.days).toBe(27);
    expect(period.ok && layoutHeight(thisMonth, period)).toBe(90 + 31);
    expect(plan(thisMonth, NOON_2026_11_28).userSummary).toEqual(range(back(62), back(1)));
  });
});

describe('the dashboard layout', () => {
  const period = { start: '2026-11-01', end: '2026-11-03', days: 3 };
  const inputs = (over: Partial<DashboardInputs>): DashboardInputs => ({
    period,
    language: 'en',
    userSummary: { ok: true, rows: [{ date: '2026-11-01', source: 30, newUsers: 5, cancelledUsers: 1 }] },
    userCumulate: { ok: true, rows: [{ date: '2026-11-03', followers: 900 }] },
    dailyReads: { published: { ok: true, rows: [] } },
    articles: { published: { ok: true, rows: [] } },
    messages: { ok: true, rows: [] },
    messagesByHour: { ok: true, rows: [] },
    ...over,
  });
  const dates = { mode: 'preset', preset: 'last7' } as DateSpec;

  it('writes a missing source as a message where its charts would be, and draws the others', () => {
    const missing = 'Sheet "Demo · User Summary" of DataSet "Demo · User Summary" is missing.';
    const layout = buildLayout(
      { dates, language: 'en' },
      'Demo',
      aggregate(inputs({ userSummary: { ok: false, message: missing } })),
      '2026-11-04 09:00',
    );
    expect(layout.charts.map((chart) => chart.key)).toEqual(['followers', 'messagesByDay', 'messagesByHour']);
    expect(layout.values[8]![7]).toBe(missing); // H9: under the new-vs-unfollows chart's anchor
    expect(layout.values[26]![0]).toBe(missing); // A27: under the acquisition chart's anchor
    expect(layout.values[44]![0]).toBe('No article was published in this period.');
    expect(layout.values[4]![0]).toBe(900);
  });

  it('writes text under the plain-text format, so an article title starting with "=" stays text', () => {
    const layout = buildLayout({ dates, language: 'en' }, '=HYPERLINK("x")', aggregate(inputs({})), 'now');
    expect(layout.values[0]![0]).toBe('WeChat dashboard · =HYPERLINK("x")');
    expect(layout.formats[0]![0]).toBe('@');
    expect(layout.formats[4]![0]).toBe('#,##0');
    expect(layout.values.every((row) => row.length === layout.width)).toBe(true);
    expect(layout.values).toHaveLength(layout.height);
  });
});
