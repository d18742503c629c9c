import { KEY_PREFIX } from '../../../src/datasets/keys';
import type { DataSetState } from '../../../src/datasets/types';
import { runTick, type TickReport } from '../../../src/schedule/tick';
import {
  type FakeWorld,
  fakeRunDeps,
  NOON_BEIJING,
  seedAccount,
  seedDataSet,
  seedUnfinishedRun,
} from '../../support/fakes';

const HOUR = 3600_000;
const SHANGHAI = { timeZone: 'Asia/Shanghai', offsetAt: () => 8 * HOUR, user: 'ann@example.com' };
const daily9 = { kind: 'daily', hour: 9 } as const;

function world(latencyMs = 0): FakeWorld {
  const w = fakeRunDeps({ wechat: { latencyMs } });
  seedAccount(w.repo);
  return w;
}
const state = (w: FakeWorld, id: string) => w.store.json<DataSetState>(KEY_PREFIX.state + id);

describe('one tick of the hourly trigger', () => {
  it('runs the DataSets whose slot has come, once per slot, and leaves manual ones alone', () => {
    const w = world();
    seedDataSet(w.repo, { id: 'd1', schedule: daily9 });
    seedDataSet(w.repo, { id: 'd2', name: 'Manual', sheetName: 'Manual' });
    const first = runTick(w.deps, SHANGHAI);
    expect(first.ran).toEqual([{ id: 'd1', name: 'Followers', status: 'success' }]);
    expect(state(w, 'd1')?.lastSlotMs).toBe(Date.UTC(2026, 10, 28, 1, 0));
    w.clock.nowMs += HOUR;
    expect(runTick(w.deps, SHANGHAI).ran).toEqual([]);
  });

  it('continues unfinished runs before starting due ones', () => {
    const w = world();
    seedDataSet(w.repo, { id: 'd2', name: 'Unfinished', sheetName: 'Unfinished' });
    seedUnfinishedRun(w.repo, 'd2', NOON_BEIJING - HOUR);
    seedAccount(w.repo, { id: 'a2', name: 'Other' });
    seedDataSet(w.repo, { id: 'd1', name: 'Due', sheetName: 'Due', schedule: daily9, accountId: 'a2' });
    const report = runTick(w.deps, SHANGHAI);
    expect(report.ran.map((run) => run.name)).toEqual(['Unfinished', 'Due']);
  });

  it('skips paused DataSets and accounts whose daily quota is used up', () => {
    const w = world();
    seedDataSet(w.repo, { id: 'd1', schedule: daily9 });
    w.repo.saveState('d1', { consecutiveFailures: 5, paused: { code: 'x', message: 'paused', atMs: 0 } });
    seedAccount(w.repo, { id: 'a2', name: 'Other' });
    seedDataSet(w.repo, { id: 'd2', name: 'Quota', sheetName: 'Quota', accountId: 'a2', schedule: daily9 });
    w.repo.saveUsage('a2', { day: '2026-11-28', calls: 100, quotaUsedApis: ['getusersummary'] });
    const report = runTick(w.deps, SHANGHAI);
    expect(report.ran).toEqual([]);
    expect(w.wechat.datacubeCalls).toHaveLength(0);
  });

  it('leaves what it has no time for to the next tick, and says how much', () => {
    // Each WeChat round trip takes a minute.
    const w = world(60_000);
    for (const id of ['d1', 'd2', 'd3']) {
      seedAccount(w.repo, { id: `acct-${id}`, name: id });
      seedDataSet(w.repo, { id, name: id, sheetName: id, schedule: daily9, accountId: `acct-${id}` });
    }
    const report = runTick(w.deps, SHANGHAI, 150_000);
    // Two minutes a DataSet (token, data); no new one starts with less than 20 s of the 150 s left.
    expect(report.ran.map((run) => run.id)).toEqual(['d1', 'd2']);
    expect(report.deferred).toBe(1);
    expect(w.repo.meta<TickReport>('lastTick')).toEqual(report);
  });

  it('restarts the schedules from now when the time zone changes, instead of catching up', () => {
    const w = world();
    seedDataSet(w.repo, { id: 'd1', schedule: daily9 });
    runTick(w.deps, { ...SHANGHAI, timeZone: 'Asia/Tokyo' });
    w.clock.nowMs += 24 * HOUR;
    const report = runTick(w.deps, SHANGHAI);
    expect(report.ran).toEqual([]);
    expect(state(w, 'd1')?.scheduledAtMs).toBe(w.clock.now());
  });

  it('fetches again, after 08:00 Beijing and at most hourly, a DataSet with days WeChat had not finished', () => {
    const w = world();
    seedDataSet(w.repo, { id: 'd1', schedule: daily9 });
    runTick(w.deps, SHANGHAI);
    w.repo.saveState('d1', { ...state(w, 'd1')!, pendingRetry: true });
    w.clock.nowMs += 30 * 60_000;
    expect(runTick(w.deps, SHANGHAI).ran).toEqual([]);
    w.clock.nowMs += 30 * 60_000;
    expect(runTick(w.deps, SHANGHAI).ran.map((run) => run.id)).toEqual(['d1']);
  });
});
