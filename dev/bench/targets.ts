/**
 * The targets, judged on counts only (calls, round trips, service calls by kind, cells), which the same run gives
 * on any machine under any load, so a verdict cannot flip. Wall and CPU times are printed as information, with the
 * machine's load beside them (report.ts). A smoke run judges only what does not depend on size.
 */
import { getReport } from '../../src/reports';
import { tableColumns } from '../../src/reports/table';
import { SHARED_RUNS } from '../../src/schedule/tick';
import { CLASSIC_REPORTS } from './scenarios/common';
import type { ScenarioResult, SizeFigures, TargetResult } from './types';

/** Issue 13's per-run service-call budget (docs/performance.md). */
export const SERVICE_BUDGET = {
  /** Per DataSet in a scheduled daily Append run: one read of what it needs, one write of its state and history. */
  propertiesPerDataSet: 3,
  sheetsPerDataSet: 12,
  /** An idle tick (nothing due): service calls in all, and no write. */
  idleTickCalls: 3,
};

/**
 * Issue 13's modelled-time targets, under the realistic cost profile (dev/gas/costs.ts): the daily tick of 20
 * DataSets and the 365-day backfill of the nine reports, judged at those sizes (other sizes print the figure).
 */
export const MODELLED_TARGETS = {
  daily: { runs: 20, limitMs: 15_000 },
  backfill: { days: 365, limitMs: 90_000 },
};

/** Columns of the widest of the nine classic reports' tables. */
const WIDEST_TABLE = Math.max(...CLASSIC_REPORTS.map((id) => tableColumns(getReport(id)!, 'en').length));

export const LIMITS = {
  naiveSpeedup: 10,
  rangeWritesPerRun: 3,
  /**
   * A big write's number formats sent by group of columns: at most one per column of the widest table, plus the
   * header row's.
   * Their number depends on the columns only, never on the rows.
   */
  formatWritesByColumnPerRun: WIDEST_TABLE + 1,
  codeJsBytes: 250_000,
  /**
   * The one-file sidebar (script, style and every word of both languages). 120 KB until the sidebar carried the
   * English and Chinese text of every server code itself (issue 14: it translates code + params, never English);
   * about 41 KB gzipped as served.
   */
  sidebarHtmlBytes: 135_000,
};

export interface JudgeContext {
  smoke: boolean;
  mergeRows: number;
  /** Days of the backfill scenario (its modelled-time target is judged at 365). */
  backfillDays?: number;
  /** Judge the service-call budget in a smoke run too (counts do not depend on size per DataSet). */
  judgeServiceBudget?: boolean;
}

/** Figures that depend on this machine's speed and load: printed, never judged. */
export function informationLines(scenarios: readonly ScenarioResult[]): string[] {
  const lines: string[] = [];
  for (const scenario of scenarios) {
    const { id } = scenario;
    if (scenario.wallTarget && scenario.idealMs > 0)
      lines.push(
        `${id}: wall time ${seconds(scenario.wallMs)} vs the network ideal ${seconds(scenario.idealMs)} = ${ratio(scenario.wallMs / scenario.idealMs)}×`,
      );
    if (id === 'backfill' && scenario.naive)
      lines.push(
        `backfill: the naive baseline took ${seconds(scenario.naive.wallMs)}, ${(scenario.naive.wallMs / scenario.wallMs).toFixed(1)}× the add-on's wall time`,
      );
    if (id === 'merge')
      lines.push(
        `merge: CPU of the Append run in the add-on's code ${seconds(scenario.cpuMs - scenario.serviceCpuMs)} (process ${seconds(scenario.cpuMs)}, ${seconds(scenario.serviceCpuMs)} inside the emulated services)`,
      );
    if (id === 'tick') lines.push(`tick: slowest idle tick ${scenario.wallMs.toFixed(1)} ms of wall time`);
  }
  return lines;
}

function perRun(value: number, runs: number): string {
  return String(Math.round((value / runs) * 100) / 100);
}

/** The service-call budget of a scheduled daily Append run (issue 13), per DataSet, and an idle tick's. */
export function serviceTargets(scenario: ScenarioResult): TargetResult[] {
  const { services, runs } = scenario;
  if (scenario.id === 'daily' && runs > 0) {
    const groups = Math.ceil(runs / SHARED_RUNS);
    return [
      {
        name: `daily: Properties calls per DataSet (${runs} in one tick)`,
        measured: `${perRun(services.byKind.properties, runs)} (${services.byKind.properties} in all, ${services.propertyWrites} writes)`,
        limit: `≤ ${SERVICE_BUDGET.propertiesPerDataSet}`,
        pass: services.byKind.properties <= SERVICE_BUDGET.propertiesPerDataSet * runs,
      },
      {
        name: `daily: Sheets calls per DataSet (${runs} in one tick)`,
        measured: `${perRun(services.byKind.sheets, runs)} (${services.byKind.sheets} in all; ${services.cellsRead} cells read, ${services.cellsWritten} written)`,
        limit: `≤ ${SERVICE_BUDGET.sheetsPerDataSet}`,
        pass: services.byKind.sheets <= SERVICE_BUDGET.sheetsPerDataSet * runs,
      },
      {
        name: `daily: lock acquisitions (${runs} DataSets of one account run in groups of ${SHARED_RUNS})`,
        measured: String(services.locks),
        limit: `≤ ${groups} (one per group)`,
        pass: services.locks <= groups,
      },
    ];
  }
  if (scenario.id === 'tick') {
    const writes = services.propertyWrites + services.sheetsWrites;
    return [
      {
        name: 'tick: service calls of an idle tick (nothing due)',
        measured: `${services.calls} (Properties ${services.byKind.properties}, Sheets ${services.byKind.sheets}, Lock ${services.byKind.lock}, other ${services.byKind.other})`,
        limit: `≤ ${SERVICE_BUDGET.idleTickCalls}`,
        pass: services.calls <= SERVICE_BUDGET.idleTickCalls,
      },
      {
        name: 'tick: writes of an idle tick',
        measured: `${services.propertyWrites} Properties, ${services.sheetsWrites} Sheets`,
        limit: '0',
        pass: writes === 0,
      },
    ];
  }
  return [];
}

function modelledLine(scenario: ScenarioResult): string {
  const { totalMs, byKind } = scenario.modelled;
  const parts = Object.entries(byKind)
    .filter(([, ms]) => ms >= 1)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, ms]) => `${kind} ${seconds(ms)}`);
  return `${seconds(totalMs)} (${parts.join(', ')})`;
}

/** The modelled Apps Script time of the daily tick and the backfill, at the sizes the issue names. */
function modelledTarget(scenario: ScenarioResult, context: JudgeContext): TargetResult | undefined {
  const { id, modelled } = scenario;
  if (id === 'daily' && scenario.runs === MODELLED_TARGETS.daily.runs)
    return {
      name: `daily: modelled Apps Script time of the tick (${scenario.runs} DataSets)`,
      measured: modelledLine(scenario),
      limit: `≤ ${seconds(MODELLED_TARGETS.daily.limitMs)}`,
      pass: modelled.totalMs <= MODELLED_TARGETS.daily.limitMs,
    };
  if (id === 'backfill' && context.backfillDays === MODELLED_TARGETS.backfill.days)
    return {
      name: `backfill: modelled Apps Script time (${context.backfillDays} days × 9 reports, nine new DataSets, Refresh all from the sidebar)`,
      measured: modelledLine(scenario),
      limit: `≤ ${seconds(MODELLED_TARGETS.backfill.limitMs)}`,
      pass: modelled.totalMs <= MODELLED_TARGETS.backfill.limitMs,
    };
  return undefined;
}

/** Modelled time of every scenario, for the printed information. */
export function modelledLines(scenarios: readonly ScenarioResult[]): string[] {
  return scenarios.map((scenario) => `${scenario.id}: ${modelledLine(scenario)}`);
}

const ratio = (value: number) => value.toFixed(2);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function scenarioTargets(scenario: ScenarioResult, context: JudgeContext): Array<TargetResult | undefined> {
  const { id } = scenario;
  const targets: Array<TargetResult | undefined> = [
    {
      name: `${id}: WeChat calls = the minimum the spans allow`,
      measured: `${scenario.wechatCalls} / ${scenario.minimumCalls}`,
      limit: 'ratio 1.00',
      pass: scenario.wechatCalls === scenario.minimumCalls,
    },
    {
      name: `${id}: at most one token call per account per run`,
      measured: `${scenario.tokenCalls} for ${scenario.accounts} account, ${scenario.maxTokenCallsPerRun} in one run`,
      limit: '≤ 1',
      pass: scenario.tokenCalls <= scenario.accounts && scenario.maxTokenCallsPerRun <= 1,
    },
  ];
  targets.push(...scenario.checks.map((check) => ({ ...check, limit: 'pass' })));
  if (scenario.runs > 0 && id !== 'tick') {
    targets.push({
      name: `${id}: range writes per DataSet run${scenario.rangeWritesExact ? '' : " (one execution's total ÷ runs)"}`,
      measured: String(Math.round(scenario.rangeWritesPerRun * 100) / 100),
      limit: `≤ ${LIMITS.rangeWritesPerRun}`,
      pass: scenario.rangeWritesPerRun <= LIMITS.rangeWritesPerRun,
    });
    targets.push({
      name: `${id}: number formats sent by group of columns per DataSet run (a write whose per-cell formats cost more)`,
      measured: String(Math.round(scenario.formatWritesPerRun * 100) / 100),
      limit: `≤ ${LIMITS.formatWritesByColumnPerRun} (the widest table's columns + its header)`,
      pass: scenario.formatWritesPerRun <= LIMITS.formatWritesByColumnPerRun,
    });
  }
  if (scenario.naive) {
    targets.push({
      name: `${id}: the naive baseline wrote the same rows`,
      measured: `${scenario.naive.rows} / ${scenario.naive.addonRows}`,
      limit: 'equal',
      pass: scenario.naive.rows === scenario.naive.addonRows,
    });
  }
  if (id === 'backfill' && scenario.naive) {
    targets.push({
      name: 'backfill: round trips, the naive baseline ÷ the add-on',
      measured: `${scenario.naive.calls} / ${scenario.services.rounds} = ${(scenario.naive.calls / scenario.services.rounds).toFixed(1)}×`,
      limit: `≥ ${LIMITS.naiveSpeedup}×`,
      pass: scenario.naive.calls >= LIMITS.naiveSpeedup * scenario.services.rounds,
    });
  }
  if (id === 'tick') {
    const fetches = Number(scenario.extra['UrlFetchApp requests'] ?? 0);
    targets.push({
      name: 'tick: no WeChat call when nothing is due',
      measured: `${scenario.wechatCalls} datacube, ${scenario.tokenCalls} token, ${fetches} UrlFetchApp`,
      limit: '0',
      pass: scenario.wechatCalls === 0 && scenario.tokenCalls === 0 && fetches === 0,
    });
  }
  if (!context.smoke || context.judgeServiceBudget) targets.push(...serviceTargets(scenario));
  if (!context.smoke) targets.push(modelledTarget(scenario, context));
  return targets;
}

export function judgeTargets(
  scenarios: readonly ScenarioResult[],
  sizes: SizeFigures,
  context: JudgeContext,
): TargetResult[] {
  const targets = scenarios.flatMap((scenario) => scenarioTargets(scenario, context));
  targets.push(
    {
      name: 'dist/Code.js size',
      measured: kb(sizes.codeJsBytes),
      limit: `< ${kb(LIMITS.codeJsBytes)}`,
      pass: sizes.codeJsBytes < LIMITS.codeJsBytes,
    },
    {
      name: 'dist/sidebar.html size',
      measured: kb(sizes.sidebarHtmlBytes),
      limit: `< ${kb(LIMITS.sidebarHtmlBytes)}`,
      pass: sizes.sidebarHtmlBytes < LIMITS.sidebarHtmlBytes,
    },
  );
  return targets.filter((target): target is TargetResult => target !== undefined);
}
