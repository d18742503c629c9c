/**
 * Scenarios and naive baselines run in child processes of the bench: each gets a clean heap and its own RSS
 * high-water mark, and the naive backfill can run its nine sequential reports side by side. A child prints one
 * `BENCH_RESULT <json>` line on stdout; everything else it says goes to stderr.
 */
import { spawn } from 'node:child_process';
import { BENCH_JS } from './paths';

const RESULT_PREFIX = 'BENCH_RESULT ';

export function runChild<T>(role: string, config: unknown, timeoutMs: number): Promise<T> {
  const child = spawn(process.execPath, ['--expose-gc', BENCH_JS, '--child', role, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<T>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench child "${role}" did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = output.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
      else reject(new Error(`bench child "${role}" failed (exit ${code})`));
    });
  });
}

/** Child side: prints the result for the parent. */
export function reportResult(value: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(value)}\n`);
}
