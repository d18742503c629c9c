import { KEY_PREFIX } from '../../../src/datasets/keys';
import { Repository } from '../../../src/datasets/repository';
import { reconcileTrigger, TICK_HANDLER } from '../../../src/schedule/trigger';
import { FakeStore, FakeTriggers, NOON_BEIJING, seedAccount, seedDataSet } from '../../support/fakes';

const HOUR = 3600_000;

function setup(scheduled = true) {
  const store = new FakeStore();
  const repo = new Repository(store);
  seedAccount(repo);
  seedDataSet(repo, { schedule: scheduled ? { kind: 'daily', hour: 9 } : { kind: 'manual' } });
  const triggers = new FakeTriggers();
  return { store, repo, triggers, deps: { repo, triggers } };
}

describe("the schedule's one hourly trigger", () => {
  it('is created for the first user when a DataSet has a schedule, who then runs the schedule', () => {
    const { deps, triggers } = setup();
    const info = reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING);
    expect(triggers.handlers).toEqual([TICK_HANDLER]);
    expect(info).toEqual(
      expect.objectContaining({
        needed: true,
        ownedByMe: true,
        myTrigger: true,
        owner: { user: 'ann@example.com', sinceMs: NOON_BEIJING },
      }),
    );
  });

  it('is never created twice: reconciling again changes nothing', () => {
    const { deps, triggers } = setup();
    reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING);
    reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING + HOUR);
    expect(triggers.created).toBe(1);
    expect(triggers.handlers).toHaveLength(1);
  });

  it('removes extra triggers of the same user', () => {
    const { deps, triggers } = setup();
    triggers.createHourly(TICK_HANDLER);
    triggers.createHourly(TICK_HANDLER);
    reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING);
    expect(triggers.handlers).toEqual([TICK_HANDLER]);
    expect(triggers.removed).toBe(1);
  });

  it('goes when no DataSet has a schedule or an unfinished run, and the user stops owning the schedule', () => {
    const { deps, triggers, repo } = setup();
    reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING);
    seedDataSet(repo, { schedule: { kind: 'manual' } });
    const info = reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING + HOUR);
    expect(triggers.handlers).toEqual([]);
    expect(info).toEqual(expect.objectContaining({ needed: false, myTrigger: false }));
    expect(repo.meta('scheduleOwner')).toBeNull();
  });

  it('stays while an unfinished run waits to be continued, even without a schedule', () => {
    const { deps, triggers, repo } = setup(false);
    repo.saveJob('d1', { windowsLeft: [] });
    reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING);
    expect(triggers.handlers).toEqual([TICK_HANDLER]);
  });

  it('is left to another user whose trigger ticked recently, and taken over once it has been silent 3 hours', () => {
    const { deps, triggers, store } = setup();
    store.set(`${KEY_PREFIX.meta}scheduleOwner`, JSON.stringify({ user: 'bob@example.com', sinceMs: NOON_BEIJING }));
    const left = reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING + HOUR);
    expect(triggers.handlers).toEqual([]);
    expect(left).toEqual(
      expect.objectContaining({ ownedByMe: false, owner: { user: 'bob@example.com', sinceMs: NOON_BEIJING } }),
    );
    const taken = reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING + 3 * HOUR);
    expect(triggers.handlers).toEqual([TICK_HANDLER]);
    expect(taken).toEqual(expect.objectContaining({ ownedByMe: true }));
  });

  it("counts another user's last tick as a sign of life", () => {
    const { deps, triggers, store } = setup();
    store.set(`${KEY_PREFIX.meta}scheduleOwner`, JSON.stringify({ user: 'bob@example.com', sinceMs: 0 }));
    store.set(`${KEY_PREFIX.meta}lastTick`, JSON.stringify({ atMs: NOON_BEIJING, user: 'bob@example.com' }));
    reconcileTrigger(deps, 'ann@example.com', NOON_BEIJING + HOUR);
    expect(triggers.handlers).toEqual([]);
  });
});
