/**
 * What can stop a run, classified once: WeChat's errors (by kind, through ERROR_HANDLING), Apps Script's (a full
 * property store, a sheet write refused), and the run's own refusals. On that classification sits the failure
 * policy: whether the unfinished run is kept and continued, how the failure counts, and whether a scheduled
 * DataSet pauses.
 */
import { STORAGE_FULL } from '../datasets/storage';
import type { RunRecord } from '../datasets/types';
import type { MessageCode, Said } from '../messages/codes';
import { say } from '../messages/en';
import { ERROR_HANDLING, type ErrorHandling, saidOf, WeChatError, type WeChatErrorKind } from '../wechat/errors';
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
  code: MessageCode;
  /** What the failure says: code, params and English (not yet redacted). */
  said: Said;
  /** For WeChat's errors. */
  wechatKind?: WeChatErrorKind;
}

/** StorageFullError (a full property store), SheetWriteError (the sheet refused), LockUnavailableError. */
function hasSaid(error: unknown): error is Error & { said: Said } {
  const said = (error as { said?: { code?: unknown } } | null)?.said;
  return error instanceof Error && typeof said?.code === 'string';
}

/** An unclassified error's own words are a detail for a report, not a message: a few hundred characters at most. */
const DETAIL_LIMIT = 300;

function classified(failureClass: FailureClass, said: Said, wechatKind?: WeChatErrorKind): ClassifiedFailure {
  return wechatKind
    ? { class: failureClass, code: said.code, said, wechatKind }
    : { class: failureClass, code: said.code, said };
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  if (error instanceof WeChatError) return classified(ERROR_HANDLING[error.kind], saidOf(error.info), error.kind);
  if (error instanceof RunFailure) return classified(error.resumable ? 'passes' : 'fails', error.said);
  if (hasSaid(error)) return classified(error.said.code === STORAGE_FULL ? 'storage_full' : 'fails', error.said);
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, DETAIL_LIMIT);
  return classified('unexpected', say('unexpected', { detail }));
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
