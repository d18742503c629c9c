/** Wall time, CPU time and memory of the scenario's own process. */
import { performance } from 'node:perf_hooks';
import { mainThreadCpuMs } from './thread-cpu';
import type { MemoryFigures } from './types';

const MB = 1024 * 1024;

export interface Timed<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
  /** The main thread's share of cpuMs (Linux only; 10 ms resolution). */
  mainThreadCpuMs?: number;
}

/**
 * Collects the garbage earlier steps left (set-up runs) so a measurement does not pay for it. Children run with
 * --expose-gc; without it this does nothing.
 */
export function settleHeap(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
}

/** Wall time (performance.now) and CPU time (user + system of the whole process: main thread and workers). */
export function timed<T>(work: () => T): Timed<T> {
  const mainBefore = mainThreadCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const mainAfter = mainThreadCpuMs();
  const main = mainBefore === undefined || mainAfter === undefined ? {} : { mainThreadCpuMs: mainAfter - mainBefore };
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000, ...main };
}

/**
 * The main thread is blocked while the add-on runs (UrlFetchApp waits synchronously), so the heap can only be
 * sampled between calls; the RSS high-water mark comes from the OS and misses nothing.
 */
export class MemoryProbe {
  private readonly baseRss = process.memoryUsage().rss;
  private peakHeap = process.memoryUsage().heapUsed;

  sample(): void {
    this.peakHeap = Math.max(this.peakHeap, process.memoryUsage().heapUsed);
  }

  figures(): MemoryFigures {
    this.sample();
    return {
      peakRssMb: round1((process.resourceUsage().maxRSS * 1024) / MB),
      baseRssMb: round1(this.baseRss / MB),
      peakHeapUsedMb: round1(this.peakHeap / MB),
    };
  }
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
