/** Calendar-day arithmetic on `YYYY-MM-DD` strings (proleptic Gregorian, no time zones involved). */

import type { IsoDate } from './types';

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDay {
  year: number;
  month: number; // 1…12
  day: number; // 1…31
}

/** True for a real calendar day written exactly `YYYY-MM-DD` (4-digit year, zero-padded month and day). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays: days must be a whole number, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** `to − from` in days: 0 for the same day, 1 for the next day, negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The 1st of the month `date` falls in. */
export function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01`;
}

/** The last day of the month before the one `date` falls in. */
export function lastOfPreviousMonth(date: IsoDate): IsoDate {
  return addDays(firstOfMonth(date), -1);
}

/** Days since 1970-01-01 (negative before it). Throws on anything that is not a real ISO date. */
export function toDayNumber(date: IsoDate): number {
  const parts = parseIsoDate(date);
  if (parts === null) throw new RangeError(`Not a YYYY-MM-DD date: ${String(date)}`);
  return utcMidnight(parts) / MS_PER_DAY;
}

/** The ISO date of a day number (see `toDayNumber`). Throws outside years 0000…9999. */
export function fromDayNumber(dayNumber: number): IsoDate {
  const iso = new Date(dayNumber * MS_PER_DAY).toISOString();
  // Years 0000…9999 print as `YYYY-MM-DDT…`; anything else gets a sign and six digits.
  if (!/^\d{4}-/.test(iso)) throw new RangeError(`Date out of range (years 0000…9999): day ${dayNumber}`);
  return iso.slice(0, 10);
}

function parseIsoDate(value: string): CalendarDay | null {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1) return null;
  // A real day survives the round trip; 2026-02-30 would come back as March 2nd.
  const roundTrip = new Date(utcMidnight(parts));
  return roundTrip.getUTCMonth() + 1 === parts.month && roundTrip.getUTCDate() === parts.day ? parts : null;
}

function utcMidnight({ year, month, day }: CalendarDay): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0…99 to 1900…1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}
