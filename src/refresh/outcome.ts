/** What a run (or one chunk of it) tells the caller, the sidebar and the run history. */
import type { RunStatus } from '../datasets/types';
import type { DateNotice } from '../dates/types';
import type { Said } from '../messages/codes';

export interface RunProgress {
  windowsDone: number;
  windowsTotal: number;
  rows: number;
}

/** The facts of a run beside what it says (its code, params and English). */
export interface RunFacts {
  ok: boolean;
  /** running: more chunks to go; busy: another run of this DataSet is in progress, nothing was started. */
  status: RunStatus | 'busy';
  rows: number;
  calls: number;
  tokenCalls: number;
  sheetName: string;
  start?: string;
  end?: string;
  pendingDates: string[];
  notices: DateNotice[];
  progress?: RunProgress;
  /** A failed run kept the rows it fetched; the next run continues from there. */
  rowsKept?: boolean;
}

export type RunOutcome = Said & RunFacts;

export class RunFailure extends Error {
  constructor(
    readonly said: Said,
    /** Whether the unfinished run should be kept and continued later (a passing problem). */
    readonly resumable = false,
  ) {
    super(said.message);
    this.name = 'RunFailure';
  }

  get code(): Said['code'] {
    return this.said.code;
  }
}

export function failedOutcome(sheetName: string, said: Said): RunOutcome {
  return {
    ok: false,
    status: 'failed',
    ...said,
    rows: 0,
    calls: 0,
    tokenCalls: 0,
    sheetName,
    pendingDates: [],
    notices: [],
  };
}
