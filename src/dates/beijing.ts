/**
 * "Now" on the Beijing calendar. WeChat's `ref_date` is a China Standard Time day; China has no daylight
 * saving, so Beijing time is always UTC+8 and is computed arithmetically rather than through a time-zone
 * database (Apps Script's own zone may be anything).
 */

import { fromDayNumber } from './calendar';
import type { IsoDate } from './types';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const BEIJING_OFFSET_MS = 8 * MS_PER_HOUR;

/** Today's date in Beijing at the instant `nowMs` (ms since the Unix epoch). */
export function beijingToday(nowMs: number): IsoDate {
  return fromDayNumber(Math.floor(beijingMs(nowMs) / MS_PER_DAY));
}

/** Yesterday in Beijing: the newest day WeChat has complete data for. */
export function beijingYesterday(nowMs: number): IsoDate {
  return fromDayNumber(Math.floor(beijingMs(nowMs) / MS_PER_DAY) - 1);
}

/** The hour of the day in Beijing, 0…23 (yesterday's data is ready after 08:00 there). */
export function beijingHour(nowMs: number): number {
  const msIntoDay = beijingMs(nowMs) - Math.floor(beijingMs(nowMs) / MS_PER_DAY) * MS_PER_DAY;
  return Math.floor(msIntoDay / MS_PER_HOUR);
}

function beijingMs(nowMs: number): number {
  if (!Number.isFinite(nowMs)) throw new RangeError(`Not a timestamp: ${nowMs}`);
  return nowMs + BEIJING_OFFSET_MS;
}
