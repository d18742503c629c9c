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
    const run = spawnSync(process.execPath, [BENCH, '--smoke', '--json', json], { encoding: 'utf8', timeout: 120_000 });
    output = `${run.stdout}${run.stderr}`;
    status = run.status;
    report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
  }, 150_000);

  it('runs the four scenarios and prints a table with a verdict per target', () => {
    expect(report.scenarios.map((scenario) => scenario.id)).toEqual(['backfill', 'daily', 'merge', 'tick']);
    expect(output).toMatch(/scenario\s+runs\s+rows\s+calls\/min/);
    expect(output).toMatch(/PASS {2}backfill: WeChat calls = the minimum/);
  });

  it('makes exactly the calls the spans allow, with one token per scenario', () => {
    for (const scenario of report.scenarios) {
      expect(scenario.wechatCalls).toBe(scenario.minimumCalls);
      expect(scenario.tokenCalls).toBeLessThanOrEqual(1);
    }
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
