/** The targets, judged on the measured figures. A smoke run judges only what does not depend on size or timing. */
import type { ScenarioResult, SizeFigures, TargetResult } from './types';

export const LIMITS = {
  wallOverIdeal: 1.3,
  naiveSpeedup: 10,
  rangeWritesPerRun: 3,
  mergeCpuMs: 1000,
  mergeRows: 100_000,
  idleTickMs: 50,
  codeJsBytes: 250_000,
  sidebarHtmlBytes: 120_000,
};

export interface JudgeContext {
  smoke: boolean;
  mergeRows: number;
}

const ratio = (value: number) => value.toFixed(2);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function judged(target: TargetResult, applies: boolean): TargetResult | undefined {
  return applies ? target : undefined;
}

function scenarioTargets(scenario: ScenarioResult, context: JudgeContext): Array<TargetResult | undefined> {
  const { id } = scenario;
  const timing = !context.smoke;
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
      name: `${id}: range writes per DataSet run${scenario.rangeWritesExact ? '' : ' (tick total ÷ runs)'}`,
      measured: String(Math.round(scenario.rangeWritesPerRun * 100) / 100),
      limit: `≤ ${LIMITS.rangeWritesPerRun}`,
      pass: scenario.rangeWritesPerRun <= LIMITS.rangeWritesPerRun,
    });
  }
  if (scenario.wallTarget && scenario.idealMs > 0) {
    const over = scenario.wallMs / scenario.idealMs;
    const fraction = scenario.wallMs / scenario.formulaIdealMs;
    const bestFraction = scenario.idealMs / scenario.formulaIdealMs;
    targets.push(
      judged(
        {
          name: `${id}: wall time vs the ideal (calls ÷ concurrency × latency, in whole round trips after the token)`,
          measured: `${seconds(scenario.wallMs)} / ${seconds(scenario.idealMs)} = ${ratio(over)}× (the bare fraction ${seconds(scenario.formulaIdealMs)}: ${ratio(fraction)}×, where no client can do better than ${ratio(bestFraction)}×)`,
          limit: `≤ ${LIMITS.wallOverIdeal}×`,
          pass: over <= LIMITS.wallOverIdeal,
        },
        timing,
      ),
    );
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
    const speedup = scenario.naive.wallMs / scenario.wallMs;
    targets.push(
      judged(
        {
          name: 'backfill: faster than the naive baseline',
          measured: `${seconds(scenario.naive.wallMs)} / ${seconds(scenario.wallMs)} = ${speedup.toFixed(1)}×`,
          limit: `≥ ${LIMITS.naiveSpeedup}×`,
          pass: speedup >= LIMITS.naiveSpeedup,
        },
        timing,
      ),
    );
  }
  if (id === 'merge') {
    const addonCpuMs = scenario.cpuMs - scenario.serviceCpuMs;
    targets.push(
      judged(
        {
          name: `merge: CPU of the Append run on ${Number(scenario.extra['rows before']).toLocaleString('en-US')} rows, in the add-on's code`,
          measured: `${seconds(addonCpuMs)} (process ${seconds(scenario.cpuMs)}, of which ${seconds(scenario.serviceCpuMs)} inside the emulated services)`,
          limit: `< ${seconds(LIMITS.mergeCpuMs)}`,
          pass: addonCpuMs < LIMITS.mergeCpuMs,
        },
        timing && context.mergeRows >= LIMITS.mergeRows,
      ),
    );
  }
  if (id === 'tick') {
    const fetches = Number(scenario.extra['UrlFetchApp requests'] ?? 0);
    targets.push(
      {
        name: 'tick: no WeChat call when nothing is due',
        measured: `${scenario.wechatCalls} datacube, ${scenario.tokenCalls} token, ${fetches} UrlFetchApp`,
        limit: '0',
        pass: scenario.wechatCalls === 0 && scenario.tokenCalls === 0 && fetches === 0,
      },
      judged(
        {
          name: 'tick: slowest idle tick',
          measured: `${scenario.wallMs.toFixed(1)} ms`,
          limit: `< ${LIMITS.idleTickMs} ms`,
          pass: scenario.wallMs < LIMITS.idleTickMs,
        },
        timing,
      ),
    );
  }
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
