/** DateSpec → concrete Beijing dates, with the problems a user must fix and the changes made for them. */

import type { MessageParams, ProblemCode } from '../messages/codes';
import { say } from '../messages/en';
import { beijingToday } from './beijing';
import { addDays, daysBetween, firstOfMonth, isIsoDate, lastOfPreviousMonth } from './calendar';
import { PRESET_LABELS } from './describe';
import {
  type DateNotice,
  type DateProblem,
  type DateSpec,
  type DaySpec,
  type IsoDate,
  MAX_DAYS_BACK,
  PRESETS,
  type Preset,
  type ResolvedDates,
} from './types';

/** Which input a date came from; problems about that date name this field. */
type DateRole = 'day' | 'start' | 'end' | 'preset';

interface RequestedDay {
  date: IsoDate;
  role: DateRole;
  /** The spec as written, for messages ("2026-11-18 (10 days back)"); absent for presets. */
  spec?: DaySpec;
}

interface RequestedRange {
  start: RequestedDay;
  end: RequestedDay;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; problems: DateProblem[] };

interface Context {
  today: IsoDate;
  yesterday: IsoDate;
}

/**
 * Resolves a spec against the Beijing calendar at `nowMs`. An end date of today or later is moved back to
 * yesterday (with a notice); everything else that cannot be fetched is a problem naming the field to fix.
 */
export function resolveDates(spec: DateSpec, nowMs: number, limits: { earliestDate: IsoDate }): ResolvedDates {
  if (!isIsoDate(limits.earliestDate)) {
    throw new RangeError(`resolveDates: earliestDate must be YYYY-MM-DD, got ${String(limits.earliestDate)}`);
  }
  const today = beijingToday(nowMs);
  const context: Context = { today, yesterday: addDays(today, -1) };
  const requested = requestRange(spec, context);
  if (!requested.ok) return requested;
  return checkRange(requested.value, context, limits.earliestDate);
}

function requestRange(spec: DateSpec, context: Context): Outcome<RequestedRange> {
  switch (spec.mode) {
    case 'single': {
      const day = requestDay(spec.day, 'day', context);
      return day.ok ? { ok: true, value: { start: day.value, end: day.value } } : day;
    }
    case 'range': {
      const start = requestDay(spec.start, 'start', context);
      const end = requestDay(spec.end, 'end', context);
      if (start.ok && end.ok) return { ok: true, value: { start: start.value, end: end.value } };
      return { ok: false, problems: [...problemsOf(start), ...problemsOf(end)] };
    }
    case 'preset':
      return requestPreset(spec.preset, context);
    default:
      return fail(unknownModeProblem((spec as { mode: unknown }).mode));
  }
}

function requestDay(spec: DaySpec, role: 'day' | 'start' | 'end', context: Context): Outcome<RequestedDay> {
  if (spec?.kind === 'daysBack') {
    if (!isValidDaysBack(spec.days)) return fail(daysBackProblem(spec.days, role));
    return { ok: true, value: { date: addDays(context.today, -spec.days), role, spec } };
  }
  const date: unknown = spec?.date;
  if (!isIsoDate(date)) return fail(dateFormatProblem(date, role, context));
  return { ok: true, value: { date, role, spec } };
}

function isValidDaysBack(days: unknown): days is number {
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_DAYS_BACK;
}

function requestPreset(preset: Preset, context: Context): Outcome<RequestedRange> {
  const { today, yesterday } = context;
  switch (preset) {
    case 'yesterday':
      return presetRange(yesterday, yesterday);
    case 'last7':
      return presetRange(addDays(yesterday, -6), yesterday);
    case 'last30':
      return presetRange(addDays(yesterday, -29), yesterday);
    case 'thisMonth':
      // The month of the newest complete day: on the 1st that is the month just ended, so its final days come in.
      return presetRange(firstOfMonth(yesterday), yesterday);
    case 'lastMonth': {
      const lastDay = lastOfPreviousMonth(today);
      return presetRange(firstOfMonth(lastDay), lastDay);
    }
    default:
      return fail(unknownPresetProblem(preset));
  }
}

function presetRange(start: IsoDate, end: IsoDate): Outcome<RequestedRange> {
  return { ok: true, value: { start: { date: start, role: 'preset' }, end: { date: end, role: 'preset' } } };
}

/**
 * Order, then nothing-to-fetch, then earliest data; only then is the end clamped. Zero-padded ISO dates of
 * 4-digit years compare correctly as strings.
 */
function checkRange(range: RequestedRange, context: Context, earliestDate: IsoDate): ResolvedDates {
  const { start, end } = range;
  if (end.date < start.date) return fail(rangeOrderProblem(start, end));
  if (start.date > context.yesterday) return fail(futureProblem(start, context));
  if (start.date < earliestDate) return fail(beforeEarliestProblem(start, earliestDate));

  const notices: DateNotice[] = [];
  let endDate = end.date;
  if (endDate > context.yesterday) {
    notices.push(clampedNotice(endDate, context.yesterday));
    endDate = context.yesterday;
  }
  return { ok: true, start: start.date, end: endDate, days: daysBetween(start.date, endDate) + 1, notices };
}

function fail(problem: DateProblem): { ok: false; problems: DateProblem[] } {
  return { ok: false, problems: [problem] };
}

function problemsOf<T>(outcome: Outcome<T>): DateProblem[] {
  return outcome.ok ? [] : outcome.problems;
}

// ---- Problems and notices (code + params; messages/en.ts writes the English) ----

/** A requested day as the messages name it: its date, and its days back when it was written that way. */
function dayFacts(day: RequestedDay): { role: DateRole; date: IsoDate; daysBack?: number } {
  return day.spec?.kind === 'daysBack'
    ? { role: day.role, date: day.date, daysBack: day.spec.days }
    : { role: day.role, date: day.date };
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || value === undefined) return String(value);
  return JSON.stringify(value) ?? String(value);
}

function dateProblem<C extends ProblemCode>(field: string, code: C, params: MessageParams[C]): DateProblem {
  return { field, ...say(code, params) } as DateProblem;
}

function dateFormatProblem(value: unknown, role: 'day' | 'start' | 'end', context: Context): DateProblem {
  return dateProblem(role, 'date_format', { role, value: showValue(value), example: firstOfMonth(context.yesterday) });
}

function daysBackProblem(value: unknown, role: 'day' | 'start' | 'end'): DateProblem {
  // 0 (today) is accepted, since an end of today is clamped, but it is never useful advice.
  return dateProblem(`${role}.days`, 'days_back', { role, value: showValue(value), min: 1, max: MAX_DAYS_BACK });
}

function rangeOrderProblem(start: RequestedDay, end: RequestedDay): DateProblem {
  return dateProblem('end', 'range_order', { start: dayFacts(start), end: dayFacts(end) });
}

function futureProblem(start: RequestedDay, context: Context): DateProblem {
  return dateProblem(start.role, 'future', { requested: dayFacts(start), yesterday: context.yesterday });
}

function beforeEarliestProblem(start: RequestedDay, earliestDate: IsoDate): DateProblem {
  return dateProblem(start.role, 'before_earliest', { requested: dayFacts(start), earliest: earliestDate });
}

function unknownPresetProblem(preset: unknown): DateProblem {
  const choices = PRESETS.map((known) => PRESET_LABELS[known].en);
  return dateProblem('preset', 'unknown_preset', { value: showValue(preset), choices });
}

function unknownModeProblem(mode: unknown): DateProblem {
  return dateProblem('mode', 'unknown_mode', { value: showValue(mode) });
}

function clampedNotice(from: IsoDate, yesterday: IsoDate): DateNotice {
  return say('clamped_to_yesterday', { from, to: yesterday });
}
