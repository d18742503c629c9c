/**
 * WeChat calls per account per Beijing day, counted across all DataSets (for the account's daily budget), and the
 * APIs whose WeChat quota is used up that day.
 */

import type { Repository } from '../datasets/repository';
import type { AccountUsage } from '../datasets/types';
import { beijingToday } from '../dates';

export function accountUsage(repo: Repository, accountId: string, nowMs: number): AccountUsage {
  const day = beijingToday(nowMs);
  const usage = repo.usage(accountId);
  return usage && usage.day === day ? usage : { day, calls: 0 };
}

/** Whether WeChat's daily quota of `endpoint` is used up for the account today (45009 seen). */
export function quotaUsedToday(usage: AccountUsage, endpoint: string): boolean {
  return usage.quotaUsedApis?.includes(endpoint) ?? false;
}

/** Adds calls to today's count; `quotaUsedApi`: that API answered 45009 (it waits for the next Beijing day). */
export function recordUsage(
  repo: Repository,
  accountId: string,
  nowMs: number,
  calls: number,
  quotaUsedApi?: string,
): void {
  if (calls === 0 && quotaUsedApi === undefined) return;
  const day = beijingToday(nowMs);
  const stored = repo.latestUsage(accountId);
  const usage = stored && stored.day === day ? stored : { day, calls: 0 };
  const apis = new Set(usage.quotaUsedApis ?? []);
  if (quotaUsedApi !== undefined) apis.add(quotaUsedApi);
  repo.saveUsage(accountId, {
    day: usage.day,
    calls: usage.calls + calls,
    ...(apis.size > 0 ? { quotaUsedApis: [...apis].sort() } : {}),
  });
}
