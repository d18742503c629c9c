import { dueSlot, latestSlot, nextSlot } from '../../../src/schedule/slots';

/** Offset of a zone at an instant, from Intl (what Utilities.formatDate does in Apps Script). */
function offsetIn(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (instantMs: number) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
    const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
    return wall - Math.floor(instantMs / 1000) * 1000;
  };
}

const shanghai = offsetIn('Asia/Shanghai');
const newYork = offsetIn('America/New_York');
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('schedule slots', () => {
  const now = Date.UTC(2026, 10, 28, 5, 30); // 13:30 in Shanghai, Saturday

  it('every 6 hours fires at 00, 06, 12, 18 local time', () => {
    expect(iso(latestSlot({ kind: 'hours', every: 6 }, now, shanghai))).toBe('2026-11-28T04:00:00.000Z');
    expect(iso(nextSlot({ kind: 'hours', every: 6 }, now, shanghai))).toBe('2026-11-28T10:00:00.000Z');
  });

  it('daily fires at the hour in the spreadsheet time zone', () => {
    expect(iso(latestSlot({ kind: 'daily', hour: 9 }, now, shanghai))).toBe('2026-11-28T01:00:00.000Z');
    expect(iso(latestSlot({ kind: 'daily', hour: 15 }, now, shanghai))).toBe('2026-11-27T07:00:00.000Z');
    expect(iso(latestSlot({ kind: 'daily', hour: 9 }, now, newYork))).toBe('2026-11-27T14:00:00.000Z');
  });

  it('weekly fires on the weekday at the hour', () => {
    expect(iso(latestSlot({ kind: 'weekly', weekday: 1, hour: 8 }, now, shanghai))).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(nextSlot({ kind: 'weekly', weekday: 1, hour: 8 }, now, shanghai))).toBe('2026-11-30T00:00:00.000Z');
    expect(iso(latestSlot({ kind: 'weekly', weekday: 6, hour: 13 }, now, shanghai))).toBe('2026-11-28T05:00:00.000Z');
  });

  it('follows daylight saving time changes', () => {
    const afterSpringForward = Date.UTC(2026, 2, 8, 15); // 11:00 EDT on 2026-03-08
    expect(iso(latestSlot({ kind: 'daily', hour: 9 }, afterSpringForward, newYork))).toBe('2026-03-08T13:00:00.000Z');
    const beforeIt = Date.UTC(2026, 2, 7, 15); // 10:00 EST on 2026-03-07
    expect(iso(latestSlot({ kind: 'daily', hour: 9 }, beforeIt, newYork))).toBe('2026-03-07T14:00:00.000Z');
  });

  it('is never due for a manual schedule', () => {
    expect(dueSlot({ kind: 'manual' }, now, shanghai, { scheduledAtMs: 0 })).toBeUndefined();
  });

  it('is due once per slot, catching up a missed slot once', () => {
    const daily = { kind: 'daily', hour: 9 } as const;
    const scheduledAtMs = Date.UTC(2026, 10, 20);
    const slot = dueSlot(daily, now, shanghai, { scheduledAtMs, lastSlotMs: Date.UTC(2026, 10, 25, 1) });
    expect(iso(slot)).toBe('2026-11-28T01:00:00.000Z');
    expect(dueSlot(daily, now, shanghai, { scheduledAtMs, lastSlotMs: slot })).toBeUndefined();
  });

  it('waits for the first slot after the schedule was set', () => {
    const daily = { kind: 'daily', hour: 9 } as const;
    expect(dueSlot(daily, now, shanghai, { scheduledAtMs: Date.UTC(2026, 10, 28, 2) })).toBeUndefined();
    expect(dueSlot(daily, now + 86_400_000, shanghai, { scheduledAtMs: Date.UTC(2026, 10, 28, 2) })).toBeDefined();
  });
});
