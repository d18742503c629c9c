/** Time source for the emulation: real time, or a virtual clock that only moves when told (sleep, lock waits). */
export interface Clock {
  now(): number;
  sleep(ms: number): void;
}

export interface VirtualClock extends Clock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Wall-clock time; sleep really blocks the thread. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number): void {
    if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
  },
};

/** A clock that starts at `startMs` and advances only on sleep/advance/set: deterministic tests of time budgets. */
export function virtualClock(startMs: number = Date.now()): VirtualClock {
  let current = startMs;
  return {
    now: () => current,
    sleep(ms: number): void {
      if (ms > 0) current += ms;
    },
    advance(ms: number): void {
      current += ms;
    },
    set(epochMs: number): void {
      current = epochMs;
    },
  };
}
