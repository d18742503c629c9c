/**
 * The least the WeChat API allows: calls = ⌈days ÷ max span⌉ per report over the dates the engine must fetch, and
 * the network floor of a run = the fetchAll rounds those calls need × latency.
 */
import { addDays, daysBetween } from '../../src/dates';
import { getReport } from '../../src/reports';
import type { ReportDefinition } from '../../src/reports/types';
import { DEFAULT_TRANSPORT_OPTIONS } from '../../src/wechat/transport';

/** Calls the add-on sends in one UrlFetchApp.fetchAll. */
export const ADDON_BATCH_SIZE = DEFAULT_TRANSPORT_OPTIONS.concurrency;

export function reportOf(reportId: string): ReportDefinition {
  const report = getReport(reportId);
  if (!report) throw new Error(`unknown report ${reportId}`);
  return report;
}

export function dayCount(start: string, end: string): number {
  return daysBetween(start, end) + 1;
}

export function minimumCalls(reportId: string, days: number): number {
  return Math.ceil(days / reportOf(reportId).maxSpanDays);
}

/**
 * The first date an Append refresh must fetch: the day after the last complete one is new, and the report's
 * restatement window before it is fetched again because WeChat still revises those days.
 */
export function appendStart(reportId: string, lastCompleteDate: string): string {
  return addDays(lastCompleteDate, -reportOf(reportId).restatementDays);
}

/** fetchAll rounds of one run: the add-on's batches, each as parallel as the emulated fetchAll allows. */
export function roundsFor(calls: number, concurrency: number): number {
  const perBatch = (size: number) => Math.ceil(size / Math.max(1, Math.min(concurrency, ADDON_BATCH_SIZE)));
  const full = Math.floor(calls / ADDON_BATCH_SIZE);
  const rest = calls % ADDON_BATCH_SIZE;
  return full * perBatch(ADDON_BATCH_SIZE) + (rest > 0 ? perBatch(rest) : 0);
}

export interface NetworkModel {
  latencyMs: number;
  concurrency: number;
}

/** Each DataSet run stands alone (its own batches), and a token fetch is one more round trip. */
export function networkFloorMs(callsPerRun: readonly number[], tokenCalls: number, model: NetworkModel): number {
  const rounds = callsPerRun.reduce((total, calls) => total + roundsFor(calls, model.concurrency), 0);
  return (rounds + tokenCalls) * model.latencyMs;
}

/** The shorthand: calls ÷ concurrency × latency, as if every call of the scenario shared one queue. */
export function formulaIdealMs(calls: number, model: NetworkModel): number {
  return (calls / Math.min(model.concurrency, ADDON_BATCH_SIZE)) * model.latencyMs;
}
