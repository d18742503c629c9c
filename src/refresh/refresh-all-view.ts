/**
 * What the sidebar gets of a "Refresh all now" (src/refresh/refresh-all.ts). Types only, free of the store's and
 * Apps Script's types, so that the contract the sidebar compiles against can import them.
 */
import type { Recorded } from '../datasets/types';
import type { Said } from '../messages/codes';

export type RefreshAllFailure = { id: string; name: string } & Recorded;

/** Where a request stands, for the sidebar: counts, each failure with its reason, what runs now. */
export interface RefreshAllView {
  atMs: number;
  by: string;
  /** The DataSets it covers that still exist. */
  total: number;
  /** Those whose run ended (succeeded or failed). */
  done: number;
  succeeded: number;
  failures: RefreshAllFailure[];
  /** DataSets an execution is fetching for now. */
  runningIds: string[];
  /** DataSets not run yet, or whose run is unfinished (it continues). */
  waitingIds: string[];
  finished: boolean;
}

/**
 * What startRefreshAll and continueRefreshAll answer. `ran`: the runs the call made or continued; none while work
 * is left means another execution has it.
 */
export type RefreshAllResult = { ok: true; view: RefreshAllView | null; ran: number } | ({ ok: false } & Said);
