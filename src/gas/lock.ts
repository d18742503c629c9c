/** LockService adapter: one refresh (or token fetch) per spreadsheet at a time. */

export interface Locker {
  /** Runs `work` holding the lock; returns `{ acquired: false }` when it could not be had within `waitMs`. */
  withLock<T>(waitMs: number, work: () => T): { acquired: true; value: T } | { acquired: false };
}

export function documentLocker(): Locker {
  return {
    withLock(waitMs, work) {
      const lock = LockService.getDocumentLock();
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
