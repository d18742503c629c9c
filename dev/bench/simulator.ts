/**
 * The WeChat simulator as a child process (the emulated UrlFetchApp blocks the thread that calls it, so the
 * simulator must answer from another process). One per scenario: its clock only moves forward.
 */
import { spawnSimulator } from '../simulator/process';
import type { SimAccount, SimulatorStats } from '../simulator/simulator';
import { SIMULATOR_JS } from './paths';

/** The emulation stamps its virtual time on every request; the simulator follows it (one clock for both). */
export const CLOCK_HEADER = 'x-emulation-clock';

export interface SimulatorHandle {
  origin: string;
  close(): Promise<void>;
}

export function startSimulator(accounts: SimAccount[], nowMs: number, latencyMs: number): Promise<SimulatorHandle> {
  return spawnSimulator(SIMULATOR_JS, { accounts, clock: { nowMs }, clockHeader: CLOCK_HEADER, latencyMs });
}

export async function simulatorStats(origin: string): Promise<SimulatorStats> {
  const response = await fetch(`${origin}/__sim/stats`, { headers: { connection: 'close' } });
  if (!response.ok) throw new Error(`simulator stats: HTTP ${response.status}`);
  return (await response.json()) as SimulatorStats;
}

/** Datacube and token calls one account made between two stats snapshots. */
export function callsBetween(
  before: SimulatorStats,
  after: SimulatorStats,
  appid: string,
): { datacube: number; token: number } {
  const datacube = (stats: SimulatorStats) => stats.datacubeCalls.byAccount[appid]?.total ?? 0;
  const token = (stats: SimulatorStats) => {
    const calls = stats.tokenCalls.byAccount[appid];
    return (calls?.classic ?? 0) + (calls?.stable ?? 0);
  };
  return { datacube: datacube(after) - datacube(before), token: token(after) - token(before) };
}

/** Changes the simulator's latency for what follows (e.g. 0 for set-up and checks that are not measured). */
export async function setSimulatorLatency(origin: string, latencyMs: number): Promise<void> {
  const response = await fetch(`${origin}/__sim/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ latencyMs }),
  });
  if (!response.ok) throw new Error(`simulator config: HTTP ${response.status}`);
}
