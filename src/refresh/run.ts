/**
 * One run of a DataSet: config → dates → windows → fetch → rows → write, under the document lock, recorded in
 * the run history. A run that fails leaves its sheet exactly as it was.
 */

import type { Repository } from '../datasets/repository';
import type { DataSetConfig, RunRecord, RunStatus } from '../datasets/types';
import { addDays, type DateWindow, daysBetween, planWindows, resolveDates } from '../dates';
import type { Clock } from '../gas/clock';
import type { HttpClient } from '../gas/http';
import type { Locker } from '../gas/lock';
import type { KeyValueStore } from '../gas/store';
import { getReport } from '../reports';
import { buildTable, type Cell, rowKeyIndexes, type TableColumn, tableColumns } from '../reports/table';
import { type ExistingTable, mergeRows } from '../sheets/plan';
import { connectionFor } from '../wechat/connection';
import { type FetchProgress, fetchReport } from '../wechat/datacube';
import { WeChatError } from '../wechat/errors';
import { redact } from '../wechat/redact';
import { TokenProvider } from '../wechat/token';
import { DEFAULT_TRANSPORT_OPTIONS, type TransportOptions, WeChatTransport } from '../wechat/transport';

export interface TableIO {
  read(sheetName: string, columns: readonly TableColumn[]): ExistingTable & { height: number };
  write(sheetName: string, columns: readonly TableColumn[], rows: readonly Cell[][], previousHeight: number): void;
}

export interface RunDeps {
  repo: Repository;
  store: KeyValueStore;
  http: HttpClient;
  clock: Clock;
  locker: Locker;
  tables: TableIO;
  fingerprint(text: string): string;
  transport?: TransportOptions;
  onProgress?: (progress: FetchProgress) => void;
}

export interface RunOutcome {
  ok: boolean;
  status: RunStatus | 'busy';
  code?: string;
  message: string;
  rows: number;
  calls: number;
  tokenCalls: number;
  sheetName: string;
  start?: string;
  end?: string;
  pendingDates: string[];
  notices: string[];
}

class RunFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LOCK_WAIT_MS = 20_000;

function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

function datesOf(windows: readonly DateWindow[]): string[] {
  const dates: string[] = [];
  for (const window of windows) {
    for (let date = window.begin; daysBetween(date, window.end) >= 0; date = addDays(date, 1)) dates.push(date);
  }
  return dates;
}

export function runDataSet(dataSetId: string, trigger: RunRecord['trigger'], deps: RunDeps): RunOutcome {
  const dataSet = deps.repo.getDataSet(dataSetId);
  if (!dataSet) {
    return failedOutcome('', 'unknown_dataset', 'This DataSet no longer exists. Reload the list of DataSets.');
  }
  const locked = deps.locker.withLock(LOCK_WAIT_MS, () => runLocked(dataSet, trigger, deps));
  if (!locked.acquired) {
    return {
      ...failedOutcome(
        dataSet.sheetName,
        'already_running',
        'Another refresh is running in this spreadsheet. It was not started again; try in a minute.',
      ),
      status: 'busy',
    };
  }
  return locked.value;
}

function failedOutcome(sheetName: string, code: string, message: string): RunOutcome {
  return {
    ok: false,
    status: 'failed',
    code,
    message,
    rows: 0,
    calls: 0,
    tokenCalls: 0,
    sheetName,
    pendingDates: [],
    notices: [],
  };
}

function runLocked(dataSet: DataSetConfig, trigger: RunRecord['trigger'], deps: RunDeps): RunOutcome {
  const startedMs = deps.clock.now();
  const account = deps.repo.getAccount(dataSet.accountId);
  const credentials = account ? deps.repo.getCredentials(account.id) : {};
  const secrets = [credentials.secret, credentials.relayKey];
  let calls = 0;
  let tokenCalls = 0;
  let outcome: RunOutcome;
  try {
    if (!account)
      throw new RunFailure(
        'unknown_account',
        'The account of this DataSet was deleted. Edit the DataSet and choose an account.',
      );
    const report = getReport(dataSet.reportId);
    if (!report)
      throw new RunFailure(
        'unknown_report',
        `Unknown report "${dataSet.reportId}". Edit the DataSet and choose a report.`,
      );
    const resolved = resolveDates(dataSet.dates, startedMs, { earliestDate: report.earliestDate });
    if (!resolved.ok)
      throw new RunFailure(resolved.problems[0]!.code, resolved.problems.map((p) => p.message).join(' '));
    const windows = planWindows(resolved.start, resolved.end, report.maxSpanDays);

    const connection = connectionFor(account, credentials);
    const transportOptions = deps.transport ?? DEFAULT_TRANSPORT_OPTIONS;
    const token = new TokenProvider(connection, {
      http: deps.http,
      store: deps.store,
      locker: deps.locker,
      clock: deps.clock,
      fingerprint: deps.fingerprint,
      transport: transportOptions,
    });
    const transport = new WeChatTransport(connection, deps.http, deps.clock, transportOptions);
    let fetched: ReturnType<typeof fetchReport>;
    try {
      fetched = fetchReport(report.endpoint, windows, {
        transport,
        token,
        clock: deps.clock,
        onProgress: deps.onProgress,
      });
    } finally {
      calls = transport.requestsSent;
      tokenCalls = token.tokenCalls;
    }

    const columns = tableColumns(report, dataSet.language);
    const table = buildTable(report, fetched.items, dataSet.language);
    const pendingDates = datesOf(fetched.pending);
    const pendingSet = new Set(pendingDates);
    const existing = deps.tables.read(dataSet.sheetName, columns);
    const merged = mergeRows({
      method: dataSet.updateMethod,
      columns,
      keyIndexes: rowKeyIndexes(report, columns),
      newRows: table.rows,
      existing,
      refetchedDates: new Set(datesOf(windows).filter((date) => !pendingSet.has(date))),
      pendingDates: pendingSet,
    });
    if (!merged.ok) throw new RunFailure(merged.code, merged.message);
    deps.tables.write(dataSet.sheetName, columns, merged.rows, existing.height);

    const notices = resolved.notices.map((notice) => notice.message);
    if (fetched.delayed)
      notices.push('WeChat marked some of this data as not final yet; later runs will bring the final numbers.');
    const status: RunStatus = pendingDates.length > 0 ? 'partial' : 'success';
    const range = resolved.start === resolved.end ? resolved.start : `${resolved.start} → ${resolved.end}`;
    const pendingText =
      pendingDates.length > 0
        ? ` WeChat has not finished computing ${pendingDates.join(', ')} yet (usually ready after 08:00 Beijing time); run again later to add it.`
        : '';
    outcome = {
      ok: true,
      status,
      message: `${range}: ${table.rows.length} rows from ${calls} WeChat calls written to sheet "${dataSet.sheetName}" (${dataSet.updateMethod === 'append' ? 'Append' : 'Replace'}).${pendingText}`,
      rows: table.rows.length,
      calls,
      tokenCalls,
      sheetName: dataSet.sheetName,
      start: resolved.start,
      end: resolved.end,
      pendingDates,
      notices,
    };
  } catch (error) {
    const code =
      error instanceof WeChatError || error instanceof RunFailure || hasCode(error) ? error.code : 'unexpected';
    const raw = error instanceof Error ? error.message : String(error);
    const message = code === 'unexpected' ? `Unexpected error: ${raw}. Nothing was changed.` : raw;
    outcome = { ...failedOutcome(dataSet.sheetName, code, redact(message, secrets)), calls, tokenCalls };
  }
  deps.repo.addRun(dataSet.id, {
    start: isoTimestamp(startedMs),
    end: isoTimestamp(deps.clock.now()),
    status: outcome.status === 'busy' ? 'failed' : outcome.status,
    rows: outcome.rows,
    calls: outcome.calls,
    message: outcome.message,
    code: outcome.code,
    trigger,
  });
  return outcome;
}

function hasCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
