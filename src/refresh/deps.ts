/**
 * What a run needs from outside, injected: the stored model, HTTP, the clock, the document lock, the sheets and
 * the mail. src/api/context.ts puts the Apps Script services behind them; tests put small fakes.
 */
import type { Repository } from '../datasets/repository';
import type { Clock } from '../gas/clock';
import type { HttpClient } from '../gas/http';
import type { Locker } from '../gas/lock';
import type { Notifier } from '../gas/mail';
import type { KeyValueStore } from '../gas/store';
import type { Cell, SheetTable, TableColumn, TableExtent } from '../table/types';
import type { FetchProgress } from '../wechat/datacube';
import type { TransportOptions } from '../wechat/transport';

export interface TableIO {
  /** `again`: asked of Sheets anew, nothing taken from what this execution learnt of the sheet before. */
  read(sheetName: string, columns: readonly TableColumn[], again?: boolean): SheetTable;
  /** Whether the sheet exists with rows below its header (absent: assumed so). A deleted or cleared sheet has none. */
  hasRows?(sheetName: string): boolean;
  /**
   * Writes the table at A1 and clears whatever of `previous` (what this DataSet wrote last time) the new table no
   * longer covers; returns the table's new extent.
   */
  write(
    sheetName: string,
    columns: readonly TableColumn[],
    rows: readonly Cell[][],
    current: SheetTable,
    previous?: TableExtent,
    note?: string,
  ): TableExtent | undefined;
  stage(dataSetId: string, rows: readonly Cell[][]): void;
  readStaged(dataSetId: string): Cell[][];
  dropStaged(dataSetId: string): void;
}

export interface RunDeps {
  repo: Repository;
  store: KeyValueStore;
  http: HttpClient;
  clock: Clock;
  locker: Locker;
  tables: TableIO;
  fingerprint(text: string): string;
  /** Identifies this caller (the owner of the leases it takes); unique per server-function call. */
  executionId: string;
  notifier?: Notifier;
  /** The spreadsheet's name and URL, named and linked in a failure email. */
  spreadsheet?: () => { name: string; url: string };
  /** Who is running (an email, or an anonymous key): named in the table's "last refreshed" note. */
  whoRuns?: () => string;
  transport?: TransportOptions;
  /** The relay URL prefixes this deployment may fetch; a Relay account outside them fails with relay_not_allowed. */
  relayPrefixes?: readonly string[];
  onProgress?: (progress: FetchProgress) => void;
}

/** Apps Script ends an execution after 6 minutes, without a catch block of ours running. */
export const EXECUTION_LIMIT_MS = 360_000;
/** What a run keeps of those 6 minutes to record its outcome (history, sheet, email) after its last fetch. */
export const RECORD_RESERVE_MS = 30_000;

/** The point after which no fetch may still be running in an execution that started at `startedMs`. */
export function executionDeadline(startedMs: number): number {
  return startedMs + EXECUTION_LIMIT_MS - RECORD_RESERVE_MS;
}

export interface RunOptions {
  /** No new batch of calls starts after this time; the rest is carried over. */
  deadlineMs?: number;
  /**
   * No attempt starts that a hang (about 60 s) could carry past this time (default: 6 minutes from the run's start,
   * less the time to record it). A hung batch is never sent again in the same run either.
   */
  executionDeadlineMs?: number;
  /** The schedule slot this run is for. */
  slotMs?: number;
  /** How long to wait for another run of the same DataSet to finish. */
  leaseWaitMs?: number;
}
