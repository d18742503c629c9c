/**
 * Schedules as the DataSets list shows them: "Daily at 09:00 (spreadsheet time)", and times (last run, next run)
 * on the spreadsheet's wall clock, read with the browser's Intl, which knows the zone rules.
 */
import type { Schedule } from '../src/datasets/types';
import type { MessageKey, Translate } from './i18n';

export const WEEKDAYS: readonly MessageKey[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "Manual", "Every 6 hours", "Daily at 09:00", "Weekly on Monday at 09:00". */
export function describeSchedule(schedule: Schedule, t: Translate): string {
  switch (schedule.kind) {
    case 'hours':
      return schedule.every === 1 ? t('scheduleHourText') : t('scheduleHoursText', { every: schedule.every });
    case 'daily':
      return t('scheduleDailyText', { time: hourText(schedule.hour) });
    case 'weekly':
      return t('scheduleWeeklyText', {
        day: t(WEEKDAYS[schedule.weekday] ?? 'sunday'),
        time: hourText(schedule.hour),
      });
    default:
      return t('scheduleManualText');
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClockReader(timeZone: string): (instantMs: number) => WallClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    return utcWallClock;
  }
  return (instantMs) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(instantMs))) parts[part.type] = Number(part.value);
    return {
      year: parts.year ?? 1970,
      month: parts.month ?? 1,
      day: parts.day ?? 1,
      hour: (parts.hour ?? 0) % 24,
      minute: parts.minute ?? 0,
    };
  };
}

function utcWallClock(instantMs: number): WallClock {
  const date = new Date(instantMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

/** "2026-11-29 09:00": an instant on the zone's wall clock. */
export function formatInZone(instantMs: number, timeZone: string): string {
  const wall = wallClockReader(timeZone)(instantMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}
