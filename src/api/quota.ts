/**
 * WeChat's own "calls used today / daily limit" for the APIs an account's DataSets use, and the calls each DataSet's
 * next run needs, so the sidebar can warn before a run that would go over what is left.
 */
import type { DataSetConfig } from '../datasets/types';
import { say } from '../messages/en';
import type { RunJob } from '../refresh/job';
import { callsForNextRun } from '../refresh/plan';
import { getReport } from '../reports';
import { accessFor } from '../wechat/access';
import { connectionFor } from '../wechat/connection';
import { saidOf, WeChatError } from '../wechat/errors';
import { fetchApiQuotas } from '../wechat/quota';
import { DEFAULT_TRANSPORT_OPTIONS, WeChatTransport } from '../wechat/transport';
import { invalidId } from './arguments';
import { type AppDeps, appsScriptDeps } from './context';
import type { AccountQuotaResult, ApiQuotaView } from './types';

/** Calls the DataSet's next run makes, planned as the run plans them (src/refresh/plan.ts). */
function callsNeeded(deps: AppDeps, dataSet: DataSetConfig): number {
  const report = getReport(dataSet.reportId);
  if (!report) return 0;
  return callsForNextRun(dataSet, report, deps.repo.job<RunJob>(dataSet.id), {
    nowMs: deps.clock.now(),
    lastCompleteDate: deps.repo.state(dataSet.id).lastCompleteDate,
    tableThere: () => deps.tables.hasRows?.(dataSet.sheetName) ?? true,
  });
}

export function getAccountQuota(accountId: string): AccountQuotaResult {
  const invalid = invalidId(accountId, 'account');
  if (invalid) return invalid;
  const deps = appsScriptDeps();
  const account = deps.repo.getAccount(accountId);
  if (!account) return { ok: false, ...say('unknown_account', { of: 'account' }) };
  const byEndpoint = new Map<string, DataSetConfig[]>();
  for (const dataSet of deps.repo.listDataSets()) {
    const endpoint = dataSet.accountId === accountId ? getReport(dataSet.reportId)?.endpoint : undefined;
    if (endpoint) byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), dataSet]);
  }
  const endpoints = [...byEndpoint.keys()].sort();
  const connection = connectionFor(account, deps.repo.getCredentials(account.id));
  const transportOptions = deps.transport ?? DEFAULT_TRANSPORT_OPTIONS;
  const transport = new WeChatTransport(connection, deps.http, deps.clock, transportOptions);
  let lookup: ReturnType<typeof fetchApiQuotas>;
  try {
    const access = accessFor(connection, { ...deps, transport: transportOptions });
    lookup = fetchApiQuotas(endpoints, { connection, transport, accessToken: () => access.get() });
  } catch (error) {
    if (error instanceof WeChatError) return { ok: false, ...saidOf(error.info) };
    throw error;
  }
  if (lookup.error) return { ok: false, ...saidOf(lookup.error) };
  const apis: ApiQuotaView[] = lookup.quotas.map((quota) => {
    const dataSets = (byEndpoint.get(quota.endpoint) ?? []).map((dataSet) => ({
      id: dataSet.id,
      name: dataSet.name,
      callsNeeded: callsNeeded(deps, dataSet),
    }));
    const needed = dataSets.reduce((sum, dataSet) => sum + dataSet.callsNeeded, 0);
    return { ...quota, dataSets, short: needed > quota.remain };
  });
  return { ok: true, apis };
}
