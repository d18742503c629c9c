import {
  addDays,
  beijingHour,
  beijingToday,
  beijingYesterday,
  type DateSpec,
  type DateWindow,
  daysBetween,
  describeDates,
  halveWindow,
  isIsoDate,
  planWindows,
  type ResolvedDates,
  resolveDates,
} from '../../src/dates';

const CLASSIC = { earliestDate: '2014-12-01' };
/** 2026-11-28 12:00 in Beijing: today is the 28th, yesterday the 27th. */
const NOW = Date.parse('2026-11-28T04:00:00Z');

function at(utc: string): number {
  return Date.parse(utc);
}

function dateRange(start: string, end: string): DateSpec {
  return { mode: 'range', start: { kind: 'date', date: start }, end: { kind: 'date', date: end } };
}

function daysBackRange(start: number, end: number): DateSpec {
  return { mode: 'range', start: { kind: 'daysBack', days: start }, end: { kind: 'daysBack', days: end } };
}

function resolved(start: string, end: string, days: number): ResolvedDates {
  return { ok: true, start, end, days, notices: [] };
}

describe('Beijing clock', () => {
  it('is still the 27th in Beijing at 2026-11-27T15:59:59.999Z and the 28th from 16:00Z', () => {
    expect(beijingToday(at('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(beijingYesterday(at('2026-11-27T15:59:59.999Z'))).toBe('2026-11-26');
    expect(beijingHour(at('2026-11-27T15:59:59.999Z'))).toBe(23);
    expect(beijingToday(at('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(beijingYesterday(at('2026-11-27T16:00:00Z'))).toBe('2026-11-27');
    expect(beijingHour(at('2026-11-27T16:00:00Z'))).toBe(0);
  });

  it('reports the Beijing hour for the "ready after 08:00" rule', () => {
    expect(beijingHour(at('2026-11-27T23:59:59Z'))).toBe(7);
    expect(beijingHour(at('2026-11-28T00:00:00Z'))).toBe(8);
    expect(beijingHour(at('2026-11-28T04:30:00Z'))).toBe(12);
  });

  it('rolls over the year at 16:00Z on 31 December', () => {
    expect(beijingToday(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(beijingYesterday(at('2026-12-31T16:00:00Z'))).toBe('2026-12-31');
  });

  it('handles instants before the Unix epoch', () => {
    expect(beijingToday(at('1969-12-31T15:00:00Z'))).toBe('1969-12-31');
    expect(beijingHour(at('1969-12-31T15:00:00Z'))).toBe(23);
    expect(beijingToday(at('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    expect(beijingHour(at('1969-12-31T16:00:00Z'))).toBe(0);
  });

  it('refuses a timestamp that is not a finite number', () => {
    expect(() => beijingToday(Number.NaN)).toThrow(RangeError);
    expect(() => beijingHour(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('isIsoDate', () => {
  it.each(['2026-11-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (value) => {
      expect(isIsoDate(value)).toBe(true);
    },
  );

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-11-00',
    '2026-1-01',
    '2026-11-1',
    '26-11-01',
    '2026/11/01',
    ' 2026-11-01',
    '2026-11-01 ',
    '2026-11-01T00:00:00Z',
    '+02026-11-01',
    '',
  ])('refuses %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    for (const value of [20261101, null, undefined, new Date('2026-11-01'), { date: '2026-11-01' }]) {
      expect(isIsoDate(value)).toBe(false);
    }
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month ends, leap days and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-11-28', 0)).toBe('2026-11-28');
    expect(addDays('2026-11-28', -3650)).toBe('2016-11-30');
  });

  it('counts to − from in days', () => {
    expect(daysBetween('2026-11-28', '2026-11-28')).toBe(0);
    expect(daysBetween('2026-11-01', '2026-11-27')).toBe(26);
    expect(daysBetween('2026-11-27', '2026-11-01')).toBe(-26);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('1969-12-31', '1970-01-01')).toBe(1);
  });

  it('throws on a bad date or a fractional day count', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-11-28', 1.5)).toThrow(RangeError);
    expect(() => daysBetween('2026-11-28', 'tomorrow')).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('resolveDates: single day', () => {
  it('resolves a specific date to one day', () => {
    const spec: DateSpec = { mode: 'single', day: { kind: 'date', date: '2026-11-20' } };
    expect(resolveDates(spec, NOW, CLASSIC)).toEqual(resolved('2026-11-20', '2026-11-20', 1));
  });

  it('counts days back from today in Beijing (1 = yesterday)', () => {
    const spec: DateSpec = { mode: 'single', day: { kind: 'daysBack', days: 1 } };
    expect(resolveDates(spec, NOW, CLASSIC)).toEqual(resolved('2026-11-27', '2026-11-27', 1));
  });

  it('uses the Beijing day, not the UTC day, at the 16:00Z boundary', () => {
    const spec: DateSpec = { mode: 'single', day: { kind: 'daysBack', days: 1 } };
    expect(resolveDates(spec, at('2026-11-27T15:59:59Z'), CLASSIC)).toEqual(resolved('2026-11-26', '2026-11-26', 1));
    expect(resolveDates(spec, at('2026-11-27T16:00:00Z'), CLASSIC)).toEqual(resolved('2026-11-27', '2026-11-27', 1));
  });

  it('refuses today (0 days back) as a future day: nothing to fetch', () => {
    const spec: DateSpec = { mode: 'single', day: { kind: 'daysBack', days: 0 } };
    expect(resolveDates(spec, NOW, CLASSIC)).toEqual({
      ok: false,
      problems: [
        {
          code: 'future',
          field: 'day',
          message:
            'WeChat has data up to yesterday (2026-11-27, Beijing time); the date 2026-11-28 (today) is later, ' +
            'so there is nothing to fetch. Choose 2026-11-27 or earlier.',
          params: { requested: { role: 'day', date: '2026-11-28', daysBack: 0 }, yesterday: '2026-11-27' },
        },
      ],
    });
  });

  it('refuses a specific date after yesterday', () => {
    const spec: DateSpec = { mode: 'single', day: { kind: 'date', date: '2026-12-05' } };
    const result = resolveDates(spec, NOW, CLASSIC);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: 'future',
          field: 'day',
          message:
            'WeChat has data up to yesterday (2026-11-27, Beijing time); the date 2026-12-05 is later, ' +
            'so there is nothing to fetch. Choose 2026-11-27 or earlier.',
          params: { requested: { role: 'day', date: '2026-12-05' }, yesterday: '2026-11-27' },
        },
      ],
    });
  });

  it('names field day for a malformed date and day.days for bad days back', () => {
    const badDate = resolveDates({ mode: 'single', day: { kind: 'date', date: '2026-11-31' } }, NOW, CLASSIC);
    expect(badDate).toEqual({
      ok: false,
      problems: [
        {
          code: 'date_format',
          field: 'day',
          message: 'Date must be a real date written YYYY-MM-DD, e.g. 2026-11-01; “2026-11-31” is not.',
          params: { role: 'day', value: '2026-11-31', example: '2026-11-01' },
        },
      ],
    });
    const badDays = resolveDates({ mode: 'single', day: { kind: 'daysBack', days: 3651 } }, NOW, CLASSIC);
    expect(badDays).toEqual({
      ok: false,
      problems: [
        {
          code: 'days_back',
          field: 'day.days',
          message:
            '“3651” is not a usable number of days back for the date. Enter a whole number of days from 1 to 3650.',
          params: { role: 'day', value: '3651', min: 1, max: 3650 },
        },
      ],
    });
  });

  it('refuses a day before the report’s earliest date', () => {
    const spec: DateSpec = { mode: 'single', day: { kind: 'date', date: '2014-11-30' } };
    expect(resolveDates(spec, NOW, CLASSIC)).toEqual({
      ok: false,
      problems: [
        {
          code: 'before_earliest',
          field: 'day',
          message: 'This report has data from 2014-12-01; the date 2014-11-30 is earlier. Choose 2014-12-01 or later.',
          params: { requested: { role: 'day', date: '2014-11-30' }, earliest: '2014-12-01' },
        },
      ],
    });
  });
});

describe('resolveDates: range', () => {
  it('resolves two specific dates inclusively', () => {
    expect(resolveDates(dateRange('2026-11-01', '2026-11-27'), NOW, CLASSIC)).toEqual(
      resolved('2026-11-01', '2026-11-27', 27),
    );
  });

  it('resolves "10 days back → 5 days back" to today−10 … today−5', () => {
    expect(resolveDates(daysBackRange(10, 5), NOW, CLASSIC)).toEqual(resolved('2026-11-18', '2026-11-23', 6));
  });

  it('mixes a specific start with a days-back end', () => {
    const spec: DateSpec = {
      mode: 'range',
      start: { kind: 'date', date: '2026-10-15' },
      end: { kind: 'daysBack', days: 1 },
    };
    expect(resolveDates(spec, NOW, CLASSIC)).toEqual(resolved('2026-10-15', '2026-11-27', 44));
  });

  it('accepts a range starting exactly on the earliest date', () => {
    expect(resolveDates(dateRange('2014-12-01', '2014-12-31'), NOW, CLASSIC)).toEqual(
      resolved('2014-12-01', '2014-12-31', 31),
    );
  });

  it('accepts 3650 days back, the largest allowed', () => {
    expect(resolveDates(daysBackRange(3650, 3650), NOW, CLASSIC)).toEqual(resolved('2016-11-30', '2016-11-30', 1));
  });

  it('clamps an end of today to yesterday with a notice', () => {
    expect(resolveDates(daysBackRange(7, 0), NOW, CLASSIC)).toEqual({
      ok: true,
      start: '2026-11-21',
      end: '2026-11-27',
      days: 7,
      notices: [
        {
          code: 'clamped_to_yesterday',
          message:
            'WeChat has data up to yesterday (2026-11-27, Beijing time); the end date was moved from 2026-11-28 to 2026-11-27.',
          params: { from: '2026-11-28', to: '2026-11-27' },
        },
      ],
    });
  });

  it('clamps an end date in the future to yesterday', () => {
    const result = resolveDates(dateRange('2026-11-27', '2026-12-31'), NOW, CLASSIC);
    expect(result).toEqual({
      ok: true,
      start: '2026-11-27',
      end: '2026-11-27',
      days: 1,
      notices: [
        {
          code: 'clamped_to_yesterday',
          message:
            'WeChat has data up to yesterday (2026-11-27, Beijing time); the end date was moved from 2026-12-31 to 2026-11-27.',
          params: { from: '2026-12-31', to: '2026-11-27' },
        },
      ],
    });
  });

  it('refuses a range that starts after yesterday (field start)', () => {
    expect(resolveDates(dateRange('2026-11-28', '2026-11-30'), NOW, CLASSIC)).toEqual({
      ok: false,
      problems: [
        {
          code: 'future',
          field: 'start',
          message:
            'WeChat has data up to yesterday (2026-11-27, Beijing time); the start date 2026-11-28 is later, ' +
            'so there is nothing to fetch. Choose 2026-11-27 or earlier.',
          params: { requested: { role: 'start', date: '2026-11-28' }, yesterday: '2026-11-27' },
        },
      ],
    });
  });

  it('refuses an end before the start, naming both dates (field end)', () => {
    expect(resolveDates(dateRange('2026-11-20', '2026-11-10'), NOW, CLASSIC)).toEqual({
      ok: false,
      problems: [
        {
          code: 'range_order',
          field: 'end',
          message:
            'The end date 2026-11-10 is before the start date 2026-11-20. Choose an end date on or after 2026-11-20.',
          params: { start: { role: 'start', date: '2026-11-20' }, end: { role: 'end', date: '2026-11-10' } },
        },
      ],
    });
  });

  it('says how days-back dates were counted when they are out of order', () => {
    const result = resolveDates(daysBackRange(5, 10), NOW, CLASSIC);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: 'range_order',
          field: 'end',
          message:
            'The end date 2026-11-18 (10 days back) is before the start date 2026-11-23 (5 days back). ' +
            'Choose an end date on or after 2026-11-23.',
          params: {
            start: { role: 'start', date: '2026-11-23', daysBack: 5 },
            end: { role: 'end', date: '2026-11-18', daysBack: 10 },
          },
        },
      ],
    });
  });

  it('refuses a start before the earliest date, naming both', () => {
    expect(resolveDates(dateRange('2014-10-01', '2014-12-31'), NOW, CLASSIC)).toEqual({
      ok: false,
      problems: [
        {
          code: 'before_earliest',
          field: 'start',
          message:
            'This report has data from 2014-12-01; the start date 2014-10-01 is earlier. Choose 2014-12-01 or later.',
          params: { requested: { role: 'start', date: '2014-10-01' }, earliest: '2014-12-01' },
        },
      ],
    });
  });

  it('reports a malformed start and end together, start first', () => {
    const spec: DateSpec = dateRange('2026/11/01', '');
    expect(resolveDates(spec, NOW, CLASSIC)).toEqual({
      ok: false,
      problems: [
        {
          code: 'date_format',
          field: 'start',
          message: 'Start date must be a real date written YYYY-MM-DD, e.g. 2026-11-01; “2026/11/01” is not.',
          params: { role: 'start', value: '2026/11/01', example: '2026-11-01' },
        },
        {
          code: 'date_format',
          field: 'end',
          message: 'End date must be a real date written YYYY-MM-DD, e.g. 2026-11-01.',
          params: { role: 'end', value: '', example: '2026-11-01' },
        },
      ],
    });
  });

  it.each([
    [2.5, '2.5'],
    [-1, '-1'],
    [3651, '3651'],
    [Number.NaN, 'NaN'],
  ])('refuses %p days back with field start.days', (days, shown) => {
    const result = resolveDates(daysBackRange(days, 1), NOW, CLASSIC);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: 'days_back',
          field: 'start.days',
          message: `“${shown}” is not a usable number of days back for the start date. Enter a whole number of days from 1 to 3650.`,
          params: { role: 'start', value: shown, min: 1, max: 3650 },
        },
      ],
    });
  });

  it('names end.days for a bad end count', () => {
    const result = resolveDates(daysBackRange(10, 1.5), NOW, CLASSIC);
    expect(result.ok === false && result.problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['days_back', 'end.days'],
    ]);
  });

  it('refuses a days-back value stored as a string', () => {
    const spec = { mode: 'range', start: { kind: 'daysBack', days: '7' }, end: { kind: 'daysBack', days: 1 } };
    const result = resolveDates(spec as unknown as DateSpec, NOW, CLASSIC);
    expect(result.ok === false && result.problems.map((problem) => problem.field)).toEqual(['start.days']);
  });
});

describe('resolveDates: presets', () => {
  function preset(name: string, nowMs: number, earliestDate = '2014-12-01'): ResolvedDates {
    return resolveDates({ mode: 'preset', preset: name } as DateSpec, nowMs, { earliestDate });
  }

  it('resolves every preset relative to yesterday in Beijing', () => {
    expect(preset('yesterday', NOW)).toEqual(resolved('2026-11-27', '2026-11-27', 1));
    expect(preset('last7', NOW)).toEqual(resolved('2026-11-21', '2026-11-27', 7));
    expect(preset('last30', NOW)).toEqual(resolved('2026-10-29', '2026-11-27', 30));
    expect(preset('thisMonth', NOW)).toEqual(resolved('2026-11-01', '2026-11-27', 27));
    expect(preset('lastMonth', NOW)).toEqual(resolved('2026-10-01', '2026-10-31', 31));
  });

  it('takes This month on the 1st as the month just ended, so its final days come in and nothing fails', () => {
    const firstOfDecember = at('2026-12-01T02:00:00Z');
    expect(preset('thisMonth', firstOfDecember)).toEqual(resolved('2026-11-01', '2026-11-30', 30));
    expect(preset('lastMonth', firstOfDecember)).toEqual(resolved('2026-11-01', '2026-11-30', 30));
  });

  it('treats 2026-11-30T16:00Z as the 1st in Beijing', () => {
    expect(preset('thisMonth', at('2026-11-30T15:59:59Z'))).toEqual(resolved('2026-11-01', '2026-11-29', 29));
    expect(preset('thisMonth', at('2026-11-30T16:00:00Z'))).toEqual(resolved('2026-11-01', '2026-11-30', 30));
  });

  it('gives This month one day on the 2nd', () => {
    expect(preset('thisMonth', at('2026-12-02T02:00:00Z'))).toEqual(resolved('2026-12-01', '2026-12-01', 1));
  });

  it('takes the previous December as Last month in January', () => {
    expect(preset('lastMonth', at('2027-01-15T02:00:00Z'))).toEqual(resolved('2026-12-01', '2026-12-31', 31));
    expect(preset('lastMonth', at('2027-01-01T02:00:00Z'))).toEqual(resolved('2026-12-01', '2026-12-31', 31));
  });

  it('gives February 29 days in a leap year and 28 otherwise', () => {
    expect(preset('lastMonth', at('2024-03-10T02:00:00Z'))).toEqual(resolved('2024-02-01', '2024-02-29', 29));
    expect(preset('lastMonth', at('2026-03-10T02:00:00Z'))).toEqual(resolved('2026-02-01', '2026-02-28', 28));
    expect(preset('last7', at('2024-03-03T02:00:00Z'))).toEqual(resolved('2024-02-25', '2024-03-02', 7));
  });

  it('ends Last month on a 30-day month correctly', () => {
    expect(preset('lastMonth', at('2026-05-20T02:00:00Z'))).toEqual(resolved('2026-04-01', '2026-04-30', 30));
  });

  it('reaches back across the new year for Last 30 days', () => {
    expect(preset('last30', at('2027-01-05T02:00:00Z'))).toEqual(resolved('2026-12-06', '2027-01-04', 30));
  });

  it('refuses a preset reaching before the earliest date (field preset)', () => {
    expect(preset('last30', at('2025-11-10T02:00:00Z'), '2025-11-01')).toEqual({
      ok: false,
      problems: [
        {
          code: 'before_earliest',
          field: 'preset',
          message:
            'This report has data from 2025-11-01; the start date 2025-10-11 is earlier. Choose 2025-11-01 or later.',
          params: { requested: { role: 'preset', date: '2025-10-11' }, earliest: '2025-11-01' },
        },
      ],
    });
  });

  it('refuses an unknown preset', () => {
    expect(preset('lastYear', NOW)).toEqual({
      ok: false,
      problems: [
        {
          code: 'unknown_preset',
          field: 'preset',
          message:
            '“lastYear” is not a date preset. Choose one of: Yesterday, Last 7 days, Last 30 days, This month, Last month.',
          params: {
            value: 'lastYear',
            choices: ['Yesterday', 'Last 7 days', 'Last 30 days', 'This month', 'Last month'],
          },
        },
      ],
    });
  });
});

describe('resolveDates: malformed input', () => {
  it('refuses an unknown mode with field mode', () => {
    const result = resolveDates({ mode: 'week' } as unknown as DateSpec, NOW, CLASSIC);
    expect(result.ok === false && result.problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['unknown_mode', 'mode'],
    ]);
  });

  it('throws when the report’s earliest date is not a date (a catalog bug)', () => {
    expect(() => resolveDates(daysBackRange(7, 1), NOW, { earliestDate: '2014-12' })).toThrow(RangeError);
  });
});

function expectTiles(windows: DateWindow[], start: string, end: string, span: number): void {
  const days = daysBetween(start, end) + 1;
  expect(windows).toHaveLength(Math.ceil(days / span));
  expect(windows[0]?.begin).toBe(start);
  expect(windows[windows.length - 1]?.end).toBe(end);
  windows.forEach((window, index) => {
    const length = daysBetween(window.begin, window.end) + 1;
    expect(length).toBeGreaterThanOrEqual(1);
    expect(length).toBeLessThanOrEqual(span);
    const previous = windows[index - 1];
    if (previous) expect(window.begin).toBe(addDays(previous.end, 1));
  });
}

describe('planWindows', () => {
  it('makes one window per day at span 1', () => {
    expect(planWindows('2026-11-25', '2026-11-27', 1)).toEqual([
      { begin: '2026-11-25', end: '2026-11-25' },
      { begin: '2026-11-26', end: '2026-11-26' },
      { begin: '2026-11-27', end: '2026-11-27' },
    ]);
  });

  it('splits an exact multiple of span 3 into full windows', () => {
    expect(planWindows('2026-11-01', '2026-11-09', 3)).toEqual([
      { begin: '2026-11-01', end: '2026-11-03' },
      { begin: '2026-11-04', end: '2026-11-06' },
      { begin: '2026-11-07', end: '2026-11-09' },
    ]);
  });

  it('puts the remainder of span 3 in a last, shorter window', () => {
    expect(planWindows('2026-11-01', '2026-11-10', 3)).toEqual([
      { begin: '2026-11-01', end: '2026-11-03' },
      { begin: '2026-11-04', end: '2026-11-06' },
      { begin: '2026-11-07', end: '2026-11-09' },
      { begin: '2026-11-10', end: '2026-11-10' },
    ]);
  });

  it('splits a 20-day user summary into 7-day windows', () => {
    expect(planWindows('2026-11-08', '2026-11-27', 7)).toEqual([
      { begin: '2026-11-08', end: '2026-11-14' },
      { begin: '2026-11-15', end: '2026-11-21' },
      { begin: '2026-11-22', end: '2026-11-27' },
    ]);
  });

  it('covers 365 days at span 7 with 53 contiguous windows', () => {
    const windows = planWindows('2025-01-01', '2025-12-31', 7);
    expect(windows).toHaveLength(53);
    expect(windows[0]).toEqual({ begin: '2025-01-01', end: '2025-01-07' });
    expect(windows[51]).toEqual({ begin: '2025-12-24', end: '2025-12-30' });
    expect(windows[52]).toEqual({ begin: '2025-12-31', end: '2025-12-31' });
    expectTiles(windows, '2025-01-01', '2025-12-31', 7);
  });

  it('uses 2 windows for 30 days and 3 for 31 days at span 15', () => {
    expect(planWindows('2026-11-01', '2026-11-30', 15)).toEqual([
      { begin: '2026-11-01', end: '2026-11-15' },
      { begin: '2026-11-16', end: '2026-11-30' },
    ]);
    expect(planWindows('2026-12-01', '2026-12-31', 15)).toEqual([
      { begin: '2026-12-01', end: '2026-12-15' },
      { begin: '2026-12-16', end: '2026-12-30' },
      { begin: '2026-12-31', end: '2026-12-31' },
    ]);
  });

  it('covers the leap year 2024 with 13 windows at span 30', () => {
    const windows = planWindows('2024-01-01', '2024-12-31', 30);
    expect(windows).toHaveLength(13);
    expect(windows[1]).toEqual({ begin: '2024-01-31', end: '2024-02-29' });
    expect(windows[12]).toEqual({ begin: '2024-12-26', end: '2024-12-31' });
    expectTiles(windows, '2024-01-01', '2024-12-31', 30);
  });

  it('returns the whole range when it fits in one window', () => {
    expect(planWindows('2026-11-27', '2026-11-27', 7)).toEqual([{ begin: '2026-11-27', end: '2026-11-27' }]);
    expect(planWindows('2026-11-01', '2026-11-30', 30)).toEqual([{ begin: '2026-11-01', end: '2026-11-30' }]);
  });

  it.each([1, 3, 7, 15, 30])('tiles every range length from 1 to 100 days at span %i', (span) => {
    for (let length = 1; length <= 100; length += 1) {
      const end = addDays('2026-01-15', length - 1);
      expectTiles(planWindows('2026-01-15', end, span), '2026-01-15', end, span);
    }
  });

  it('throws on an inverted range, a bad span or a bad date', () => {
    expect(() => planWindows('2026-11-27', '2026-11-26', 7)).toThrow(RangeError);
    expect(() => planWindows('2026-11-01', '2026-11-27', 0)).toThrow(RangeError);
    expect(() => planWindows('2026-11-01', '2026-11-27', 2.5)).toThrow(RangeError);
    expect(() => planWindows('2026-11-01', '2026-11-31', 7)).toThrow(RangeError);
  });
});

describe('halveWindow', () => {
  it('cannot halve a single day', () => {
    expect(halveWindow({ begin: '2026-11-27', end: '2026-11-27' })).toBeNull();
  });

  it('splits two days into two single days', () => {
    expect(halveWindow({ begin: '2026-11-26', end: '2026-11-27' })).toEqual([
      { begin: '2026-11-26', end: '2026-11-26' },
      { begin: '2026-11-27', end: '2026-11-27' },
    ]);
  });

  it('gives the odd day to the first half', () => {
    expect(halveWindow({ begin: '2026-11-21', end: '2026-11-27' })).toEqual([
      { begin: '2026-11-21', end: '2026-11-24' },
      { begin: '2026-11-25', end: '2026-11-27' },
    ]);
  });

  it('splits 30 days into 15 + 15 across a month end', () => {
    expect(halveWindow({ begin: '2026-11-16', end: '2026-12-15' })).toEqual([
      { begin: '2026-11-16', end: '2026-11-30' },
      { begin: '2026-12-01', end: '2026-12-15' },
    ]);
  });

  it('throws on an inverted window', () => {
    expect(() => halveWindow({ begin: '2026-11-27', end: '2026-11-20' })).toThrow(RangeError);
  });
});

describe('describeDates', () => {
  it.each<[DateSpec, string, string]>([
    [daysBackRange(10, 5), '10 days back → 5 days back', '10 天前 → 5 天前'],
    [dateRange('2026-11-01', '2026-11-27'), '2026-11-01 → 2026-11-27', '2026-11-01 → 2026-11-27'],
    [
      { mode: 'range', start: { kind: 'date', date: '2026-10-01' }, end: { kind: 'daysBack', days: 1 } },
      '2026-10-01 → 1 day back',
      '2026-10-01 → 1 天前',
    ],
    [daysBackRange(30, 0), '30 days back → today', '30 天前 → 今天'],
    [{ mode: 'single', day: { kind: 'date', date: '2026-11-20' } }, '2026-11-20', '2026-11-20'],
    [{ mode: 'single', day: { kind: 'daysBack', days: 3 } }, '3 days back', '3 天前'],
    [{ mode: 'preset', preset: 'yesterday' }, 'Yesterday', '昨天'],
    [{ mode: 'preset', preset: 'last7' }, 'Last 7 days', '最近 7 天'],
    [{ mode: 'preset', preset: 'last30' }, 'Last 30 days', '最近 30 天'],
    [{ mode: 'preset', preset: 'thisMonth' }, 'This month', '本月'],
    [{ mode: 'preset', preset: 'lastMonth' }, 'Last month', '上月'],
  ])('describes %j', (spec, en, zh) => {
    expect(describeDates(spec, 'en')).toBe(en);
    expect(describeDates(spec, 'zh')).toBe(zh);
  });

  it('shows an unknown preset as written instead of throwing', () => {
    expect(describeDates({ mode: 'preset', preset: 'toString' } as unknown as DateSpec, 'en')).toBe('toString');
  });
});
