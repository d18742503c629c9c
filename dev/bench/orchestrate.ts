/**
 * The parent process: one simulator and one child process per scenario (the naive backfill in nine children at
 * once, one per report, since run one after another it would take eight minutes), then the verdict.
 */
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { addDays, daysBetween } from '../../src/dates';
import type { SimAccount } from '../simulator/simulator';
import { runChild } from './child';
import { type NaiveChildConfig, type NaiveJobResult, naiveJob } from './naive';
import type { BenchOptions } from './options';
import { CODE_JS, SIDEBAR_HTML } from './paths';
import type { BackfillOutput } from './scenarios/backfill';
import { CLASSIC_REPORTS, NOON_BEIJING, type ScenarioConfig } from './scenarios/common';
import { startSimulator } from './simulator';
import { judgeTargets } from './targets';
import { type BenchReport, SCENARIO_IDS, type ScenarioId, type ScenarioResult } from './types';

const CHILD_TIMEOUT_MS = 10 * 60_000;

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A fresh simulator account per scenario, so its counts are its own. */
function accountFor(index: number): SimAccount {
  return {
    appid: `wx00000000000be${String(index).padStart(3, '0')}`,
    secret: `BenchSecret${String(index).padStart(21, '0')}`,
    type: 'china',
    whitelist: ['127.0.0.1'],
  };
}

function scenarioConfig(options: BenchOptions, origin: string, account: SimAccount): ScenarioConfig {
  return {
    network: { origin, nowMs: NOON_BEIJING, latencyMs: options.latencyMs, concurrency: options.concurrency },
    account,
    backfillDays: options.backfillDays,
    mergeRows: options.mergeRows,
    mergeDays: options.mergeDays,
    tickDataSets: options.tickDataSets,
    dailyDataSets: options.dailyDataSets,
    severalDays: options.severalDays,
    tickRepeats: options.tickRepeats,
    naive: options.naive,
  };
}

function datesFrom(start: string, end: string): string[] {
  return Array.from({ length: daysBetween(start, end) + 1 }, (_, index) => addDays(start, index));
}

/** The naive backfill: nine sequential reports measured side by side; its wall time is the sum of theirs. */
async function naiveBackfill(config: ScenarioConfig, output: BackfillOutput): Promise<ScenarioResult['naive']> {
  const days = datesFrom(output.start, output.end);
  const shares = await Promise.all(
    CLASSIC_REPORTS.map((reportId) => {
      const childConfig: NaiveChildConfig = {
        network: config.network,
        jobs: [naiveJob(reportId, config.account, days, `Naive ${reportId}`)],
      };
      return runChild<NaiveJobResult[]>('naive', childConfig, CHILD_TIMEOUT_MS);
    }),
  );
  const results = shares.flat();
  const calls = results.reduce((sum, result) => sum + result.calls, 0);
  const tokenCalls = results.reduce((sum, result) => sum + result.tokenCalls, 0);
  return {
    wallMs: results.reduce((sum, result) => sum + result.wallMs, 0),
    calls,
    rows: results.reduce((sum, result) => sum + result.rows, 0),
    addonRows: Object.values(output.rowsByReport).reduce((sum, rows) => sum + rows, 0),
    floorMs: (calls + tokenCalls) * config.network.latencyMs,
  };
}

async function runScenario(id: ScenarioId, options: BenchOptions, index: number): Promise<ScenarioResult> {
  // The backfill runs the same year of the nine reports four ways (one judged, three as information) and the naive
  // baseline, all on one account on one simulated day: 5 × 365 calls on Article Summary and on Article Total, more
  // than WeChat's default 1,000 a day. The quota is not what the backfill measures, so its account has room for them.
  const account = { ...accountFor(index), ...(id === 'backfill' ? { dailyQuota: 2_000 } : {}) };
  const simulator = await startSimulator([account], NOON_BEIJING, options.latencyMs);
  try {
    const config = scenarioConfig(options, simulator.origin, account);
    process.stderr.write(`bench: ${id}…\n`);
    if (id !== 'backfill') return await runChild<ScenarioResult>(id, config, CHILD_TIMEOUT_MS);
    const output = await runChild<BackfillOutput>('backfill', config, CHILD_TIMEOUT_MS);
    if (!options.naive) return output.result;
    process.stderr.write('bench: naive backfill (nine reports side by side)…\n');
    const naive = await naiveBackfill(config, output);
    return { ...output.result, ...(naive ? { naive } : {}) };
  } finally {
    await simulator.close();
  }
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const scenarios: ScenarioResult[] = [];
  for (const id of options.only) scenarios.push(await runScenario(id, options, SCENARIO_IDS.indexOf(id) + 1));
  const sizes = { codeJsBytes: statSync(CODE_JS).size, sidebarHtmlBytes: statSync(SIDEBAR_HTML).size };
  return {
    startedAt: new Date().toISOString(),
    options: { ...options, only: options.only.join(',') },
    node: process.versions.node,
    cpus: cpus().length,
    loadAverage: { start: round2(loadAtStart), end: round2(loadavg()[0] ?? 0) },
    durationMs: performance.now() - started,
    scenarios,
    sizes,
    targets: judgeTargets(scenarios, sizes, {
      smoke: options.smoke,
      mergeRows: options.mergeRows,
      backfillDays: options.backfillDays,
    }),
  };
}
