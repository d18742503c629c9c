import type { Env } from '../env';
import { GasError } from '../errors';

/**
 * LockService with real mutual exclusion between executions (bundle contexts). Everything runs on one thread,
 * so while one context waits nothing can release the lock: waiting costs the timeout on the emulation clock
 * (instant with a virtual clock) and then fails.
 */

export interface LockApi {
  tryLock(timeoutInMillis: number): boolean;
  waitLock(timeoutInMillis: number): void;
  releaseLock(): void;
  hasLock(): boolean;
}

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

function createLock(env: Env, key: string): LockApi {
  const { locks, clock } = env.state;
  const attempt = (timeout: unknown): boolean => {
    const ms = Number(timeout);
    if (!Number.isFinite(ms) || ms < 0) throw new GasError('Invalid argument: timeoutInMillis');
    if (locks.tryAcquire(key, env.exec)) return true;
    clock.sleep(ms);
    return locks.tryAcquire(key, env.exec);
  };
  return env.wrap('Lock', {
    tryLock: (timeoutInMillis: number) => attempt(timeoutInMillis),
    waitLock(timeoutInMillis: number) {
      if (!attempt(timeoutInMillis)) throw new GasError(LOCK_TIMEOUT_MESSAGE);
    },
    releaseLock() {
      locks.release(key, env.exec);
    },
    hasLock: () => locks.holder(key) === env.exec,
  });
}

export function createLockService(env: Env) {
  return env.wrap('LockService', {
    // The reference: "returns null if … called outside of a container-bound document"; tests can make it so.
    getDocumentLock: () =>
      env.state.limits.documentLockNull ? null : createLock(env, `document:${env.state.spreadsheet.id}`),
    getScriptLock: () => createLock(env, 'script'),
    getUserLock: () => createLock(env, `user:${env.exec.user()}`),
  });
}
