import { KEY_PREFIX, tokenKey } from '../../../src/datasets/keys';
import { HISTORY_LIMIT, Repository } from '../../../src/datasets/repository';
import { StorageFullError } from '../../../src/datasets/storage';
import type { RunRecord } from '../../../src/datasets/types';
import { FakeStore, seedAccount, seedDataSet } from '../../support/fakes';

function record(index: number, message = `run ${index}`): RunRecord {
  return {
    start: `2026-11-${String((index % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    end: `2026-11-${String((index % 28) + 1).padStart(2, '0')}T00:01:00.000Z`,
    status: 'success',
    rows: index,
    calls: 1,
    message,
    trigger: 'schedule',
  };
}

describe('the repository of accounts and DataSets', () => {
  it('keeps credentials under their own key and never in the account or its view', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    const account = seedAccount(repo);
    expect(store.data.get(`${KEY_PREFIX.account}a1`)).not.toContain('S3cret');
    expect(repo.getCredentials('a1').secret).toBe('S3cretS3cretS3cretS3cretS3cret01');
    const view = repo.viewAccount(account);
    expect(view).toEqual(expect.objectContaining({ secretSet: true, relayKeySet: false }));
    expect(JSON.stringify(view)).not.toContain('S3cret');
  });

  it('keeps a saved secret when the account is saved again without one, and drops it on switching to a relay', () => {
    const repo = new Repository(new FakeStore());
    const account = seedAccount(repo);
    repo.saveAccount({ ...account, name: 'Renamed' }, {});
    expect(repo.getCredentials('a1').secret).toBeDefined();
    repo.saveAccount(
      { ...account, connection: 'relay', relayUrl: 'https://relay.example.com' },
      { relayKey: 'k'.repeat(40) },
    );
    expect(repo.getCredentials('a1')).toEqual({ relayKey: 'k'.repeat(40) });
  });

  it('deletes an account with its credentials, its cached token and its call count', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    seedAccount(repo);
    store.set(tokenKey('a1'), '{"token":"T"}');
    repo.saveUsage('a1', { day: '2026-11-28', calls: 3 });
    repo.deleteAccount('a1');
    expect([...store.data.keys()]).toEqual([]);
  });

  it('deletes a DataSet with its history, state, unfinished run and lease', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    seedDataSet(repo);
    repo.addRun('d1', record(1));
    repo.saveState('d1', { consecutiveFailures: 1 });
    repo.saveJob('d1', { windowsLeft: [] });
    repo.saveLease('d1', { owner: 'x', untilMs: 1 });
    repo.deleteDataSet('d1');
    expect([...store.data.keys()]).toEqual([]);
  });

  it('keeps the newest runs first, at most HISTORY_LIMIT', () => {
    const repo = new Repository(new FakeStore());
    seedDataSet(repo);
    for (let index = 1; index <= HISTORY_LIMIT + 5; index++) repo.addRun('d1', record(index));
    const history = repo.history('d1');
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history.map((run) => run.rows).slice(0, 2)).toEqual([HISTORY_LIMIT + 5, HISTORY_LIMIT + 4]);
  });

  it('keeps long messages short, and only as many runs as fit one property', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    seedDataSet(repo);
    for (let index = 1; index <= HISTORY_LIMIT; index++) repo.addRun('d1', record(index, 'x'.repeat(1000)));
    const history = repo.history('d1');
    expect(history[0]?.message).toHaveLength(400);
    expect(history.length).toBeLessThan(HISTORY_LIMIT);
    expect((store.data.get(`${KEY_PREFIX.history}d1`) ?? '').length).toBeLessThanOrEqual(8 * 1024);
  });

  it('serves reads from one load of the store, which its own writes keep current', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    seedAccount(repo);
    seedDataSet(repo);
    repo.load();
    const reads = store.reads;
    repo.saveState('d1', { consecutiveFailures: 2 });
    expect(repo.getDataSet('d1')?.name).toBe('Followers');
    expect(repo.getAccount('a1')?.name).toBe('Main');
    expect(repo.state('d1')).toEqual({ consecutiveFailures: 2 });
    expect(repo.listDataSets()).toHaveLength(1);
    expect(store.reads).toBe(reads);
  });

  it('reads leases, meta values and the latest usage from the store itself, never from the loaded copy', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    repo.load();
    store.data.set(`${KEY_PREFIX.lease}d1`, JSON.stringify({ owner: 'other', untilMs: 5 }));
    store.data.set(`${KEY_PREFIX.meta}lastTick`, JSON.stringify({ atMs: 1 }));
    store.data.set(`${KEY_PREFIX.usage}a1`, JSON.stringify({ day: '2026-11-28', calls: 9 }));
    expect(repo.lease('d1')?.owner).toBe('other');
    expect(repo.meta('lastTick')).toEqual({ atMs: 1 });
    expect(repo.latestUsage('a1')?.calls).toBe(9);
    expect(repo.usage('a1')).toBeUndefined();
  });

  it('forgets the loaded copy on refresh', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    repo.load();
    store.data.set(`${KEY_PREFIX.dataSet}d9`, JSON.stringify({ id: 'd9', name: 'Elsewhere' }));
    expect(repo.getDataSet('d9')).toBeUndefined();
    repo.refresh();
    expect(repo.getDataSet('d9')?.name).toBe('Elsewhere');
  });

  it('refuses a new DataSet, before writing anything, when the store has no room left for its history', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    for (let index = 0; index < 60; index++) store.data.set(`pad.${index}`, 'x'.repeat(8000));
    const writes = store.calls.set;
    expect(() => seedDataSet(repo)).toThrow(StorageFullError);
    expect(store.calls.set).toBe(writes);
    expect(repo.getDataSet('d1')).toBeUndefined();
  });

  it("turns Apps Script's quota refusal into a StorageFullError that says what to do", () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    store.full = true;
    expect(() => repo.saveState('d1', { consecutiveFailures: 0 })).toThrow(/storage in this spreadsheet is full/);
  });

  it('shortens a meta report too large for one property by halving its lists', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    const ran = Array.from({ length: 400 }, (_, index) => ({
      id: `d${index}`,
      name: 'x'.repeat(30),
      status: 'success',
    }));
    repo.saveMeta('lastTick', { atMs: 1, ran });
    const saved = repo.meta<{ atMs: number; ran: unknown[] }>('lastTick')!;
    expect(saved.atMs).toBe(1);
    expect(saved.ran.length).toBeLessThan(400);
    expect(saved.ran.length).toBeGreaterThan(0);
    expect((store.data.get(`${KEY_PREFIX.meta}lastTick`) ?? '').length).toBeLessThan(8 * 1024);
  });

  it('sends a batch’s deletions in its one setProperties, as empty values every read takes for none', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    seedDataSet(repo);
    repo.saveJob('d1', { windowsLeft: 'x' });
    repo.load();
    const calls = { ...store.calls };
    repo.deferWrites();
    repo.deleteJob('d1');
    repo.saveState('d1', { consecutiveFailures: 0 });
    repo.flush();
    expect(store.calls.setAll - calls.setAll).toBe(1);
    expect(store.calls.delete - calls.delete).toBe(0);
    expect(store.data.get(`${KEY_PREFIX.job}d1`)).toBe('');
    expect(repo.job('d1')).toBeUndefined();
    expect(new Repository(store).job('d1')).toBeUndefined();
    expect(new Repository(store).hasKeyUnder(KEY_PREFIX.job)).toBe(false);
  });
});
