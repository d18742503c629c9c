import type { Simulator } from '../../dev/simulator/simulator';
import { RelayErrorCode } from '../../relay/errors';
import type { Upstream } from '../../relay/upstream';
import {
  answersSeen,
  CHINA,
  call,
  closedPort,
  DATES,
  expectNoSecretIn,
  INTERNATIONAL,
  KEYS,
  logLinesSeen,
  OTHER,
  RELAY_IP,
  relayConfig,
  type StartedRelay,
  startSimulator,
  startTestRelay,
  tokenRequest,
} from './harness';

let sim: Simulator;
let simOrigin: string;
const relays: StartedRelay[] = [];

async function relay(...args: Parameters<typeof startTestRelay>): Promise<StartedRelay> {
  const started = await startTestRelay(...args);
  relays.push(started);
  return started;
}

async function tokenThrough(origin: string, appid = CHINA.appid, key: string = KEYS.sales): Promise<string> {
  const answer = await call(origin, '/cgi-bin/stable_token', { body: tokenRequest(appid), key });
  expect(answer.status).toBe(200);
  expect(typeof answer.json.access_token).toBe('string');
  return answer.json.access_token as string;
}

function stableCalls(appid = CHINA.appid): number {
  return sim.stats().tokenCalls.byAccount[appid]?.stable ?? 0;
}

beforeAll(async () => {
  ({ sim, origin: simOrigin } = await startSimulator());
});

beforeEach(() => sim.reset());

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await sim.close();
});

describe('the whitelist problem and the relay that solves it', () => {
  it('refuses a direct token call from 127.0.0.1 with 40164 naming that IP', async () => {
    const answer = await call(simOrigin, '/cgi-bin/stable_token', {
      body: { ...tokenRequest(CHINA.appid), secret: CHINA.secret },
      headers: { Host: 'api.weixin.qq.com' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.errcode).toBe(40164);
    expect(answer.json.errmsg).toContain('invalid ip 127.0.0.1');
  });

  it('gets a token and datacube answers for the same account through the relay, from 127.0.0.2', async () => {
    const r = await relay(relayConfig(simOrigin));
    const token = await tokenThrough(r.url);
    const data = await call(r.url, `/datacube/getusersummary?access_token=${encodeURIComponent(token)}`, {
      body: DATES,
    });
    expect(data.status).toBe(200);
    const list = data.json.list as { ref_date: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((row) => row.ref_date))).toEqual(
      new Set(['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']),
    );
    // Byte for byte what WeChat (the simulator) served.
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
  });

  it('calls api.wechat.com for an International account', async () => {
    const r = await relay(relayConfig(simOrigin));
    const token = await tokenThrough(r.url, INTERNATIONAL.appid, KEYS.intl);
    const data = await call(r.url, `/datacube/getusercumulate?access_token=${token}`, { body: DATES });
    expect(Array.isArray(data.json.list)).toBe(true);
    expect(sim.log().map((e) => e.host)).toEqual(['api.wechat.com', 'api.wechat.com']);
  });

  it('passes WeChat errors on as they came (a wrong App Secret in the relay config: 40125)', async () => {
    const config = relayConfig(simOrigin);
    config.accounts[0]!.appSecret = 'WrongSecret0123456789abcdefABCDE';
    const r = await relay(config);
    const answer = await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales });
    expect(answer.status).toBe(200);
    expect(answer.json.errcode).toBe(40125);
    expect(answer.text).toBe(sim.log()[0]!.responseBody);
  });

  it('answers the health check', async () => {
    const r = await relay(relayConfig(simOrigin));
    const answer = await call(r.url, '/healthz');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok' });
  });
});

describe('the token cache', () => {
  it('asks WeChat once for many token requests, concurrent or not, and counts expires_in down', async () => {
    let nowMs = Date.now();
    const r = await relay(relayConfig(simOrigin), { now: () => nowMs });
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales }),
      ),
    );
    expect(new Set(concurrent.map((a) => a.json.access_token)).size).toBe(1);
    nowMs += 600_000;
    const later = await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.finance });
    expect(later.json.access_token).toBe(concurrent[0]!.json.access_token);
    expect(later.json.expires_in).toBe(7200 - 600);
    expect(stableCalls()).toBe(1);
  });

  it('fetches a new token when less than five minutes are left', async () => {
    let nowMs = Date.now();
    const r = await relay(relayConfig(simOrigin), { now: () => nowMs });
    const first = await tokenThrough(r.url);
    nowMs += 7200_000 - 301_000;
    sim.setClock({ advanceMs: 7200_000 - 301_000 });
    expect(await tokenThrough(r.url)).toBe(first);
    expect(stableCalls()).toBe(1);
    nowMs += 2_000;
    sim.setClock({ advanceMs: 2_000 });
    const renewed = await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales });
    expect(renewed.json.access_token).not.toBe(first);
    expect(renewed.json.expires_in).toBe(7200);
    expect(stableCalls()).toBe(2);
  });

  it('forgets a token WeChat rejects (40001) and hands out a new one', async () => {
    const r = await relay(relayConfig(simOrigin));
    const first = await tokenThrough(r.url);
    sim.setFaults(CHINA.appid, { invalidateTokensAfter: 1 });
    const ok = await call(r.url, `/datacube/getusersummary?access_token=${first}`, { body: DATES });
    expect(Array.isArray(ok.json.list)).toBe(true);
    const rejected = await call(r.url, `/datacube/getusersummary?access_token=${first}`, { body: DATES });
    expect(rejected.json.errcode).toBe(40001);
    const second = await tokenThrough(r.url);
    expect(second).not.toBe(first);
    const again = await call(r.url, `/datacube/getusersummary?access_token=${second}`, { body: DATES });
    expect(Array.isArray(again.json.list)).toBe(true);
  });

  it('after a restart, recognises a token handed out before it (learned again from WeChat)', async () => {
    const before = await relay(relayConfig(simOrigin));
    const token = await tokenThrough(before.url);
    await before.close();
    const after = await relay(relayConfig(simOrigin));
    const data = await call(after.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
    expect(Array.isArray(data.json.list)).toBe(true);
    expect(stableCalls()).toBe(2);
  });

  it('answers 40014 for a token it did not obtain, forwards nothing, and re-reads tokens at most every 30 s', async () => {
    const r = await relay(relayConfig(simOrigin));
    await tokenThrough(r.url);
    const direct = await call(simOrigin, '/cgi-bin/stable_token', {
      body: { ...tokenRequest(OTHER.appid), secret: OTHER.secret },
      localAddress: RELAY_IP,
    });
    const foreign = direct.json.access_token as string;
    expect(typeof foreign).toBe('string');
    const seq = sim.log().at(-1)?.seq ?? 0;
    for (const token of [foreign, 'made-up-token']) {
      const answer = await call(r.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
      expect(answer.status).toBe(200);
      expect(answer.json.errcode).toBe(40014);
      expect(answer.json.errmsg).toContain('relay');
    }
    expect(sim.log({ kind: 'datacube' }).length).toBe(0);
    // One stable_token call to learn the International account's token; none for the second unknown token.
    expect(sim.log({ sinceSeq: seq }).map((e) => [e.path, e.appid])).toEqual([
      ['/cgi-bin/stable_token', INTERNATIONAL.appid],
    ]);
  });
});

describe('what the relay refuses', () => {
  it('refuses a missing, malformed or wrong key, and a key for another account', async () => {
    const r = await relay(relayConfig(simOrigin));
    const ask = (appid: string, headers: Record<string, string>) =>
      call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(appid), headers });
    const missing = await ask(CHINA.appid, {});
    expect([missing.status, missing.json.errcode]).toEqual([401, RelayErrorCode.missingKey]);
    expect(missing.json.errmsg).toBe('relay: send the relay key as "Authorization: Bearer <relay key>"');
    const basic = await ask(CHINA.appid, { Authorization: `Basic ${KEYS.sales}` });
    expect([basic.status, basic.json.errcode]).toEqual([401, RelayErrorCode.missingKey]);
    const wrong = await ask(CHINA.appid, { Authorization: `Bearer ${KEYS.sales.slice(0, -1)}x` });
    expect([wrong.status, wrong.json.errcode]).toEqual([401, RelayErrorCode.invalidKey]);
    expect(wrong.json.errmsg).toBe('relay: the relay key is wrong; check it against the relay configuration');
    const otherAccount = await ask(INTERNATIONAL.appid, { Authorization: `Bearer ${KEYS.sales}` });
    expect([otherAccount.status, otherAccount.json.errcode]).toEqual([403, RelayErrorCode.appIdNotAllowed]);
    expect(sim.log().length).toBe(0);
  });

  it('refuses App IDs it does not serve, without telling them apart from forbidden ones', async () => {
    const r = await relay(relayConfig(simOrigin));
    const answers = await Promise.all(
      [OTHER.appid, 'wx0000000000000000'].map((appid) =>
        call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(appid), key: KEYS.sales }),
      ),
    );
    expect(answers.map((a) => [a.status, a.json.errcode])).toEqual([
      [403, RelayErrorCode.appIdNotAllowed],
      [403, RelayErrorCode.appIdNotAllowed],
    ]);
    expect(answers[0]!.json.errmsg).toBe(`relay: this relay key may not use App ID ${OTHER.appid}`);
    expect(sim.log().length).toBe(0);
  });

  it('refuses every other path and method, and forwards none of them', async () => {
    const r = await relay(relayConfig(simOrigin));
    const token = await tokenThrough(r.url);
    const seq = sim.log().length;
    const cases: [string, string, number, number][] = [
      ['GET', '/', 404, RelayErrorCode.pathNotServed],
      ['GET', `/cgi-bin/token?grant_type=client_credential&appid=${CHINA.appid}`, 404, RelayErrorCode.pathNotServed],
      ['POST', '/cgi-bin/message/custom/send', 404, RelayErrorCode.pathNotServed],
      ['POST', '/cgi-bin/clear_quota', 404, RelayErrorCode.pathNotServed],
      ['POST', '/__sim/reset', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/getusersummary/x', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/../cgi-bin/token', 404, RelayErrorCode.pathNotServed],
      ['POST', '/datacube/getusersummary%2F..%2F..%2Fcgi-bin%2Ftoken', 404, RelayErrorCode.pathNotServed],
      ['POST', '//api.weixin.qq.com/datacube/getusersummary', 404, RelayErrorCode.pathNotServed],
      ['POST', 'http://example.com/datacube/getusersummary', 404, RelayErrorCode.pathNotServed],
      ['GET', '/cgi-bin/stable_token', 405, RelayErrorCode.methodNotAllowed],
      ['PUT', '/cgi-bin/stable_token', 405, RelayErrorCode.methodNotAllowed],
      ['GET', '/datacube/getusersummary', 405, RelayErrorCode.methodNotAllowed],
      ['POST', '/healthz', 405, RelayErrorCode.methodNotAllowed],
    ];
    for (const [method, path, status, errcode] of cases) {
      const answer = await call(r.url, path, {
        method,
        key: KEYS.sales,
        ...(method === 'POST' ? { body: DATES } : {}),
        headers: { 'X-Access-Token': token },
      });
      expect([method, path, answer.status, answer.json.errcode]).toEqual([method, path, status, errcode]);
    }
    expect(sim.log().length).toBe(seq);
  });

  it('refuses force_refresh and malformed token requests', async () => {
    const r = await relay(relayConfig(simOrigin));
    const ask = (options: { body?: unknown; rawBody?: string }) =>
      call(r.url, '/cgi-bin/stable_token', { ...options, key: KEYS.sales });
    const force = await ask({ body: { ...tokenRequest(CHINA.appid), force_refresh: true } });
    expect([force.status, force.json.errcode]).toEqual([400, RelayErrorCode.forceRefreshRefused]);
    for (const body of [{ appid: CHINA.appid }, { grant_type: 'client_credential' }, [1, 2]]) {
      const answer = await ask({ body });
      expect([answer.status, answer.json.errcode]).toEqual([400, RelayErrorCode.badRequest]);
    }
    const notJson = await ask({ rawBody: 'grant_type=client_credential' });
    expect([notJson.status, notJson.json.errcode]).toEqual([400, RelayErrorCode.badRequest]);
    const noToken = await call(r.url, '/datacube/getusersummary', { body: DATES });
    expect([noToken.status, noToken.json.errcode]).toEqual([400, RelayErrorCode.badRequest]);
    expect(sim.log().length).toBe(0);
  });

  it('refuses a body larger than the limit', async () => {
    const r = await relay(relayConfig(simOrigin, { limits: { maxBodyBytes: 1024 } }));
    const big = { ...tokenRequest(CHINA.appid), padding: 'x'.repeat(2000) };
    const answer = await call(r.url, '/cgi-bin/stable_token', { body: big, key: KEYS.sales });
    expect([answer.status, answer.json.errcode]).toEqual([413, RelayErrorCode.bodyTooLarge]);
    const chunked = await call(r.url, '/cgi-bin/stable_token', {
      rawBody: JSON.stringify(big),
      key: KEYS.sales,
      headers: { 'Transfer-Encoding': 'chunked' },
    });
    expect([chunked.status, chunked.json.errcode]).toEqual([413, RelayErrorCode.bodyTooLarge]);
    expect(sim.log().length).toBe(0);
  });

  it('limits the rate per key, with Retry-After', async () => {
    const r = await relay(relayConfig(simOrigin, { limits: { burst: 3, ratePerMinute: 6 } }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales });
    expect(limited.json.errcode).toBe(RelayErrorCode.rateLimited);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another key has its own budget; datacube calls count against the key that received the token.
    const token = await tokenThrough(r.url, CHINA.appid, KEYS.finance);
    const data = await call(r.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
    expect(data.status).toBe(200);
  });
});

describe('secrets', () => {
  it('masks an App Secret or key from any answer, even one WeChat echoed, and from an echoed App ID', async () => {
    const echo: Upstream = {
      post: (_type, path, body) =>
        Promise.resolve({
          kind: 'answer',
          status: 200,
          contentType: 'application/json',
          body: Buffer.from(JSON.stringify({ errcode: 40013, errmsg: `invalid appid, you sent ${body} to ${path}` })),
          host: 'api.weixin.qq.com',
        }),
      close: () => undefined,
    };
    const r = await relay(relayConfig(simOrigin), { upstream: echo });
    const answer = await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales });
    expect(answer.json.errcode).toBe(40013);
    expect(answer.text).toContain('\\"secret\\":\\"[redacted]\\"');
    const pasted = await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(KEYS.finance), key: KEYS.intl });
    expect(pasted.json.errmsg).toBe('relay: this relay key may not use App ID [redacted]');
    expect(r.logLines.some((line) => line.includes('"appId":"[redacted]"'))).toBe(true);
  });
});

describe('reaching WeChat', () => {
  it('fails over to the next host when the first cannot be reached', async () => {
    const config = relayConfig(simOrigin);
    config.upstream = {
      ...config.upstream,
      china: [
        { url: `http://127.0.0.1:${await closedPort()}`, host: 'api.weixin.qq.com' },
        { url: simOrigin, host: 'api2.weixin.qq.com' },
      ],
    };
    const r = await relay(config);
    const token = await tokenThrough(r.url);
    await call(r.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
    expect(sim.log().map((e) => e.host)).toEqual(['api2.weixin.qq.com', 'api2.weixin.qq.com']);
  });

  it('answers 502 when no host can be reached, and 504 when WeChat does not answer in time', async () => {
    const unreachable = relayConfig(simOrigin);
    unreachable.upstream = { ...unreachable.upstream, china: [`http://127.0.0.1:${await closedPort()}`] };
    const down = await relay(unreachable);
    const refused = await call(down.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales });
    expect([refused.status, refused.json.errcode]).toEqual([502, RelayErrorCode.upstreamUnreachable]);

    const slow = relayConfig(simOrigin);
    slow.upstream = { ...slow.upstream, china: [{ url: simOrigin, host: 'api.weixin.qq.com' }], timeoutMs: 300 };
    const r = await relay(slow);
    const token = await tokenThrough(r.url);
    sim.setFaults(CHINA.appid, { hang: true });
    const started = Date.now();
    const timedOut = await call(r.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
    expect([timedOut.status, timedOut.json.errcode]).toEqual([504, RelayErrorCode.upstreamTimeout]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 500 (990013) when something inside fails, and logs why', async () => {
    const broken: Upstream = { post: () => Promise.reject(new Error('socket exploded')), close: () => undefined };
    const r = await relay(relayConfig(simOrigin), { upstream: broken });
    const answer = await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: KEYS.sales });
    expect([answer.status, answer.json.errcode]).toEqual([500, RelayErrorCode.internal]);
    expect(r.logLines.some((line) => line.includes('"severity":"ERROR"') && line.includes('socket exploded'))).toBe(
      true,
    );
    expect((await call(r.url, '/healthz')).status).toBe(200);
  });

  it('passes WeChat 5xx answers on, so the add-on retries them', async () => {
    const r = await relay(relayConfig(simOrigin));
    const token = await tokenThrough(r.url);
    sim.setFaults(CHINA.appid, { http5xx: 1, http5xxStatus: 503 });
    const failed = await call(r.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
    expect(failed.status).toBe(503);
    const retried = await call(r.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
    expect(retried.status).toBe(200);
  });
});

describe('the log', () => {
  it('writes one line per request with path, App ID, key name, status and duration, and no query', async () => {
    const r = await relay(relayConfig(simOrigin));
    const token = await tokenThrough(r.url);
    await call(r.url, `/datacube/getusersummary?access_token=${token}`, { body: DATES });
    await call(r.url, '/cgi-bin/stable_token', { body: tokenRequest(CHINA.appid), key: 'wrong-key' });
    const lines = r.logLines.slice(1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l.path, l.appId, l.key, l.status, l.errcode])).toEqual([
      ['/cgi-bin/stable_token', CHINA.appid, 'sales', 200, undefined],
      ['/datacube/getusersummary', CHINA.appid, 'sales', 200, undefined],
      ['/cgi-bin/stable_token', undefined, undefined, 401, RelayErrorCode.invalidKey],
    ]);
    for (const line of lines) expect(typeof line.ms).toBe('number');
    expect(r.logLines.join('\n')).not.toContain(token);
  });
});

// Last on purpose: it checks everything the tests above received and logged.
it('put no App Secret and no key in any answer or log line of this file', () => {
  expect(answersSeen.length).toBeGreaterThan(50);
  expect(logLinesSeen.length).toBeGreaterThan(50);
  expectNoSecretIn([...answersSeen, ...logLinesSeen]);
});
