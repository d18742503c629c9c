/** The scripted WeChat stub (stub-server.ts) built with esbuild and run in a child process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { StubAnswer, StubLogEntry } from './stub-server';

export interface StubProcess {
  origin: string;
  setAnswers(answers: Record<string, StubAnswer>): Promise<void>;
  log(): Promise<StubLogEntry[]>;
  close(): Promise<void>;
}

export async function startStub(): Promise<StubProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'wechat-stub-'));
  const outfile = join(dir, 'stub-server.js');
  buildSync({
    entryPoints: [join(__dirname, 'stub-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const child: ChildProcess = spawn(process.execPath, [outfile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /STUB_LISTENING (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`stub exited (${code})`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  const control = async <T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${origin}/__stub/${route}`, {
      method,
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };
  return {
    origin,
    setAnswers: async (answers) => {
      await control('POST', 'answers', answers);
    },
    log: async () => (await control<{ entries: StubLogEntry[] }>('GET', 'log')).entries,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
