/** Time-zone arithmetic on top of Intl: IANA ids plus Java-style fixed offsets ('GMT+8', 'UTC-05:30'). */

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
}

export const DAY_MS = 86_400_000;

const FIXED = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function fixedOffsetMs(timeZone: string): number | undefined {
  const match = FIXED.exec(timeZone);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0)) * 60_000;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (fixedOffsetMs(timeZone) !== undefined) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Like Java's TimeZone.getTimeZone: an unknown id means GMT. */
export function resolveTimeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'GMT';
}

/** Epoch ms of a UTC calendar time; works for years below 100 too. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function wallFromUtc(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

export function toWallTime(epochMs: number, timeZone: string): WallTime {
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== undefined) return wallFromUtc(epochMs + fixed);
  return wallFromUtc(epochMs + offsetMs(epochMs, timeZone));
}

function intlWallTime(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_BUCKET_MS = 900_000;

/** Offset of the zone from UTC at an instant (ms; +8 h for Asia/Shanghai). Cached per zone and 15 minutes. */
export function offsetMs(epochMs: number, timeZone: string): number {
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== undefined) return fixed;
  if (!Number.isFinite(epochMs)) return 0;
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    if (cache.size > 100_000) cache.clear();
    const w = intlWallTime(epochMs, timeZone);
    offset = utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond) - epochMs;
    cache.set(bucket, offset);
  }
  return offset;
}

export type WallInput = Pick<WallTime, 'year' | 'month' | 'day'> &
  Partial<Pick<WallTime, 'hour' | 'minute' | 'second' | 'millisecond'>>;

/**
 * The instant at which the zone's clocks show a wall time (given as ms of that wall time read as UTC), resolved
 * as JavaScript's Date does: an ambiguous time (clocks going back) is the earlier instant, a time in a gap
 * (clocks going forward) uses the offset from before the change.
 */
export function wallMsToEpoch(wallMs: number, timeZone: string): number {
  if (!Number.isFinite(wallMs)) return Number.NaN;
  const before = offsetMs(wallMs - DAY_MS, timeZone);
  const after = offsetMs(wallMs + DAY_MS, timeZone);
  const valid = [wallMs - before, wallMs - after].filter((epoch) => offsetMs(epoch, timeZone) === wallMs - epoch);
  return valid.length > 0 ? Math.min(...valid) : wallMs - before;
}

export function wallToEpoch(wall: WallInput, timeZone: string): number {
  const wallMs = utcMs(
    wall.year,
    wall.month,
    wall.day,
    wall.hour ?? 0,
    wall.minute ?? 0,
    wall.second ?? 0,
    wall.millisecond ?? 0,
  );
  return wallMsToEpoch(wallMs, timeZone);
}

/** Short zone name for Java's `z` ("GMT+8", "UTC", "EST"). */
export function shortZoneName(epochMs: number, timeZone: string, long: boolean): string {
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== undefined) return timeZone.toUpperCase();
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: long ? 'long' : 'short' })
    .formatToParts(new Date(epochMs))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export interface ZoneHelpers {
  readonly id: string;
  /** Offset from UTC at an instant, ms. */
  offset(epochMs: number): number;
  /** Long zone name at an instant ("China Standard Time"). */
  name(epochMs: number): string;
  /** The instant of a wall time given as UTC-read ms (see wallMsToEpoch). */
  fromWall(wallMs: number): number;
}

/** Fast offset/name lookups for a realm whose Date local time follows this zone. */
export function zoneHelpers(timeZone: string): ZoneHelpers {
  const names = new Map<number, string>();
  const offset = (epochMs: number) => offsetMs(epochMs, timeZone);
  return {
    id: timeZone,
    offset,
    fromWall: (wallMs) => wallMsToEpoch(wallMs, timeZone),
    name(epochMs) {
      const key = offset(epochMs);
      let value = names.get(key);
      if (value === undefined) {
        value = Number.isFinite(epochMs) ? shortZoneName(epochMs, timeZone, true) : timeZone;
        names.set(key, value);
      }
      return value;
    },
  };
}
