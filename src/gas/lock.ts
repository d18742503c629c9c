/** LockService adapter: one refresh (or token fetch) per spreadsheet at a time. */

export interface Locker {
  /** Runs `work` holding the lock; returns `{ acquired: false }` when it could not be had within `waitMs`. */
  withLock<T>(waitMs: number, work: () => T): { acquired: true; value: T } | { acquired: false };
}

/** LockService gave no document lock (the reference: null outside a container-bound document). */
export class LockUnavailableError extends Error {
  readonly code = 'lock_unavailable';

  constructor() {
    super(
      'Google Apps Script gave this run no document lock, so it could not make sure it is the only run of this spreadsheet. Nothing was changed; open the spreadsheet and run it again from the sidebar.',
    );
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
