/** Where the built files are, seen from the bundled bench (.build/dev/bench.js) or its sources. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

function findRoot(): string {
  for (const candidate of [resolve(__dirname, '..', '..'), resolve(__dirname, '..', '..', '..'), process.cwd()]) {
    if (existsSync(join(candidate, 'package.json')) && existsSync(join(candidate, 'src', 'main.ts'))) return candidate;
  }
  return process.cwd();
}

export const ROOT = findRoot();
export const at = (...parts: string[]): string => join(ROOT, ...parts);
/** The bundle under test; BENCH_CODE_JS points at another build to compare. */
export const CODE_JS = process.env.BENCH_CODE_JS ?? at('dist', 'Code.js');
export const SIDEBAR_HTML = at('dist', 'sidebar.html');
export const SIMULATOR_JS = at('.build', 'dev', 'simulator.js');
/** The bundled bench itself: child processes run it again with `--child`. */
export const BENCH_JS = at('.build', 'dev', 'bench.js');
