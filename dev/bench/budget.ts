/** What the figures mean for a user: how many daily refreshes fit in Apps Script's daily trigger budget. */
import type { ScenarioResult } from './types';

/** Triggers' total runtime per day (apps-script.md §3.1). */
export const TRIGGER_BUDGET_MS = { consumer: 90 * 60_000, workspace: 6 * 3_600_000 };
const TICKS_PER_DAY = 24;

export interface BudgetFigures {
  /** One daily-refreshed DataSet's share of the daily tick. */
  perDataSetMs: number;
  /** The hourly trigger's cost when nothing is due (tick + script load), 24 times a day. */
  idleTicksPerDayMs: number;
  consumerDataSets: number;
  workspaceDataSets: number;
  /** The year-long backfill of nine reports as a share of a consumer's daily budget. */
  backfillShareOfConsumerBudget?: number;
}

export function budgetFigures(scenarios: readonly ScenarioResult[]): BudgetFigures | undefined {
  const daily = scenarios.find((scenario) => scenario.id === 'daily');
  const tick = scenarios.find((scenario) => scenario.id === 'tick');
  const backfill = scenarios.find((scenario) => scenario.id === 'backfill');
  if (!daily || !tick || daily.runs === 0) return undefined;
  const perDataSetMs = daily.wallMs / daily.runs;
  const load = Number(tick.extra['script load ms (median, not in the tick time)'] ?? 0);
  const idleTicksPerDayMs = TICKS_PER_DAY * (Number(tick.extra['tick ms (median)'] ?? tick.wallMs) + load);
  const dataSetsWithin = (budgetMs: number) => Math.floor((budgetMs - idleTicksPerDayMs) / perDataSetMs);
  return {
    perDataSetMs,
    idleTicksPerDayMs,
    consumerDataSets: dataSetsWithin(TRIGGER_BUDGET_MS.consumer),
    workspaceDataSets: dataSetsWithin(TRIGGER_BUDGET_MS.workspace),
    ...(backfill ? { backfillShareOfConsumerBudget: backfill.wallMs / TRIGGER_BUDGET_MS.consumer } : {}),
  };
}
