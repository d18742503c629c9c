/**
 * An unfinished run of a DataSet: the windows still to fetch (kept compact, as segments of equal spans, so a
 * two-year hourly backfill fits in one property), the days WeChat had not finished, and the counters so far.
 */

import type { RunRecord } from '../datasets/types';
import { type DateWindow, daysBetween, planWindows } from '../dates';
import type { DateNotice } from '../dates/types';

export interface WindowSegment {
  from: string;
  to: string;
  span: number;
}

export interface RunJob {
  trigger: RunRecord['trigger'];
  startedAtMs: number;
  /** The dates this run covers. */
  start: string;
  end: string;
  windowsLeft: WindowSegment[];
  windowsTotal: number;
  pending: DateWindow[];
  calls: number;
  tokenCalls: number;
  /** Rows waiting in the staging sheet. */
  staged: number;
  delayed: boolean;
  notices: DateNotice[];
  /**
   * Set (and saved) before an execution fetches for this run, cleared when that execution ends its part. Still set
   * when a run begins: the execution that set it never ended its part, because Apps Script stopped it at its
   * 6-minute limit (no code of ours runs then), and its lease has expired since.
   */
  activeSinceMs?: number;
  /**
   * The execution that set activeSinceMs: until LEASE_MS after it, no other execution runs this DataSet (the mark
   * is the run's lease, written with it in one call).
   */
  activeOwner?: string;
}

function lengthOf(window: DateWindow): number {
  return daysBetween(window.begin, window.end) + 1;
}

/** Consecutive windows of one span (the last may be shorter) become one segment. */
export function encodeWindows(windows: readonly DateWindow[]): WindowSegment[] {
  const segments: WindowSegment[] = [];
  let open: (WindowSegment & { closed: boolean }) | undefined;
  for (const window of windows) {
    const length = lengthOf(window);
    const extends_ = open && !open.closed && daysBetween(open.to, window.begin) === 1 && length <= open.span;
    if (open && extends_) {
      open.to = window.end;
      open.closed = length < open.span;
      continue;
    }
    if (open) segments.push({ from: open.from, to: open.to, span: open.span });
    open = { from: window.begin, to: window.end, span: length, closed: false };
  }
  if (open) segments.push({ from: open.from, to: open.to, span: open.span });
  return segments;
}

export function decodeWindows(segments: readonly WindowSegment[]): DateWindow[] {
  return segments.flatMap((segment) => planWindows(segment.from, segment.to, segment.span));
}
