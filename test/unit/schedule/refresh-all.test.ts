/**
 * "Refresh all now" on the server (src/schedule/refresh-all.ts, src/refresh/refresh-all.ts): the request, the
 * runs of the call that makes it, what the hourly tick runs of what is left, and the view the sidebar draws.
 */
import { KEY_PREFIX } from '../../../src/datasets/keys';
import type { RunRecord } from '../../../src/datasets/types';
import type { RefreshAllRequest } from '../../../src/refresh/refresh-all';
import { continueRefreshAll, currentRefreshAll, startRefreshAll } from '../../../src/schedule/refresh-all';
import { runTick } from '../../../src/schedule/tick';
import { reconcileTrigger, TICK_HANDLER } from '../../../src/schedule/trigger';
import { fakeAppDeps, seedAccount, seedDataSet, seedUnfinishedRun } from '../../support/fakes';

const HOUR = 3600_000;
const SHANGHAI = { timeZone: 'Asia/Shanghai', offsetAt: () => 8 * HOUR, user: 'owner@example.com' };
const history = (w: ReturnType<typeof world>, id: string) => w.store.json<RunRecord[]>(KEY_PREFIX.history + id) ?? [];

/** Three DataSets of two accounts, named so that their order by name is d1, d2, d3. */
function world(latencyMs = 0) {
  const w = fakeAppDeps({ wechat: { latencyMs } });
  seedAccount(w.repo);
  seedAccount(w.repo, { id: 'a2', name: 'Second' });
  seedDataSet(w.repo, { id: 'd3', name: 'C Shares', sheetName: 'C', accountId: 'a2' });
  seedDataSet(w.repo, { id: 'd1', name: 'A Followers', sheetName: 'A' });
  seedDataSet(w.repo, { id: 'd2', name: 'B Followers', sheetName: 'B' });
  return w;
}

describe('startRefreshAll', () => {
  it('runs every DataSet in this execution, one fetch per account, and records manual runs', () => {
    const w = world();
    const run = startRefreshAll(w.deps, 'ann@example.com');
    expect(run.view).toEqual(
      expect.objectContaining({
        by: 'ann@example.com',
        total: 3,
        done: 3,
        succeeded: 3,
        failures: [],
        waitingIds: [],
        runningIds: [],
        finished: true,
      }),
    );
    expect(run.ran).toBe(3);
    expect(run.updatedIds.sort()).toEqual(['d1', 'd2', 'd3']);
    for (const id of ['d1', 'd2', 'd3'])
      expect(history(w, id).map((r) => [r.status, r.trigger])).toEqual([['success', 'manual']]);
    // a1's two DataSets share their token and batches: two tokens for two accounts.
    expect(w.wechat.tokensIssued).toBe(2);
    expect(w.repo.meta<RefreshAllRequest>('refreshAll')?.ids).toEqual(['d1', 'd2', 'd3']);
  });

  it('names each failure with its DataSet and why, and counts the rest as succeeded', () => {
    const w = world();
    seedDataSet(w.repo, { id: 'd4', name: 'D Broken', sheetName: 'D', reportId: 'no_such_report' });
    const { view } = startRefreshAll(w.deps, 'ann@example.com');
    expect(view.total).toBe(4);
    expect(view.succeeded).toBe(3);
    expect(view.failures).toEqual([
      expect.objectContaining({
        id: 'd4',
        name: 'D Broken',
        code: 'unknown_report',
        params: { reportId: 'no_such_report' },
      }),
    ]);
    expect(view.failures[0]!.message).toMatch(/no_such_report/);
    expect(view.finished).toBe(true);
  });

  it('runs a paused DataSet, as Run now does', () => {
    const w = world();
    w.repo.saveState('d2', { consecutiveFailures: 5, paused: { code: 'x', message: 'paused', atMs: 0 } });
    const { view } = startRefreshAll(w.deps, 'ann@example.com');
    expect(view.succeeded).toBe(3);
    expect(history(w, 'd2')[0]?.status).toBe('success');
  });
});

describe('what one execution has no time for', () => {
  it('is left waiting, needs the trigger, and the hourly tick runs it as manual runs', () => {
    // Each WeChat round trip takes a minute: a1's two DataSets take two (token, data) together; then less than
    // the 20 s a run needs to start is left of the 125 s.
    const w = world(60_000);
    const first = startRefreshAll(w.deps, 'ann@example.com', 125_000);
    expect(first.view.finished).toBe(false);
    expect(first.view.done).toBe(2);
    expect(first.view.waitingIds).toEqual(['d3']);
    expect(w.store.data.has(`${KEY_PREFIX.job}d3`)).toBe(false);

    // The sidebar is closed: the trigger must exist to run the rest.
    const info = reconcileTrigger(w.app, 'ann@example.com', w.clock.now());
    expect(info.needed).toBe(true);
    expect(w.triggers.handlers).toEqual([TICK_HANDLER]);

    w.clock.nowMs += HOUR;
    const tick = runTick(w.deps, SHANGHAI);
    expect(tick.ran.map((run) => [run.id, run.status])).toEqual([['d3', 'success']]);
    expect(history(w, 'd3').map((r) => r.trigger)).toEqual(['manual']);
    w.repo.load();
    expect(currentRefreshAll(w.deps)).toEqual(expect.objectContaining({ done: 3, succeeded: 3, finished: true }));
    // Nothing is left for the trigger to do.
    expect(reconcileTrigger(w.app, 'ann@example.com', w.clock.now()).needed).toBe(false);
  });

  it('is run by continueRefreshAll, which says how many runs it made', () => {
    const w = world(60_000);
    startRefreshAll(w.deps, 'ann@example.com', 125_000);
    const next = continueRefreshAll(w.deps);
    expect(next?.ran).toBe(1);
    expect(next?.view).toEqual(expect.objectContaining({ done: 3, finished: true }));
    const again = continueRefreshAll(w.deps);
    expect(again?.ran).toBe(0);
  });

  it('is not run on the request’s behalf after a day (a manual DataSet is left alone)', () => {
    const w = world(60_000);
    startRefreshAll(w.deps, 'ann@example.com', 125_000);
    w.clock.nowMs += 25 * HOUR;
    expect(runTick(w.deps, SHANGHAI).ran).toEqual([]);
    w.repo.load();
    expect(currentRefreshAll(w.deps)).toBeUndefined();
  });
});

describe('continueRefreshAll', () => {
  it('answers undefined when nothing was asked for', () => {
    const w = world();
    expect(continueRefreshAll(w.deps)).toBeUndefined();
  });

  it('leaves a DataSet another execution holds to it: not counted as run, still waiting', () => {
    const w = world();
    w.repo.saveLease('d2', { owner: 'another-execution', untilMs: w.clock.now() + 60_000 });
    const run = startRefreshAll(w.deps, 'ann@example.com');
    expect(run.ran).toBe(2);
    expect(run.view.waitingIds).toEqual(['d2']);
    expect(run.view.finished).toBe(false);
  });
});

describe('a run that fails before it can write its history', () => {
  it('is counted as failed, with why, instead of waited for', () => {
    const w = world();
    w.repo.saveLease('d2', { owner: 'another-execution', untilMs: w.clock.now() + 60_000 });
    startRefreshAll(w.deps, 'ann@example.com');
    // The other execution died; meanwhile the document's store filled up: d2's run cannot even mark itself.
    w.clock.nowMs += 120_000;
    w.store.full = true;
    const run = continueRefreshAll(w.deps);
    expect(history(w, 'd2')).toEqual([]);
    expect(run?.view.failures.map((failure) => [failure.id, failure.code])).toEqual([['d2', 'storage_full']]);
    expect(run?.view.finished).toBe(true);
  });
});

describe('a finished request', () => {
  it('stays finished when a DataSet is run again afterwards, even by a run still going', () => {
    const w = world();
    startRefreshAll(w.deps, 'ann@example.com');
    w.clock.nowMs += HOUR;
    seedUnfinishedRun(w.repo, 'd2', w.clock.now());
    w.repo.load();
    expect(currentRefreshAll(w.deps)).toEqual(expect.objectContaining({ done: 3, finished: true, waitingIds: [] }));
    expect(continueRefreshAll(w.deps)?.ran).toBe(0);
  });
});
