import { DAY_MS, toWallTime, utcMs, wallToEpoch } from '../timezone';

/** When a clock trigger runs. Times are deterministic (Apps Script adds a random offset; we use minute 0). */

export type ClockKind = 'minutes' | 'hours' | 'days' | 'weeks' | 'month' | 'once';

export interface ClockSchedule {
  kind: ClockKind;
  every: number;
  atHour?: number;
  nearMinute?: number;
  /** 0 = Sunday */
  weekDay?: number;
  monthDay?: number;
  timeZone: string;
  /** For 'once': epoch ms. */
  at?: number;
}

const HOUR_MS = 3_600_000;

function calendarDate(epochMs: number, timeZone: string): { year: number; month: number; day: number } {
  const w = toWallTime(epochMs, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(utcMs(date.year, date.month, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The k-th occurrence (k ≥ 0) of a schedule created at `createdAt`. */
function occurrence(s: ClockSchedule, createdAt: number, k: number): number {
  switch (s.kind) {
    case 'once':
      return s.at ?? createdAt;
    // Minute 0 of the period (second 0 of the minute), whatever the time the trigger was created: how long the
    // creating execution took does not shift the schedule.
    case 'minutes':
      return Math.floor(createdAt / 60_000) * 60_000 + (k + 1) * s.every * 60_000;
    case 'hours':
      return Math.floor(createdAt / HOUR_MS) * HOUR_MS + (k + 1) * s.every * HOUR_MS;
    default:
      break;
  }
  const created = toWallTime(createdAt, s.timeZone);
  const hour = s.atHour ?? created.hour;
  const minute = s.atHour === undefined ? created.minute : (s.nearMinute ?? 0);
  const at = (date: { year: number; month: number; day: number }) => wallToEpoch({ ...date, hour, minute }, s.timeZone);
  let first = calendarDate(createdAt, s.timeZone);
  if (s.kind === 'month') {
    const day = s.monthDay ?? created.day;
    let candidate = { year: first.year, month: first.month, day };
    if (at(candidate) <= createdAt) candidate = { ...candidate, month: candidate.month + 1 };
    const monthIndex = candidate.year * 12 + (candidate.month - 1) + k * s.every;
    return at({ year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1, day });
  }
  const step = s.kind === 'weeks' ? 7 * s.every : s.every;
  if (s.kind === 'weeks') {
    first = addDays(first, ((s.weekDay ?? created.weekday) - created.weekday + 7) % 7);
    if (at(first) <= createdAt) first = addDays(first, 7);
  } else if (s.atHour === undefined) {
    first = addDays(first, step);
  } else if (at(first) <= createdAt) {
    first = addDays(first, 1);
  }
  return at(addDays(first, k * step));
}

/** First run strictly after `afterMs`, or undefined if a one-off trigger has nothing left. */
export function nextRun(s: ClockSchedule, createdAt: number, afterMs: number): number | undefined {
  if (s.kind === 'once') {
    const at = occurrence(s, createdAt, 0);
    return at > afterMs ? at : undefined;
  }
  const first = occurrence(s, createdAt, 0);
  if (first > afterMs) return first;
  const second = occurrence(s, createdAt, 1);
  const period = Math.max(1, second - first);
  // Jump close, then step (calendar schedules drift by DST hours, so never trust the estimate).
  let k = Math.max(0, Math.floor((afterMs - first) / period) - 1);
  while (occurrence(s, createdAt, k) <= afterMs) k++;
  return occurrence(s, createdAt, k);
}
