import { getScheduleInfo, onScheduledTick, resumeDataSet } from '../../../src/api/schedule-service';
import { TICK_HANDLER } from '../../../src/schedule/trigger';
import { fakeAppDeps, seedAccount, seedDataSet, seedUnfinishedRun } from '../../support/fakes';

describe('the schedule server functions', () => {
  it('runs a tick in the spreadsheet time zone, as the trigger owner', () => {
    const w = fakeAppDeps();
    seedAccount(w.repo);
    seedDataSet(w.repo, { schedule: { kind: 'daily', hour: 9 } });
    const report = onScheduledTick(w.app);
    expect(report).toEqual(
      expect.objectContaining({ user: 'ann@example.com', ran: [expect.objectContaining({ status: 'success' })] }),
    );
    expect(w.triggers.handlers).toEqual([TICK_HANDLER]);
  });

  it('removes the trigger after a tick that finished the last unfinished run of manual DataSets', () => {
    const w = fakeAppDeps();
    seedAccount(w.repo);
    seedDataSet(w.repo);
    w.triggers.createHourly(TICK_HANDLER);
    seedUnfinishedRun(w.repo, 'd1', w.clock.now());
    onScheduledTick(w.app);
    expect(w.repo.job('d1')).toBeUndefined();
    expect(w.triggers.handlers).toEqual([]);
  });

  it('says who runs the schedule, and who asks', () => {
    const w = fakeAppDeps();
    seedAccount(w.repo);
    seedDataSet(w.repo, { schedule: { kind: 'hours', every: 4 } });
    expect(getScheduleInfo(w.app)).toEqual(expect.objectContaining({ me: 'ann@example.com', ownedByMe: true }));
  });

  it('resumes a paused DataSet with its failure count reset', () => {
    const w = fakeAppDeps();
    seedAccount(w.repo);
    seedDataSet(w.repo, { schedule: { kind: 'daily', hour: 9 } });
    w.repo.saveState('d1', { consecutiveFailures: 5, paused: { code: 'x', message: 'm', atMs: 1 } });
    expect(resumeDataSet(w.app, 'd1')).toEqual({ ok: true });
    expect(w.repo.state('d1')).toEqual({ consecutiveFailures: 0 });
    expect(w.triggers.handlers).toEqual([TICK_HANDLER]);
    expect(resumeDataSet(w.app, 'gone')).toEqual(expect.objectContaining({ ok: false, code: 'unknown_dataset' }));
  });
});
