import { KEY_PREFIX } from '../../../src/datasets/keys';
import { Repository } from '../../../src/datasets/repository';
import { accountUsage, recordUsage } from '../../../src/refresh/usage';
import { FakeStore, NOON_BEIJING } from '../../support/fakes';

const DAY_MS = 24 * 3600_000;

describe("an account's WeChat calls per Beijing day", () => {
  it('adds the calls of each run to the day', () => {
    const repo = new Repository(new FakeStore());
    recordUsage(repo, 'a1', NOON_BEIJING, 4);
    recordUsage(repo, 'a1', NOON_BEIJING, 3);
    expect(accountUsage(repo, 'a1', NOON_BEIJING)).toEqual({ day: '2026-11-28', calls: 7 });
  });

  it('starts again at zero on the next Beijing day (midnight in Beijing, 16:00 UTC)', () => {
    const repo = new Repository(new FakeStore());
    recordUsage(repo, 'a1', NOON_BEIJING, 4);
    expect(accountUsage(repo, 'a1', NOON_BEIJING + 12 * 3600_000)).toEqual({ day: '2026-11-29', calls: 0 });
    recordUsage(repo, 'a1', NOON_BEIJING + DAY_MS, 1);
    expect(accountUsage(repo, 'a1', NOON_BEIJING + DAY_MS)).toEqual({ day: '2026-11-29', calls: 1 });
  });

  it('keeps the quota marked used for the rest of the day', () => {
    const repo = new Repository(new FakeStore());
    recordUsage(repo, 'a1', NOON_BEIJING, 0, 'getusersummary');
    recordUsage(repo, 'a1', NOON_BEIJING, 2);
    expect(accountUsage(repo, 'a1', NOON_BEIJING)).toEqual({
      day: '2026-11-28',
      calls: 2,
      quotaUsedApis: ['getusersummary'],
    });
  });

  it('adds to what the store holds now, not to what this execution read earlier (other executions count too)', () => {
    const store = new FakeStore();
    const repo = new Repository(store);
    repo.load();
    store.data.set(`${KEY_PREFIX.usage}a1`, JSON.stringify({ day: '2026-11-28', calls: 10 }));
    recordUsage(repo, 'a1', NOON_BEIJING, 4);
    expect(store.json(`${KEY_PREFIX.usage}a1`)).toEqual({ day: '2026-11-28', calls: 14 });
  });

  it('writes nothing for a run that made no calls', () => {
    const store = new FakeStore();
    recordUsage(new Repository(store), 'a1', NOON_BEIJING, 0);
    expect(store.calls.set).toBe(0);
  });
});
