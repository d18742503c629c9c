import { translator } from '../../../sidebar/i18n';
import { describeSchedule, formatInZone } from '../../../sidebar/schedule';

const en = translator('en');
const zh = translator('zh');

describe('schedules in the DataSets list', () => {
  it('describes each kind of schedule in both languages', () => {
    expect(describeSchedule({ kind: 'manual' }, en)).toBe('Manual');
    expect(describeSchedule({ kind: 'hours', every: 1 }, en)).toBe('Every hour');
    expect(describeSchedule({ kind: 'hours', every: 6 }, en)).toBe('Every 6 hours');
    expect(describeSchedule({ kind: 'daily', hour: 9 }, en)).toBe('Daily at 09:00');
    expect(describeSchedule({ kind: 'weekly', weekday: 1, hour: 18 }, en)).toBe('Weekly on Monday at 18:00');
    expect(describeSchedule({ kind: 'weekly', weekday: 0, hour: 7 }, zh)).toBe('每周日 07:00');
    expect(describeSchedule({ kind: 'hours', every: 4 }, zh)).toBe('每 4 小时');
  });

  it('shows instants on the spreadsheet clock, daylight saving included', () => {
    const noonInShanghai = Date.UTC(2026, 10, 28, 4, 0);
    expect(formatInZone(noonInShanghai, 'Asia/Shanghai')).toBe('2026-11-28 12:00');
    expect(formatInZone(noonInShanghai, 'America/New_York')).toBe('2026-11-27 23:00');
    // New York moves to UTC-4 on 2026-03-08: 13:00 UTC is 09:00 there, 14:00 UTC the day before.
    expect(formatInZone(Date.UTC(2026, 2, 8, 13, 0), 'America/New_York')).toBe('2026-03-08 09:00');
    expect(formatInZone(Date.UTC(2026, 2, 7, 14, 0), 'America/New_York')).toBe('2026-03-07 09:00');
  });

  it('treats an unknown time zone as UTC rather than failing', () => {
    expect(formatInZone(Date.UTC(2026, 0, 2, 3, 4), 'Not/AZone')).toBe('2026-01-02 03:04');
  });
});
