/** Command-line options of `npm run bench` (`npm run bench -- --latency 300 --concurrency 20`). */
import { SCENARIO_IDS, type ScenarioId } from './types';

export interface BenchOptions {
  /** Real delay of every simulator answer, and the network time on the emulation's clock. */
  latencyMs: number;
  /** Requests the emulated UrlFetchApp.fetchAll runs at once (Apps Script's own parallelism). */
  concurrency: number;
  /** Days of the backfill scenario. */
  backfillDays: number;
  /** Rows the merge scenario's sheet holds before the 7-day Append. */
  mergeRows: number;
  /** Days the merge scenario appends. */
  mergeDays: number;
  /** Days of the "Run now on several" scenario (nine reports in one runDataSets). */
  severalDays: number;
  /** Append DataSets of one account the daily tick refreshes. */
  dailyDataSets: number;
  /** Scheduled DataSets in the "nothing due" tick. */
  tickDataSets: number;
  /** Ticks timed, each in a fresh execution. */
  tickRepeats: number;
  /** Run the naive baselines. */
  naive: boolean;
  /** The scenarios to run (all by default); with fewer, the run is partial and its targets cover only those. */
  only: ScenarioId[];
  /** Where the JSON report goes. */
  jsonPath: string;
  /** A small, fast run (for the smoke test); sizes shrink, so the size-bound targets are not judged. */
  smoke: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  latencyMs: 150,
  concurrency: 10,
  backfillDays: 365,
  mergeRows: 100_000,
  mergeDays: 7,
  dailyDataSets: 20,
  severalDays: 30,
  tickDataSets: 50,
  tickRepeats: 5,
  naive: true,
  only: [...SCENARIO_IDS],
  jsonPath: '.build/bench/results.json',
  smoke: false,
};

const SMOKE: Partial<BenchOptions> = {
  latencyMs: 20,
  backfillDays: 21,
  mergeRows: 3000,
  tickDataSets: 9,
  dailyDataSets: 10,
  tickRepeats: 2,
};

const USAGE = `npm run bench -- [options]
  --latency <ms>        simulated per-call latency (default 150)
  --concurrency <n>     emulated UrlFetchApp.fetchAll parallelism (default 10)
  --days <n>            backfill days (default 365)
  --merge-rows <n>      rows already in the sheet for the merge scenario (default 100000)
  --several-days <n>    days of the Run now on several scenario (default 30)
  --daily-datasets <n>  Append DataSets the daily tick refreshes (default 20)
  --tick-datasets <n>   scheduled DataSets in the idle tick (default 50)
  --no-naive            skip the naive baselines
  --only <ids>          run only these scenarios (comma-separated: backfill,daily,merge,tick,several)
  --json <path>         JSON report (default .build/bench/results.json)
  --smoke               tiny sizes, a few seconds (timing and scale targets are not judged)`;

const NUMERIC: Record<string, keyof BenchOptions> = {
  '--latency': 'latencyMs',
  '--concurrency': 'concurrency',
  '--days': 'backfillDays',
  '--merge-rows': 'mergeRows',
  '--tick-datasets': 'tickDataSets',
  '--daily-datasets': 'dailyDataSets',
  '--several-days': 'severalDays',
};

export class UsageError extends Error {}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  const explicit: Partial<BenchOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE);
    if (flag === '--smoke') options.smoke = true;
    else if (flag === '--no-naive') explicit.naive = false;
    else if (flag === '--json') explicit.jsonPath = requireValue(flag, argv[++i]);
    else if (flag === '--only') explicit.only = scenarioIds(requireValue(flag, argv[++i]));
    else if (flag in NUMERIC) {
      const value = Number(requireValue(flag, argv[++i]));
      if (!Number.isInteger(value) || value < (flag === '--latency' ? 0 : 1))
        throw new UsageError(`${flag} needs a whole number${flag === '--latency' ? '' : ' above 0'}\n\n${USAGE}`);
      Object.assign(explicit, { [NUMERIC[flag]!]: value });
    } else throw new UsageError(`unknown option ${flag}\n\n${USAGE}`);
  }
  return { ...options, ...(options.smoke ? SMOKE : {}), ...explicit };
}

function requireValue(flag: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${flag} needs a value\n\n${USAGE}`);
  return value;
}

function scenarioIds(list: string): ScenarioId[] {
  const ids = list.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !(SCENARIO_IDS as readonly string[]).includes(id));
  if (unknown.length > 0 || ids.length === 0)
    throw new UsageError(
      `--only takes scenario names (${SCENARIO_IDS.join(', ')}), not "${unknown.join(', ')}"\n\n${USAGE}`,
    );
  return SCENARIO_IDS.filter((id) => ids.includes(id));
}
