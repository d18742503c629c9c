/**
 * The WeChat simulator in a child process: the bundle's UrlFetchApp blocks the test's thread while it waits,
 * so the simulator must answer from another process. Controlled through its /__sim/ API.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
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
  const child: ChildProcess = spawn(process.execPath, [SIMULATOR, '--port', '0', '--config', JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /SIMULATOR_LISTENING (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${errors}`)));
  });
  const origin = `http://127.0.0.1:${port}`;

  async function send(method: 'GET' | 'POST', route: string, body?: unknown): Promise<Response> {
    const request = () =>
      fetch(`${origin}/__sim/${route}`, {
        method,
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    try {
      return await request();
    } catch {
      // A kept-alive connection the simulator closed (e.g. after a hang fault): one fresh try.
      return request();
    }
  }

  async function control<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const response = await send(method, route, body);
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`simulator ${route}: ${JSON.stringify(json)}`);
    return json;
  }

  return {
    origin,
    port,
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
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
