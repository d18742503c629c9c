/**
 * The WeChat simulator in a child process (`.build/dev/simulator.js`), for the playground, the tests and the
 * benchmark. The emulation's UrlFetchApp blocks its thread while a request runs, so the simulator cannot answer
 * from that thread.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { SimulatorOptions } from './simulator';

export interface SimulatorProcess {
  origin: string;
  /** Calls the simulator's control API (/__sim/<route>). */
  control<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function spawnSimulator(script: string, options: SimulatorOptions): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [script, '--port', '0', '--config', JSON.stringify(options)], {
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
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the WeChat simulator exited (${code}): ${errors.trim()}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    async control<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
      const send = () =>
        fetch(`${origin}/__sim/${route}`, {
          method,
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      // A kept-alive connection the simulator closed (after a hang fault, say): one fresh try.
      const response = await send().catch(send);
      const json = (await response.json()) as T;
      if (!response.ok) throw new Error(`simulator ${route}: ${JSON.stringify(json)}`);
      return json;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
