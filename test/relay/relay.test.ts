import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Simulator } from '../../dev/simulator/simulator';
import type { RelayConfigInput } from '../../relay/config';
import { RelayErrorCode } from '../../relay/errors';
import type { Upstream } from '../../relay/upstream';
import {
  answersSeen,
  CHINA,
  call,
  closedPort,
  DATES,
  expectNoSecretIn,
  fakeUpstream,
  gateway,
  INTERNATIONAL,
  KEYS,
  logLinesSeen,
  OTHER,
  RELAY_IP,
  relayConfig,
  type StartedRelay,
  startSimulator,
  startTestRelay,
  tokensIssued,
} from './harness';

let sim: Simulator;
let simOrigin: string;
const relays: StartedRelay[] = [];
/** Every token the simulator issued in any test of this file (it forgets them on reset). */
const allTokens = new Set<string>();

async function relay(...args: Parameters<typeof startTestRelay>): Promise<StartedRelay> {
  const started = await startTestRelay(...args);
  relays.push(started);
  return started;
}

function stableCalls(appid = CHINA.appid): number {
  return sim.stats().tokenCalls.byAccount[appid]?.stable ?? 0;
}

function datacube(origin: string, appId = CHINA.appid, key: string = KEYS.sales, name = 'getusersummary') {
  return gateway(origin, `/datacube/${name}`, { key, appId, body: DATES });
}

/** The request lines of the relay's log (the first line is its start-up line). */
function requestLines(r: StartedRelay): Record<string, unknown>[] {
  return r.logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => typeof line.status === 'number');
}

beforeAll(async () => {
  ({ sim, origin: simOrigin } = await startSimulator());
});

beforeEach(() => sim.reset());

afterEach(async () => {
  for (const token of tokensIssued(sim)) allTokens.add(token);
  await Promise.all(relays.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await sim.close();
});

describe('the gateway', () => {
  it('lists the accounts a key may use, sorted by display name', async () => {
    const config = relayConfig(simOrigin);
    config.accounts[1]!.keys.push({ name: 'sales', key: KEYS.sales });
    const r = await relay(config);
    const sales = await call(r.url, '/accounts', { key: KEYS.sales });
    expect(sales.status).toBe(200);
    expect(sales.json).toEqual({
      accounts: [
        { appId: INTERNATIONAL.appid, name: 'Global Store', type: 'international' },
        { appId: CHINA.appid, name: 'Shop China', type: 'china' },
      ],
    });
    const finance = await call(r.url, '/accounts', { key: KEYS.finance });
    expect(finance.json).toEqual({ accounts: [{ appId: CHINA.appid, name: 'Shop China', type: 'china' }] });
    // Asking for the list costs WeChat nothing.
    expect(sim.log()).toEqual([]);
  });

  it('names an account by its App ID when the configuration gives no name', async () => {
    const config = relayConfig(simOrigin);
    delete config.accounts[0]!.name;
    const r = await relay(config);
    const answer = await call(r.url, '/accounts', { key: KEYS.sales });
    expect(answer.json).toEqual({ accounts: [{ appId: CHINA.appid, name: CHINA.appid, type: 'china' }] });
  });

  it('forwards a datacube call with the token it holds, from 127.0.0.2, and answers what WeChat served', async () => {
    const r = await relay(relayConfig(simOrigin));
    const data = await datacube(r.url);
    expect(data.status).toBe(200);
    const list = data.json.list as { ref_date: string }[];
    expect(new Set(list.map((row) => row.ref_date)).size).toBe(7);
    expect(list).toEqual(sim.servedItems(CHINA.appid, 'getusersummary'));
    const upstream = sim.log();
    expect(upstream.map((e) => [e.path, e.ip, e.host])).toEqual([
      ['/cgi-bin/stable_token', RELAY_IP, 'api.weixin.qq.com'],
      ['/datacube/getusersummary', RELAY_IP, 'api.weixin.qq.com'],
    ]);
    expect(JSON.parse(upstream[0]!.body)).toEqual({
      grant_type: 'client_credential',
      appid: CHINA.appid,
      secret: CHINA.secret,
      force_refresh: false,
    });
    expect(upstream[1]!.query).toEqual({ access_token: tokensIssued(sim)[0] });
    expect(JSON.parse(upstream[1]!.body)).toEqual(DATES);
  });

  it('calls api.wechat.com for an International account', async () => {
    const r = await relay(relayConfig(simOrigin));
    const data = await datacube(r.url, INTERNATIONAL.appid, KEYS.intl, 'getusercumulate');
    expect(Array.isArray(data.json.list)).toBe(true);
    expect(sim.log().map((e) => e.host)).toEqual(['api.wechat.com', 'api.wechat.com']);
  });

  it("forwards the quota lookup for a datacube path with the relay's token, and answers what WeChat said", async () => {
    const r = await relay(relayConfig(simOrigin));
    const answer = await gateway(r.url, '/cgi-bin/openapi/quota/get', {
      key: KEYS.sales,
      appId: CHINA.appid,
      body: { cgi_path: '/datacube/getusersummary', extra: 'dropped' },
    });
    const sent = sim.log().at(-1)!;
    expect([sent.path, sent.ip, sent.host]).toEqual(['/cgi-bin/openapi/quota/get', RELAY_IP, 'api.weixin.qq.com']);
    expect(sent.query).toEqual({ access_token: tokensIssued(sim)[0] });
    expect(JSON.parse(sent.body)).toEqual({ cgi_path: '/datacube/getusersummary' });
    expect(answer.status).toBe(sent.status);
    expect(answer.text).toBe(sent.responseBody);
  });

  it("answers WeChat's own errors from the token fetch in WeChat's shape (wrong App Secret, IP not whitelisted)", async () => {
    const config = relayConfig(simOrigin);
    config.accounts[0]!.appSecret = 'WrongSecret0123456789abcdefABCDE';
    const wrongSecret = await relay(config);
    const refused = await datacube(wrongSecret.url);
    expect([refused.status, refused.json.errcode]).toEqual([200, 40125]);
    expect(refused.text).toBe(sim.log()[0]!.responseBody);

    sim.upsertAccounts({ ...CHINA, whitelist: ['127.0.0.9'] });
    const r = await relay(relayConfig(simOrigin));
    const notWhitelisted = await datacube(r.url);
    expect(notWhitelisted.json.errcode).toBe(40164);
    expect(notWhitelisted.json.errmsg).toContain(`invalid ip ${RELAY_IP}`);
    expect(sim.log({ kind: 'datacube' })).toEqual([]);
  });

  it('answers the liveness probe without a key, and it reveals nothing', async () => {
    const r = await relay(relayConfig(simOrigin));
    for (const options of [{}, { key: 'a-wrong-key' }, { key: KEYS.sales }]) {
      const answer = await call(r.url, '/healthz', options);
      expect([answer.status, answer.text]).toEqual([200, '{"status":"ok"}']);
      expect(Object.keys(answer.headers).sort()).toEqual([
        'cache-control',
        'connection',
        'content-length',
        'content-type',
        'date',
        'x-content-type-options',
      ]);
    }
    expect((await call(r.url, '/healthz', { method: 'HEAD' })).status).toBe(200);
    expect(sim.log()).toEqual([]);
  });
});

describe('no token leaves the relay', () => {
  it('answers no route with a token: every route, with a valid key, and every datacube answer', async () => {
    const config = relayConfig(simOrigin);
    config.accounts[1]!.keys.push({ name: 'sales', key: KEYS.sales });
    const r = await relay(config);
    const texts: string[] = [];
    const keep = (answer: { text: string; headers: object }): void => {
      texts.push(answer.text, JSON.stringify(answer.headers));
    };
    keep(await call(r.url, '/healthz'));
    keep(await call(r.url, '/accounts', { key: KEYS.sales }));
    for (const appId of [CHINA.appid, INTERNATIONAL.appid]) {
      for (const name of ['getusersummary', 'getusercumulate', 'getarticlesummary', 'getinterfacesummary']) {
        const answer = await datacube(r.url, appId, KEYS.sales, name);
        expect(answer.status).toBe(200);
        keep(answer);
      }
      keep(
        await gateway(r.url, '/cgi-bin/openapi/quota/get', {
          key: KEYS.sales,
          appId,
          body: { cgi_path: '/datacube/getusersummary' },
        }),
      );
    }
    for (const [method, path, body] of [
      ['POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: CHINA.appid }],
      ['GET', `/cgi-bin/token?grant_type=client_credential&appid=${CHINA.appid}`, undefined],
      ['POST', '/cgi-bin/token', { grant_type: 'client_credential', appid: CHINA.appid }],
      ['GET', '/accounts?access_token=1', undefined],
    ] as const) {
      const answer = await call(r.url, path, {
        method,
        key: KEYS.sales,
        body,
        headers: { 'X-WeChat-AppId': CHINA.appid },
      });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      keep(answer);
    }
    const tokens = tokensIssued(sim);
    expect(tokens.length).toBe(2);
    expectNoSecretIn([...texts, ...r.logLines], tokens);
  });

  it('no longer serves /cgi-bin/stable_token, with or without a key, and asks WeChat for nothing', async () => {
    const r = await relay(relayConfig(simOrigin));
    const body = { grant_type: 'client_credential', appid: CHINA.appid };
    const withKey = await call(r.url, '/cgi-bin/stable_token', { key: KEYS.sales, body });
    expect([withKey.status, withKey.json.errcode]).toEqual([404, RelayErrorCode.pathNotServed]);
    const without = await call(r.url, '/cgi-bin/stable_token', { body });
    expect([without.status, without.json.errcode]).toEqual([401, RelayErrorCode.missingKey]);
    expect(sim.log()).toEqual([]);
  });

  it('masks the tokens it holds (and secrets and keys) from an answer that echoes them, and from its log', async () => {
    const echo = fakeUpstream((path, body) =>
      path.startsWith('/cgi-bin/stable_token')
        ? { body: { access_token: 'TOKEN-0123456789-abcdefghij', expires_in: 7200 } }
        : { body: { errcode: 40013, errmsg: `invalid appid, you sent ${body} to ${path}` } },
    );
    const r = await relay(relayConfig(simOrigin), { upstream: echo });
    const answer = await datacube(r.url);
    expect(echo.calls.map((c) => c.path)).toEqual([
      '/cgi-bin/stable_token',
      '/datacube/getusersummary?access_token=TOKEN-0123456789-abcdefghij',
    ]);
    expect(answer.json.errcode).toBe(40013);
    expect(answer.text).toContain('/datacube/getusersummary?access_token=[redacted]');
    expect(answer.text).not.toContain('TOKEN-0123456789-abcdefghij');
    const pasted = await gateway(r.url, '/datacube/getusersummary', {
      key: KEYS.sales,
      appId: KEYS.finance,
      body: DATES,
    });
    expect(pasted.json.errmsg).toBe(
      'relay: this relay key may not use App ID [redacted]; GET /accounts lists those it may',
    );
    const pastedToken = await gateway(r.url, '/datacube/getusersummary', {
      key: KEYS.sales,
      appId: 'TOKEN-0123456789-abcdefghij',
      body: DATES,
    });
    expect(pastedToken.text).not.toContain('TOKEN-0123456789-abcdefghij');
    expect(r.logLines.join('\n')).not.toContain('TOKEN-0123456789-abcdefghij');
    expect(requestLines(r).map((l) => l.appId)).toEqual([CHINA.appid, '[redacted]', '[redacted]']);
  });
});

describe('keys', () => {
  const ROUTES: [string, string][] = [
    ['GET', '/accounts'],
    ['POST', '/datacube/getusersummary'],
    ['POST', '/cgi-bin/openapi/quota/get'],
    ['POST', '/cgi-bin/stable_token'],
    ['GET', '/cgi-bin/token'],
    ['POST', '/cgi-bin/message/custom/send'],
    ['GET', '/'],
    ['DELETE', '/accounts'],
    ['GET', '/datacube/getusersummary'],
  ];

  it('refuses a request without its key on every route but the liveness probe, and forwards nothing', async () => {
    const r = await relay(relayConfig(simOrigin, { limits: { failedAuthBurst: 100 } }));
    for (const [method, path] of ROUTES) {
      const body = method === 'POST' ? DATES : undefined;
      const headers = { 'X-WeChat-AppId': CHINA.appid };
      const missing = await call(r.url, path, { method, body, headers });
      expect([method, path, missing.status, missing.json.errcode]).toEqual([
        method,
        path,
        401,
        RelayErrorCode.missingKey,
      ]);
      const basic = await call(r.url, path, {
        method,
        body,
        headers: { ...headers, Authorization: `Basic ${KEYS.sales}` },
      });
      expect([method, path, basic.json.errcode]).toEqual([method, path, RelayErrorCode.missingKey]);
      const wrong = await call(r.url, path, { method, body, headers, key: `${KEYS.sales.slice(0, -1)}x` });
      expect([method, path, wrong.status, wrong.json.errcode]).toEqual([method, path, 401, RelayErrorCode.invalidKey]);
    }
    expect(sim.log()).toEqual([]);
    const missing = await call(r.url, '/accounts');
    expect(missing.json.errmsg).toBe('relay: send the relay key as "Authorization: Bearer <relay key>"');
  });

  it('rate-limits failed authentications per client address, whatever key comes next', async () => {
    const r = await relay(relayConfig(simOrigin, { limits: { failedAuthBurst: 3, failedAuthPerMinute: 1 } }));
    const from = (localAddress: string, key?: string) =>
      call(r.url, '/accounts', { localAddress, ...(key === undefined ? {} : { key }) });
    // Successful requests cost the address nothing.
    for (let i = 0; i < 5; i++) expect((await from('127.0.0.1', KEYS.sales)).status).toBe(200);
    const failures = [];
    for (let i = 0; i < 4; i++) failures.push(await from('127.0.0.1', i % 2 ? undefined : 'guess-number-one'));
    expect(failures.map((a) => [a.status, a.json.errcode])).toEqual([
      [401, RelayErrorCode.invalidKey],
      [401, RelayErrorCode.missingKey],
      [401, RelayErrorCode.invalidKey],
      [429, RelayErrorCode.rateLimited],
    ]);
    expect(Number(failures[3]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The address is blocked even with the right key, so guessing on gains nothing...
    const blocked = await from('127.0.0.1', KEYS.sales);
    expect([blocked.status, blocked.json.errcode]).toEqual([429, RelayErrorCode.rateLimited]);
    expect(blocked.json.errmsg).toMatch(/^relay: too many failed authentications from this address; retry in \d+ s$/);
    // ...while another address has its own budget.
    expect((await from('127.0.0.3', KEYS.sales)).status).toBe(200);
    expect((await from('127.0.0.3', 'guess-number-two')).status).toBe(401);
    expect(requestLines(r).map((l) => l.client)).toEqual([...Array(10).fill('127.0.0.1'), '127.0.0.3', '127.0.0.3']);
  });

  it('takes the client address from X-Forwarded-For only as far as trustedProxyHops allows', async () => {
    const config = relayConfig(simOrigin, {
      limits: { failedAuthBurst: 1, failedAuthPerMinute: 1 },
      trustedProxyHops: 1,
    });
    const r = await relay(config);
    const via = (forwardedFor: string, key?: string) =>
      call(r.url, '/accounts', { headers: { 'X-Forwarded-For': forwardedFor }, ...(key ? { key } : {}) });
    // The proxy appended the real caller last; what the caller wrote before it is not trusted.
    expect((await via('10.9.9.9, 198.51.100.7')).status).toBe(401);
    expect((await via('10.9.9.8, 198.51.100.7')).status).toBe(429);
    expect((await via('198.51.100.8', KEYS.sales)).status).toBe(200);
    expect((await via('not an address', KEYS.sales)).status).toBe(200);
    expect(requestLines(r).map((l) => l.client)).toEqual(['198.51.100.7', '198.51.100.7', '198.51.100.8', '127.0.0.1']);
  });

  it('limits the rate per key, with Retry-After; another key has its own budget', async () => {
    const r = await relay(relayConfig(simOrigin, { limits: { burst: 3, ratePerMinute: 6 } }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await datacube(r.url)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(r.url, '/accounts', { key: KEYS.sales });
    expect(limited.json.errcode).toBe(RelayErrorCode.rateLimited);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await datacube(r.url, CHINA.appid, KEYS.finance)).status).toBe(200);
    expect(sim.stats().datacubeCalls.total).toBe(4);
  });
});

describe('accounting', () => {
  it('charges and logs every request under the key that sent it, exactly, with two keys interleaved', async () => {
    const N = 37;
    const M = 23;
    const burst = 50;
    const r = await relay(relayConfig(simOrigin, { limits: { burst, ratePerMinute: 1 } }), { now: () => 1_000_000 });
    const send = (key: string, i: number) => {
      if (i % 3 === 0) return call(r.url, '/accounts', { key });
      if (i % 3 === 1) return datacube(r.url, CHINA.appid, key, i % 2 ? 'getusersummary' : 'getusercumulate');
      return gateway(r.url, '/cgi-bin/openapi/quota/get', {
        key,
        appId: CHINA.appid,
        body: { cgi_path: '/datacube/getusersummary' },
      });
    };
    // A deterministic shuffle of N sales and M finance requests, all sent at once.
    const order = [...Array(N).fill('sales'), ...Array(M).fill('finance')].map((name, i) => ({
      name,
      rank: (i * 7919) % (N + M),
    }));
    order.sort((a, b) => a.rank - b.rank);
    const answers = await Promise.all(
      order.map(({ name }, i) => send(name === 'sales' ? KEYS.sales : KEYS.finance, i)),
    );
    expect(answers.filter((a) => a.json.errcode === RelayErrorCode.rateLimited)).toEqual([]);
    const lines = requestLines(r);
    expect(lines.filter((l) => l.key === 'sales').length).toBe(N);
    expect(lines.filter((l) => l.key === 'finance').length).toBe(M);
    // The charges, read back from the limiter: each key has exactly burst - sent left, and not one more.
    for (const [key, sent] of [
      [KEYS.sales, N],
      [KEYS.finance, M],
    ] as const) {
      for (let i = 0; i < burst - sent; i++) expect((await call(r.url, '/accounts', { key })).status).toBe(200);
      expect((await call(r.url, '/accounts', { key })).status).toBe(429);
    }
  });
});

describe('tokens', () => {
  it('fetches one token for many concurrent calls on a cold relay', async () => {
    const r = await relay(relayConfig(simOrigin));
    const answers = await Promise.all(Array.from({ length: 30 }, () => datacube(r.url)));
    expect(answers.filter((a) => !Array.isArray(a.json.list))).toEqual([]);
    expect(stableCalls()).toBe(1);
    expect(sim.stats().datacubeCalls.total).toBe(30);
  });

  it('keeps the token until five minutes before expiry, then fetches a new one', async () => {
    let nowMs = Date.now();
    const r = await relay(relayConfig(simOrigin), { now: () => nowMs });
    await datacube(r.url);
    nowMs += 7200_000 - 301_000;
    sim.setClock({ advanceMs: 7200_000 - 301_000 });
    await datacube(r.url);
    expect(stableCalls()).toBe(1);
    nowMs += 2_000;
    sim.setClock({ advanceMs: 2_000 });
    expect(Array.isArray((await datacube(r.url)).json.list)).toBe(true);
    expect(stableCalls()).toBe(2);
    const [first, second] = sim.log({ kind: 'datacube' }).map((e) => e.query.access_token);
    const third = sim.log({ kind: 'datacube' })[2]!.query.access_token;
    expect(first).toBe(second);
    expect(third).not.toBe(first);
  });

  it('fetches a token again and retries once when WeChat rejects the one it holds (40001)', async () => {
    const r = await relay(relayConfig(simOrigin));
    sim.setFaults(CHINA.appid, { invalidateTokensAfter: 1 });
    expect(Array.isArray((await datacube(r.url)).json.list)).toBe(true);
    const second = await datacube(r.url);
    expect(Array.isArray(second.json.list)).toBe(true);
    expect(sim.log({ kind: 'datacube' }).map((e) => e.errcode)).toEqual([null, 40001, null]);
    expect(stableCalls()).toBe(2);
    expect(requestLines(r).map((l) => [l.status, l.errcode])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
  });

  it('retries only once: a token WeChat keeps rejecting comes back as its error', async () => {
    let fetched = 0;
    const upstream = fakeUpstream((path) =>
      path === '/cgi-bin/stable_token'
        ? { body: { access_token: `token-number-${++fetched}-abcdefgh`, expires_in: 7200 } }
        : { body: { errcode: 42001, errmsg: 'access_token expired' } },
    );
    const r = await relay(relayConfig(simOrigin), { upstream });
    const answer = await datacube(r.url);
    expect(answer.json).toEqual({ errcode: 42001, errmsg: 'access_token expired' });
    expect(upstream.calls.map((c) => c.path.replace(/\?.*/, ''))).toEqual([
      '/cgi-bin/stable_token',
      '/datacube/getusersummary',
      '/cgi-bin/stable_token',
      '/datacube/getusersummary',
    ]);
  });
});

describe('what the relay refuses', () => {
  it('refuses a request that names no account, or one the key may not use, and forwards nothing', async () => {
    const r = await relay(relayConfig(simOrigin));
    const none = await gateway(r.url, '/datacube/getusersummary', { key: KEYS.sales, body: DATES });
    expect([none.status, none.json.errcode]).toEqual([400, RelayErrorCode.badRequest]);
    expect(none.json.errmsg).toBe('relay: name the account in the header X-WeChat-AppId');
    const blank = await gateway(r.url, '/datacube/getusersummary', { key: KEYS.sales, appId: ' ', body: DATES });
    expect(blank.json.errcode).toBe(RelayErrorCode.badRequest);
    for (const appId of [INTERNATIONAL.appid, OTHER.appid, 'wx0000000000000000']) {
      for (const path of ['/datacube/getusersummary', '/cgi-bin/openapi/quota/get']) {
        const answer = await gateway(r.url, path, { key: KEYS.sales, appId, body: { cgi_path: '/datacube/x' } });
        expect([answer.status, answer.json.errcode]).toEqual([403, RelayErrorCode.appIdNotAllowed]);
        expect(answer.json.errmsg).toBe(
          `relay: this relay key may not use App ID ${appId}; GET /accounts lists those it may`,
        );
      }
    }
    expect(sim.log()).toEqual([]);
  });

  it('refuses an access_token in the query on any route, and logs the path without it', async () => {
    const r = await relay(relayConfig(simOrigin));
    for (const path of ['/accounts', '/datacube/getusersummary', '/cgi-bin/openapi/quota/get']) {
      const answer = await call(r.url, `${path}?access_token=stolen-token-0123456789`, {
        method: path === '/accounts' ? 'GET' : 'POST',
        key: KEYS.sales,
        headers: { 'X-WeChat-AppId': CHINA.appid },
        ...(path === '/accounts' ? {} : { body: DATES }),
      });
      expect([path, answer.status, answer.json.errcode]).toEqual([path, 400, RelayErrorCode.badRequest]);
    }
    expect(sim.log()).toEqual([]);
    expect(r.logLines.join('\n')).not.toContain('stolen-token');
    expect(requestLines(r).map((l) => l.path)).toEqual([
      '/accounts',
      '/datacube/getusersummary',
      '/cgi-bin/openapi/quota/get',
    ]);
  });

  it('refuses every other path and method, and forwards none of them', async () => {
    const r = await relay(relayConfig(simOrigin));
    const cases: [string, string, number, number][] = [
      ['GET', '/', 404, RelayErrorCode.pathNotServed],
      ['POST', '/cgi-bin/message/custom/send', 404, RelayErrorCode.pathNotServed],
      ['POST', '/cgi-bin/clear_quota', 404, RelayErrorCode.pathNotServed],
      ['POST', '/cgi-bin/openapi/quota/clear', 404, RelayErrorCode.pathNotServed],
      ['POST', '/__sim/reset', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/GetUserSummary', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/getusersummary/x', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/../cgi-bin/token', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/getusersummary%2F..%2F..%2Fcgi-bin%2Ftoken', 404, RelayErrorCode.pathNotServed],
      ['POST', '//api.weixin.qq.com/datacube/getusersummary', 404, RelayErrorCode.pathNotServed],
      ['POST', 'http://example.com/datacube/getusersummary', 404, RelayErrorCode.pathNotServed],
      ['POST', '/accounts', 405, RelayErrorCode.methodNotAllowed],
      ['GET', '/datacube/getusersummary', 405, RelayErrorCode.methodNotAllowed],
      ['PUT', '/cgi-bin/openapi/quota/get', 405, RelayErrorCode.methodNotAllowed],
      ['POST', '/healthz', 405, RelayErrorCode.methodNotAllowed],
    ];
    for (const [method, path, status, errcode] of cases) {
      const answer = await call(r.url, path, {
        method,
        key: KEYS.sales,
        headers: { 'X-WeChat-AppId': CHINA.appid },
        ...(method === 'POST' ? { body: DATES } : {}),
      });
      expect([method, path, answer.status, answer.json.errcode]).toEqual([method, path, status, errcode]);
    }
    expect(sim.log()).toEqual([]);
  });

  it('refuses a body that is not a JSON object, and a quota lookup for anything but a datacube path', async () => {
    const r = await relay(relayConfig(simOrigin));
    const send = (path: string, options: { body?: unknown; rawBody?: string }) =>
      gateway(r.url, path, { key: KEYS.sales, appId: CHINA.appid, ...options });
    for (const options of [{ rawBody: 'begin_date=2026-03-08' }, { body: [1, 2] }, { rawBody: '' }]) {
      const answer = await send('/datacube/getusersummary', options);
      expect([answer.status, answer.json.errcode]).toEqual([400, RelayErrorCode.badRequest]);
    }
    for (const body of [{}, { cgi_path: '/cgi-bin/message/mass/sendall' }, { cgi_path: '/datacube/../x' }]) {
      const answer = await send('/cgi-bin/openapi/quota/get', { body });
      expect([answer.status, answer.json.errcode]).toEqual([400, RelayErrorCode.badRequest]);
    }
    expect(sim.log()).toEqual([]);
  });

  it('answers an oversized body with a readable 413, declared or chunked, and keeps serving', async () => {
    const r = await relay(relayConfig(simOrigin, { limits: { maxBodyBytes: 1024 } }));
    const big = { ...DATES, padding: 'x'.repeat(2000) };
    const declared = await gateway(r.url, '/datacube/getusersummary', {
      key: KEYS.sales,
      appId: CHINA.appid,
      body: big,
    });
    expect([declared.status, declared.json.errcode]).toEqual([413, RelayErrorCode.bodyTooLarge]);
    // 2 MB in 32 KB chunks from a client that, like most, reads the answer only once it has sent its request:
    // had the relay closed the connection while the body was still coming, that client would meet a reset.
    const head = [
      'POST /datacube/getusersummary HTTP/1.1',
      `Host: ${new URL(r.url).host}`,
      `Authorization: Bearer ${KEYS.sales}`,
      `X-WeChat-AppId: ${CHINA.appid}`,
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
    ].join('\r\n');
    const chunk = Buffer.alloc(32 * 1024, 0x20);
    const raw = await sendThenRead(new URL(r.url).port, `${head}\r\n\r\n`, Array(64).fill(chunk));
    expect(raw.error).toBeUndefined();
    expect(raw.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.text).toContain('{"errcode":990006,"errmsg":"relay: the request body is larger than 1024 bytes"}');
    expect(sim.log()).toEqual([]);
    expect((await datacube(r.url)).status).toBe(200);
  });
});

/** Writes a request with a chunked body piece by piece, and only then reads what came back. */
async function sendThenRead(port: string, head: string, chunks: Buffer[]): Promise<{ text: string; error?: string }> {
  const socket = connect(Number(port), '127.0.0.1');
  socket.pause();
  let error: string | undefined;
  socket.on('error', (e: NodeJS.ErrnoException) => {
    error ??= e.code ?? e.message;
  });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const write = (data: string | Buffer): Promise<void> =>
    new Promise((resolve) => {
      if (socket.destroyed) resolve();
      else socket.write(data, () => setTimeout(resolve, 2));
    });
  await write(head);
  for (const chunk of chunks)
    await write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
  await write('0\r\n\r\n');
  const pieces: Buffer[] = [];
  socket.on('data', (data: Buffer) => pieces.push(data));
  socket.resume();
  // The answer is complete once its body (Content-Length) has come, or the connection closed.
  await new Promise<void>((resolve) => {
    const complete = (): boolean => {
      const text = Buffer.concat(pieces).toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: *(\d+)/i.exec(text)?.[1] ?? Number.NaN);
      return headEnd !== -1 && text.length >= headEnd + 4 + length;
    };
    const timer = setTimeout(resolve, 2_000);
    const check = (): void => {
      if (!complete() && !socket.destroyed) return;
      clearTimeout(timer);
      resolve();
    };
    socket.on('data', check);
    socket.once('close', check);
  });
  socket.destroy();
  const text = Buffer.concat(pieces).toString('utf8');
  return error === undefined ? { text } : { text, error };
}

/**
 * A fake WeChat host: it answers stable_token with a token, and does `misbehave` with each datacube call once it
 * has received all of it (so the call certainly reached it).
 */
async function misbehavingHost(misbehave: (socket: Socket) => void): Promise<{
  url: string;
  datacubeCalls: () => number;
  close: () => Promise<void>;
}> {
  let datacubeCalls = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let text = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      text += chunk.toString();
      const headEnd = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: *(\d+)/i.exec(text)?.[1] ?? 0);
      if (headEnd === -1 || text.length < headEnd + 4 + length) return;
      const requestLine = text.slice(0, text.indexOf('\r\n'));
      text = '';
      if (requestLine.startsWith('POST /cgi-bin/stable_token')) {
        const body = JSON.stringify({ access_token: 'fake-host-token-0123456789', expires_in: 7200 });
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        return;
      }
      datacubeCalls++;
      misbehave(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    datacubeCalls: () => datacubeCalls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('reaching WeChat', () => {
  function withChinaHosts(hosts: { url: string; host: string }[], extra: Partial<RelayConfigInput['upstream']> = {}) {
    const config = relayConfig(simOrigin);
    config.upstream = { ...config.upstream, china: hosts, ...extra };
    return config;
  }

  it('fails over to the next host when the first refuses the connection (the call never reached it)', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const r = await relay(
      withChinaHosts([
        { url: down, host: 'api.weixin.qq.com' },
        { url: simOrigin, host: 'api2.weixin.qq.com' },
      ]),
    );
    expect((await datacube(r.url)).status).toBe(200);
    expect(sim.log().map((e) => e.host)).toEqual(['api2.weixin.qq.com', 'api2.weixin.qq.com']);
  });

  it('does not send a call again once a host has it: a dropped connection is 502, a silent host 504', async () => {
    const dropper = await misbehavingHost((socket) => socket.destroy());
    const silent = await misbehavingHost(() => undefined);
    try {
      for (const [host, status, errcode] of [
        [dropper, 502, RelayErrorCode.upstreamUnreachable],
        [silent, 504, RelayErrorCode.upstreamTimeout],
      ] as const) {
        const config = withChinaHosts(
          [
            { url: host.url, host: 'api.weixin.qq.com' },
            { url: simOrigin, host: 'api2.weixin.qq.com' },
          ],
          { timeoutMs: 400 },
        );
        const r = await relay(config);
        const answer = await datacube(r.url);
        expect([answer.status, answer.json.errcode]).toEqual([status, errcode]);
        expect(host.datacubeCalls()).toBe(1);
        expect(sim.log()).toEqual([]);
      }
    } finally {
      await dropper.close();
      await silent.close();
    }
  });

  it('counts the timeout from when a call has a socket, not while it waits for one', async () => {
    const r = await relay(
      withChinaHosts([{ url: simOrigin, host: 'api.weixin.qq.com' }], { maxSockets: 2, timeoutMs: 1_500 }),
    );
    expect((await datacube(r.url)).status).toBe(200); // the token, before WeChat slows down
    sim.configure({ latencyMs: 1_000 });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 6 }, () => datacube(r.url)));
    // Two at a time, one second each: the last pair waited two seconds for a socket, more than the timeout.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(sim.stats().datacubeCalls.total).toBe(7);
  });

  it('answers 502 when no host can be reached', async () => {
    const r = await relay(
      withChinaHosts([{ url: `http://127.0.0.1:${await closedPort()}`, host: 'api.weixin.qq.com' }]),
    );
    const answer = await datacube(r.url);
    expect([answer.status, answer.json.errcode]).toEqual([502, RelayErrorCode.upstreamUnreachable]);
    expect(answer.json.errmsg).toBe('relay: could not connect to WeChat (api.weixin.qq.com)');
  });

  it('answers 500 (990013) when something inside fails, and logs why', async () => {
    const broken: Upstream = { post: () => Promise.reject(new Error('socket exploded')), close: () => undefined };
    const r = await relay(relayConfig(simOrigin), { upstream: broken });
    const answer = await datacube(r.url);
    expect([answer.status, answer.json.errcode]).toEqual([500, RelayErrorCode.internal]);
    expect(r.logLines.some((line) => line.includes('"severity":"ERROR"') && line.includes('socket exploded'))).toBe(
      true,
    );
    expect((await call(r.url, '/healthz')).status).toBe(200);
  });

  it('passes WeChat 5xx answers on, so the add-on retries them', async () => {
    const r = await relay(relayConfig(simOrigin));
    await datacube(r.url);
    sim.setFaults(CHINA.appid, { http5xx: 1, http5xxStatus: 503 });
    expect((await datacube(r.url)).status).toBe(503);
    expect((await datacube(r.url)).status).toBe(200);
  });
});

describe('the log', () => {
  it('writes one line per request: client, method, path, App ID, key name, status, errcode, duration', async () => {
    const r = await relay(relayConfig(simOrigin));
    await datacube(r.url);
    await call(r.url, '/accounts', { key: 'wrong-key', localAddress: '127.0.0.5' });
    await call(r.url, '/healthz');
    const lines = requestLines(r);
    expect(lines.map((l) => [l.client, l.method, l.path, l.appId, l.key, l.status, l.errcode])).toEqual([
      ['127.0.0.1', 'POST', '/datacube/getusersummary', CHINA.appid, 'sales', 200, undefined],
      ['127.0.0.5', 'GET', '/accounts', undefined, undefined, 401, RelayErrorCode.invalidKey],
      ['127.0.0.1', 'GET', '/healthz', undefined, undefined, 200, undefined],
    ]);
    for (const line of lines) expect(typeof line.ms).toBe('number');
    expect(lines[0]!.message).toMatch(
      /^127\.0\.0\.1 POST \/datacube\/getusersummary 200 appid=wx1{16} key=sales [\d.]+ms$/,
    );
  });
});

// Last on purpose: it checks everything the tests above received and logged.
it('put no App Secret, key or access token in any answer or log line of this file', () => {
  expect(answersSeen.length).toBeGreaterThan(100);
  expect(logLinesSeen.length).toBeGreaterThan(100);
  expect(allTokens.size).toBeGreaterThan(10);
  expectNoSecretIn([...answersSeen, ...logLinesSeen], [...allTokens]);
});
