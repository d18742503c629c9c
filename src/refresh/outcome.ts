/** What a run (or one chunk of it) tells the caller, the sidebar and the run history. */
import type { RunStatus } from '../datasets/types';

export interface RunProgress {
  windowsDone: number;
  windowsTotal: number;
  rows: number;
}

export interface RunOutcome {
  ok: boolean;
  /** running: more chunks to go; busy: another run of this DataSet is in progress, nothing was started. */
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
  progress?: RunProgress;
}

export class RunFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Whether the unfinished run should be kept and continued later (a passing problem). */
    readonly resumable = false,
  ) {
    super(message);
    this.name = 'RunFailure';
  }
}

export function failedOutcome(sheetName: string, code: string, message: string): RunOutcome {
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
