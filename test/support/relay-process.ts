/**
 * The relay's CLI (.build/relay/server.js, built by the jest global setup) in a child process: the bundle's
 * UrlFetchApp blocks the test's own thread, and the relay's tests also run it under another Node (`node`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RelayConfigInput } from '../../relay/config';

const RELAY = join(__dirname, '..', '..', '.build', 'relay', 'server.js');

export interface RelayProcess {
  url: string;
  pid: number;
  /** Everything the relay printed (its request log). */
  output(): string;
  close(): Promise<void>;
}

export interface RelayProcessOptions {
  /** The Node binary to run it with; default the one running the tests. */
  node?: string;
}

export async function startRelayProcess(
  config: RelayConfigInput,
  options: RelayProcessOptions = {},
): Promise<RelayProcess> {
  let output = '';
  const child: ChildProcess = spawn(options.node ?? process.execPath, [RELAY], {
    env: { PATH: process.env.PATH ?? '', RELAY_CONFIG: JSON.stringify(config), PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const check = setInterval(() => {
      const match = /RELAY_LISTENING (\d+)/.exec(output);
      if (match) {
        clearInterval(check);
        resolve(Number(match[1]));
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`relay exited (${code}): ${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => output,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
