/**
 * relay/deploy/ checked without Docker, systemd or gcloud: the compose file, the Caddyfile and the systemd unit are
 * parsed and their wiring checked against each other and against the relay (it is started with each one's
 * settings), and the Cloud Run script runs against stand-ins for gcloud and docker that record what it asks for.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type RelayProcess, spawnRelay } from '../support/relay-process';
import { call, KEYS, relayConfig } from './harness';

const root = join(__dirname, '..', '..');
const deploy = join(root, 'relay', 'deploy');
const server = join(root, '.build', 'relay', 'server.js');
const work = mkdtempSync(join(tmpdir(), 'relay-deploy-'));
const relays: RelayProcess[] = [];

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  rmSync(work, { recursive: true, force: true });
});

async function startWith(env: Record<string, string>): Promise<RelayProcess> {
  const relay = await spawnRelay(env);
  relays.push(relay);
  return relay;
}

function writeConfig(name: string, extra: object = {}): string {
  const file = join(work, name);
  writeFileSync(file, JSON.stringify({ ...relayConfig('http://127.0.0.1:9'), ...extra }));
  return file;
}

interface ComposeService {
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  secrets?: string[];
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  healthcheck?: { test: string[] };
  volumes?: string[];
}

describe('compose.yaml with Caddy', () => {
  const compose = parse(readFileSync(join(deploy, 'compose.yaml'), 'utf8')) as {
    services: Record<string, ComposeService>;
    secrets: Record<string, { file: string }>;
  };
  const relay = compose.services.relay!;
  const caddy = compose.services.caddy!;

  it('builds the relay image from the repository root, publishes only Caddy, and confines the relay', () => {
    const context = join(deploy, relay.build!.context);
    expect(readFileSync(join(context, relay.build!.dockerfile), 'utf8')).toMatch(/^FROM gcr\.io\/distroless\/nodejs/m);
    expect(readFileSync(join(context, 'package-lock.json'), 'utf8')).toContain('"node_modules/esbuild"');
    expect(relay.ports).toBeUndefined();
    expect(caddy.ports).toEqual(['80:80', '443:443', '443:443/udp']);
    expect([relay.read_only, relay.cap_drop, relay.security_opt]).toEqual([true, ['ALL'], ['no-new-privileges:true']]);
    expect(caddy.security_opt).toEqual(['no-new-privileges:true']);
  });

  it("points Caddy at the relay's service name and port, and the relay at its mounted configuration", () => {
    const env = relay.environment!;
    expect(caddy.environment!.RELAY_UPSTREAM).toBe(`relay:${env.PORT}`);
    expect(relay.expose).toEqual([env.PORT]);
    expect(env.HOST).toBe('0.0.0.0');
    // Compose mounts a secret at /run/secrets/<name>.
    expect(relay.secrets).toEqual(['relay_config']);
    expect(env.RELAY_CONFIG_FILE).toBe('/run/secrets/relay_config');
    expect(compose.secrets.relay_config!.file).toBe('./config.json');
    expect(caddy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  });

  it('starts the relay with the compose settings, and the health check passes against it (and fails without it)', async () => {
    const env = relay.environment!;
    const config = writeConfig('compose-config.json', { trustedProxyHops: 1 });
    // HOST 0.0.0.0 inside the container; here on loopback, with a free port standing in for the compose one.
    const started = await startWith({ ...env, HOST: '127.0.0.1', PORT: '0', RELAY_CONFIG_FILE: config });
    const [, , flag, script] = relay.healthcheck!.test;
    expect(relay.healthcheck!.test.slice(0, 2)).toEqual(['CMD', '/nodejs/bin/node']);
    const check = (port: number) =>
      spawnSync(process.execPath, [flag!, script!.replace(`:${env.PORT}/`, `:${port}/`)], { timeout: 10_000 }).status;
    expect(check(started.port)).toBe(0);
    const accounts = await call(`http://127.0.0.1:${started.port}`, '/accounts', { key: KEYS.sales });
    expect(accounts.status).toBe(200);
    await started.close();
    expect(check(started.port)).toBe(1);
  });
});

describe('Caddyfile', () => {
  const caddyfile = readFileSync(join(deploy, 'Caddyfile'), 'utf8');

  it('serves RELAY_DOMAIN over TLS, proxying to the relay (default: the systemd unit on loopback)', () => {
    const site = /^\{\$RELAY_DOMAIN\} \{$/m.test(caddyfile);
    const upstream = /^\s*reverse_proxy \{\$RELAY_UPSTREAM:([\d.]+):(\d+)\}$/m.exec(caddyfile);
    expect([site, upstream?.[1], upstream?.[2]]).toEqual([true, '127.0.0.1', '8080']);
    // No access log: Caddy would record every request URL.
    expect(caddyfile).not.toMatch(/^\s*log\b/m);
  });
});

describe('wechat-relay.service', () => {
  const unit = new Map<string, string[]>();
  for (const line of readFileSync(join(deploy, 'wechat-relay.service'), 'utf8').split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match) unit.set(match[1]!, [...(unit.get(match[1]!) ?? []), match[2]!]);
  }
  const one = (name: string): string | undefined => unit.get(name)?.at(-1);

  it('runs as a throwaway user, with no way to gain privileges and a read-only system', () => {
    expect(one('DynamicUser')).toBe('yes');
    expect(unit.has('User')).toBe(false);
    for (const [setting, value] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['PrivateDevices', 'yes'],
      ['CapabilityBoundingSet', ''],
      ['RestrictAddressFamilies', 'AF_UNIX AF_INET AF_INET6'],
      ['UMask', '0077'],
    ]) {
      expect([setting, one(setting!)]).toEqual([setting, value]);
    }
    // V8 compiles code at run time: a W^X rule would stop Node.
    expect(unit.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it('starts the relay as ExecStart says, with the configuration handed over as a credential', async () => {
    const environment = Object.fromEntries(
      (unit.get('Environment') ?? []).map((entry) => entry.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    const [credentialName, credentialSource] = one('LoadCredential')!.split(':');
    expect(credentialSource).toBe('/etc/wechat-relay/config.json');
    expect(environment.RELAY_CONFIG_FILE).toBe(`%d/${credentialName}`);
    expect(one('ExecStart')).toBe('/usr/bin/node /opt/wechat-relay/server.js');
    expect(one('ExecStartPre')).toBe('/usr/bin/node /opt/wechat-relay/server.js --check-config');
    // Caddy's default upstream is where the unit listens.
    const caddyfile = readFileSync(join(deploy, 'Caddyfile'), 'utf8');
    expect(caddyfile).toContain(`{$RELAY_UPSTREAM:${environment.HOST}:${environment.PORT}}`);
    // %d is the service's credentials directory.
    const credentials = join(work, 'credentials');
    mkdirSync(credentials);
    writeFileSync(join(credentials, credentialName!), readFileSync(writeConfig('unit-config.json')));
    const env = { ...environment, RELAY_CONFIG_FILE: environment.RELAY_CONFIG_FILE!.replace('%d', credentials) };
    const check = spawnSync(process.execPath, [server, '--check-config'], { env: { ...env, PATH: '' } });
    expect([check.status, check.stdout.toString().startsWith('config OK')]).toEqual([0, true]);
    const started = await startWith({ ...env, PORT: '0' });
    expect((await call(`http://${environment.HOST}:${started.port}`, '/healthz')).json).toEqual({ status: 'ok' });
    await started.close();
  });
});

describe('cloud-run.sh', () => {
  const CONFIG_TEXT = JSON.stringify(relayConfig('https://api.weixin.qq.com'));

  /** Runs the script with gcloud and docker replaced by recorders; `existing` = every describe finds its object. */
  function runScript(
    env: Record<string, string>,
    existing: boolean,
  ): { status: number | null; calls: string[][]; stderr: string } {
    const bin = mkdtempSync(join(work, 'bin-'));
    const record = join(bin, 'calls.jsonl');
    // Each call: its arguments separated by \x1f, one line per call.
    const stub = `#!/usr/bin/env bash
{ printf '%s\\x1f' "$(basename "$0")" "$@"; printf '\\n'; } >> '${record}'
for arg in "$@"; do
  if [[ "$arg" == describe ]]; then
    for a in "$@"; do [[ "$a" == --format* ]] && { echo stub-value; exit 0; }; done
    exit ${existing ? 0 : 1}
  fi
done
exit 0
`;
    for (const name of ['gcloud', 'docker']) {
      writeFileSync(join(bin, name), stub);
      chmodSync(join(bin, name), 0o755);
    }
    writeFileSync(join(work, 'relay-config.json'), CONFIG_TEXT);
    const run = spawnSync('bash', [join(deploy, 'cloud-run.sh')], {
      cwd: root,
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
      timeout: 30_000,
    });
    let calls: string[][] = [];
    try {
      calls = readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\x1f').slice(0, -1));
    } catch {
      // nothing was called
    }
    return { status: run.status, calls, stderr: run.stderr.toString() };
  }

  const ENV = { PROJECT: 'acme-analytics', REGION: 'asia-east2', CONFIG: join(work, 'relay-config.json') };
  const index = (calls: string[][], test: (call: string[]) => boolean): number => calls.findIndex(test);
  const has = (call: string[], ...parts: string[]): boolean => parts.every((part) => call.includes(part));

  it('refuses to run without the project, region or configuration file', () => {
    const missing = runScript({ REGION: 'asia-east2', CONFIG: ENV.CONFIG }, false);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('set PROJECT');
    expect(missing.calls).toEqual([]);
    expect(runScript({ ...ENV, CONFIG: join(work, 'nope.json') }, false).stderr).toContain('no such file');
  });

  it('enables the APIs, logs Docker in, keeps the config secret, routes egress through a static IP, and excludes request logs', () => {
    const { status, calls } = runScript(ENV, false);
    expect(status).toBe(0);
    const gcloud = calls.filter((c) => c[0] === 'gcloud').map((c) => c.slice(1));
    const docker = calls.filter((c) => c[0] === 'docker').map((c) => c.slice(1));
    const enable = gcloud.find((c) => has(c, 'services', 'enable'))!;
    for (const api of ['run', 'artifactregistry', 'secretmanager', 'compute'])
      expect(enable).toContain(`${api}.googleapis.com`);
    // The image: registry login before the push, and the deployed image is the pushed one.
    const image = docker.find((c) => c[0] === 'push')![1]!;
    expect(image).toMatch(/^asia-east2-docker\.pkg\.dev\/acme-analytics\/wechat-relay\/relay:/);
    expect(docker.find((c) => c[0] === 'build')).toEqual(['build', '-f', 'relay/Dockerfile', '-t', image, '.']);
    const login = index(calls, (c) => has(c, 'auth', 'configure-docker', 'asia-east2-docker.pkg.dev'));
    expect(login).toBeGreaterThanOrEqual(0);
    expect(login).toBeLessThan(index(calls, (c) => c[0] === 'docker' && c[1] === 'push'));
    const deploy = gcloud.find((c) => has(c, 'run', 'deploy'))!;
    expect(deploy).toContain(`--image=${image}`);
    // The configuration goes in as a file, never on a command line, readable by the service's own account.
    expect(calls.some((c) => c.some((arg) => arg.includes(KEYS.sales)))).toBe(false);
    expect(gcloud.find((c) => has(c, 'secrets', 'create'))).toContain(`--data-file=${ENV.CONFIG}`);
    const account = 'wechat-relay@acme-analytics.iam.gserviceaccount.com';
    expect(gcloud.find((c) => has(c, 'secrets', 'add-iam-policy-binding'))).toEqual(
      expect.arrayContaining([`--member=serviceAccount:${account}`, '--role=roles/secretmanager.secretAccessor']),
    );
    expect(deploy).toEqual(
      expect.arrayContaining([
        `--service-account=${account}`,
        '--set-secrets=/etc/relay/config.json=wechat-relay-config:latest',
        '--set-env-vars=RELAY_CONFIG_FILE=/etc/relay/config.json',
        '--allow-unauthenticated',
      ]),
    );
    // Egress: all of it through the subnet that Cloud NAT serves from the reserved address.
    expect(gcloud.find((c) => has(c, 'compute', 'addresses', 'create'))).toContain('wechat-relay-egress');
    expect(gcloud.find((c) => has(c, 'routers', 'nats', 'create'))).toEqual(
      expect.arrayContaining([
        '--nat-custom-subnet-ip-ranges=wechat-relay',
        '--nat-external-ip-pool=wechat-relay-egress',
      ]),
    );
    expect(deploy).toEqual(expect.arrayContaining(['--subnet=wechat-relay', '--vpc-egress=all-traffic']));
    // Cloud Run's request log (every URL) is excluded for this service.
    const exclusion = gcloud.find((c) => has(c, 'logging', 'sinks', 'update', '_Default'))!;
    expect(exclusion.find((a) => a.startsWith('--add-exclusion='))).toBe(
      '--add-exclusion=name=wechat-relay-requests,filter=resource.type="cloud_run_revision" AND resource.labels.service_name="wechat-relay" AND log_id("run.googleapis.com/requests")',
    );
    // Everything the service needs exists before it is deployed.
    const deployAt = index(calls, (c) => has(c, 'run', 'deploy'));
    for (const step of [
      (c: string[]) => has(c, 'secrets', 'add-iam-policy-binding'),
      (c: string[]) => has(c, 'routers', 'nats', 'create'),
      (c: string[]) => has(c, 'logging', 'sinks', 'update'),
    ]) {
      expect(index(calls, step)).toBeLessThan(deployAt);
    }
  });

  it('run again, creates nothing twice: a new config version and a new image, deployed', () => {
    const { status, calls } = runScript(ENV, true);
    expect(status).toBe(0);
    const created = calls.filter((c) => c.includes('create')).map((c) => c.slice(1, 4).join(' '));
    expect(created).toEqual([]);
    expect(calls.some((c) => has(c, 'secrets', 'versions', 'add'))).toBe(true);
    expect(calls.some((c) => has(c, 'run', 'deploy'))).toBe(true);
  });
});
