/**
 * The relay's CLI (.build/relay/server.js, built by the jest global setup) in a child process: the bundle's
 * UrlFetchApp blocks the test's own thread, the load test keeps the relay off the senders' CPU, and the relay's
 * tests also run it under another Node, or with the settings a deploy file gives it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RelayConfigInput } from '../../relay/config';

const RELAY = join(__dirname, '..', '..', '.build', 'relay', 'server.js');

export interface RelayProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Everything the relay printed (its request log). */
  output(): string;
  /** SIGTERM, then its exit code once it has exited. */
  close(): Promise<number | null>;
}

export interface RelayProcessOptions {
  /** The Node binary to run it with; default the one running the tests. */
  node?: string;
  /** The relay bundle; default .build/relay/server.js. */
  script?: string;
}

/** Starts the relay with `env` and nothing else from the test's environment but PATH; resolves once it listens. */
export async function spawnRelay(
  env: Record<string, string>,
  options: RelayProcessOptions = {},
): Promise<RelayProcess> {
  let output = '';
  const child: ChildProcess = spawn(options.node ?? process.execPath, [options.script ?? RELAY], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^RELAY_LISTENING (\d+)$/m.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`relay exited (${code}): ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    child,
    output: () => output,
    close: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export function startRelayProcess(config: RelayConfigInput, options: RelayProcessOptions = {}): Promise<RelayProcess> {
  return spawnRelay({ RELAY_CONFIG: JSON.stringify(config), PORT: '0', HOST: '127.0.0.1' }, options);
}
