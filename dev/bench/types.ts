/** What each scenario measures, as the parent process collects, judges and prints it. */
import type { ModelledTime, ServiceFigures } from './counters';

export const SCENARIO_IDS = ['backfill', 'daily', 'merge', 'tick', 'several'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Memory of the process that ran the scenario (each scenario runs in a child process of its own). */
export interface MemoryFigures {
  /** RSS high-water mark of the process (Node + emulation + bundle + data), from process.resourceUsage(). */
  peakRssMb: number;
  /** RSS just before the scenario started (Node, the emulation and the loaded bundle). */
  baseRssMb: number;
  /** Largest V8 heap in use, sampled between the add-on's calls. */
  peakHeapUsedMb: number;
}

/** The naive baseline: one call per day, sequential, one appendRow per row, same data. */
export interface NaiveFigures {
  wallMs: number;
  calls: number;
  rows: number;
  /** The add-on's row count for the same dates (the naive must have written exactly as many). */
  addonRows: number;
  /** calls × latency: what the naive costs on the network alone. */
  floorMs: number;
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  /** DataSet runs in the scenario. */
  runs: number;
  rows: number;
  /** Datacube calls the simulator answered. */
  wechatCalls: number;
  /** Σ ⌈days ÷ max span⌉ over the dates the engine must fetch (see minimum.ts). */
  minimumCalls: number;
  tokenCalls: number;
  accounts: number;
  /** Largest number of token calls any one run made. */
  maxTokenCallsPerRun: number;
  wallMs: number;
  /** The ideal: the fetchAll rounds of all the minimum calls in one queue, after the token fetch, × latency. */
  idealMs: number;
  /** The plain formula: minimum calls ÷ concurrency × latency. */
  formulaIdealMs: number;
  /** Whether the wall-time target applies (network-bound scenarios). */
  wallTarget: boolean;
  /** Cell writes (Range.set…, Range.clear…, appendRow) of the run that made the most, or the average (rangeWritesExact). */
  rangeWritesPerRun: number;
  rangeWritesExact: boolean;
  /** Range.setNumberFormat calls (a big write's formats, one per run of columns), counted as rangeWritesPerRun is. */
  formatWritesPerRun: number;
  /** Every SpreadsheetApp/Spreadsheet/Sheet/Range call, per run. */
  sheetsCallsPerRun: number;
  /** CPU time (user + system, all threads) of the measured calls in the scenario's process. */
  cpuMs: number;
  /** The part of cpuMs spent inside the emulated Apps Script services (Sheets, UrlFetch, Properties…). */
  serviceCpuMs: number;
  memory: MemoryFigures;
  /** Service calls of the measured part (all its runs), by kind, with round trips and cells: judged exactly. */
  services: ServiceFigures;
  /**
   * Modelled Apps Script time of the measured part: its service calls, cells, round trips and execution start-ups
   * priced by the realistic cost profile (dev/gas/costs.ts). Exact, like the counts: judged.
   */
  modelled: ModelledTime;
  /** Where the calls go: the methods called most in the measured part. */
  topCalls: Array<[string, number]>;
  naive?: NaiveFigures;
  /** Correctness checks of the scenario (judged with the targets). */
  checks: Array<{ name: string; measured: string; pass: boolean }>;
  /** Extra figures a scenario reports (e.g. tick load time, pre-filled rows). */
  extra: Record<string, number | string>;
}

export interface SizeFigures {
  codeJsBytes: number;
  sidebarHtmlBytes: number;
}

export interface TargetResult {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

export interface BenchReport {
  startedAt: string;
  options: Record<string, number | boolean | string>;
  node: string;
  cpus: number;
  /** 1-minute load average before and after the run: above the CPU count, other work competed for the CPUs. */
  loadAverage: { start: number; end: number };
  durationMs: number;
  scenarios: ScenarioResult[];
  sizes: SizeFigures;
  targets: TargetResult[];
}
