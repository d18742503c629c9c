/** Validation of the DataSet form (Details, Scheduling, Name & Describe): field-named problems. */
import { type DateSpec, type DaySpec, PRESETS, resolveDates } from '../dates';
import { STAGING_SHEET_PREFIX } from '../gas/staging-name';
import { getReport } from '../reports';
import { isPlainObject, oneOf, type Problem, problem, requireText, text, type Validated } from './problems';
import type { DataSetConfig, Language, Schedule, UpdateMethod } from './types';

export interface DataSetInput {
  id?: string;
  name: string;
  description?: string;
  accountId: string;
  reportId: string;
  dates: DateSpec;
  updateMethod: UpdateMethod;
  sheetName?: string;
  schedule?: Schedule;
  language?: Language;
  notifyOnFailure?: boolean;
}

export type DataSetFields = Omit<DataSetConfig, 'id' | 'createdAt' | 'updatedAt'>;

export interface DataSetContext {
  nowMs: number;
  accountIds: readonly string[];
  /** Other DataSets (the one being edited excluded), to keep names and sheets unique. */
  others: readonly Pick<DataSetConfig, 'name' | 'sheetName'>[];
}

const HOUR_STEPS = [1, 2, 4, 6, 8, 12] as const;

function daySpec(problems: Problem[], field: string, value: unknown): DaySpec {
  if (!isPlainObject(value)) {
    problems.push(problem(field, 'required', { what: 'day' }));
    return { kind: 'daysBack', days: 1 };
  }
  if (value.kind === 'date') {
    // A real date is 10 characters; a longer text stays invalid when cut, and is not echoed back whole.
    return { kind: 'date', date: typeof value.date === 'string' ? value.date.trim().slice(0, 40) : '' };
  }
  if (value.kind === 'daysBack') {
    const days = typeof value.days === 'string' && value.days.trim() !== '' ? Number(value.days) : value.days;
    return { kind: 'daysBack', days: typeof days === 'number' ? days : Number.NaN };
  }
  problems.push(problem(field, 'invalid_choice', { choices: ['Specific date', 'Days back'] }));
  return { kind: 'daysBack', days: 1 };
}

/** The shape of a DateSpec (modes, day kinds, presets); whether its dates can be fetched is resolveDates' job. */
export function dateSpec(problems: Problem[], value: unknown): DateSpec {
  if (!isPlainObject(value)) {
    problems.push(problem('dates', 'required', { what: 'dates' }));
    return { mode: 'preset', preset: 'yesterday' };
  }
  switch (value.mode) {
    case 'single':
      return { mode: 'single', day: daySpec(problems, 'dates.day', value.day) };
    case 'range':
      return {
        mode: 'range',
        start: daySpec(problems, 'dates.start', value.start),
        end: daySpec(problems, 'dates.end', value.end),
      };
    case 'preset':
      return { mode: 'preset', preset: oneOf(problems, 'dates.preset', 'Preset', value.preset, PRESETS) };
    default:
      problems.push(
        problem('dates.mode', 'invalid_choice', { choices: ['a single date', 'a date range', 'a preset'] }),
      );
      return { mode: 'preset', preset: 'yesterday' };
  }
}

function wholeNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function validateSchedule(problems: Problem[], value: unknown): Schedule {
  if (value === undefined || value === null) return { kind: 'manual' };
  if (!isPlainObject(value)) {
    problems.push(problem('schedule', 'invalid', { expected: 'schedule' }));
    return { kind: 'manual' };
  }
  switch (value.kind) {
    case 'manual':
      return { kind: 'manual' };
    case 'hours':
      if ((HOUR_STEPS as readonly unknown[]).includes(value.every)) {
        return { kind: 'hours', every: value.every as (typeof HOUR_STEPS)[number] };
      }
      problems.push(problem('schedule.every', 'invalid_choice', { choices: HOUR_STEPS.map(String) }));
      return { kind: 'manual' };
    case 'daily':
      if (wholeNumberIn(value.hour, 0, 23)) return { kind: 'daily', hour: value.hour };
      problems.push(problem('schedule.hour', 'invalid_hour', {}));
      return { kind: 'manual' };
    case 'weekly':
      if (!wholeNumberIn(value.weekday, 0, 6)) {
        problems.push(problem('schedule.weekday', 'invalid_weekday', {}));
        return { kind: 'manual' };
      }
      if (!wholeNumberIn(value.hour, 0, 23)) {
        problems.push(problem('schedule.hour', 'invalid_hour', {}));
        return { kind: 'manual' };
      }
      return { kind: 'weekly', weekday: value.weekday, hour: value.hour };
    default:
      problems.push(problem('schedule', 'invalid', { expected: 'schedule' }));
      return { kind: 'manual' };
  }
}

export function validateDataSetInput(input: unknown, context: DataSetContext): Validated<DataSetFields> {
  if (!isPlainObject(input)) return { ok: false, problems: [problem('dataSet', 'invalid', {})] };
  const problems: Problem[] = [];
  const name = requireText(problems, 'name', 'DataSet name', input.name, 100);
  const description = text(input.description) ?? '';
  if (description.length > 500) {
    problems.push(problem('description', 'too_long', { length: description.length, max: 500 }));
  }
  const accountId = text(input.accountId) ?? '';
  if (!context.accountIds.includes(accountId)) {
    problems.push(problem('accountId', 'unknown_account', { of: 'form' }));
  }
  const reportId = text(input.reportId) ?? '';
  const report = getReport(reportId);
  if (!report) problems.push(problem('reportId', 'unknown_report', {}));
  const dates = dateSpec(problems, input.dates);
  if (report && !problems.some((p) => p.field.startsWith('dates'))) {
    const resolved = resolveDates(dates, context.nowMs, { earliestDate: report.earliestDate });
    if (!resolved.ok) {
      for (const p of resolved.problems) problems.push({ ...p, field: `dates.${p.field}` });
    }
  }
  const updateMethod = oneOf(problems, 'updateMethod', 'Update method', input.updateMethod, [
    'replace',
    'append',
  ] as const);
  const sheetName = sheetNameOf(problems, input.sheetName, name);
  const schedule = validateSchedule(problems, input.schedule);
  const language =
    input.language === undefined
      ? 'en'
      : oneOf(problems, 'language', 'Language', input.language, ['en', 'zh'] as const);
  if (input.notifyOnFailure !== undefined && typeof input.notifyOnFailure !== 'boolean') {
    problems.push(problem('notifyOnFailure', 'invalid', { expected: 'on_off' }));
  }
  const notifyOnFailure = input.notifyOnFailure === true;

  for (const other of context.others) {
    if (name && other.name.toLowerCase() === name.toLowerCase()) {
      problems.push(problem('name', 'duplicate_name', { name: other.name, kind: 'dataSet' }));
    }
    if (sheetName && other.sheetName.toLowerCase() === sheetName.toLowerCase()) {
      problems.push(problem('sheetName', 'duplicate_sheet', { dataSet: other.name, sheet: other.sheetName }));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      description,
      accountId,
      reportId,
      dates,
      updateMethod,
      sheetName,
      schedule,
      language,
      notifyOnFailure,
    },
  };
}

function sheetNameOf(problems: Problem[], value: unknown, fallback: string): string {
  const given = text(value);
  const sheetName = given === undefined || given === '' ? fallback : given;
  if (!sheetName) return '';
  if (sheetName.toLowerCase().startsWith(STAGING_SHEET_PREFIX)) {
    problems.push(problem('sheetName', 'sheet_name_reserved', { prefix: STAGING_SHEET_PREFIX }));
  }
  if (sheetName.length > 100) {
    problems.push(problem('sheetName', 'too_long', { length: sheetName.length, max: 100 }));
  }
  if ([...sheetName].some((char) => char.charCodeAt(0) < 32)) {
    problems.push(problem('sheetName', 'sheet_name_format', {}));
  }
  return sheetName;
}
