/**
 * `npm run bench`: the built add-on in the Apps Script emulation against the WeChat simulator with a real
 * per-call latency, for four scenarios (backfill, daily refresh, merge at scale, idle tick), against the limits
 * the WeChat API allows and a naive baseline. Prints a table with pass or miss per target, writes JSON.
 * See docs/performance.md.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseOptions, UsageError } from './options';
import { runBench } from './orchestrate';
import { CODE_JS, ROOT, SIMULATOR_JS } from './paths';
import { formatReport, writeJson } from './report';
import { runRole } from './roles';

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--child') {
    await runRole(argv[1] ?? '', argv[2] ?? '{}');
    return 0;
  }
  const options = parseOptions(argv);
  for (const file of [CODE_JS, SIMULATOR_JS])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm run bench does).`);
  const report = await runBench(options);
  process.stdout.write(`${formatReport(report)}\n`);
  const jsonPath = resolve(ROOT, options.jsonPath);
  writeJson(jsonPath, report);
  process.stdout.write(`JSON: ${jsonPath}\n`);
  return report.targets.every((target) => target.pass) ? 0 : 1;
}

/** Exits once stdout has taken everything (a pipe may still hold the table). */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
