import { DAY_MS, offsetMs, toWallTime, wallToEpoch } from '../timezone';

/** Sheets date serials: days since 1899-12-30, in the spreadsheet's wall time. 1970-01-01 is 25569. */
export const UNIX_EPOCH_SERIAL = 25_569;

export function epochToSerial(epochMs: number, timeZone: string): number {
  return (epochMs + offsetMs(epochMs, timeZone)) / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** The instant a serial denotes in the zone (a whole serial is midnight there). */
export function serialToEpoch(serial: number, timeZone: string): number {
  const wall = toWallTime(Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS), 'UTC');
  return wallToEpoch(wall, timeZone);
}

/** Wall-clock parts of a serial, independent of any zone. */
export function serialParts(serial: number) {
  return toWallTime(Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS), 'UTC');
}

export function wallSerial(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / DAY_MS + UNIX_EPOCH_SERIAL;
}
