/**
 * The least the WeChat API allows: calls = ⌈days ÷ max span⌉ per report over the dates the engine must fetch, and
 * the ideal wall time = the fetchAll rounds those calls need × latency.
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

/** fetchAll rounds for calls sent as one queue: the add-on's batches, each as parallel as the emulated fetchAll allows. */
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

/**
 * The ideal: calls ÷ concurrency × latency in whole round trips. Every datacube call of the scenario shares one
 * queue, and the token fetch comes first, since no call can be sent before its token: no client does better.
 */
export function idealMs(calls: number, tokenCalls: number, model: NetworkModel): number {
  return (tokenCalls + roundsFor(calls, model.concurrency)) * model.latencyMs;
}

/** The shorthand taken as a fraction: calls ÷ concurrency × latency, with no token and no partial round. */
export function formulaIdealMs(calls: number, model: NetworkModel): number {
  return (calls / Math.min(model.concurrency, ADDON_BATCH_SIZE)) * model.latencyMs;
}
