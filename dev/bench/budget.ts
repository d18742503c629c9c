/**
 * What the figures mean for a user: how many daily refreshes fit in Apps Script's daily trigger budget, from the
 * modelled Apps Script time (the realistic cost profile), not from this machine's wall time.
 */
import type { ScenarioResult } from './types';

/** Triggers' total runtime per day (apps-script.md §3.1). */
export const TRIGGER_BUDGET_MS = { consumer: 90 * 60_000, workspace: 6 * 3_600_000 };
const TICKS_PER_DAY = 24;

export interface BudgetFigures {
  /** One daily-refreshed DataSet's share of the daily tick. */
  perDataSetMs: number;
  /** The hourly trigger's modelled cost when nothing is due (start-up included), 24 times a day. */
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
  const perDataSetMs = daily.modelled.totalMs / daily.runs;
  const idleTicksPerDayMs = TICKS_PER_DAY * tick.modelled.totalMs;
  const dataSetsWithin = (budgetMs: number) => Math.floor((budgetMs - idleTicksPerDayMs) / perDataSetMs);
  return {
    perDataSetMs,
    idleTicksPerDayMs,
    consumerDataSets: dataSetsWithin(TRIGGER_BUDGET_MS.consumer),
    workspaceDataSets: dataSetsWithin(TRIGGER_BUDGET_MS.workspace),
    ...(backfill ? { backfillShareOfConsumerBudget: backfill.modelled.totalMs / TRIGGER_BUDGET_MS.consumer } : {}),
  };
}
