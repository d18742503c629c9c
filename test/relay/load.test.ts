import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Simulator } from '../../dev/simulator/simulator';
import {
  CHINA,
  call,
  DATES,
  expectNoSecretIn,
  KEYS,
  logLinesSeen,
  RELAY_IP,
  relayConfig,
  type StartedRelay,
  startSimulator,
  startTestRelay,
  tokenRequest,
} from './harness';

let sim: Simulator;
let simOrigin: string;
let relay: StartedRelay;
let token: string;

const ENDPOINTS = ['getusersummary', 'getusercumulate', 'getupstreammsg', 'getinterfacesummary'];

beforeAll(async () => {
  ({ sim, origin: simOrigin } = await startSimulator());
  relay = await startTestRelay(relayConfig(simOrigin, { limits: { burst: 2_000, ratePerMinute: 60_000 } }));
  const answer = await call(relay.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales });
  token = answer.json.access_token as string;
});

afterAll(async () => {
  await relay.close();
  await sim.close();
  expectNoSecretIn(logLinesSeen);
});

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

it('serves 200 concurrent requests, each on its own connection, with none lost (twice)', async () => {
  for (let round = 0; round < 2; round++) {
    const before = sim.stats().datacubeCalls.total;
    const requests = Array.from({ length: 200 }, (_, i) =>
      i % 10 === 0
        ? call(relay.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.finance })
        : call(relay.url, `/datacube/${ENDPOINTS[i % ENDPOINTS.length]}?access_token=${token}`, { body: DATES }),
    );
    const answers = await Promise.all(requests);
    const problems = answers.filter((a) => a.status !== 200 || !(Array.isArray(a.json.list) || a.json.access_token));
    expect(problems.map((a) => a.text.slice(0, 200))).toEqual([]);
    expect(answers.filter((a) => a.json.access_token === token).length).toBe(20);
    expect(sim.stats().datacubeCalls.total - before).toBe(180);
  }
  // One token from WeChat for all of it, and the relay still answers.
  expect(sim.stats().tokenCalls.byAccount[CHINA.appid]?.stable).toBe(1);
  expect((await call(relay.url, '/healthz')).status).toBe(200);
});

it('measures the latency the relay adds to a datacube call (200 calls each, interleaved)', async () => {
  const calls = 200;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  // The direct calls leave from the relay's address too, so both paths see the same WeChat.
  const direct = (): Promise<unknown> =>
    call(simOrigin, `/datacube/getusersummary?access_token=${token}`, {
      body: DATES,
      agent,
      localAddress: RELAY_IP,
      headers: { Host: 'api.weixin.qq.com' },
    });
  const relayed = (): Promise<unknown> =>
    call(relay.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES, agent });
  const directToken = (): Promise<unknown> =>
    call(simOrigin, '/cgi-bin/stable_token', {
      body: { ...tokenRequest(CHINA.appid), secret: CHINA.secret },
      agent,
      localAddress: RELAY_IP,
      headers: { Host: 'api.weixin.qq.com' },
    });
  const relayedToken = (): Promise<unknown> =>
    call(relay.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales, agent });
  const timed = async (send: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await send();
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) {
    await direct();
    await relayed();
  }
  const directMs: number[] = [];
  const relayMs: number[] = [];
  const directTokenMs: number[] = [];
  const relayTokenMs: number[] = [];
  for (let i = 0; i < calls; i++) {
    directMs.push(await timed(direct));
    relayMs.push(await timed(relayed));
    directTokenMs.push(await timed(directToken));
    relayTokenMs.push(await timed(relayedToken));
  }
  agent.destroy();
  for (const list of [directMs, relayMs, directTokenMs, relayTokenMs]) list.sort((a, b) => a - b);
  const tokenSummary = {
    directMedianMs: +percentile(directTokenMs, 0.5).toFixed(3),
    relayCachedMedianMs: +percentile(relayTokenMs, 0.5).toFixed(3),
  };
  console.log(`relay stable_token (answered from its cache) vs direct: ${JSON.stringify(tokenSummary)}`);
  const summary = {
    calls,
    directMedianMs: +percentile(directMs, 0.5).toFixed(3),
    relayMedianMs: +percentile(relayMs, 0.5).toFixed(3),
    addedMedianMs: +(percentile(relayMs, 0.5) - percentile(directMs, 0.5)).toFixed(3),
    directP95Ms: +percentile(directMs, 0.95).toFixed(3),
    relayP95Ms: +percentile(relayMs, 0.95).toFixed(3),
    addedP95Ms: +(percentile(relayMs, 0.95) - percentile(directMs, 0.95)).toFixed(3),
  };
  console.log(`relay added latency (datacube/getusersummary, loopback): ${JSON.stringify(summary)}`);
  expect(summary.relayMedianMs).toBeGreaterThan(summary.directMedianMs);
  // Generous: one extra loopback hop should cost a few milliseconds at most.
  expect(summary.addedMedianMs).toBeLessThan(25);
});
