/**
 * The run's planning of its windows (src/refresh/plan.ts), and estimateRuns, which counts with it: hand-counted
 * windows, Append's incremental start, an unfinished run, and an estimate that equals what the run then fetches.
 */
import { estimateRunsWith } from '../../../src/api/estimate';
import type { RunJob } from '../../../src/refresh/job';
import { callsForNextRun, planRunDates } from '../../../src/refresh/plan';
import { runDataSet } from '../../../src/refresh/run';
import { getReport } from '../../../src/reports';
import { fakeAppDeps, seedAccount, seedDataSet, seedUnfinishedRun } from '../../support/fakes';

const NOW = Date.UTC(2026, 10, 28, 4); // 2026-11-28 12:00 Beijing
const userSummary = getReport('user_summary')!;

function app() {
  const world = fakeAppDeps({ nowMs: NOW });
  seedAccount(world.repo);
  return world;
}

describe('planRunDates', () => {
  it("cuts the dates into the report's spans: 27 days of getusersummary (7 a call) are 4 calls", () => {
    const world = app();
    const dataSet = seedDataSet(world.repo);
    const planned = planRunDates(dataSet, userSummary, { nowMs: NOW, tableThere: () => true });
    if (!planned.ok) throw new Error('not planned');
    expect(planned.windows.map((w) => `${w.begin}/${w.end}`)).toEqual([
      '2026-11-01/2026-11-07',
      '2026-11-08/2026-11-14',
      '2026-11-15/2026-11-21',
      '2026-11-22/2026-11-27',
    ]);
  });

  it('a 730-day backfill of an hourly report (1 day a call) is 730 calls', () => {
    const world = app();
    const hourly = getReport('upstream_msg_hour')!;
    const dataSet = seedDataSet(world.repo, {
      reportId: 'upstream_msg_hour',
      dates: { mode: 'range', start: { kind: 'daysBack', days: 730 }, end: { kind: 'daysBack', days: 1 } },
    });
    expect(hourly.maxSpanDays).toBe(1);
    expect(callsForNextRun(dataSet, hourly, undefined, { nowMs: NOW, tableThere: () => true })).toBe(730);
  });

  it('Append starts from the last complete day minus the restatement days, while the sheet has its rows', () => {
    const world = app();
    const dataSet = seedDataSet(world.repo, { updateMethod: 'append' });
    const context = { nowMs: NOW, lastCompleteDate: '2026-11-20' };
    const incremental = planRunDates(dataSet, userSummary, { ...context, tableThere: () => true });
    const start = new Date(Date.parse('2026-11-20T00:00:00Z') - userSummary.restatementDays * 86_400_000);
    expect(incremental.ok && incremental.start).toBe(start.toISOString().slice(0, 10));
    const again = planRunDates(dataSet, userSummary, { ...context, tableThere: () => false });
    expect(again.ok && again.start).toBe('2026-11-01');
    expect(again.ok && again.windows).toHaveLength(4);
  });

  it('Replace ignores the last complete day', () => {
    const world = app();
    const dataSet = seedDataSet(world.repo);
    const planned = planRunDates(dataSet, userSummary, {
      nowMs: NOW,
      lastCompleteDate: '2026-11-20',
      tableThere: () => true,
    });
    expect(planned.ok && planned.start).toBe('2026-11-01');
  });

  it('an unfinished run counts the windows it has left', () => {
    const world = app();
    const dataSet = seedDataSet(world.repo);
    seedUnfinishedRun(world.repo, 'd1', NOW - 60_000);
    const job = world.repo.job<RunJob>('d1');
    expect(callsForNextRun(dataSet, userSummary, job, { nowMs: NOW, tableThere: () => true })).toBe(1);
  });

  it('dates that cannot be resolved make no call', () => {
    const world = app();
    const dataSet = seedDataSet(world.repo, {
      dates: { mode: 'range', start: { kind: 'date', date: '2026-12-01' }, end: { kind: 'date', date: '2026-12-05' } },
    });
    expect(planRunDates(dataSet, userSummary, { nowMs: NOW, tableThere: () => true }).ok).toBe(false);
    expect(callsForNextRun(dataSet, userSummary, undefined, { nowMs: NOW, tableThere: () => true })).toBe(0);
  });
});

describe('estimateRuns', () => {
  it('answers per DataSet the calls its next run then really makes, and their total', () => {
    const world = app();
    seedDataSet(world.repo);
    seedDataSet(world.repo, { id: 'd2', name: 'Messages', sheetName: 'Messages', reportId: 'upstream_msg' });
    const estimate = estimateRunsWith(world.app, ['d1', 'd2', 'd1', 'gone']);
    if (!estimate.ok) throw new Error('refused');
    expect(estimate.dataSets).toEqual([
      { id: 'd1', accountId: 'a1', endpoint: 'getusersummary', calls: 4 },
      { id: 'd2', accountId: 'a1', endpoint: 'getupstreammsg', calls: expect.any(Number) },
    ]);
    expect(estimate.total).toBe(4 + estimate.dataSets[1]!.calls);
    expect(world.wechat.datacubeCalls).toHaveLength(0);
    for (const { id, calls } of estimate.dataSets) {
      const before = world.wechat.datacubeCalls.length;
      runDataSet(id, 'manual', world.deps);
      expect(world.wechat.datacubeCalls.length - before).toBe(calls);
    }
  });

  it("counts an Append's next run after a first one: only the days since, not the whole range again", () => {
    const world = app();
    seedDataSet(world.repo, { updateMethod: 'append' });
    runDataSet('d1', 'manual', world.deps);
    const estimate = estimateRunsWith(world.app, ['d1']);
    const before = world.wechat.datacubeCalls.length;
    runDataSet('d1', 'manual', world.deps);
    expect(estimate.ok && estimate.total).toBe(world.wechat.datacubeCalls.length - before);
    expect(estimate.ok && estimate.total).toBeLessThan(4);
  });
});
