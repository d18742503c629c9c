import { BIG_RUN_CALLS, runWarning } from '../../../sidebar/run-warning';
import type { ApiQuotaView, RunEstimate } from '../../../src/ui/contract';

const estimate = (calls: number, endpoint = 'getusersummary', accountId = 'a1', id = 'd1'): RunEstimate => ({
  id,
  accountId,
  endpoint,
  calls,
});
const quota = (endpoint: string, remain: number): ApiQuotaView => ({
  endpoint,
  dailyLimit: 5000,
  used: 5000 - remain,
  remain,
  dataSets: [],
  short: false,
});

describe('runWarning', () => {
  it('lets an ordinary run start without asking', () => {
    expect(runWarning([estimate(4)], () => [quota('getusersummary', 100)])).toBeUndefined();
    expect(runWarning([estimate(BIG_RUN_CALLS)], () => undefined)).toBeUndefined();
  });

  it('asks before more than 500 calls, counted over every DataSet of the run', () => {
    expect(BIG_RUN_CALLS).toBe(500);
    expect(runWarning([estimate(501)], () => undefined)).toEqual({ calls: 501, big: true, short: [] });
    const split = runWarning([estimate(300), estimate(201, 'getupstreammsg', 'a1', 'd2')], () => undefined);
    expect(split).toEqual({ calls: 501, big: true, short: [] });
  });

  it('asks when an API needs more than its account has left today, summing the DataSets on that API', () => {
    const quotas = (accountId: string) => (accountId === 'a1' ? [quota('getusersummary', 10)] : undefined);
    expect(runWarning([estimate(6), estimate(6, 'getusersummary', 'a1', 'd2')], quotas)).toEqual({
      calls: 12,
      big: false,
      short: [{ accountId: 'a1', endpoint: 'getusersummary', needed: 12, remain: 10 }],
    });
    expect(runWarning([estimate(10)], quotas)).toBeUndefined();
    // Another account's quota, or an API without a reading, says nothing.
    expect(runWarning([estimate(12, 'getusersummary', 'a2')], quotas)).toBeUndefined();
    expect(runWarning([estimate(12, 'getupstreammsg')], quotas)).toBeUndefined();
  });
});
