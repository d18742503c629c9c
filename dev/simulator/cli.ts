/**
 * Starts the WeChat simulator from the command line:
 *   node .build/dev/simulator.js [--port 0] [--host 127.0.0.1] [--config <json file or inline json>]
 * Prints exactly one line `SIMULATOR_LISTENING <port>` to stdout when ready; exits cleanly on SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs';
import { createSimulator, parseSimulatorConfig, type SimulatorOptions } from './simulator';

interface CliArgs {
  port: number;
  host: string;
  config: string | null;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { port: 0, host: '127.0.0.1', config: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--port' && flag !== '--host' && flag !== '--config') throw new Error(`unknown argument ${flag}`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--port') args.port = Number(value);
    if (flag === '--host') args.host = value;
    if (flag === '--config') args.config = value;
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65_535) throw new Error('--port must be 0..65535');
  return args;
}

/** `--config` is inline JSON when it starts with `{`, otherwise a path to a JSON file. */
function loadConfig(config: string | null): SimulatorOptions {
  if (config === null) return {};
  const text = config.trim().startsWith('{') ? config : readFileSync(config, 'utf8');
  return parseSimulatorConfig(JSON.parse(text));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const simulator = createSimulator(loadConfig(args.config));
  const { port } = await simulator.listen(args.port, args.host);
  process.stdout.write(`SIMULATOR_LISTENING ${port}\n`);
  const stop = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
