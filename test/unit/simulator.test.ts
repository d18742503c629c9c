import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../dev/simulator/simulator';

const DEMO = { appid: 'wx_demo_account_0001', secret: 'demo_secret_0123456789abcdef01' };
/** 12:00 in Beijing on 2026-03-15. */
const NOW = Date.parse('2026-03-15T04:00:00Z');
const TODAY = '2026-03-15';
const YESTERDAY = '2026-03-14';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Obj = Record<string, unknown>;

interface Harness {
  sim: Simulator;
  port: number;
}

interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  elapsedMs: number;
}

interface CallOptions {
  method?: string;
  path: string;
  body?: string | Obj;
  host?: string;
  headers?: Record<string, string>;
  localAddress?: string;
  timeoutMs?: number;
}

const running: Simulator[] = [];

async function start(options: SimulatorOptions = {}): Promise<Harness> {
  const sim = createSimulator({ clock: { nowMs: NOW }, ...options });
  running.push(sim);
  const { port } = await sim.listen();
  return { sim, port };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

function call(port: number, options: CallOptions): Promise<HttpResult> {
  const body = typeof options.body === 'object' ? JSON.stringify(options.body) : options.body;
  const headers: Record<string, string> = { ...options.headers };
  if (options.host) headers.Host = options.host;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: Date.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

function asObj(value: unknown): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not an object: ${value}`);
  return value as Obj;
}

function asList(value: unknown): Obj[] {
  if (!Array.isArray(value)) throw new Error(`not a list: ${JSON.stringify(value)?.slice(0, 200)}`);
  return value.map(asObj);
}

function json(result: HttpResult): Obj {
  return asObj(JSON.parse(result.text));
}

function listOf(result: HttpResult): Obj[] {
  return asList(json(result).list);
}

function errcodeOf(result: HttpResult): unknown {
  return json(result).errcode;
}

async function stableToken(h: Harness, body: Obj = {}, extra: Partial<CallOptions> = {}): Promise<HttpResult> {
  const payload = { grant_type: 'client_credential', appid: DEMO.appid, secret: DEMO.secret, ...body };
  return call(h.port, { path: '/cgi-bin/stable_token', body: payload, ...extra });
}

async function tokenFor(h: Harness, appid = DEMO.appid, secret = DEMO.secret, extra: Partial<CallOptions> = {}) {
  const result = await stableToken(h, { appid, secret }, extra);
  const token = json(result).access_token;
  if (typeof token !== 'string') throw new Error(`no token: ${result.text}`);
  return token;
}

function classicPath(appid: string, secret: string, grantType = 'client_credential'): string {
  return `/cgi-bin/token?grant_type=${grantType}&appid=${appid}&secret=${secret}`;
}

async function classicToken(h: Harness): Promise<string> {
  const token = json(await call(h.port, { path: classicPath(DEMO.appid, DEMO.secret) })).access_token;
  if (typeof token !== 'string') throw new Error('no classic token');
  return token;
}

function datacube(
  h: Harness,
  endpoint: string,
  token: string,
  begin: string,
  end = begin,
  extra: Partial<CallOptions> = {},
): Promise<HttpResult> {
  return call(h.port, {
    path: `/datacube/${endpoint}?access_token=${encodeURIComponent(token)}`,
    body: { begin_date: begin, end_date: end },
    ...extra,
  });
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function setClock(h: Harness, nowMs: number): void {
  h.sim.setClock({ nowMs });
}

function advance(h: Harness, ms: number): void {
  h.sim.setClock({ advanceMs: ms });
}

const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

// ---------------------------------------------------------------------------------------------------------------

describe('stable_token', () => {
  it('returns the same long opaque token while valid, with WeChat headers and no errcode', async () => {
    const h = await start();
    const first = await stableToken(h);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; encoding=utf-8');
    const body = json(first);
    expect(body.errcode).toBeUndefined();
    expect(body.expires_in).toBe(7200);
    expect(String(body.access_token).length).toBeGreaterThanOrEqual(100);
    advance(h, 10 * MINUTE);
    const again = json(await stableToken(h));
    expect(again.access_token).toBe(body.access_token);
    expect(again.expires_in).toBe(7200 - 600);
  });

  it('renews inside the last five minutes and keeps the old token valid until its own expiry', async () => {
    const h = await start();
    const first = await tokenFor(h);
    advance(h, 7200_000 - 301_000);
    expect(json(await stableToken(h))).toMatchObject({ access_token: first, expires_in: 301 });
    advance(h, 2_000);
    const renewed = json(await stableToken(h));
    expect(renewed.access_token).not.toBe(first);
    expect(renewed.expires_in).toBe(7200);
    expect((await datacube(h, 'getusercumulate', first, YESTERDAY)).status).toBe(200);
    expect(errcodeOf(await datacube(h, 'getusercumulate', first, YESTERDAY))).toBeUndefined();
    advance(h, 5 * MINUTE);
    expect(errcodeOf(await datacube(h, 'getusercumulate', first, YESTERDAY))).toBe(42001);
    expect(errcodeOf(await datacube(h, 'getusercumulate', String(renewed.access_token), YESTERDAY))).toBeUndefined();
  });

  it('force_refresh issues a new token and kills the old one; refreshes 30 s apart, 20 a Beijing day', async () => {
    const h = await start();
    const old = await tokenFor(h);
    const forced = String(json(await stableToken(h, { force_refresh: true })).access_token);
    expect(forced).not.toBe(old);
    expect(errcodeOf(await datacube(h, 'getusercumulate', old, YESTERDAY))).toBe(40001);
    expect(json(await stableToken(h, { force_refresh: true })).access_token).toBe(forced);
    for (let i = 2; i <= 20; i++) {
      advance(h, 31_000);
      expect(json(await stableToken(h, { force_refresh: true })).access_token).toEqual(expect.any(String));
    }
    advance(h, 31_000);
    expect(errcodeOf(await stableToken(h, { force_refresh: true }))).toBe(45009);
    setClock(h, Date.parse('2026-03-15T16:05:00Z'));
    expect(json(await stableToken(h, { force_refresh: true })).access_token).toEqual(expect.any(String));
  });

  it('answers 40002, 41002, 40013, 40125, 43002, 44002 and 47001 with rid-suffixed messages', async () => {
    const h = await start();
    const cases: Array<[Promise<HttpResult>, number]> = [
      [stableToken(h, { grant_type: 'password' }), 40002],
      [stableToken(h, { appid: '' }), 41002],
      [stableToken(h, { appid: 'wx_nobody' }), 40013],
      [stableToken(h, { secret: 'wrong' }), 40125],
      [call(h.port, { path: '/cgi-bin/stable_token' }), 43002],
      [call(h.port, { path: '/cgi-bin/stable_token', method: 'POST', body: '' }), 44002],
      [call(h.port, { path: '/cgi-bin/stable_token', body: '{"appid":' }), 47001],
    ];
    for (const [pending, code] of cases) {
      const result = await pending;
      expect(result.status).toBe(200);
      expect(json(result).errcode).toBe(code);
      expect(String(json(result).errmsg)).toMatch(RID);
    }
  });
});

describe('/cgi-bin/token', () => {
  it('issues a new token per call; the previous one works five more minutes, then 40001', async () => {
    const h = await start();
    const first = await classicToken(h);
    const second = await classicToken(h);
    expect(second).not.toBe(first);
    expect(errcodeOf(await datacube(h, 'getusercumulate', first, YESTERDAY))).toBeUndefined();
    advance(h, 5 * MINUTE + 1_000);
    expect(errcodeOf(await datacube(h, 'getusercumulate', first, YESTERDAY))).toBe(40001);
    expect(errcodeOf(await datacube(h, 'getusercumulate', second, YESTERDAY))).toBeUndefined();
  });

  it('is isolated from stable tokens', async () => {
    const h = await start();
    const stable = await tokenFor(h);
    await classicToken(h);
    await classicToken(h);
    advance(h, 10 * MINUTE);
    expect(errcodeOf(await datacube(h, 'getusercumulate', stable, YESTERDAY))).toBeUndefined();
  });

  it('answers 40002, 40013 and 40001 (wrong secret)', async () => {
    const h = await start();
    const codes = await Promise.all([
      call(h.port, { path: classicPath(DEMO.appid, DEMO.secret, 'authorization_code') }),
      call(h.port, { path: classicPath('wx_nobody', DEMO.secret) }),
      call(h.port, { path: classicPath(DEMO.appid, 'wrong_secret') }),
    ]);
    expect(codes.map(errcodeOf)).toEqual([40002, 40013, 40001]);
  });
});

describe('accounts, whitelist and hosts', () => {
  const whitelisted = { appid: 'wx_whitelisted', secret: 'whitelisted_secret', type: 'china' as const };

  it('refuses callers outside the whitelist with 40164 naming the TCP peer IP, on both token endpoints', async () => {
    const h = await start({ accounts: [{ ...whitelisted, whitelist: ['127.0.0.2'] }] });
    const refused = await stableToken(h, { appid: whitelisted.appid, secret: whitelisted.secret });
    expect(json(refused).errcode).toBe(40164);
    expect(String(json(refused).errmsg)).toMatch(
      /^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: \S+$/,
    );
    const classic = await call(h.port, { path: classicPath(whitelisted.appid, whitelisted.secret) });
    expect(errcodeOf(classic)).toBe(40164);
    const admitted = await tokenFor(h, whitelisted.appid, whitelisted.secret, { localAddress: '127.0.0.2' });
    expect(admitted.length).toBeGreaterThanOrEqual(100);
    // Datacube calls themselves are not IP-checked (wechat-api.md §2.5 leaves it open).
    expect(errcodeOf(await datacube(h, 'getusercumulate', admitted, YESTERDAY))).toBeUndefined();
  });

  it('has the whitelist on for a new account: nobody is admitted until an IP is listed or it is turned off', async () => {
    const h = await start({ accounts: [whitelisted] });
    expect(errcodeOf(await stableToken(h, { appid: whitelisted.appid, secret: whitelisted.secret }))).toBe(40164);
    h.sim.upsertAccounts({ ...whitelisted, whitelist: ['127.0.0.1'] });
    expect(await tokenFor(h, whitelisted.appid, whitelisted.secret)).toMatch(/^93_/);
    h.sim.upsertAccounts({ appid: 'wx_added', secret: 'added_secret', type: 'china' });
    expect(errcodeOf(await stableToken(h, { appid: 'wx_added', secret: 'added_secret' }))).toBe(40164);
  });

  it('gives distinct tokens per account and the demo account only when none is configured', async () => {
    const h = await start({
      accounts: [
        { ...whitelisted, whitelist: 'off' },
        { appid: 'wx_other', secret: 'other_secret', type: 'china', whitelist: ['127.0.0.1'] },
      ],
    });
    const a = await tokenFor(h, whitelisted.appid, whitelisted.secret);
    const b = await tokenFor(h, 'wx_other', 'other_secret');
    expect(a).not.toBe(b);
    expect(errcodeOf(await stableToken(h))).toBe(40013);
    const demo = await start();
    expect(demo.sim.accounts().map((acc) => acc.appid)).toEqual([DEMO.appid]);
  });

  it('serves international accounts on api.wechat.com only and china accounts elsewhere (50001)', async () => {
    const intl = { appid: 'wx_intl', secret: 'intl_secret', type: 'international' as const, whitelist: 'off' as const };
    const h = await start({
      accounts: [{ appid: DEMO.appid, secret: DEMO.secret, type: 'china', whitelist: 'off' }, intl],
    });
    const onChina = await stableToken(h, { appid: intl.appid, secret: intl.secret }, { host: 'api.weixin.qq.com' });
    expect(errcodeOf(onChina)).toBe(50001);
    expect(String(json(onChina).errmsg)).toMatch(/^user unauthorized rid: /);
    const intlToken = await tokenFor(h, intl.appid, intl.secret, { host: 'api.wechat.com' });
    expect(errcodeOf(await datacube(h, 'getusercumulate', intlToken, YESTERDAY))).toBe(50001);
    const ok = await datacube(h, 'getusercumulate', intlToken, YESTERDAY, YESTERDAY, { host: 'api.wechat.com:443' });
    expect(listOf(ok)).toHaveLength(1);
    const chinaToken = await tokenFor(h, DEMO.appid, DEMO.secret, { host: 'api2.weixin.qq.com' });
    const forwarded = { host: '127.0.0.1', headers: { 'X-Forwarded-Host': 'api.wechat.com' } };
    expect(errcodeOf(await datacube(h, 'getusercumulate', chinaToken, YESTERDAY, YESTERDAY, forwarded))).toBe(50001);
    expect(errcodeOf(await stableToken(h, {}, forwarded))).toBe(50001);
    expect(h.sim.log({ kind: 'datacube' }).map((entry) => entry.host)).toEqual([
      'api.weixin.qq.com',
      'api.wechat.com',
      'api.wechat.com',
    ]);
  });

  it('answers 48001 on datacube for unverified accounts', async () => {
    const h = await start({ accounts: [{ ...whitelisted, whitelist: 'off', verified: false }] });
    const token = await tokenFor(h, whitelisted.appid, whitelisted.secret);
    expect(errcodeOf(await datacube(h, 'getusersummary', token, YESTERDAY))).toBe(48001);
  });
});

describe('datacube request rules', () => {
  it('answers success as {"list": [...]} without errcode, as JSON with encoding=utf-8', async () => {
    const h = await start();
    const result = await datacube(h, 'getusersummary', await tokenFor(h), '2026-03-08', YESTERDAY);
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/json; encoding=utf-8');
    expect(Object.keys(json(result))).toEqual(['list']);
    expect(listOf(result).length).toBeGreaterThanOrEqual(7);
  });

  it('checks the token: 41001 missing, 40014 unknown, 42001 expired', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const missing = await call(h.port, {
      path: '/datacube/getusersummary',
      body: { begin_date: YESTERDAY, end_date: YESTERDAY },
    });
    expect(errcodeOf(missing)).toBe(41001);
    expect(errcodeOf(await datacube(h, 'getusersummary', 'not-a-token', YESTERDAY))).toBe(40014);
    advance(h, 2 * HOUR);
    expect(errcodeOf(await datacube(h, 'getusersummary', token, YESTERDAY))).toBe(42001);
  });

  it('checks method and body: 43002 GET, 44002 empty, 47001 invalid JSON', async () => {
    const h = await start();
    const path = `/datacube/getusersummary?access_token=${await tokenFor(h)}`;
    expect(errcodeOf(await call(h.port, { path, method: 'GET' }))).toBe(43002);
    expect(errcodeOf(await call(h.port, { path, method: 'POST', body: '' }))).toBe(44002);
    expect(errcodeOf(await call(h.port, { path, body: '{"begin_date": "2026-03-14",' }))).toBe(47001);
    expect(errcodeOf(await call(h.port, { path, body: '[1, 2]' }))).toBe(47001);
  });

  it('answers 61500 for malformed or impossible dates and 61501 for bad ranges or today', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const codes = await Promise.all([
      datacube(h, 'getusersummary', token, '2026/03/10', '2026-03-10'),
      datacube(h, 'getusersummary', token, '2026-02-30', '2026-03-01'),
      datacube(h, 'getusersummary', token, '2026-3-1', '2026-03-01'),
      call(h.port, { path: `/datacube/getusersummary?access_token=${token}`, body: { begin_date: '2026-03-10' } }),
      datacube(h, 'getusersummary', token, '2026-03-10', '2026-03-09'),
      datacube(h, 'getusersummary', token, '2026-03-01', '2026-03-08'),
      datacube(h, 'getusersummary', token, YESTERDAY, TODAY),
      datacube(h, 'getusersummary', token, '2026-03-20', '2026-03-20'),
    ]);
    expect(codes.map(errcodeOf)).toEqual([61500, 61500, 61500, 61500, 61501, 61501, 61501, 61501]);
  });

  it('enforces each endpoint maximum span (the Safe column; 7 for msg week/month, the current pages)', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const spans: Record<string, number> = {
      getusersummary: 7,
      getusercumulate: 7,
      getarticlesummary: 1,
      getarticletotal: 1,
      getuserread: 3,
      getuserreadhour: 1,
      getusershare: 7,
      getusersharehour: 1,
      getupstreammsg: 7,
      getupstreammsghour: 1,
      getupstreammsgweek: 7,
      getupstreammsgmonth: 7,
      getupstreammsgdist: 15,
      getupstreammsgdistweek: 15,
      getupstreammsgdistmonth: 15,
      getinterfacesummary: 30,
      getinterfacesummaryhour: 1,
      getarticleread: 1,
      getarticleshare: 1,
      getbizsummary: 30,
      getarticletotaldetail: 1,
    };
    for (const [endpoint, span] of Object.entries(spans)) {
      const ok = await datacube(h, endpoint, token, addDays(YESTERDAY, 1 - span), YESTERDAY);
      expect([endpoint, errcodeOf(ok), Array.isArray(json(ok).list)]).toEqual([endpoint, undefined, true]);
      const tooLong = await datacube(h, endpoint, token, addDays(YESTERDAY, -span), YESTERDAY);
      expect([endpoint, errcodeOf(tooLong)]).toEqual([endpoint, 61501]);
    }
  });

  it('answers HTTP 404 with an HTML page for unknown paths and unknown datacube names', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const results = await Promise.all([
      datacube(h, 'getnothing', token, YESTERDAY),
      call(h.port, { path: `/cgi-bin/datacube/getusersummary?access_token=${token}`, body: {} }),
      call(h.port, { path: '/' }),
      call(h.port, { path: '/datacube/__sim/log' }),
    ]);
    for (const result of results) {
      expect(result.status).toBe(404);
      expect(result.headers['content-type']).toMatch(/^text\/html/);
      expect(result.text).toContain('404 Not Found');
    }
  });

  it('answers 47009 for endpoints retired through the retiredEndpoints option', async () => {
    const h = await start({ retiredEndpoints: true });
    const token = await tokenFor(h);
    const retired = await datacube(h, 'getarticlesummary', token, YESTERDAY);
    expect(json(retired)).toMatchObject({ errcode: 47009 });
    expect(String(json(retired).errmsg)).toMatch(/^this api is offline, please use the new api rid: /);
    expect(errcodeOf(await datacube(h, 'getusershare', token, YESTERDAY))).toBe(47009);
    expect(errcodeOf(await datacube(h, 'getarticleread', token, YESTERDAY))).toBeUndefined();
  });

  it('before 08:00 Beijing answers 61503 for yesterday, or drops its rows in "empty" mode', async () => {
    const early = Date.parse('2026-03-14T23:30:00Z'); // 07:30 on 2026-03-15 in Beijing
    const h = await start({ clock: { nowMs: early } });
    const token = await tokenFor(h);
    expect(errcodeOf(await datacube(h, 'getusersummary', token, YESTERDAY))).toBe(61503);
    expect(errcodeOf(await datacube(h, 'getusercumulate', token, '2026-03-13', YESTERDAY))).toBe(61503);
    expect(listOf(await datacube(h, 'getusercumulate', token, '2026-03-13'))).toHaveLength(1);
    h.sim.configure({ notReadyMode: 'empty' });
    const partial = listOf(await datacube(h, 'getusercumulate', token, '2026-03-12', YESTERDAY));
    expect(partial.map((row) => row.ref_date)).toEqual(['2026-03-12', '2026-03-13']);
    advance(h, 30 * MINUTE);
    expect(listOf(await datacube(h, 'getusercumulate', token, '2026-03-12', YESTERDAY))).toHaveLength(3);
  });

  it('counts dailyQuota per Beijing day: 45009 when used up, reset at 00:00 UTC+8', async () => {
    const h = await start({
      accounts: [{ appid: DEMO.appid, secret: DEMO.secret, type: 'china', whitelist: 'off', dailyQuota: 2 }],
      clock: { nowMs: Date.parse('2026-03-15T15:58:00Z') }, // 23:58 in Beijing
    });
    const token = await tokenFor(h);
    const day = '2026-03-10';
    expect(errcodeOf(await datacube(h, 'getusersummary', token, day))).toBeUndefined();
    expect(errcodeOf(await datacube(h, 'getusersummary', token, day))).toBeUndefined();
    const exhausted = await datacube(h, 'getusersummary', token, day);
    expect(errcodeOf(exhausted)).toBe(45009);
    // Quotas are counted per API: another API of the same account still answers.
    expect(errcodeOf(await datacube(h, 'getusercumulate', token, day))).toBeUndefined();
    advance(h, 3 * MINUTE);
    expect(errcodeOf(await datacube(h, 'getusersummary', token, day))).toBeUndefined();
  });

  it('answers openapi/quota/get per API: daily_limit, used, remain; 76021 unknown path, 76003 malformed', async () => {
    const h = await start({
      accounts: [
        { appid: DEMO.appid, secret: DEMO.secret, type: 'china', whitelist: 'off', dailyQuota: { getusersummary: 3 } },
      ],
    });
    const token = await tokenFor(h);
    const quota = async (cgiPath: unknown) =>
      json(
        await call(h.port, { path: `/cgi-bin/openapi/quota/get?access_token=${token}`, body: { cgi_path: cgiPath } }),
      );
    expect(await quota('/datacube/getusersummary')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      quota: { daily_limit: 3, used: 0, remain: 3 },
    });
    for (let i = 0; i < 4; i++) await datacube(h, 'getusersummary', token, '2026-03-10');
    expect((await quota('/datacube/getusersummary')).quota).toEqual({ daily_limit: 3, used: 3, remain: 0 });
    expect((await quota('/datacube/getusercumulate')).quota).toEqual({ daily_limit: 1000, used: 0, remain: 1000 });
    expect(await quota('/datacube/getnothing')).toMatchObject({ errcode: 76021 });
    expect(String((await quota('/datacube/getnothing')).errmsg)).toMatch(/^cgi_path not found, please check rid: /);
    expect(await quota('datacube/getusersummary')).toMatchObject({ errcode: 76003 });
    expect(await quota('https://api.weixin.qq.com/datacube/getusersummary')).toMatchObject({ errcode: 76003 });
    const noToken = await call(h.port, {
      path: '/cgi-bin/openapi/quota/get',
      body: { cgi_path: '/datacube/getusersummary' },
    });
    expect(errcodeOf(noToken)).toBe(41001);
    expect(h.sim.log({ kind: 'quota' }).length).toBeGreaterThanOrEqual(6);
  });

  it('returns an empty list before the earliest date and only in-range rows when a range straddles it', async () => {
    const h = await start();
    const token = await tokenFor(h);
    expect(listOf(await datacube(h, 'getusersummary', token, '2014-11-20', '2014-11-26'))).toEqual([]);
    const straddle = listOf(await datacube(h, 'getusercumulate', token, '2014-11-28', '2014-12-02'));
    expect(straddle.map((row) => row.ref_date)).toEqual(['2014-12-01', '2014-12-02']);
    const early = await datacube(h, 'getarticleread', token, '2025-10-31');
    expect(json(early)).toEqual({ is_delay: false, list: [] });
    const biz = listOf(await datacube(h, 'getbizsummary', token, '2025-10-25', '2025-11-02'));
    expect(biz.map((row) => row.ref_date)).toEqual(['2025-11-01', '2025-11-02']);
  });
});

describe('synthetic data', () => {
  it('is deterministic per account and date, and differs between accounts', async () => {
    const other = {
      appid: 'wx_other_account',
      secret: 'other_secret',
      type: 'china' as const,
      whitelist: 'off' as const,
    };
    const a = await start();
    const b = await start({
      accounts: [{ appid: DEMO.appid, secret: DEMO.secret, type: 'china', whitelist: 'off' }, other],
    });
    const first = await datacube(a, 'getarticletotal', await tokenFor(a), '2026-03-02');
    const second = await datacube(b, 'getarticletotal', await tokenFor(b), '2026-03-02');
    expect(second.text).toBe(first.text);
    const third = await datacube(b, 'getusersummary', await tokenFor(b, other.appid, other.secret), '2026-03-02');
    const fourth = await datacube(b, 'getusersummary', await tokenFor(b), '2026-03-02');
    expect(third.text).not.toBe(fourth.text);
  });

  it('getusersummary: several channel rows a day incl. 0, net growth matching getusercumulate', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const summary = listOf(await datacube(h, 'getusersummary', token, '2026-03-08', YESTERDAY));
    const cumulate = listOf(await datacube(h, 'getusercumulate', token, '2026-03-07', '2026-03-13'));
    const cumulateLast = listOf(await datacube(h, 'getusercumulate', token, YESTERDAY));
    const totals = new Map([...cumulate, ...cumulateLast].map((row) => [row.ref_date, Number(row.cumulate_user)]));
    expect(cumulate.every((row) => row.user_source === 0)).toBe(true);
    for (let day = '2026-03-08'; day <= YESTERDAY; day = addDays(day, 1)) {
      const rows = summary.filter((row) => row.ref_date === day);
      expect(rows.some((row) => row.user_source === 0)).toBe(true);
      expect(rows.length).toBeGreaterThan(1);
      const net = rows.reduce((acc, row) => acc + Number(row.new_user) - Number(row.cancel_user), 0);
      expect(net).toBe(Number(totals.get(day)) - Number(totals.get(addDays(day, -1))));
    }
  });

  it('getuserread: a 99999999 row per day; original reads and favourites only on it', async () => {
    const h = await start();
    const rows = listOf(await datacube(h, 'getuserread', await tokenFor(h), '2026-03-12', YESTERDAY));
    for (const day of ['2026-03-12', '2026-03-13', YESTERDAY]) {
      const all = rows.filter((row) => row.ref_date === day && row.user_source === 99_999_999);
      expect(all).toHaveLength(1);
    }
    const channels = rows.filter((row) => row.user_source !== 99_999_999);
    expect(channels.length).toBeGreaterThan(3);
    expect(channels.every((row) => row.ori_page_read_user === 0 && row.add_to_fav_count === 0)).toBe(true);
  });

  it('getusershare: scenes 1, 2, 255 and, on some days, the undocumented 5', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const scenes = new Set<unknown>();
    for (let end = YESTERDAY; end > '2026-01-10'; end = addDays(end, -7)) {
      for (const row of listOf(await datacube(h, 'getusershare', token, addDays(end, -6), end))) {
        scenes.add(row.share_scene);
        expect(row.user_source).toBe(0);
      }
    }
    expect([...scenes].sort()).toEqual([1, 2, 255, 5].sort());
  });

  it('getarticletotal: msgid <digits>_<index>, cumulative details for 7 days, never past yesterday; some days empty', async () => {
    const h = await start();
    const token = await tokenFor(h);
    let emptyDays = 0;
    let checked = 0;
    for (let day = addDays(YESTERDAY, -20); day <= YESTERDAY; day = addDays(day, 1)) {
      const items = listOf(await datacube(h, 'getarticletotal', token, day));
      if (items.length === 0) emptyDays++;
      for (const item of items) {
        checked++;
        expect(item).toMatchObject({ ref_date: day, user_source: 0 });
        expect(String(item.msgid)).toMatch(/^\d+_\d+$/);
        const details = asList(item.details);
        const expected = Math.min(7, Math.round((Date.parse(YESTERDAY) - Date.parse(day)) / 86_400_000) + 1);
        expect(details).toHaveLength(expected);
        expect(details[0]?.stat_date).toBe(day);
        expect(details.every((d) => String(d.stat_date) <= YESTERDAY)).toBe(true);
        const reads = details.map((d) => Number(d.int_page_read_count));
        expect(reads).toEqual([...reads].sort((x, y) => x - y));
        expect(details[0]).toHaveProperty('feed_share_from_session_cnt');
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(emptyDays).toBeGreaterThan(0);
  });

  it('titles sometimes start with = + - @ or carry emoji and newlines', async () => {
    const h = await start();
    const token = await tokenFor(h);
    for (let day = '2025-11-01'; day < '2026-03-01'; day = addDays(day, 1)) {
      await datacube(h, 'getarticletotal', token, day);
    }
    const titles = h.sim.servedItems(DEMO.appid, 'getarticletotal').map((item) => String(item.title));
    for (const lead of ['=', '+', '-', '@']) expect(titles.some((t) => t.startsWith(lead))).toBe(true);
    expect(titles.some((t) => t.includes('\n'))).toBe(true);
    expect(titles.some((t) => /\p{Extended_Pictographic}/u.test(t))).toBe(true);
  });

  it('published-content endpoints carry is_delay, read_user_source and detail_list up to 30 days', async () => {
    const h = await start();
    const token = await tokenFor(h);
    for (const endpoint of ['getarticleread', 'getarticleshare', 'getbizsummary', 'getarticletotaldetail']) {
      expect(typeof json(await datacube(h, endpoint, token, YESTERDAY)).is_delay).toBe('boolean');
    }
    expect(json(await datacube(h, 'getusersummary', token, YESTERDAY))).not.toHaveProperty('is_delay');
    const reads = listOf(await datacube(h, 'getarticleread', token, '2026-03-01'));
    expect(reads.length).toBeGreaterThan(0);
    const detail = asObj(reads[0]?.detail);
    const sources = asList(detail.read_user_source);
    expect(sources[0]).toEqual({ scene_desc: '全部', user_count: detail.read_user });
    expect(sources.every((s) => typeof s.scene_desc === 'string' && Number.isInteger(s.user_count))).toBe(true);
    let published = 0;
    for (let day = '2026-01-20'; day <= '2026-02-10'; day = addDays(day, 1)) {
      for (const item of listOf(await datacube(h, 'getarticletotaldetail', token, day))) {
        published++;
        expect([0, 1]).toContain(item.publish_type);
        const list = asList(item.detail_list);
        const expected = Math.min(30, Math.round((Date.parse(YESTERDAY) - Date.parse(day)) / 86_400_000) + 1);
        expect(list).toHaveLength(expected);
        const last = asObj(list[list.length - 1]);
        expect(asList(last.read_jump_position).map((p) => p.position)).toEqual([1, 2, 3, 4, 5]);
        expect(typeof last.read_finish_rate).toBe('number');
      }
    }
    expect(published).toBeGreaterThan(5);
  });

  it('stamps weekly rows on Mondays and monthly rows on the 1st, only for closed periods in the range', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const dates = async (endpoint: string, begin: string, end: string) => [
      ...new Set(listOf(await datacube(h, endpoint, token, begin, end)).map((row) => row.ref_date)),
    ];
    expect(await dates('getupstreammsgweek', '2026-02-14', '2026-02-20')).toEqual(['2026-02-16']);
    expect(await dates('getupstreammsgweek', '2026-03-02', '2026-03-08')).toEqual(['2026-03-02']);
    expect(await dates('getupstreammsgweek', '2026-03-08', YESTERDAY)).toEqual([]);
    expect(await dates('getupstreammsgmonth', '2026-02-01', '2026-02-05')).toEqual(['2026-02-01']);
    expect(await dates('getupstreammsgdistweek', '2026-02-28', YESTERDAY)).toEqual(['2026-03-02']);
    expect(await dates('getupstreammsgdistmonth', '2026-01-20', '2026-02-03')).toEqual(['2026-02-01']);
    expect(await dates('getupstreammsgweek', '2026-02-17', '2026-02-22')).toEqual([]);
  });

  it('hourly endpoints use ref_hour 0..2300 step 100', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const allHours = Array.from({ length: 24 }, (_, hour) => hour * 100);
    const iface = listOf(await datacube(h, 'getinterfacesummaryhour', token, YESTERDAY));
    expect(iface.map((row) => row.ref_hour)).toEqual(allHours);
    const reads = listOf(await datacube(h, 'getuserreadhour', token, YESTERDAY));
    const allRows = reads.filter((row) => row.user_source === 99_999_999);
    expect(allRows.map((row) => row.ref_hour)).toEqual(allHours);
    for (const endpoint of ['getusersharehour', 'getupstreammsghour']) {
      const rows = listOf(await datacube(h, endpoint, token, YESTERDAY));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => allHours.includes(Number(row.ref_hour)))).toBe(true);
    }
  });
});

describe('faults', () => {
  async function withFaults(faults: Parameters<Simulator['setFaults']>[1]) {
    const h = await start();
    const token = await tokenFor(h);
    h.sim.setFaults(DEMO.appid, faults);
    const ask = (endpoint = 'getusersummary', extra: Partial<CallOptions> = {}) =>
      datacube(h, endpoint, token, YESTERDAY, YESTERDAY, extra);
    return { h, token, ask };
  }

  it('busy answers -1 for the next N calls, or always', async () => {
    const { h, ask } = await withFaults({ busy: 2 });
    const first = await ask();
    expect(json(first).errcode).toBe(-1);
    expect(String(json(first).errmsg)).toMatch(/^system error rid: /);
    expect(errcodeOf(await ask())).toBe(-1);
    expect(errcodeOf(await ask())).toBeUndefined();
    h.sim.setFaults(DEMO.appid, { busy: 'always' });
    for (let i = 0; i < 3; i++) expect(errcodeOf(await ask())).toBe(-1);
  });

  it('invalidateTokensAfter revokes every token after N calls; a fresh token works', async () => {
    const { h, token, ask } = await withFaults({ invalidateTokensAfter: 2 });
    expect(errcodeOf(await ask())).toBeUndefined();
    expect(errcodeOf(await ask())).toBeUndefined();
    expect(errcodeOf(await ask())).toBe(40001);
    const fresh = await tokenFor(h);
    expect(fresh).not.toBe(token);
    expect(errcodeOf(await datacube(h, 'getusersummary', fresh, YESTERDAY))).toBeUndefined();
  });

  it('quotaAfter answers 45009 after N calls; minuteQuota answers 45011 until the next minute', async () => {
    const { h, ask } = await withFaults({ quotaAfter: 1 });
    expect((await Promise.all([ask(), ask(), ask()])).map(errcodeOf).sort()).toEqual([45009, 45009, undefined]);
    h.sim.setFaults(DEMO.appid, { minuteQuota: 2 });
    expect(errcodeOf(await ask())).toBeUndefined();
    expect(errcodeOf(await ask())).toBeUndefined();
    expect(errcodeOf(await ask())).toBe(45011);
    advance(h, MINUTE);
    expect(errcodeOf(await ask())).toBeUndefined();
  });

  it('notReady, rangeError, retired and emptyList', async () => {
    const { h, ask } = await withFaults({ notReady: true });
    expect(errcodeOf(await ask())).toBe(61503);
    h.sim.setFaults(DEMO.appid, { rangeError: true });
    expect(errcodeOf(await ask())).toBe(61501);
    h.sim.setFaults(DEMO.appid, { retired: ['getusersummary'] });
    expect(errcodeOf(await ask())).toBe(47009);
    expect(errcodeOf(await ask('getusercumulate'))).toBeUndefined();
    h.sim.setFaults(DEMO.appid, { emptyList: true });
    expect(json(await ask())).toEqual({ list: [] });
    expect(json(await ask('getarticleread'))).toEqual({ is_delay: true, list: [] });
  });

  it('malformed answers HTTP 200 with a truncated JSON, then a non-JSON body, and serves nothing', async () => {
    const { h, ask } = await withFaults({ malformed: 2 });
    const truncated = await ask();
    const text = await ask();
    for (const result of [truncated, text]) {
      expect(result.status).toBe(200);
      expect(() => JSON.parse(result.text)).toThrow();
    }
    expect(truncated.text.startsWith('{"list":[')).toBe(true);
    expect(h.sim.servedItems(DEMO.appid, 'getusersummary')).toEqual([]);
    const good = await ask();
    expect(h.sim.servedItems(DEMO.appid, 'getusersummary')).toEqual(listOf(good));
  });

  it('http5xx answers 502, 503 ... with an HTML body for the next N calls', async () => {
    const { ask } = await withFaults({ http5xx: 2 });
    const first = await ask();
    const second = await ask();
    expect([first.status, second.status]).toEqual([502, 503]);
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    expect(first.text).toContain('502 Bad Gateway');
    expect((await ask()).status).toBe(200);
  });

  it('slowMs and latencyMs delay answers; hang never answers', async () => {
    const { h, ask } = await withFaults({ slowMs: 150 });
    expect((await ask()).elapsedMs).toBeGreaterThanOrEqual(140);
    h.sim.setFaults(DEMO.appid, {});
    h.sim.configure({ latencyMs: 100 });
    expect((await stableToken(h)).elapsedMs).toBeGreaterThanOrEqual(90);
    h.sim.configure({ latencyMs: 0 });
    h.sim.setFaults(DEMO.appid, { hang: true });
    await expect(ask('getusersummary', { timeoutMs: 200 })).rejects.toThrow('client timeout');
    expect(h.sim.log({ kind: 'datacube' }).at(-1)?.status).toBeNull();
  });

  it('unknownFields adds unknown keys and rows with unknown codes', async () => {
    const { ask } = await withFaults({ unknownFields: true });
    const body = json(await ask());
    expect(body).toHaveProperty('unknown_envelope_field');
    const rows = asList(body.list);
    expect(rows.every((row) => 'unknown_metric_x' in row)).toBe(true);
    expect(rows.some((row) => row.user_source === 176)).toBe(true);
    const reads = listOf(await ask('getarticleread'));
    const sources = asList(asObj(reads[0]?.detail).read_user_source);
    expect(sources.some((s) => s.scene_desc === '看一看')).toBe(true);
  });

  it('largeResponse pads the envelope to about 20 MB of valid JSON', async () => {
    const { h, ask } = await withFaults({ largeResponse: true });
    const result = await ask();
    expect(result.text.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    expect(listOf(result)).toEqual(h.sim.servedItems(DEMO.appid, 'getusersummary'));
    const entry = h.sim.log({ kind: 'datacube' }).at(-1);
    expect(entry?.responseBytes).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    expect(entry?.truncated).toBe(true);
  });
});

describe('observability and the control API', () => {
  function control(h: Harness, path: string, body?: Obj): Promise<HttpResult> {
    return call(h.port, { path: `/__sim/${path}`, body });
  }

  it('records every request with host, path, query (token included), body, IP, status and errcode', async () => {
    const h = await start();
    const token = await tokenFor(h);
    await datacube(h, 'getusersummary', token, YESTERDAY);
    await datacube(h, 'getusersummary', token, TODAY);
    await call(h.port, { path: '/nowhere' });
    const entries = asList(json(await control(h, 'log')).entries);
    expect(entries.map((e) => [e.kind, e.status, e.errcode])).toEqual([
      ['stable_token', 200, null],
      ['datacube', 200, null],
      ['datacube', 200, 61501],
      ['unknown', 404, null],
    ]);
    expect(entries[1]).toMatchObject({
      host: 'api.weixin.qq.com',
      path: '/datacube/getusersummary',
      query: { access_token: token },
      body: JSON.stringify({ begin_date: YESTERDAY, end_date: YESTERDAY }),
      ip: '127.0.0.1',
      appid: DEMO.appid,
      endpoint: 'getusersummary',
      method: 'POST',
    });
    expect(String(entries[1]?.responseBody)).toMatch(/^\{"list":\[/);
    const filtered = asList(json(await call(h.port, { path: '/__sim/log?kind=datacube&errcode=61501' })).entries);
    expect(filtered).toHaveLength(1);
  });

  it('counts token and datacube calls per account and endpoint; servedItems matches what was served', async () => {
    const h = await start();
    const token = await tokenFor(h);
    await classicToken(h);
    const a = await datacube(h, 'getusersummary', token, '2026-03-10');
    const b = await datacube(h, 'getusersummary', token, '2026-03-11');
    await datacube(h, 'getusercumulate', token, YESTERDAY);
    const stats = json(await control(h, 'stats'));
    expect(stats.tokenCalls).toMatchObject({
      classic: 1,
      stable: 1,
      byAccount: { [DEMO.appid]: { classic: 1, stable: 1 } },
    });
    expect(stats.datacubeCalls).toEqual({
      total: 3,
      byAccount: { [DEMO.appid]: { total: 3, byEndpoint: { getusersummary: 2, getusercumulate: 1 } } },
    });
    const served = [...listOf(a), ...listOf(b)];
    expect(h.sim.servedItems(DEMO.appid, 'getusersummary')).toEqual(served);
    const viaHttp = await call(h.port, { path: `/__sim/served?appid=${DEMO.appid}&endpoint=getusersummary` });
    expect(asList(json(viaHttp).items)).toEqual(served);
  });

  it('switches faults, clock, accounts and config over HTTP, and reset restores the start state', async () => {
    const h = await start();
    const token = await tokenFor(h);
    await control(h, 'faults', { appid: DEMO.appid, faults: { rangeError: true } });
    expect(errcodeOf(await datacube(h, 'getusersummary', token, YESTERDAY))).toBe(61501);
    await control(h, 'faults', { appid: DEMO.appid, faults: {} });
    expect(errcodeOf(await datacube(h, 'getusersummary', token, YESTERDAY))).toBeUndefined();

    const later = json(await control(h, 'clock', { nowMs: NOW + 3 * HOUR }));
    expect(later).toMatchObject({ nowMs: NOW + 3 * HOUR, fixed: true, beijing: '2026-03-15 15:00' });
    expect(errcodeOf(await datacube(h, 'getusersummary', token, YESTERDAY))).toBe(42001);
    const shifted = json(await control(h, 'clock', { offsetMs: -HOUR }));
    expect(shifted.fixed).toBe(false);

    const account = { appid: 'wx_added', secret: 'added_secret', type: 'china', whitelist: 'off' };
    expect(asList(json(await control(h, 'accounts', { accounts: [account] })).accounts)).toHaveLength(2);
    await control(h, 'clock', { nowMs: NOW });
    expect((await tokenFor(h, 'wx_added', 'added_secret')).length).toBeGreaterThan(100);

    await control(h, 'config', { retiredEndpoints: ['getusershare'] });
    expect(errcodeOf(await datacube(h, 'getusershare', token, YESTERDAY))).toBe(47009);

    expect(json(await control(h, 'reset', {}))).toEqual({ ok: true });
    expect(errcodeOf(await datacube(h, 'getusershare', token, YESTERDAY))).toBe(40014);
    expect(h.sim.accounts().map((acc) => acc.appid)).toEqual([DEMO.appid]);
    expect(h.sim.log()).toHaveLength(1);
    expect(h.sim.settings().retiredEndpoints).toEqual([]);
    expect(h.sim.clock().nowMs).toBe(NOW);
  });

  it('rejects bad control input with 400 and unknown control routes with 404', async () => {
    const h = await start();
    expect((await control(h, 'faults', { appid: DEMO.appid, faults: { explode: true } })).status).toBe(400);
    expect((await control(h, 'faults', { appid: 'wx_nobody', faults: {} })).status).toBe(400);
    expect((await control(h, 'accounts', { appid: 'wx_x' })).status).toBe(400);
    expect((await control(h, 'nothing')).status).toBe(404);
  });
});

describe('concurrency', () => {
  it('serves hundreds of concurrent requests', async () => {
    const h = await start();
    const token = await tokenFor(h);
    const endpoints = ['getusersummary', 'getuserread', 'getarticleread', 'getinterfacesummaryhour'];
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        datacube(h, endpoints[i % endpoints.length] ?? 'getusersummary', token, addDays(YESTERDAY, -(i % 20))),
      ),
    );
    expect(results.every((r) => r.status === 200 && Array.isArray(json(r).list))).toBe(true);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => tokenFor(h)));
    expect(new Set(tokens)).toEqual(new Set([token]));
    expect(h.sim.stats().datacubeCalls.total).toBe(300);
  });
});

describe('cli', () => {
  function waitForLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
  }

  it('prints one SIMULATOR_LISTENING line, serves the configured accounts and exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wechat-sim-'));
    const bundle = join(dir, 'simulator.js');
    buildSync({
      entryPoints: [join(__dirname, '../../dev/simulator/cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const configFile = join(dir, 'config.json');
    const account = { appid: 'wx_cli_account', secret: 'cli_secret', type: 'china', whitelist: 'off' };
    writeFileSync(configFile, JSON.stringify({ accounts: [account], clock: { nowMs: NOW } }));
    for (const config of [configFile, JSON.stringify({ accounts: [account] })]) {
      const child = spawn(process.execPath, [bundle, '--port', '0', '--config', config], { stdio: 'pipe' });
      const line = await waitForLine(child);
      const match = /^SIMULATOR_LISTENING (\d+)\n$/.exec(line);
      expect(match).not.toBeNull();
      const h = { sim: createSimulator(), port: Number(match?.[1]) };
      expect((await tokenFor(h, account.appid, account.secret)).length).toBeGreaterThan(100);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
