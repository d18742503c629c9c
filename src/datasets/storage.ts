/**
 * PropertiesService's limits, and how the document store stays inside them: about 9 KB a value and 500 KB a store
 * (keys and values, UTF-8). Configs, states and unfinished runs are kept whole; run histories are what gives way,
 * each DataSet keeping the newest runs that fit its share. A new DataSet or account that would leave too little room
 * is refused before anything is written.
 */

import type { MessageParams, Said } from '../messages/codes';
import { say } from '../messages/en';

export const STORE_LIMIT_BYTES = 500 * 1024;
/** Each value is kept under this (the key counts against the 9 KB too). */
export const VALUE_BUDGET_BYTES = 8 * 1024;
/** Kept free for what runs write as they go: tokens, usage, leases, the schedule's reports. */
export const STORE_HEADROOM_BYTES = 32 * 1024;
/** Room set aside for each DataSet without an unfinished run (a job): the one it may start. */
export const JOB_RESERVE_BYTES = 512;
/** The least history room every DataSet keeps: its last few runs. Below that, no new DataSet is accepted. */
export const MIN_HISTORY_BYTES = 1024;

export const STORAGE_FULL = 'storage_full';

/** A stored JSON value, or undefined when it is missing or not JSON (a value edited by hand). */
export function parseStored<T>(raw: string | null | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

/** A write that would not fit: says what to do, with a code the UI can translate. */
export class StorageFullError extends Error {
  readonly code = STORAGE_FULL;
  readonly said: Said<'storage_full'>;

  constructor(room?: MessageParams['storage_full']['room']) {
    const said = say('storage_full', room ? { room } : {});
    super(said.message);
    this.said = said;
    this.name = 'StorageFullError';
  }
}

/** Anything but printable ASCII, tab and line breaks (one byte each): counted character by character. */
const NOT_PLAIN_ASCII = /[^ -~\t\n\r]/;

/** Bytes of a text in UTF-8 (Apps Script has no TextEncoder). */
export function utf8Bytes(text: string): number {
  if (!NOT_PLAIN_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/** What a property costs against the limits. */
export function entryBytes(key: string, value: string): number {
  return utf8Bytes(key) + utf8Bytes(value);
}

export interface StoreUsage {
  /** Every key and value. */
  total: number;
  /** Run histories. */
  history: number;
  dataSets: number;
  /** Unfinished runs. */
  jobs: number;
}

/** The bytes each DataSet's history may use: an equal share of what everything else and the reserves leave. */
export function historyShare(usage: StoreUsage): number {
  const others = usage.total - usage.history;
  const reserve = Math.max(0, usage.dataSets - usage.jobs) * JOB_RESERVE_BYTES;
  const pool = STORE_LIMIT_BYTES - STORE_HEADROOM_BYTES - others - reserve;
  return Math.min(VALUE_BUDGET_BYTES, Math.floor(pool / Math.max(1, usage.dataSets)));
}

/** The newest entries of a history (newest first) that fit `budget` bytes under `key`; always the newest one. */
export function fitHistory<T>(key: string, history: readonly T[], budget: number): T[] {
  const fitted = [...history];
  while (fitted.length > 1 && entryBytes(key, JSON.stringify(fitted)) > budget) fitted.pop();
  return fitted;
}

/** Apps Script's own refusals ("exceeded the property storage quota", "Argument too large"), as a clear error. */
export function asStorageError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  return /property storage quota|argument too large/i.test(message) ? new StorageFullError() : error;
}
