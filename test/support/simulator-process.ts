/**
 * The WeChat simulator in a child process: the bundle's UrlFetchApp blocks the test's thread while it waits,
 * so the simulator must answer from another process. Controlled through its /__sim/ API.
 */
import { join } from 'node:path';
import { spawnSimulator } from '../../dev/simulator/process';
import type {
  AccountFaults,
  ClockSetting,
  JsonObject,
  RequestLogEntry,
  SimAccount,
  SimulatorOptions,
  SimulatorSettings,
  SimulatorStats,
} from '../../dev/simulator/simulator';

const SIMULATOR = join(__dirname, '..', '..', '.build', 'dev', 'simulator.js');

export interface SimulatorProcess {
  origin: string;
  port: number;
  control<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T>;
  setFaults(appid: string, faults: AccountFaults): Promise<void>;
  setClock(setting: ClockSetting): Promise<void>;
  configure(settings: Partial<SimulatorSettings>): Promise<void>;
  served(appid: string, endpoint: string): Promise<JsonObject[]>;
  log(query?: Record<string, string>): Promise<RequestLogEntry[]>;
  stats(): Promise<SimulatorStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulator(
  options: SimulatorOptions & { accounts: SimAccount[] },
): Promise<SimulatorProcess> {
  const simulator = await spawnSimulator(SIMULATOR, options);
  const { control } = simulator;
  return {
    origin: simulator.origin,
    port: Number(new URL(simulator.origin).port),
    control,
    setFaults: async (appid, faults) => {
      await control('POST', 'faults', { appid, faults });
    },
    setClock: async (setting) => {
      await control('POST', 'clock', setting);
    },
    configure: async (settings) => {
      await control('POST', 'config', settings);
    },
    served: async (appid, endpoint) =>
      (await control<{ items: JsonObject[] }>('GET', `served?appid=${encodeURIComponent(appid)}&endpoint=${endpoint}`))
        .items,
    log: async (query = {}) =>
      (await control<{ entries: RequestLogEntry[] }>('GET', `log?${new URLSearchParams(query)}`)).entries,
    stats: () => control<SimulatorStats>('GET', 'stats'),
    reset: async () => {
      await control('POST', 'reset');
    },
    close: () => simulator.close(),
  };
}
