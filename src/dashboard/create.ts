/**
 * WeChat > New Dashboard: checks the pick (account, dates, language), finds or creates the DataSets the dashboard
 * reads (each an Append on a daily schedule), and records one dashboard per account. Pure planning over the
 * repository; the caller builds the sheet.
 */
import { isPlainObject, oneOf, type Problem, problem, text } from '../datasets/problems';
import type { Repository } from '../datasets/repository';
import type { DataSetConfig, Language, Schedule } from '../datasets/types';
import { dateSpec, validateDataSetInput } from '../datasets/validate-dataset';
import { type DateSpec, resolveDates } from '../dates';
import { getReport } from '../reports';
import { planSources, resolvePeriod, type SourcePlan } from './sources';
import type { DashboardStore } from './storage';
import type { DashboardConfig, SourceRole } from './types';

/** When the source DataSets refresh (spreadsheet time zone): after 08:00 Beijing, when yesterday is complete. */
export const SOURCE_SCHEDULE: Schedule = { kind: 'daily', hour: 9 };

export interface DashboardInput {
  accountId: string;
  dates: DateSpec;
  language?: Language;
}

export interface DashboardPlan {
  dashboard: DashboardConfig;
  /** DataSets to save (new ones); reused ones are only referenced. */
  newDataSets: DataSetConfig[];
}

export type PlanResult = { ok: true; plan: DashboardPlan } | { ok: false; problems: Problem[] };

export interface PlanContext {
  repo: Repository;
  dashboards: DashboardStore;
  nowMs: number;
  newId(prefix: string): string;
  /** Whether the spreadsheet has a sheet of this name (case-insensitive, as Sheets compares them). */
  sheetExists(name: string): boolean;
}

function covers(dataSet: DataSetConfig, plan: SourcePlan, nowMs: number): boolean {
  const report = getReport(plan.reportId);
  if (!report || dataSet.reportId !== plan.reportId || dataSet.updateMethod !== 'append') return false;
  if (dataSet.schedule.kind === 'manual' || dataSet.schedule.kind === 'weekly') return false;
  const limits = { earliestDate: report.earliestDate };
  const have = resolveDates(dataSet.dates, nowMs, limits);
  const need = resolveDates(plan.dates, nowMs, limits);
  return have.ok && need.ok && have.start <= need.start && have.end >= need.end;
}

function uniqueName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base} (${n})`)) return `${base} (${n})`;
}

function validateInput(
  input: unknown,
  repo: Repository,
  nowMs: number,
): { ok: true; value: Required<DashboardInput> } | { ok: false; problems: Problem[] } {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      problems: [problem('dashboard', 'invalid', {})],
    };
  }
  const problems: Problem[] = [];
  const accountId = text(input.accountId) ?? '';
  if (!repo.getAccount(accountId)) {
    problems.push(problem('accountId', 'unknown_account', { of: 'form' }));
  }
  const dates = dateSpec(problems, input.dates);
  const language =
    input.language === undefined
      ? 'en'
      : oneOf(problems, 'language', 'Language', input.language, ['en', 'zh'] as const);
  if (!problems.some((p) => p.field.startsWith('dates'))) {
    const period = resolvePeriod(dates, nowMs);
    if (!period.ok) problems.push(...period.problems.map((p) => ({ ...p, field: 'dates' })));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { accountId, dates, language } };
}

export function planDashboard(input: unknown, context: PlanContext): PlanResult {
  const { repo, nowMs } = context;
  const validated = validateInput(input, repo, nowMs);
  if (!validated.ok) return validated;
  const { accountId, dates, language } = validated.value;
  const account = repo.getAccount(accountId)!;
  const period = resolvePeriod(dates, nowMs);
  if (!period.ok) return { ok: false, problems: period.problems.map((p) => ({ ...p, field: 'dates' })) };

  const existing = repo.listDataSets();
  const newDataSets: DataSetConfig[] = [];
  const all = () => [...existing, ...newDataSets];
  const sources: Partial<Record<SourceRole, string>> = {};
  const problems: Problem[] = [];
  const nowIso = new Date(nowMs).toISOString();
  for (const plan of planSources(dates, period.period, nowMs)) {
    const reused = existing.find((dataSet) => dataSet.accountId === accountId && covers(dataSet, plan, nowMs));
    if (reused) {
      sources[plan.role] = reused.id;
      continue;
    }
    const report = getReport(plan.reportId)!;
    const taken = (name: string) =>
      all().some(
        (other) =>
          other.name.toLowerCase() === name.toLowerCase() || other.sheetName.toLowerCase() === name.toLowerCase(),
      ) || context.sheetExists(name);
    const name = uniqueName(`${account.name} · ${report.label[language]}`.slice(0, 90), taken);
    const validated = validateDataSetInput(
      {
        name,
        accountId,
        reportId: plan.reportId,
        dates: plan.dates,
        updateMethod: 'append',
        schedule: SOURCE_SCHEDULE,
        language,
      },
      { nowMs, accountIds: [accountId], others: all() },
    );
    if (!validated.ok) {
      problems.push(...validated.problems.map((p) => ({ ...p, field: `sources.${plan.role}.${p.field}` })));
      continue;
    }
    const dataSet: DataSetConfig = {
      id: context.newId('d_'),
      ...validated.value,
      description: `Source of the WeChat dashboard of ${account.name}.`,
      createdAt: nowIso,
      updatedAt: nowIso,
    };
    newDataSets.push(dataSet);
    sources[plan.role] = dataSet.id;
  }
  if (problems.length > 0) return { ok: false, problems };

  const previous = context.dashboards.list().find((dashboard) => dashboard.accountId === accountId);
  const sheetTaken = (name: string) =>
    all().some((other) => other.sheetName.toLowerCase() === name.toLowerCase()) || context.sheetExists(name);
  const sheetName =
    previous?.sheetName ??
    uniqueName(`${language === 'zh' ? '看板' : 'Dashboard'} · ${account.name}`.slice(0, 90), sheetTaken);
  const dashboard: DashboardConfig = {
    id: previous?.id ?? context.newId('db_'),
    accountId,
    dates,
    language,
    sheetName,
    sources,
    createdAt: previous?.createdAt ?? nowIso,
  };
  return { ok: true, plan: { dashboard, newDataSets } };
}
