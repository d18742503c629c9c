/** Splitting a date range into API calls no longer than an endpoint's maximum span. */

import { addDays, daysBetween, isIsoDate } from './calendar';
import type { DateWindow, IsoDate } from './types';

/**
 * Consecutive, non-overlapping windows covering `start` … `end` (inclusive), each at most `maxSpanDays` days,
 * in date order and as few as possible: full windows first, any remainder last.
 */
export function planWindows(start: IsoDate, end: IsoDate, maxSpanDays: number): DateWindow[] {
  const totalDays = inclusiveDays(start, end, 'planWindows');
  if (!Number.isInteger(maxSpanDays) || maxSpanDays < 1) {
    throw new RangeError(`planWindows: maxSpanDays must be a whole number ≥ 1, got ${maxSpanDays}`);
  }
  const windows: DateWindow[] = [];
  for (let offset = 0; offset < totalDays; offset += maxSpanDays) {
    const length = Math.min(maxSpanDays, totalDays - offset);
    const begin = addDays(start, offset);
    windows.push({ begin, end: addDays(begin, length - 1) });
  }
  return windows;
}

/**
 * Splits a window in two (the first half gets the odd day), e.g. to retry a call WeChat found too big or
 * too slow; null when the window is a single day and cannot shrink.
 */
export function halveWindow(window: DateWindow): [DateWindow, DateWindow] | null {
  const totalDays = inclusiveDays(window.begin, window.end, 'halveWindow');
  if (totalDays === 1) return null;
  const firstEnd = addDays(window.begin, Math.ceil(totalDays / 2) - 1);
  return [
    { begin: window.begin, end: firstEnd },
    { begin: addDays(firstEnd, 1), end: window.end },
  ];
}

function inclusiveDays(begin: IsoDate, end: IsoDate, caller: string): number {
  if (!isIsoDate(begin) || !isIsoDate(end)) {
    throw new RangeError(`${caller}: dates must be YYYY-MM-DD, got ${String(begin)} … ${String(end)}`);
  }
  const days = daysBetween(begin, end) + 1;
  if (days < 1) throw new RangeError(`${caller}: ${end} is before ${begin}`);
  return days;
}
