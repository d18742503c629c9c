/** LockService adapter: one refresh (or token fetch) per spreadsheet at a time. */
import { say } from '../messages/en';

export interface Locker {
  /** Runs `work` holding the lock; returns `{ acquired: false }` when it could not be had within `waitMs`. */
  withLock<T>(waitMs: number, work: () => T): { acquired: true; value: T } | { acquired: false };
}

/** LockService gave no document lock (the reference: null outside a container-bound document). */
export class LockUnavailableError extends Error {
  readonly code = 'lock_unavailable';
  readonly said = say('lock_unavailable', {});

  constructor() {
    super(say('lock_unavailable', {}).message);
    this.name = 'LockUnavailableError';
  }
}

export function documentLocker(): Locker {
  return {
    withLock(waitMs, work) {
      const lock = LockService.getDocumentLock();
      if (!lock) throw new LockUnavailableError();
      if (lock.hasLock()) return { acquired: true, value: work() };
      if (!lock.tryLock(waitMs)) return { acquired: false };
      try {
        return { acquired: true, value: work() };
      } finally {
        lock.releaseLock();
      }
    },
  };
}
