/**
 * Whether a run should ask first: it needs more than BIG_RUN_CALLS WeChat calls, or more calls on one API than its
 * account has left today. Pure: the estimate comes from the server (estimateRuns, the run's own planning), the
 * quota from WeChat (getAccountQuota); this only compares them.
 */
import type { ApiQuotaView, RunEstimate } from '../src/ui/contract';

/** A run above this many WeChat calls asks before it starts. */
export const BIG_RUN_CALLS = 500;

export interface ShortApi {
  accountId: string;
  endpoint: string;
  /** Calls this run makes on the API. */
  needed: number;
  /** Calls WeChat has left today for the API. */
  remain: number;
}

export interface RunWarning {
  /** Every WeChat call of the run. */
  calls: number;
  /** More than BIG_RUN_CALLS. */
  big: boolean;
  short: ShortApi[];
}

/** The warning for this run, or undefined when it can start without asking. */
export function runWarning(
  estimates: readonly RunEstimate[],
  quotaOf: (accountId: string) => readonly ApiQuotaView[] | undefined,
): RunWarning | undefined {
  const calls = estimates.reduce((sum, estimate) => sum + estimate.calls, 0);
  const needed = new Map<string, ShortApi>();
  for (const { accountId, endpoint, calls: apiCalls } of estimates) {
    const quota = quotaOf(accountId)?.find((api) => api.endpoint === endpoint);
    if (!quota || apiCalls === 0) continue;
    const key = `${accountId} ${endpoint}`;
    const entry = needed.get(key) ?? { accountId, endpoint, needed: 0, remain: quota.remain };
    entry.needed += apiCalls;
    needed.set(key, entry);
  }
  const short = [...needed.values()].filter((api) => api.needed > api.remain);
  const big = calls > BIG_RUN_CALLS;
  return big || short.length > 0 ? { calls, big, short } : undefined;
}
