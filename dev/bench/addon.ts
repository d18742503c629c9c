/**
 * The built add-on (dist/Code.js) in the Apps Script emulation, its WeChat hosts pointed at the simulator, driven
 * only through its top-level functions, as Apps Script would.
 */
import { readFileSync } from 'node:fs';
import type { CallEntry } from '../entry-points';
import { type BundleContext, createEmulation, type Emulation, type VirtualClock, virtualClock } from '../gas';
import type { SimAccount } from '../simulator/simulator';
import {
  type CallSnapshot,
  callsBetween,
  type ModelledTime,
  modelledBetween,
  type ServiceFigures,
  serviceFigures,
} from './counters';
import { type Timed, timed } from './measure';
import { CODE_JS, SIDEBAR_HTML } from './paths';
import { ServiceTimer } from './service-timer';
import { CLOCK_HEADER } from './simulator';

export interface NetworkSetting {
  origin: string;
  nowMs: number;
  latencyMs: number;
  concurrency: number;
}

export interface BenchAddon {
  emu: Emulation;
  clock: VirtualClock;
  ctx: BundleContext;
  /** Time spent inside the emulated services, by every context of this add-on. */
  services: ServiceTimer;
  /** A server function by name, typed as src/main.ts exports it. */
  call: CallEntry;
  /** A new execution (Apps Script evaluates the script afresh for each trigger run). */
  freshContext(): BundleContext;
  dispose(): void;
}

import type { RunOutcome } from '../../src/refresh/outcome';

export type { RunOutcome };

/**
 * The emulation under the realistic cost profile (dev/gas/costs.ts): every service call and UrlFetch round trip
 * moves its clock by its cost, so the add-on's time budgets see Apps Script's time, and the meter gives the
 * modelled time of what was measured. The simulator's latency is real delay only (wall time, information): the
 * profile's round trip is the network time on the clock.
 */
export function createBenchEmulation(
  network: NetworkSetting,
  executionLimitMs?: number,
): {
  emu: Emulation;
  clock: VirtualClock;
} {
  const clock = virtualClock(network.nowMs);
  const emu = createEmulation({
    clock,
    spreadsheetTimeZone: 'Asia/Shanghai',
    costProfile: 'realistic',
    files: { sidebar: readFileSync(SIDEBAR_HTML, 'utf8') },
    ...(executionLimitMs === undefined ? {} : { executionLimitMs }),
    urlFetch: {
      hosts: {
        'api.weixin.qq.com': network.origin,
        'api2.weixin.qq.com': network.origin,
        'api.wechat.com': network.origin,
      },
      timeoutMs: 30_000,
      clockHeader: CLOCK_HEADER,
      concurrency: network.concurrency,
    },
  });
  return { emu, clock };
}

/**
 * The emulation starts its UrlFetch worker thread on the first request (a few hundred ms Apps Script does not
 * have): one request to the simulator's control API, before anything is measured, starts it.
 */
export function warmUpUrlFetch(emu: Emulation, origin: string): void {
  const urlFetch = emu.globals.UrlFetchApp as GoogleAppsScript.URL_Fetch.UrlFetchApp;
  urlFetch.fetch(`${origin}/__sim/clock`, { muteHttpExceptions: true });
}

export function loadAddon(network: NetworkSetting): BenchAddon {
  const { emu, clock } = createBenchEmulation(network);
  warmUpUrlFetch(emu, network.origin);
  const code = readFileSync(CODE_JS, 'utf8');
  const services = new ServiceTimer();
  const ctx = services.instrument(emu.loadBundle(code, 'Code.js'));
  return {
    emu,
    clock,
    ctx,
    services,
    call: (name, ...args) => ctx.call(name, ...args),
    freshContext: () => services.instrument(emu.loadBundle(code, 'Code.js')),
    dispose: () => emu.dispose(),
  };
}

export function saveAccount(addon: BenchAddon, account: SimAccount): string {
  const result = addon.call('saveAccount', {
    name: `Bench ${account.appid}`,
    appId: account.appid,
    type: account.type,
    connection: 'direct',
    secret: account.secret,
  });
  if (!result.ok) throw new Error(`saveAccount failed: ${JSON.stringify(result.problems)}`);
  return result.account.id;
}

export function saveDataSet(addon: BenchAddon, fields: Record<string, unknown>): string {
  const result = addon.call('saveDataSet', fields);
  if (!result.ok) throw new Error(`saveDataSet failed: ${JSON.stringify(result.problems)}`);
  return result.dataSet.id;
}

/** runDataSets until no DataSet is running; the last outcome of each DataSet. */
export function runAllToEnd(call: (ids: string[]) => RunOutcome[], ids: readonly string[]): RunOutcome[] {
  const last = new Map<string, RunOutcome>();
  let running = [...ids];
  for (let chunk = 0; chunk < 50 && running.length > 0; chunk++) {
    const outcomes = call(running);
    running.forEach((id, index) => {
      last.set(id, outcomes[index]!);
    });
    running = running.filter((_, index) => outcomes[index]!.status === 'running');
  }
  if (running.length > 0) throw new Error(`runDataSets left ${running.length} DataSets running after 50 calls`);
  const failed = [...last.values()].filter((outcome) => !outcome.ok);
  if (failed.length > 0) throw new Error(`runDataSets: ${JSON.stringify(failed.map((f) => [f.code, f.message]))}`);
  return ids.map((id) => last.get(id)!);
}

/** "Run now", called again while the run reports it is continuing (as the sidebar does). */
export function runToEnd(addon: BenchAddon, dataSetId: string): RunOutcome[] {
  const outcomes: RunOutcome[] = [];
  for (let chunk = 0; chunk < 50; chunk++) {
    const outcome = addon.call('runDataSet', dataSetId);
    outcomes.push(outcome);
    if (outcome.status !== 'running') {
      if (!outcome.ok) throw new Error(`run of ${dataSetId} failed: ${outcome.code} ${outcome.message}`);
      return outcomes;
    }
  }
  throw new Error(`run of ${dataSetId} did not finish in 50 chunks`);
}

export interface Measured<T> extends Timed<T> {
  /** CPU spent inside the emulated services meanwhile. */
  serviceCpuMs: number;
  /** Every emulated service method called meanwhile, with its count. */
  calls: CallSnapshot;
  /** The calls that reach a Google server, by kind, with round trips and cells. */
  services: ServiceFigures;
  /** Modelled Apps Script time of the measured calls (counts × the cost profile), in all and by kind. */
  modelled: ModelledTime;
}

/** A measured call: wall and CPU time (information), and the service calls it made (what is judged). */
export function measured<T>(addon: BenchAddon, work: () => T): Measured<T> {
  addon.services.reset();
  const before = addon.emu.calls.snapshot();
  const costsBefore = addon.emu.costs.snapshot();
  const run = timed(work);
  const calls = callsBetween(before, addon.emu.calls.snapshot());
  const cells = { read: addon.services.cellsRead, written: addon.services.cellsWritten };
  const modelled = modelledBetween(costsBefore, addon.emu.costs.snapshot());
  return { ...run, serviceCpuMs: addon.services.cpuMs, calls, services: serviceFigures(calls, cells), modelled };
}
