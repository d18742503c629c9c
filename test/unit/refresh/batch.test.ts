import type { Account } from '../../../src/datasets/types';
import { byAccount, fetchShared, type PlannedFetch } from '../../../src/refresh/batch';
import { getReport } from '../../../src/reports';
import { fakeRunDeps, seedAccount } from '../../support/fakes';

const report = getReport('user_summary')!;
const windowsOf = (...begins: string[]) => begins.map((begin) => ({ begin, end: begin }));

describe('the shared fetch of one account', () => {
  it('groups runs by account, keeping their order', () => {
    const plan = (id: string): PlannedFetch => ({ account: { id } as Account, report, windows: [] });
    const grouped = byAccount([
      { name: 'x', plan: plan('a') },
      { name: 'y', plan: plan('b') },
      { name: 'z', plan: plan('a') },
    ]);
    expect(grouped.map((group) => group.map((item) => item.name))).toEqual([['x', 'z'], ['y']]);
  });

  it('fetches the runs with one token, honours the smallest allowance, and counts the calls sent', () => {
    const w = fakeRunDeps();
    const account = seedAccount(w.repo);
    const results = fetchShared(
      [
        { account, report, windows: windowsOf('2026-11-01', '2026-11-02'), allowance: 5 },
        { account, report, windows: windowsOf('2026-11-03', '2026-11-04'), allowance: 3 },
      ],
      w.deps,
    );
    expect(results.map((result) => [result.items.length, result.tokenCalls, result.remaining.length])).toEqual([
      [2, 1, 0],
      [1, 0, 1],
    ]);
    expect(results[1]?.stoppedBy).toBe('allowance');
    expect(w.repo.latestUsage(account.id)).toEqual({ day: '2026-11-28', calls: 3 });
  });

  it('fails each run with the error, its windows still to fetch, when the fetch itself breaks', () => {
    const w = fakeRunDeps();
    const account = seedAccount(w.repo);
    w.wechat.broken = new Error('Service invoked too many times');
    const results = fetchShared([{ account, report, windows: windowsOf('2026-11-01') }], w.deps);
    expect(results[0]).toEqual(
      expect.objectContaining({ items: [], remaining: windowsOf('2026-11-01'), failure: w.wechat.broken }),
    );
  });
});
