/**
 * What can stop a run, classified once: WeChat's errors (by kind, through ERROR_HANDLING), Apps Script's (a full
 * property store, a sheet write refused), and the run's own refusals. On that classification sits the failure
 * policy: whether the unfinished run is kept and continued, how the failure counts, and whether a scheduled
 * DataSet pauses.
 */
import { STORAGE_FULL } from '../datasets/storage';
import type { RunRecord } from '../datasets/types';
import { ERROR_HANDLING, type ErrorHandling, WeChatError, type WeChatErrorKind } from '../wechat/errors';
import { RunFailure } from './outcome';

/** A schedule pauses a DataSet after this many failed runs in a row. */
export const PAUSE_AFTER_FAILURES = 5;

/**
 * passes / user_fix / fails as for WeChat's errors; storage_full: the store cannot take another write, so nothing
 * more is written (not even the failure); unexpected: a fault nobody classified (a bug, or a service error).
 */
export type FailureClass = ErrorHandling | 'storage_full' | 'unexpected';

export interface ClassifiedFailure {
  class: FailureClass;
  /** The code the UI translates. */
  code: string;
  /** The error's own message (not yet redacted). */
  detail: string;
  /** For WeChat's errors. */
  wechatKind?: WeChatErrorKind;
}

function hasCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  if (error instanceof WeChatError)
    return { class: ERROR_HANDLING[error.kind], code: error.code, detail: error.message, wechatKind: error.kind };
  if (error instanceof RunFailure)
    return { class: error.resumable ? 'passes' : 'fails', code: error.code, detail: error.message };
  // Errors with a code of their own: StorageFullError (a full property store), SheetWriteError (the sheet refused).
  if (hasCode(error))
    return { class: error.code === STORAGE_FULL ? 'storage_full' : 'fails', code: error.code, detail: error.message };
  return { class: 'unexpected', code: 'unexpected', detail: error instanceof Error ? error.message : String(error) };
}

export interface FailureDecision {
  /** Keep the unfinished run (its cursor and staged rows) for the next run to continue. */
  keepRun: boolean;
  consecutiveFailures: number;
  pause: boolean;
  /** WeChat said the account's daily quota is used up: no more calls for it today. */
  quotaExhausted: boolean;
}

export function decideOnFailure(
  failure: ClassifiedFailure,
  trigger: RunRecord['trigger'],
  consecutiveFailures: number,
): FailureDecision {
  const quotaExhausted = failure.wechatKind === 'quota';
  // Waiting for tomorrow's quota is not a failure of the DataSet.
  const failures = quotaExhausted ? consecutiveFailures : consecutiveFailures + 1;
  return {
    keepRun: failure.class === 'passes',
    consecutiveFailures: failures,
    pause: trigger === 'schedule' && (failure.class === 'user_fix' || failures >= PAUSE_AFTER_FAILURES),
    quotaExhausted,
  };
}
