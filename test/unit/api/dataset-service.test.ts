import {
  deleteDataSet,
  listDataSets,
  MANUAL_CHUNK_MS,
  previewDates,
  runDataSet,
  saveDataSet,
} from '../../../src/api/dataset-service';
import { KEY_PREFIX } from '../../../src/datasets/keys';
import type { DataSetState } from '../../../src/datasets/types';
import { TICK_HANDLER } from '../../../src/schedule/trigger';
import { type FakeApp, fakeAppDeps, NOON_BEIJING, seedAccount, seedDataSet } from '../../support/fakes';

const input = {
  name: 'Followers',
  accountId: 'a1',
  reportId: 'user_summary',
  dates: { mode: 'range', start: { kind: 'date', date: '2026-11-01' }, end: { kind: 'date', date: '2026-11-27' } },
  updateMethod: 'replace',
};

function world(options: Parameters<typeof fakeAppDeps>[0] = {}): FakeApp {
  const w = fakeAppDeps(options);
  seedAccount(w.repo);
  return w;
}

/** Every round trip to WeChat takes a whole manual chunk, two windows at a time: a run needs several calls. */
function slowWorld(): FakeApp {
  const w = world({ wechat: { latencyMs: MANUAL_CHUNK_MS } });
  w.app.transport = { concurrency: 2, maxAttempts: 1, backoffMs: 100 };
  return w;
}

describe('saving a DataSet', () => {
  it('stores a new DataSet under a new id, stamped, and sets up no trigger for a manual one', () => {
    const w = world();
    const result = saveDataSet(w.app, input);
    expect(result).toEqual({
      ok: true,
      dataSet: expect.objectContaining({
        id: 'd_1',
        name: 'Followers',
        sheetName: 'Followers',
        createdAt: new Date(NOON_BEIJING).toISOString(),
      }),
    });
    expect(w.repo.getDataSet('d_1')?.reportId).toBe('user_summary');
    expect(w.triggers.handlers).toEqual([]);
  });

  it('sets up the hourly trigger for a scheduled DataSet, starting at its next slot', () => {
    const w = world();
    saveDataSet(w.app, { ...input, schedule: { kind: 'daily', hour: 9 } });
    expect(w.triggers.handlers).toEqual([TICK_HANDLER]);
    expect(w.store.json<DataSetState>(`${KEY_PREFIX.state}d_1`)?.scheduledAtMs).toBe(NOON_BEIJING);
  });

  it('answers field-named problems and saves nothing for bad input', () => {
    const w = world();
    const result = saveDataSet(w.app, { ...input, accountId: 'nobody', name: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field).sort()).toEqual(['accountId', 'name']);
    expect(w.repo.listDataSets()).toEqual([]);
  });

  it('starts the data over, dropping an unfinished run and its staged rows, when the dates change', () => {
    const w = world();
    seedDataSet(w.repo);
    w.repo.saveState('d1', { consecutiveFailures: 0, lastCompleteDate: '2026-11-27' });
    w.repo.saveJob('d1', { windowsLeft: [] });
    w.tables.stage('d1', [['2026-11-01', 1]]);
    const result = saveDataSet(w.app, { ...input, id: 'd1', dates: { mode: 'preset', preset: 'last7' } });
    expect(result.ok).toBe(true);
    expect(w.repo.job('d1')).toBeUndefined();
    expect(w.tables.staged.has('d1')).toBe(false);
    expect(w.repo.state('d1').lastCompleteDate).toBeUndefined();
  });

  it('keeps the data when only the name or description changes', () => {
    const w = world();
    seedDataSet(w.repo);
    w.repo.saveState('d1', { consecutiveFailures: 0, lastCompleteDate: '2026-11-27' });
    saveDataSet(w.app, { ...input, id: 'd1', name: 'Renamed', sheetName: 'Followers', description: 'new words' });
    expect(w.repo.state('d1').lastCompleteDate).toBe('2026-11-27');
  });

  it('refuses to save a DataSet deleted meanwhile', () => {
    const w = world();
    expect(saveDataSet(w.app, { ...input, id: 'gone' })).toEqual(
      expect.objectContaining({ ok: false, problems: [expect.objectContaining({ code: 'unknown_dataset' })] }),
    );
  });
});

describe('running, listing and deleting', () => {
  it('runs for at most a minute and makes sure the trigger continues an unfinished run', () => {
    const w = slowWorld();
    seedDataSet(w.repo);
    const outcome = runDataSet(w.app, 'd1');
    expect(outcome.status).toBe('running');
    expect(w.triggers.handlers).toEqual([TICK_HANDLER]);
  });

  it('lists each DataSet with its last run, its next slot and the progress of an unfinished run', () => {
    const w = slowWorld();
    seedDataSet(w.repo, { schedule: { kind: 'daily', hour: 9 } });
    runDataSet(w.app, 'd1');
    const [summary] = listDataSets(w.app);
    expect(summary?.running).toEqual({ windowsDone: 2, windowsTotal: 4, rows: 14 });
    // Daily at 09:00 in Shanghai (01:00 UTC): the next one is tomorrow's.
    expect(summary?.nextRun).toBe('2026-11-29T01:00:00.000Z');
  });

  it('deletes a DataSet with its staged rows, and the trigger with the last schedule', () => {
    const w = world();
    saveDataSet(w.app, { ...input, schedule: { kind: 'daily', hour: 9 } });
    w.repo.saveJob('d_1', { windowsLeft: [] });
    w.tables.stage('d_1', [['2026-11-01']]);
    expect(deleteDataSet(w.app, 'd_1')).toEqual({ ok: true });
    expect(w.repo.getDataSet('d_1')).toBeUndefined();
    expect(w.tables.staged.size).toBe(0);
    expect(w.triggers.handlers).toEqual([]);
  });
});

describe('the live preview of the dates', () => {
  it('says which days a spec means now and how many calls they take', () => {
    const w = world();
    expect(previewDates(w.app, 'user_summary', { mode: 'preset', preset: 'last7' })).toEqual({
      ok: true,
      start: '2026-11-21',
      end: '2026-11-27',
      days: 7,
      calls: 1,
      notices: [],
    });
  });

  it('names the field for a spec that is not one', () => {
    const w = world();
    const preview = previewDates(w.app, 'user_summary', { mode: 'preset', preset: 'someday' } as never);
    expect(preview).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'dates.preset' })] });
    expect(previewDates(w.app, 'nope', { mode: 'preset', preset: 'last7' })).toEqual(
      expect.objectContaining({ ok: false, problems: [expect.objectContaining({ code: 'unknown_report' })] }),
    );
  });
});
