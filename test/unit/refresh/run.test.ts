/**
 * runDataSet / runDataSets through their injected services (RunDeps over counting fakes): what a run fetches,
 * writes, keeps and records, and how it ends when something stops it.
 */
import { KEY_PREFIX } from '../../../src/datasets/keys';
import type { AccountUsage, DataSetState, RunRecord } from '../../../src/datasets/types';
import { TABLE_READ_REUSE_MS } from '../../../src/refresh/dataset-run';
import type { RunJob } from '../../../src/refresh/job';
import { runDataSet, runDataSets } from '../../../src/refresh/run';
import { type FakeLock, type FakeWorld, fakeRunDeps, seedAccount, seedDataSet } from '../../support/fakes';

const state = (world: FakeWorld, id = 'd1') => world.store.json<DataSetState>(KEY_PREFIX.state + id);
const job = (world: FakeWorld, id = 'd1') => world.store.json<RunJob>(KEY_PREFIX.job + id);
const history = (world: FakeWorld, id = 'd1') => world.store.json<RunRecord[]>(KEY_PREFIX.history + id) ?? [];
const sheetDates = (world: FakeWorld, name = 'Followers') =>
  world.tables.sheets.get(name)?.rows.map((row) => row[0]) ?? [];

function world(options: Parameters<typeof fakeRunDeps>[0] = {}): FakeWorld {
  const made = fakeRunDeps(options);
  seedAccount(made.repo);
  return made;
}

describe('a run that completes', () => {
  it('fetches every window with one token, writes the sheet once and records a success', () => {
    const w = world();
    seedDataSet(w.repo);
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome).toEqual(
      expect.objectContaining({
        ok: true,
        status: 'success',
        rows: 27,
        calls: 4,
        tokenCalls: 1,
        sheetName: 'Followers',
      }),
    );
    expect(w.wechat.datacubeCalls.map((call) => `${call.begin}/${call.end}`)).toEqual([
      '2026-11-01/2026-11-07',
      '2026-11-08/2026-11-14',
      '2026-11-15/2026-11-21',
      '2026-11-22/2026-11-27',
    ]);
    expect(w.wechat.batches).toEqual([1, 4]);
    expect(w.tables.writes).toBe(1);
    expect(sheetDates(w)).toHaveLength(27);
    expect(sheetDates(w)[0]).toBe('2026-11-01');
    expect(history(w).map((run) => [run.status, run.rows, run.calls, run.trigger])).toEqual([
      ['success', 27, 4, 'manual'],
    ]);
    expect(state(w)).toEqual(expect.objectContaining({ lastCompleteDate: '2026-11-27', consecutiveFailures: 0 }));
    expect(job(w)).toBeUndefined();
  });

  it('takes and gives back the lease under the lock, leaving no lease behind', () => {
    const w = world();
    seedDataSet(w.repo);
    runDataSet('d1', 'manual', w.deps);
    expect(w.lock.taken).toBeGreaterThanOrEqual(2);
    expect(w.store.data.has(`${KEY_PREFIX.lease}d1`)).toBe(false);
  });

  it('reads the store once (under the lock that claims the DataSet), plus the token twice (before and under the lock that fetches it) and the call count', () => {
    const w = world();
    seedDataSet(w.repo);
    w.store.calls.get = 0;
    w.store.calls.all = 0;
    runDataSet('d1', 'manual', w.deps);
    expect(w.store.calls).toEqual(expect.objectContaining({ all: 1, get: 3 }));
  });

  it('counts the calls against the account for the Beijing day', () => {
    const w = world();
    seedDataSet(w.repo);
    runDataSet('d1', 'manual', w.deps);
    expect(w.store.json<AccountUsage>(`${KEY_PREFIX.usage}a1`)).toEqual({ day: '2026-11-28', calls: 4 });
  });

  it('shares batches and one token between the DataSets of one account', () => {
    const w = world();
    seedDataSet(w.repo);
    seedDataSet(w.repo, { id: 'd2', name: 'Second', sheetName: 'Second' });
    const outcomes = runDataSets([{ dataSetId: 'd1' }, { dataSetId: 'd2' }], 'schedule', w.deps);
    expect(outcomes.map((outcome) => [outcome.status, outcome.rows, outcome.tokenCalls])).toEqual([
      ['success', 27, 1],
      ['success', 27, 0],
    ]);
    expect(w.wechat.tokensIssued).toBe(1);
    expect(w.wechat.batches).toEqual([1, 8]);
    expect(sheetDates(w, 'Second')).toHaveLength(27);
  });

  it('on Append, fetches again only from the last complete day minus the restatement window', () => {
    const w = world();
    seedDataSet(w.repo, { updateMethod: 'append' });
    runDataSet('d1', 'manual', w.deps);
    w.clock.nowMs += 24 * 3600_000;
    w.wechat.datacubeCalls.length = 0;
    seedDataSet(w.repo, {
      updateMethod: 'append',
      dates: { mode: 'range', start: { kind: 'date', date: '2026-11-01' }, end: { kind: 'daysBack', days: 1 } },
    });
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome.status).toBe('success');
    // user_summary restates 3 days: 2026-11-24 → 2026-11-28 in one call, the rows before it kept.
    expect(w.wechat.datacubeCalls.map((call) => `${call.begin}/${call.end}`)).toEqual(['2026-11-24/2026-11-28']);
    expect(sheetDates(w)).toHaveLength(28);
  });

  it('reads its table once: the header check before the fetch serves the merge after it, while it is recent', () => {
    const w = world({ wechat: { latencyMs: 5_000 } });
    seedDataSet(w.repo);
    expect(runDataSet('d1', 'manual', w.deps).status).toBe('success');
    expect(w.tables.reads).toEqual([{ sheetName: 'Followers', again: false }]);
  });

  it('reads its table again before the merge when the fetch took longer than TABLE_READ_REUSE_MS', () => {
    // Four windows in two batches (one token call first): 3 round trips of 20 s, 60 s after the header check.
    const w = world({ wechat: { latencyMs: 20_000 } });
    seedDataSet(w.repo);
    expect(3 * 20_000).toBeGreaterThan(TABLE_READ_REUSE_MS);
    expect(runDataSet('d1', 'manual', w.deps).status).toBe('success');
    expect(w.tables.reads).toEqual([
      { sheetName: 'Followers', again: false },
      { sheetName: 'Followers', again: true },
    ]);
  });
});

describe('a run that does not finish in one execution', () => {
  it('stops at its deadline, stages the rows out of sight, and publishes when the next call brings the rest', () => {
    const w = world({ wechat: { latencyMs: 30_000 } });
    seedDataSet(w.repo);
    w.deps.transport = { concurrency: 2, maxAttempts: 1, backoffMs: 100 };
    const first = runDataSet('d1', 'manual', w.deps, { deadlineMs: w.clock.now() + 45_000 });
    expect(first).toEqual(expect.objectContaining({ ok: true, status: 'running', code: 'continuing', calls: 2 }));
    expect(first.progress).toEqual({ windowsDone: 2, windowsTotal: 4, rows: 14 });
    expect(w.tables.writes).toBe(0);
    expect(w.tables.staged.get('d1')).toHaveLength(14);
    expect(job(w)?.windowsLeft).toEqual([{ from: '2026-11-15', to: '2026-11-27', span: 7 }]);

    const second = runDataSet('d1', 'manual', w.deps, { deadlineMs: w.clock.now() + 45_000 });
    expect(second).toEqual(expect.objectContaining({ status: 'success', rows: 27, calls: 4 }));
    expect(sheetDates(w)).toHaveLength(27);
    expect(w.tables.staged.has('d1')).toBe(false);
    expect(job(w)).toBeUndefined();
    // The chunks are one run in the history.
    expect(history(w).map((run) => [run.status, run.calls])).toEqual([['success', 4]]);
  });

  it("carries the rest over to tomorrow when the account's daily call budget is used", () => {
    const w = world();
    seedAccount(w.repo, { dailyCallBudget: 3 });
    seedDataSet(w.repo);
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome).toEqual(expect.objectContaining({ status: 'running', code: 'call_budget', calls: 3 }));
    expect(outcome.message).toMatch(/daily call budget of this account \(3 calls\)/);
    expect(w.tables.writes).toBe(0);
    const again = runDataSet('d1', 'manual', w.deps);
    expect(again).toEqual(expect.objectContaining({ status: 'running', code: 'call_budget', calls: 0 }));
    expect(w.wechat.datacubeCalls).toHaveLength(3);
  });
});

describe('a run that fails', () => {
  it('keeps what it fetched before an error that passes, and the next run continues from the window that failed', () => {
    let busy = true;
    const w = world({
      wechat: {
        datacube: ({ begin }) => (busy && begin === '2026-11-22' ? { errcode: -1, errmsg: 'system error' } : undefined),
      },
    });
    seedDataSet(w.repo);
    const failed = runDataSet('d1', 'manual', w.deps);
    expect(failed).toEqual(expect.objectContaining({ ok: false, status: 'failed', code: 'wechat_busy' }));
    expect(failed.message).toMatch(/rows fetched so far are kept/);
    expect(w.tables.writes).toBe(0);
    expect(job(w)?.windowsLeft).toEqual([{ from: '2026-11-22', to: '2026-11-27', span: 6 }]);

    busy = false;
    w.wechat.datacubeCalls.length = 0;
    const resumed = runDataSet('d1', 'manual', w.deps);
    expect(resumed).toEqual(expect.objectContaining({ status: 'success', rows: 27 }));
    expect(w.wechat.datacubeCalls.map((call) => call.begin)).toEqual(['2026-11-22']);
  });

  it('keeps the unfinished run when WeChat rejects even a token fetched again (another system refreshes it)', () => {
    const w = world({
      wechat: { datacube: ({ index }) => (index >= 2 ? { errcode: 40001, errmsg: 'invalid credential' } : undefined) },
    });
    seedDataSet(w.repo);
    w.deps.transport = { concurrency: 2, maxAttempts: 1, backoffMs: 100 };
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'wechat_token_invalid' }));
    expect(w.wechat.tokensIssued).toBe(2);
    expect(w.tables.staged.get('d1')).toHaveLength(14);
    expect(job(w)?.windowsLeft).toEqual([{ from: '2026-11-15', to: '2026-11-27', span: 7 }]);
  });

  it('leaves the sheet as it was and drops the unfinished run on an error that fails', () => {
    const w = world({ wechat: { datacube: () => ({ errcode: 47009, errmsg: 'api offline' }) } });
    seedDataSet(w.repo);
    // The DataSet's own table (it wrote this sheet), with a header edited by hand: a Replace may rewrite it.
    w.repo.saveState('d1', { consecutiveFailures: 0, sheet: 'Followers' });
    w.tables.sheets.set('Followers', { header: ['mine'], rows: [['kept']] });
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'wechat_retired' }));
    expect(w.tables.sheets.get('Followers')).toEqual({ header: ['mine'], rows: [['kept']] });
    expect(job(w)).toBeUndefined();
    expect(history(w)[0]).toEqual(expect.objectContaining({ status: 'failed', code: 'wechat_retired' }));
  });

  it('pauses a scheduled DataSet at once when the user must fix something, and emails once a day', () => {
    const w = world({ wechat: { datacube: () => ({ errcode: 47009, errmsg: 'api offline' }) } });
    seedDataSet(w.repo, { notifyOnFailure: true });
    runDataSet('d1', 'schedule', w.deps);
    runDataSet('d1', 'schedule', w.deps);
    expect(state(w)?.paused).toEqual(expect.objectContaining({ code: 'wechat_retired' }));
    expect(w.mail.sent).toHaveLength(1);
    expect(w.mail.sent[0]?.subject).toBe('WeChat Analytics: "Followers" failed to refresh');
    expect(w.mail.sent[0]?.body).toMatch(/paused until you resume it/);
  });

  it('pauses a scheduled DataSet after five failures in a row, but never a manual one', () => {
    const w = world({ wechat: { datacube: () => ({ errcode: 61501, errmsg: 'date range error' }) } });
    seedDataSet(w.repo);
    for (let run = 1; run <= 4; run++) runDataSet('d1', 'schedule', w.deps);
    expect(state(w)).toEqual(expect.objectContaining({ consecutiveFailures: 4 }));
    expect(state(w)?.paused).toBeUndefined();
    runDataSet('d1', 'manual', w.deps);
    expect(state(w)?.paused).toBeUndefined();
    runDataSet('d1', 'schedule', w.deps);
    expect(state(w)?.paused).toEqual(expect.objectContaining({ code: 'wechat_date_range' }));
  });

  it('waits for tomorrow on the daily quota (45009) without counting a failure, and calls WeChat no more today', () => {
    const w = world({ wechat: { datacube: () => ({ errcode: 45009, errmsg: 'reach max api daily quota limit' }) } });
    seedDataSet(w.repo);
    const first = runDataSet('d1', 'schedule', w.deps);
    expect(first.code).toBe('wechat_daily_quota');
    expect(state(w)?.consecutiveFailures).toBe(0);
    expect(w.store.json<AccountUsage>(`${KEY_PREFIX.usage}a1`)?.quotaUsedApis).toEqual(['getusersummary']);
    const calls = w.wechat.datacubeCalls.length;
    const second = runDataSet('d1', 'schedule', w.deps);
    expect(second.code).toBe('wechat_daily_quota');
    expect(w.wechat.datacubeCalls).toHaveLength(calls);
  });

  it("refuses to overwrite a sheet of the user's own (another header), and writes nothing", () => {
    const w = world();
    seedDataSet(w.repo);
    w.tables.sheets.set('Followers', { header: ['Budget', 'Q1'], rows: [['rent', 100]] });
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'sheet_in_use' }));
    expect(w.tables.writes).toBe(0);
    expect(w.tables.sheets.get('Followers')?.rows).toEqual([['rent', 100]]);
  });

  it('says the account was deleted, and the report unknown, before calling WeChat', () => {
    const w = world();
    seedDataSet(w.repo, { accountId: 'gone' });
    seedDataSet(w.repo, { id: 'd2', reportId: 'no_such_report', sheetName: 'Other' });
    const [noAccount, noReport] = runDataSets([{ dataSetId: 'd1' }, { dataSetId: 'd2' }], 'manual', w.deps);
    expect(noAccount?.code).toBe('unknown_account');
    expect(noReport?.code).toBe('unknown_report');
    expect(w.wechat.datacubeCalls).toHaveLength(0);
  });

  it('answers unknown_dataset for a DataSet that no longer exists, and leaves no lease behind', () => {
    const w = world();
    const outcome = runDataSet('gone', 'manual', w.deps);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'unknown_dataset' }));
    expect([...w.store.data.keys()].filter((key) => key.startsWith(KEY_PREFIX.lease))).toEqual([]);
  });

  it('redacts the secret from a message that would carry it', () => {
    const w = world();
    seedDataSet(w.repo);
    w.wechat.broken = new Error('socket closed while sending S3cretS3cretS3cretS3cretS3cret01');
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome.code).toBe('unexpected');
    expect(outcome.message).not.toContain('S3cretS3cret');
  });
});

describe('one run of a DataSet at a time', () => {
  it('does not start a DataSet another execution is running, and says so', () => {
    const w = world();
    seedDataSet(w.repo);
    w.store.set(`${KEY_PREFIX.lease}d1`, JSON.stringify({ owner: 'other', untilMs: w.clock.now() + 60_000 }));
    const outcome = runDataSet('d1', 'manual', w.deps, { leaseWaitMs: 0 });
    expect(outcome).toEqual(expect.objectContaining({ ok: false, status: 'busy', code: 'already_running' }));
    expect(outcome.message).toMatch(/"Followers" is already running/);
    expect(w.wechat.datacubeCalls).toHaveLength(0);
  });

  it('says the store is full when it cannot even take the lease', () => {
    const w = world();
    seedDataSet(w.repo);
    w.store.full = true;
    const outcome = runDataSet('d1', 'manual', w.deps);
    expect(outcome).toEqual(expect.objectContaining({ ok: false, code: 'storage_full', sheetName: 'Followers' }));
  });

  it('gives up waiting when the document lock cannot be had', () => {
    const w = world();
    seedDataSet(w.repo);
    (w.deps.locker as FakeLock).available = false;
    const outcome = runDataSet('d1', 'manual', w.deps, { leaseWaitMs: 3_000 });
    expect(outcome.status).toBe('busy');
    expect(w.clock.sleeps.length).toBeGreaterThan(0);
  });
});
