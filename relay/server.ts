/**
 * The relay from the command line (built to .build/relay/server.js):
 *   node server.js                 serve; config from RELAY_CONFIG (JSON) or RELAY_CONFIG_FILE, PORT (8080), HOST (127.0.0.1)
 *   node server.js --check-config  check the configuration and exit
 *   node server.js --generate-key  print a new random relay key
 * Prints `RELAY_LISTENING <port>` on its own line when ready; exits cleanly on SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs';
import { generateKey } from './auth';
import { ConfigError, loadRelayConfig } from './config';
import { serveRelay } from './relay';

const DEFAULT_PORT = 8080;
const DEFAULT_HOST = '127.0.0.1';

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError('PORT must be a number 0-65535');
  return port;
}

async function main(args: readonly string[]): Promise<void> {
  if (args[0] === '--generate-key') {
    process.stdout.write(`${generateKey()}\n`);
    return;
  }
  if (args.length > 0 && args[0] !== '--check-config') throw new ConfigError(`unknown argument ${args[0]}`);
  const config = loadRelayConfig(process.env, (path) => readFileSync(path, 'utf8'));
  if (args[0] === '--check-config') {
    const keys = config.keys.map((k) => `${k.name} → ${k.appIds.join(', ')}`).join('; ');
    const accounts = config.accounts.map((a) => `${a.appId} "${a.name}" (${a.type})`).join(', ');
    process.stdout.write(`config OK: ${config.accounts.length} account(s): ${accounts}; keys: ${keys}\n`);
    return;
  }
  const relay = await serveRelay(config, { port: portFrom(process.env.PORT), host: process.env.HOST || DEFAULT_HOST });
  process.stdout.write(`RELAY_LISTENING ${relay.port}\n`);
  const stop = (): void => {
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // ConfigError messages never contain a secret or key; other errors are reduced to their message.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`relay: ${message}\n`);
  process.exit(1);
});
