/** Time, through Apps Script: `Date.now()` and `Utilities.sleep` (which counts against the 6-minute run). */

export interface Clock {
  now(): number;
  sleep(ms: number): void;
}

export const appsScriptClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.min(300000, Math.round(ms)))),
};
