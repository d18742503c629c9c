/** The simulator's clock: the base clock, shifted or frozen through the control API. */
import type { ClockSetting, ClockState } from './types';

export function formatBeijing(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export class SimClock {
  private fixedMs: number | null = null;
  private offsetMs = 0;

  constructor(private readonly base: () => number) {}

  now(): number {
    return this.fixedMs ?? this.base() + this.offsetMs;
  }

  apply(setting: ClockSetting): void {
    if (setting.real) {
      this.fixedMs = null;
      this.offsetMs = 0;
    }
    if (setting.offsetMs !== undefined) {
      this.fixedMs = null;
      this.offsetMs = setting.offsetMs;
    }
    if (setting.nowMs !== undefined) this.fixedMs = setting.nowMs;
    if (setting.advanceMs !== undefined) {
      if (this.fixedMs !== null) this.fixedMs += setting.advanceMs;
      else this.offsetMs += setting.advanceMs;
    }
  }

  state(): ClockState {
    const nowMs = this.now();
    return { nowMs, fixed: this.fixedMs !== null, offsetMs: this.offsetMs, beijing: formatBeijing(nowMs) };
  }
}
