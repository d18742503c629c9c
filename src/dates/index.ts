/**
 * Dates on the Beijing calendar (WeChat's `ref_date`): date specs → concrete days, and the per-call windows
 * a range is split into. Pure: no Apps Script or Node globals.
 */

export { beijingHour, beijingToday, beijingYesterday } from './beijing';
export { addDays, daysBetween, isIsoDate } from './calendar';
export { describeDates, type Lang } from './describe';
export { resolveDates } from './resolve';
export type {
  DateNotice,
  DateProblem,
  DateSpec,
  DateWindow,
  DaySpec,
  IsoDate,
  Preset,
  ResolvedDates,
} from './types';
export { MAX_DAYS_BACK, PRESETS } from './types';
export { halveWindow, planWindows } from './windows';
