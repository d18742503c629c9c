/**
 * A small run of `npm run bench` (--smoke: 21 days, 3,000 rows, 20 ms latency): the benchmark runs end to end on the
 * built bundle and every target it judges at that size passes (calls at the minimum, one token, range writes,
 * the naive baseline's rows, an idle tick without WeChat calls). Timing targets need full sizes: npm run bench.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchReport } from '../../dev/bench/types';

const BENCH = join(__dirname, '..', '..', '.build', 'dev', 'bench.js');

describe('npm run bench --smoke', () => {
  let report: BenchReport;
  let output: string;
  let status: number | null;

  beforeAll(() => {
    const json = join(mkdtempSync(join(tmpdir(), 'bench-')), 'results.json');
    const run = spawnSync(process.execPath, [BENCH, '--smoke', '--json', json], { encoding: 'utf8', timeout: 300_000 });
    output = `${run.stdout}${run.stderr}`;
    status = run.status;
    report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
  }, 330_000);

  it('runs the five scenarios and prints a table with a verdict per target', () => {
    expect(report.scenarios.map((scenario) => scenario.id)).toEqual(['backfill', 'daily', 'merge', 'tick', 'several']);
    expect(output).toMatch(/scenario\s+runs\s+rows\s+calls\/min/);
    expect(output).toMatch(/PASS {2}backfill: WeChat calls = the minimum/);
  });

  it('makes exactly the calls the spans allow, with one token per scenario', () => {
    for (const scenario of report.scenarios) {
      expect(scenario.wechatCalls).toBe(scenario.minimumCalls);
      expect(scenario.tokenCalls).toBeLessThanOrEqual(1);
    }
  });

  it('counts the service calls of every scenario by kind, with round trips and cells, and prints them', () => {
    expect(output).toMatch(/scenario\s+runs\s+service calls\s+Properties/);
    for (const scenario of report.scenarios) {
      const { services } = scenario;
      const byKind = Object.values(services.byKind).reduce((sum, count) => sum + count, 0);
      expect(byKind).toBe(services.calls);
      expect(services.propertyWrites).toBeLessThanOrEqual(services.byKind.properties);
    }
    const daily = report.scenarios.find((scenario) => scenario.id === 'daily')!;
    // One tick: every DataSet's sheet is read and written, the WeChat calls go out in fetchAll round trips.
    expect(daily.services.rounds).toBeGreaterThan(0);
    expect(daily.services.rounds).toBeLessThan(daily.wechatCalls + daily.tokenCalls);
    expect(daily.services.cellsWritten).toBeGreaterThan(0);
    expect(daily.services.byKind.properties).toBeGreaterThan(0);
    const tick = report.scenarios.find((scenario) => scenario.id === 'tick')!;
    expect(tick.services.rounds).toBe(0);
    // Modelled Apps Script time: what the cost profile charged, by kind; an execution's start-up is in every one.
    expect(output).toMatch(/Modelled Apps Script time/);
    for (const scenario of report.scenarios) {
      const byKind = Object.values(scenario.modelled.byKind).reduce((sum, ms) => sum + ms, 0);
      expect(byKind).toBeCloseTo(scenario.modelled.totalMs, 3);
      expect(scenario.modelled.byKind.startup).toBeGreaterThanOrEqual(300);
    }
    expect(daily.modelled.byKind.urlfetch).toBe(daily.services.rounds * 600);
    // Wall times are information, never a verdict.
    expect(report.targets.some((target) => /wall time|slowest idle tick|CPU of/.test(target.name))).toBe(false);
  });

  it('runs nine DataSets of "Run now on several" in the ideal number of round trips', () => {
    const several = report.scenarios.find((scenario) => scenario.id === 'several')!;
    expect(several.runs).toBe(9);
    expect(several.wechatCalls).toBe(several.minimumCalls);
    expect(several.services.rounds).toBe(Number(several.extra['ideal round trips']));
  });

  it('has the naive baseline write the same rows as the add-on', () => {
    const backfill = report.scenarios.find((scenario) => scenario.id === 'backfill');
    expect(backfill?.naive?.rows).toBe(backfill?.rows);
  });

  it('meets every target it judges, and exits 0', () => {
    expect(report.targets.filter((target) => !target.pass)).toEqual([]);
    expect(status).toBe(0);
  });
});
