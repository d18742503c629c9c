/**
 * The DataSet form as the user fills it in (strings, every mode's fields kept), and its translation to and from
 * the DataSet the server stores. Pure: no DOM.
 */

import { problem as fieldProblem } from '../src/datasets/problems';
import type { Schedule, UpdateMethod } from '../src/datasets/types';
import { type DaySpec, MAX_DAYS_BACK, type Preset } from '../src/dates/types';
import type { DataSetConfig, DataSetInput, DateSpec, Language, Problem } from '../src/ui/contract';

export type Duration = DateSpec['mode'];
export type DayKind = DaySpec['kind'];
export type DayRole = 'day' | 'start' | 'end';
export type ScheduleKind = Schedule['kind'];
export type HourStep = Extract<Schedule, { kind: 'hours' }>['every'];

export const HOUR_STEPS: readonly HourStep[] = [1, 2, 4, 6, 8, 12];

export interface DayFields {
  kind: DayKind;
  /** YYYY-MM-DD, or '' when not chosen yet. */
  date: string;
  /** As typed; checked before sending. */
  days: string;
}

export interface DataSetForm {
  /** Set once saved: saving again updates the same DataSet. */
  id?: string;
  name: string;
  description: string;
  /** Blank: the DataSet name. */
  sheetName: string;
  /** '' means "add an account" (the Credentials fields are then filled in). */
  accountId: string;
  reportId: string;
  duration: Duration;
  day: DayFields;
  start: DayFields;
  end: DayFields;
  preset: Preset;
  scheduleKind: ScheduleKind;
  every: HourStep;
  hour: number;
  weekday: number;
  updateMethod: UpdateMethod;
  language: Language;
  /** Email the schedule's owner when a scheduled run fails. */
  notifyOnFailure: boolean;
}

function daysBack(days: number): DayFields {
  return { kind: 'daysBack', date: '', days: String(days) };
}

/** A new DataSet: the last 7 complete days (7 days back to 1 day back), run by hand, replacing the table. */
export function blankDataSetForm(defaults: { accountId: string; reportId: string; language: Language }): DataSetForm {
  return {
    name: '',
    description: '',
    sheetName: '',
    accountId: defaults.accountId,
    reportId: defaults.reportId,
    duration: 'range',
    day: daysBack(1),
    start: daysBack(7),
    end: daysBack(1),
    preset: 'last7',
    scheduleKind: 'manual',
    every: 6,
    hour: 9,
    weekday: 1,
    updateMethod: 'replace',
    language: defaults.language,
    notifyOnFailure: false,
  };
}

function dayFieldsOf(spec: DaySpec, fallback: DayFields): DayFields {
  return spec.kind === 'date'
    ? { kind: 'date', date: spec.date, days: fallback.days }
    : { kind: 'daysBack', date: fallback.date, days: String(spec.days) };
}

/** The form showing a saved DataSet. */
export function dataSetFormOf(config: DataSetConfig): DataSetForm {
  const form = blankDataSetForm({ accountId: config.accountId, reportId: config.reportId, language: config.language });
  form.id = config.id;
  form.name = config.name;
  form.description = config.description;
  form.sheetName = config.sheetName;
  form.updateMethod = config.updateMethod;
  form.notifyOnFailure = config.notifyOnFailure === true;
  const dates = config.dates;
  form.duration = dates.mode;
  if (dates.mode === 'single') form.day = dayFieldsOf(dates.day, form.day);
  if (dates.mode === 'range') {
    form.start = dayFieldsOf(dates.start, form.start);
    form.end = dayFieldsOf(dates.end, form.end);
  }
  if (dates.mode === 'preset') form.preset = dates.preset;
  const schedule = config.schedule;
  form.scheduleKind = schedule.kind;
  if (schedule.kind === 'hours') form.every = schedule.every;
  if (schedule.kind === 'daily' || schedule.kind === 'weekly') form.hour = schedule.hour;
  if (schedule.kind === 'weekly') form.weekday = schedule.weekday;
  return form;
}

/** A copy of a saved DataSet, not saved yet: new name, its own sheet. */
export function duplicateForm(config: DataSetConfig, name: string): DataSetForm {
  const form = dataSetFormOf(config);
  delete form.id;
  form.name = name;
  form.sheetName = '';
  return form;
}

/** Whole days back from 1 to MAX_DAYS_BACK, or undefined for anything else ("", "0", "1.5", "-2", "abc"). */
export function parseDaysBack(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= 1 && days <= MAX_DAYS_BACK ? days : undefined;
}

function daySpecOf(fields: DayFields, role: DayRole, problems: Problem[]): DaySpec {
  if (fields.kind === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date)) {
      problems.push(fieldProblem(`dates.${role}`, 'date_format', { role, value: fields.date }));
    }
    return { kind: 'date', date: fields.date };
  }
  const days = parseDaysBack(fields.days);
  if (days === undefined) {
    problems.push(
      fieldProblem(`dates.${role}.days`, 'days_back', { role, value: fields.days.trim(), min: 1, max: MAX_DAYS_BACK }),
    );
  }
  return { kind: 'daysBack', days: days ?? 0 };
}

/** The dates of the form, or the problems that keep them from being sent (the server checks the rest). */
export function dateSpecOf(form: DataSetForm): { ok: true; dates: DateSpec } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  let dates: DateSpec;
  switch (form.duration) {
    case 'single':
      dates = { mode: 'single', day: daySpecOf(form.day, 'day', problems) };
      break;
    case 'range':
      dates = {
        mode: 'range',
        start: daySpecOf(form.start, 'start', problems),
        end: daySpecOf(form.end, 'end', problems),
      };
      break;
    default:
      dates = { mode: 'preset', preset: form.preset };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, dates };
}

export function scheduleOf(form: DataSetForm): Schedule {
  switch (form.scheduleKind) {
    case 'hours':
      return { kind: 'hours', every: form.every };
    case 'daily':
      return { kind: 'daily', hour: form.hour };
    case 'weekly':
      return { kind: 'weekly', weekday: form.weekday, hour: form.hour };
    default:
      return { kind: 'manual' };
  }
}

/**
 * What saveDataSet receives, or the problems found before asking the server: the ones a user can fix without
 * it (blank name, no report, unreadable dates). The server validates everything again.
 */
export function dataSetInputOf(
  form: DataSetForm,
  accountId: string,
): { ok: true; input: DataSetInput } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  if (form.name.trim() === '') problems.push(fieldProblem('name', 'required', {}, 'DataSet name'));
  if (form.reportId === '') problems.push(fieldProblem('reportId', 'unknown_report', {}));
  const dates = dateSpecOf(form);
  if (!dates.ok) problems.push(...dates.problems);
  if (problems.length > 0 || !dates.ok) return { ok: false, problems };
  const input: DataSetInput = {
    name: form.name.trim(),
    description: form.description.trim(),
    accountId,
    reportId: form.reportId,
    dates: dates.dates,
    updateMethod: form.updateMethod,
    sheetName: form.sheetName.trim(),
    schedule: scheduleOf(form),
    language: form.language,
    notifyOnFailure: form.scheduleKind !== 'manual' && form.notifyOnFailure,
  };
  if (form.id) input.id = form.id;
  return { ok: true, input };
}
