import { Repository } from '../../../src/datasets/repository';
import { LEASE_MS, releaseLease, takeLease } from '../../../src/refresh/lease';
import { ManualClock } from '../../support/fake-http';
import { FakeLock, FakeStore, NOON_BEIJING } from '../../support/fakes';

function setup() {
  const store = new FakeStore();
  const deps = { repo: new Repository(store), locker: new FakeLock(), clock: new ManualClock(NOON_BEIJING) };
  return { store, ...deps, deps };
}

describe('the lease of a DataSet', () => {
  it('is taken at once when free, under the lock, until it expires on its own', () => {
    const { deps, repo, locker } = setup();
    expect(takeLease('d1', 'me', 10_000, deps)).toBe(true);
    expect(repo.lease('d1')).toEqual({ owner: 'me', untilMs: NOON_BEIJING + LEASE_MS });
    expect(locker.taken).toBe(1);
  });

  it("waits for another execution's lease, polling each second, and gives up after the wait", () => {
    const { deps, clock } = setup();
    takeLease('d1', 'other', 0, deps);
    expect(takeLease('d1', 'me', 3_000, deps)).toBe(false);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('takes over a lease whose execution died (expired)', () => {
    const { deps, clock, repo } = setup();
    takeLease('d1', 'other', 0, deps);
    clock.nowMs += LEASE_MS + 1;
    expect(takeLease('d1', 'me', 0, deps)).toBe(true);
    expect(repo.lease('d1')?.owner).toBe('me');
  });

  it("is given back only by its owner: releasing another's lease leaves it", () => {
    const { deps, repo } = setup();
    takeLease('d1', 'other', 0, deps);
    releaseLease('d1', 'me', deps);
    expect(repo.lease('d1')?.owner).toBe('other');
    releaseLease('d1', 'other', deps);
    expect(repo.lease('d1')).toBeUndefined();
  });

  it('is not taken when the document lock cannot be had', () => {
    const { deps, locker, repo } = setup();
    locker.available = false;
    expect(takeLease('d1', 'me', 0, deps)).toBe(false);
    expect(repo.lease('d1')).toBeUndefined();
  });
});
