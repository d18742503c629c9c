import { formatWithOptions } from 'node:util';
import type { Env } from '../env';
import { formatString } from '../utilities/format-string';

/** Logger and console: every line goes to Emulation.logs. */

function render(args: readonly unknown[]): string {
  return formatWithOptions({ depth: 6, breakLength: Number.POSITIVE_INFINITY }, ...args);
}

export function createLogger(env: Env) {
  const { logs } = env.state;
  let sinceClear: string[] = [];
  const api = {
    log(data: unknown, ...values: unknown[]) {
      const line = typeof data === 'string' && values.length > 0 ? formatString(data, values) : render([data]);
      logs.push(line);
      sinceClear.push(line);
      return api;
    },
    getLog: () => sinceClear.join('\n'),
    clear() {
      sinceClear = [];
    },
  };
  return env.wrap('Logger', api);
}

export function createConsole(env: Env) {
  const { logs, clock } = env.state;
  const timers = new Map<string, number>();
  const write = (...args: unknown[]) => {
    logs.push(render(args));
  };
  return env.wrap('console', {
    log: write,
    info: write,
    warn: write,
    error: write,
    time(label: string) {
      timers.set(String(label), clock.now());
    },
    timeEnd(label: string) {
      const started = timers.get(String(label));
      if (started === undefined) return;
      timers.delete(String(label));
      logs.push(`${String(label)}: ${clock.now() - started}ms`);
    },
  });
}
