/**
 * The shared fetch: the runs of one account fetch their windows together, with one token and shared fetchAll
 * batches, and each gets its own result back. The calls sent are counted against the account's daily usage.
 */
import type { Account } from '../datasets/types';
import type { DateWindow } from '../dates';
import type { ReportDefinition } from '../reports/types';
import { accessFor, type CallAccess } from '../wechat/access';
import { connectionFor } from '../wechat/connection';
import { fetchReports, type SharedFetchResult } from '../wechat/datacube';
import { DEFAULT_TRANSPORT_OPTIONS, WeChatTransport } from '../wechat/transport';
import { executionDeadline, type RunDeps } from './deps';
import { recordUsage } from './usage';

/** What a run needs fetched. */
export interface PlannedFetch {
  account: Account;
  report: ReportDefinition;
  windows: DateWindow[];
  /** Datacube calls the account's daily budget still allows (none: no budget). */
  allowance?: number;
}

export interface FetchedForRun extends SharedFetchResult {
  tokenCalls: number;
}

/** An account's access (its token fetched or read), or what refused it (fails the runs of that account). */
export type PreparedAccess = { access: CallAccess } | { failure: unknown; tokenCalls: number };

/**
 * The account's access, its token got now: under the runs' lock a token fetch takes no second lock, and one
 * that fails (a wrong secret, an IP not whitelisted) fails the account's runs as a failed fetch would.
 */
export function prepareAccess(account: Account, deps: RunDeps, executionDeadlineMs: number): PreparedAccess {
  let access: CallAccess | undefined;
  try {
    const connection = connectionFor(account, deps.repo.getCredentials(account.id));
    const transportOptions = { ...(deps.transport ?? DEFAULT_TRANSPORT_OPTIONS), deadlineMs: executionDeadlineMs };
    access = accessFor(connection, { ...deps, transport: transportOptions });
    access.get();
    return { access };
  } catch (error) {
    // The token calls a refused fetch made still count (on the first run), as they did inside the fetch.
    return { failure: error, tokenCalls: access?.tokenCalls ?? 0 };
  }
}

/** The items grouped by the account they fetch for, each group in the order given. */
export function byAccount<T extends { plan: PlannedFetch }>(planned: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of planned) {
    const group = groups.get(item.plan.account.id);
    if (group) group.push(item);
    else groups.set(item.plan.account.id, [item]);
  }
  return [...groups.values()];
}

/**
 * Fetches the windows of several runs of one account with one token and shared batches, and counts the calls.
 * Whatever stops it (a store too full to count the calls, a failing service) fails each of the runs, as it would
 * fail one run on its own.
 */
export function fetchShared(
  plans: readonly PlannedFetch[],
  deps: RunDeps,
  deadlineMs?: number,
  executionDeadlineMs: number = executionDeadline(deps.clock.now()),
  prepared: PreparedAccess = prepareAccess(plans[0]!.account, deps, executionDeadlineMs),
  tokenTimeMs = 0,
): FetchedForRun[] {
  const account = plans[0]!.account;
  try {
    if ('failure' in prepared) throw prepared.failure;
    const connection = connectionFor(account, deps.repo.getCredentials(account.id));
    const transportOptions = { ...(deps.transport ?? DEFAULT_TRANSPORT_OPTIONS), deadlineMs: executionDeadlineMs };
    const token = prepared.access;
    const transport = new WeChatTransport(connection, deps.http, deps.clock, transportOptions);
    const allowances = plans.flatMap((plan) => (plan.allowance === undefined ? [] : [plan.allowance]));
    let results: SharedFetchResult[];
    try {
      results = fetchReports(
        plans.map((plan) => ({ endpoint: plan.report.endpoint, windows: plan.windows })),
        {
          transport,
          token,
          clock: deps.clock,
          deadlineMs,
          tokenTimeMs,
          callAllowance: allowances.length > 0 ? Math.min(...allowances) : undefined,
          onProgress: deps.onProgress,
        },
      );
    } finally {
      recordUsage(deps.repo, account.id, deps.clock.now(), transport.requestsSent);
    }
    // The token is fetched once for all of them; it is counted on the first run.
    return results.map((result, index) => ({ ...result, tokenCalls: index === 0 ? token.tokenCalls : 0 }));
  } catch (error) {
    const tokenCalls = 'failure' in prepared ? prepared.tokenCalls : 0;
    return plans.map((plan, index) => ({
      items: [],
      pending: [],
      delayed: false,
      calls: 0,
      remaining: plan.windows,
      failure: error,
      tokenCalls: index === 0 ? tokenCalls : 0,
    }));
  }
}
