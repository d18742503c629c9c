/** WeChat calls per account per Beijing day, counted across all DataSets (for the account's daily budget). */

import type { Repository } from '../datasets/repository';
import type { AccountUsage } from '../datasets/types';
import { beijingToday } from '../dates';

export function accountUsage(repo: Repository, accountId: string, nowMs: number): AccountUsage {
  const day = beijingToday(nowMs);
  const usage = repo.usage(accountId);
  return usage && usage.day === day ? usage : { day, calls: 0 };
}

export function recordUsage(
  repo: Repository,
  accountId: string,
  nowMs: number,
  calls: number,
  quotaExhausted = false,
): void {
  if (calls === 0 && !quotaExhausted) return;
  const day = beijingToday(nowMs);
  const stored = repo.latestUsage(accountId);
  const usage = stored && stored.day === day ? stored : { day, calls: 0 };
  repo.saveUsage(accountId, {
    ...usage,
    calls: usage.calls + calls,
    ...(quotaExhausted || usage.quotaExhausted ? { quotaExhausted: true } : {}),
  });
}
