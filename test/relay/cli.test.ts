import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { Simulator } from '../../dev/simulator/simulator';
import { keyWeakness } from '../../relay/auth';
import { type RelayProcess, spawnRelay } from '../support/relay-process';
import {
  CHINA,
  call,
  DATES,
  expectNoSecretIn,
  gateway,
  INTERNATIONAL,
  KEYS,
  relayConfig,
  startSimulator,
  tokensIssued,
} from './harness';

// The same esbuild settings as scripts/build.mjs, into a temporary directory.
const dir = mkdtempSync(join(tmpdir(), 'relay-cli-'));
const bundle = join(dir, 'server.js');
const built = buildSync({
  entryPoints: [join(__dirname, '..', '..', 'relay', 'server.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  metafile: true,
});

let sim: Simulator;
let simOrigin: string;
const relays: RelayProcess[] = [];

beforeAll(async () => {
  ({ sim, origin: simOrigin } = await startSimulator());
});

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Env for the child: only what the relay reads, so nothing from the test's own environment leaks in. */
function relayEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', PORT: '0', ...extra };
}

async function startCli(env: Record<string, string>): Promise<RelayProcess> {
  const relay = await spawnRelay(env, { script: bundle });
  relays.push(relay);
  return relay;
}

it('bundles from relay/ alone, with no dependency beyond Node (what relay/Dockerfile relies on)', () => {
  const inputs = Object.keys(built.metafile?.inputs ?? {});
  expect(inputs.length).toBeGreaterThan(5);
  expect(inputs.filter((input) => !input.startsWith('relay/'))).toEqual([]);
});

it('starts from RELAY_CONFIG, prints RELAY_LISTENING, serves, logs, and exits cleanly on SIGTERM', async () => {
  const relay = await startCli(relayEnv({ RELAY_CONFIG: JSON.stringify(relayConfig(simOrigin)) }));
  const origin = relay.url;
  expect((await call(origin, '/healthz')).json).toEqual({ status: 'ok' });
  const data = await gateway(origin, '/datacube/getusersummary', { key: KEYS.sales, appId: CHINA.appid, body: DATES });
  expect(Array.isArray(data.json.list)).toBe(true);
  expect((await call(origin, '/accounts', { key: KEYS.finance })).status).toBe(200);
  expect(await relay.close()).toBe(0);
  const lines = relay.output().trim().split('\n');
  expect(lines.filter((line) => line.includes('"/datacube/getusersummary"')).length).toBe(1);
  expect(lines.filter((line) => line.includes('"/accounts"') && line.includes('"key":"finance"')).length).toBe(1);
  expectNoSecretIn(lines, tokensIssued(sim));
});

it('keeps serving when nobody reads its log any more (stdout closed: EPIPE)', async () => {
  const relay = await startCli(relayEnv({ RELAY_CONFIG: JSON.stringify(relayConfig(simOrigin)) }));
  const origin = relay.url;
  relay.child.stdout?.destroy();
  // Every request writes a log line to the closed pipe.
  for (let i = 0; i < 20; i++) {
    const data = await gateway(origin, '/datacube/getusersummary', {
      key: KEYS.sales,
      appId: CHINA.appid,
      body: DATES,
    });
    expect(data.status).toBe(200);
  }
  expect((await call(origin, '/healthz')).status).toBe(200);
  expect(relay.child.exitCode).toBeNull();
  expect(await relay.close()).toBe(0);
});

it('reads RELAY_CONFIG_FILE', async () => {
  const file = join(dir, 'relay.json');
  writeFileSync(file, JSON.stringify(relayConfig(simOrigin)));
  const relay = await startCli(relayEnv({ RELAY_CONFIG_FILE: file, HOST: '127.0.0.1' }));
  expect((await call(relay.url, '/healthz')).status).toBe(200);
  expect(await relay.close()).toBe(0);
});

it('refuses to start with a weak key, without printing it', () => {
  const config = relayConfig(simOrigin);
  const weak = 'k3Vq9Lm2Xw7Rt5Yk3Vq9Lm2Xw7Rt5Yk3';
  config.accounts[0]!.keys = [{ name: 'weak', key: weak }];
  const run = spawnSync(process.execPath, [bundle], { env: relayEnv({ RELAY_CONFIG: JSON.stringify(config) }) });
  expect(run.status).toBe(1);
  const stderr = run.stderr.toString();
  expect(stderr).toContain('accounts[0].keys[0].key (weak) is too weak: it repeats a shorter pattern');
  expect(stderr).not.toContain(weak);
  expect(`${run.stdout}${stderr}`).not.toContain(CHINA.secret);
});

it('refuses to start without a configuration or without keys', () => {
  const none = spawnSync(process.execPath, [bundle], { env: relayEnv({}) });
  expect(none.status).toBe(1);
  expect(none.stderr.toString()).toContain('Set RELAY_CONFIG');
  const config = relayConfig(simOrigin);
  config.accounts[0]!.keys = [];
  const noKeys = spawnSync(process.execPath, [bundle], { env: relayEnv({ RELAY_CONFIG: JSON.stringify(config) }) });
  expect(noKeys.status).toBe(1);
  expect(noKeys.stderr.toString()).toContain('accounts[0].keys must be a non-empty list');
});

it('checks a configuration and generates strong keys', () => {
  const check = spawnSync(process.execPath, [bundle, '--check-config'], {
    env: relayEnv({ RELAY_CONFIG: JSON.stringify(relayConfig(simOrigin)) }),
  });
  expect(check.status).toBe(0);
  expect(check.stdout.toString()).toContain(
    `config OK: 2 account(s): ${CHINA.appid} "Shop China" (china), ${INTERNATIONAL.appid} "Global Store" (international); keys: sales → ${CHINA.appid}`,
  );
  const generated = spawnSync(process.execPath, [bundle, '--generate-key']).stdout.toString().trim();
  expect(generated).toHaveLength(43);
  expect(keyWeakness(generated)).toBeUndefined();
});
