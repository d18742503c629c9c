/**
 * When a schedule fires, on the spreadsheet's wall clock. Pure: the caller supplies the time zone offset
 * (Apps Script's Utilities.formatDate knows the zone rules), so slots stay right after the zone changes.
 *
 * every N hours: at local hours divisible by N (every 6 → 00:00, 06:00, 12:00, 18:00);
 * daily: at the hour; weekly: on the weekday (0 = Sunday) at the hour.
 */
import type { Schedule } from '../datasets/types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Milliseconds to add to a UTC instant to get the wall-clock time in the zone (e.g. +8 h for Asia/Shanghai). */
export type OffsetAt = (instantMs: number) => number;

function floorTo(value: number, step: number): number {
  return Math.floor(value / step) * step;
}

/** The latest wall-clock slot at or before `wallMs` (a wall-clock time written as if it were UTC). */
function latestWallSlot(schedule: Exclude<Schedule, { kind: 'manual' }>, wallMs: number): number {
  switch (schedule.kind) {
    case 'hours':
      return floorTo(wallMs, schedule.every * HOUR_MS);
    case 'daily': {
      const today = floorTo(wallMs, DAY_MS) + schedule.hour * HOUR_MS;
      return today <= wallMs ? today : today - DAY_MS;
    }
    case 'weekly': {
      const midnight = floorTo(wallMs, DAY_MS);
      const weekday = new Date(midnight).getUTCDay();
      let slot = midnight - ((weekday - schedule.weekday + 7) % 7) * DAY_MS + schedule.hour * HOUR_MS;
      if (slot > wallMs) slot -= 7 * DAY_MS;
      return slot;
    }
  }
}

function nextWallSlot(schedule: Exclude<Schedule, { kind: 'manual' }>, wallMs: number): number {
  const latest = latestWallSlot(schedule, wallMs);
  switch (schedule.kind) {
    case 'hours':
      return latest + schedule.every * HOUR_MS;
    case 'daily':
      return latest + DAY_MS;
    case 'weekly':
      return latest + 7 * DAY_MS;
  }
}

/** Wall-clock slot → instant, using the offset in force at that instant (checked once for a DST change). */
function toInstant(wallMs: number, offsetAt: OffsetAt, hintOffset: number): number {
  const guess = wallMs - hintOffset;
  const offset = offsetAt(guess);
  return offset === hintOffset ? guess : wallMs - offset;
}

/** The instant of the latest slot at or before `nowMs`; undefined for a manual schedule. */
export function latestSlot(schedule: Schedule, nowMs: number, offsetAt: OffsetAt): number | undefined {
  if (schedule.kind === 'manual') return undefined;
  const offset = offsetAt(nowMs);
  return toInstant(latestWallSlot(schedule, nowMs + offset), offsetAt, offset);
}

/** The instant of the first slot after `nowMs`; undefined for a manual schedule. */
export function nextSlot(schedule: Schedule, nowMs: number, offsetAt: OffsetAt): number | undefined {
  if (schedule.kind === 'manual') return undefined;
  const offset = offsetAt(nowMs);
  return toInstant(nextWallSlot(schedule, nowMs + offset), offsetAt, offset);
}

/**
 * Whether a scheduled DataSet is due: a slot has passed since both the last slot it ran for and the moment its
 * schedule was set. Only the latest slot counts, so missed ticks catch up once, never in a burst.
 */
export function dueSlot(
  schedule: Schedule,
  nowMs: number,
  offsetAt: OffsetAt,
  since: { lastSlotMs?: number; scheduledAtMs: number },
): number | undefined {
  const slot = latestSlot(schedule, nowMs, offsetAt);
  if (slot === undefined) return undefined;
  if (slot <= since.scheduledAtMs) return undefined;
  if (since.lastSlotMs !== undefined && slot <= since.lastSlotMs) return undefined;
  return slot;
}
