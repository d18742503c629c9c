import { tokenKey } from '../../src/datasets/keys';
import type { DateWindow } from '../../src/dates';
import type { HttpRequest } from '../../src/gas/http';
import { memoryStore } from '../../src/gas/store';
import { CHINA_HOSTS, type WeChatConnection } from '../../src/wechat/connection';
import { type FetchOptions, type FetchResult, fetchReports } from '../../src/wechat/datacube';
import { describeWeChatError, ipFromErrmsg, type WeChatError } from '../../src/wechat/errors';
import { redact } from '../../src/wechat/redact';
import { TOKEN_EXPIRY_MARGIN_MS, TokenProvider } from '../../src/wechat/token';
import { WeChatTransport } from '../../src/wechat/transport';
import { json, ManualClock, type Responder, ScriptedHttp } from '../support/fake-http';
import { FakeLock } from '../support/fakes';

const NOW = Date.UTC(2026, 10, 28, 4, 0, 0); // 12:00 Beijing, 2026-11-28
const SECRET = 'abcdefghijklmnopqrstuvwxyz012345';
const direct: WeChatConnection = {
  accountId: 'a1',
  appId: 'wx1234567890abcdef',
  kind: 'direct',
  baseUrls: CHINA_HOSTS,
  secret: SECRET,
};
const options = { concurrency: 3, maxAttempts: 4, backoffMs: 1000 };

/** One report's windows, as a run on its own fetches them; throws the error that failed it. */
function fetchReport(endpoint: string, windows: readonly DateWindow[], fetchOptions: FetchOptions): FetchResult {
  const [result] = fetchReports([{ endpoint, windows }], fetchOptions);
  const { failure, ...fetched } = result!;
  if (failure !== undefined) throw failure;
  return fetched;
}

function bodyOf(request: HttpRequest): { begin_date: string; end_date: string } {
  return request.json as { begin_date: string; end_date: string };
}

function setup(dataResponder: Responder, tokenResponder?: Responder) {
  const clock = new ManualClock(NOW);
  let tokens = 0;
  const http = new ScriptedHttp((request, index) => {
    if (request.url.includes('/cgi-bin/stable_token')) {
      if (tokenResponder) return tokenResponder(request, index);
      tokens++;
      return json({ access_token: `TOKEN${tokens}`, expires_in: 7200 });
    }
    return dataResponder(request, index);
  });
  const store = memoryStore();
  const token = new TokenProvider(direct, {
    http,
    store,
    locker: new FakeLock(),
    clock,
    fingerprint: (text) => `fp:${text.length}:${text.slice(-6)}`,
    transport: options,
  });
  const transport = new WeChatTransport(direct, http, clock, options);
  return { clock, http, store, token, transport };
}

const windows = [
  { begin: '2026-11-01', end: '2026-11-07' },
  { begin: '2026-11-08', end: '2026-11-14' },
  { begin: '2026-11-15', end: '2026-11-21' },
  { begin: '2026-11-22', end: '2026-11-27' },
];

function rowsFor(request: HttpRequest) {
  const { begin_date } = bodyOf(request);
  return json({ list: [{ ref_date: begin_date, user_source: 0, new_user: 1, cancel_user: 0 }] });
}

describe('datacube fetching', () => {
  it('fetches every window in parallel batches of the configured concurrency with one token', () => {
    const { http, token, transport, clock } = setup(rowsFor);
    const result = fetchReport('getusersummary', windows, { transport, token, clock });
    expect(result.items.map((item) => item.ref_date)).toEqual(['2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22']);
    expect(result.calls).toBe(4);
    expect(http.count('stable_token')).toBe(1);
    expect(http.batches).toEqual([1, 3, 1]);
    const first = http.requests[1]!;
    expect(first.url).toBe('https://api.weixin.qq.com/datacube/getusersummary?access_token=TOKEN1');
    expect(first.method).toBe('post');
    expect(bodyOf(first)).toEqual({ begin_date: '2026-11-01', end_date: '2026-11-07' });
  });

  it('refreshes the token once on 40001 and retries the rejected calls', () => {
    const { http, token, transport, clock } = setup((request) =>
      request.url.endsWith('TOKEN1') ? json({ errcode: 40001, errmsg: 'invalid credential' }) : rowsFor(request),
    );
    const result = fetchReport('getusersummary', windows.slice(0, 2), { transport, token, clock });
    expect(result.items).toHaveLength(2);
    expect(http.count('stable_token')).toBe(2);
    expect(http.requests.filter((r) => r.url.endsWith('TOKEN2'))).toHaveLength(2);
  });

  it('stops with a token error that passes when the fresh token is rejected too, keeping what it fetched', () => {
    // The first batch is answered; from the second on WeChat rejects every token (another system force-refreshes).
    const { http, token, transport, clock } = setup((request, index) =>
      index <= 3 ? rowsFor(request) : json({ errcode: 42001, errmsg: 'access_token expired' }),
    );
    const result = fetchReport('getusersummary', windows, { transport, token, clock });
    expect(http.count('stable_token')).toBe(2);
    expect(result.stoppedBy).toBe('error');
    expect(result.error).toEqual(expect.objectContaining({ kind: 'token', code: 'wechat_token_invalid' }));
    expect(result.items.map((item) => item.ref_date)).toEqual(['2026-11-01', '2026-11-08', '2026-11-15']);
    expect(result.remaining).toEqual([windows[3]]);
  });

  it('halves a window WeChat refuses with 61501 until it is accepted', () => {
    const { transport, token, clock, http } = setup((request) => {
      const { begin_date, end_date } = bodyOf(request);
      if (begin_date !== end_date && Date.parse(end_date) - Date.parse(begin_date) > 2 * 86400000) {
        return json({ errcode: 61501, errmsg: 'date range error' });
      }
      return json({ list: [{ ref_date: begin_date }, { ref_date: end_date }] });
    });
    const result = fetchReport('getusercumulate', [{ begin: '2026-11-01', end: '2026-11-07' }], {
      transport,
      token,
      clock,
    });
    const asked = http.requests
      .filter((r) => r.url.includes('datacube'))
      .map((r) => `${bodyOf(r).begin_date}..${bodyOf(r).end_date}`);
    expect(asked).toEqual([
      '2026-11-01..2026-11-07',
      '2026-11-01..2026-11-04',
      '2026-11-05..2026-11-07',
      '2026-11-01..2026-11-02',
      '2026-11-03..2026-11-04',
    ]);
    expect(result.items).toHaveLength(6);
  });

  it('retries -1 busy with exponential backoff, then succeeds', () => {
    let busy = 2;
    const { transport, token, clock } = setup((request) =>
      busy-- > 0 ? json({ errcode: -1, errmsg: 'system error' }) : rowsFor(request),
    );
    const result = fetchReport('getusersummary', windows.slice(0, 1), { transport, token, clock });
    expect(result.items).toHaveLength(1);
    expect(result.calls).toBe(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('stops on persistent busy after the last try, keeping what it fetched and the windows left', () => {
    const { transport, token, clock } = setup((request) =>
      bodyOf(request).begin_date === '2026-11-08' ? json({ errcode: -1, errmsg: 'system error' }) : rowsFor(request),
    );
    const result = fetchReport('getusersummary', windows.slice(1, 2), { transport, token, clock });
    expect(result.stoppedBy).toBe('error');
    expect(result.error).toEqual(expect.objectContaining({ code: 'wechat_busy' }));
    expect(result.remaining).toEqual([windows[1]]);
    const mixed = setup((request) =>
      bodyOf(request).begin_date === '2026-11-15' ? json({ errcode: -1, errmsg: 'system error' }) : rowsFor(request),
    );
    const partial = fetchReport('getusersummary', windows, {
      transport: mixed.transport,
      token: mixed.token,
      clock: mixed.clock,
    });
    expect(partial.items.map((item) => item.ref_date)).toEqual(['2026-11-01', '2026-11-08']);
    expect(partial.remaining).toEqual([windows[2], windows[3]]);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('retries HTTP 5xx and bodies that are not JSON', () => {
    let call = 0;
    const { transport, token, clock } = setup((request) => {
      call++;
      if (call === 1) return { kind: 'response', status: 502, body: '<html>Bad gateway</html>' };
      if (call === 2) return { kind: 'response', status: 200, body: '{"list":[{"ref_da' };
      return rowsFor(request);
    });
    expect(fetchReport('getusersummary', windows.slice(0, 1), { transport, token, clock }).items).toHaveLength(1);
  });

  it('fails over from api.weixin.qq.com to api2 when the first host cannot be reached', () => {
    const { transport, token, clock, http } = setup((request) =>
      request.url.startsWith('https://api.weixin.qq.com/datacube')
        ? {
            kind: 'network',
            message: 'Exception: Address unavailable: https://api.weixin.qq.com/datacube/x?access_token=TOKEN1',
            timedOut: false,
          }
        : rowsFor(request),
    );
    const result = fetchReport('getusersummary', windows.slice(0, 2), { transport, token, clock });
    expect(result.items).toHaveLength(2);
    expect(http.requests.filter((r) => r.url.startsWith('https://api2.weixin.qq.com/datacube'))).toHaveLength(2);
  });

  it('names the host, not the URL or token, when the network never answers; a hung call is not sent again', () => {
    const { transport, token, clock, http } = setup(() => ({
      kind: 'network',
      message: 'Exception: Timeout: https://api2.weixin.qq.com/datacube/x?access_token=TOKEN1',
      timedOut: true,
    }));
    const { error } = fetchReport('getusersummary', windows.slice(0, 1), { transport, token, clock });
    expect(error?.code).toBe('network');
    expect(error?.message).toContain('api.weixin.qq.com (timeout');
    expect(error?.message).not.toContain('TOKEN1');
    expect(http.requests.filter((r) => r.url.includes('/datacube/'))).toHaveLength(1);
  });

  it('waits a minute on 45011 and tries again', () => {
    let limited = true;
    const { transport, token, clock } = setup((request) => {
      if (limited) {
        limited = false;
        return json({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
      }
      return rowsFor(request);
    });
    expect(fetchReport('getusersummary', windows.slice(0, 1), { transport, token, clock }).items).toHaveLength(1);
    expect(clock.sleeps).toEqual([60000]);
  });

  it('marks 61503 windows pending instead of reading them as zero', () => {
    const { transport, token, clock } = setup((request) =>
      bodyOf(request).begin_date === '2026-11-22'
        ? json({ errcode: 61503, errmsg: 'data not ready' })
        : rowsFor(request),
    );
    const result = fetchReport('getusersummary', windows, { transport, token, clock });
    // Yesterday (2026-11-27) is split off first; the days before it are not ready either.
    expect(result.pending).toEqual([
      { begin: '2026-11-27', end: '2026-11-27' },
      { begin: '2026-11-22', end: '2026-11-26' },
    ]);
    expect(result.items).toHaveLength(3);
  });

  it('fetches the days before yesterday when only yesterday is not ready (61503)', () => {
    const { transport, token, clock } = setup((request) =>
      bodyOf(request).end_date === '2026-11-27' ? json({ errcode: 61503, errmsg: 'data not ready' }) : rowsFor(request),
    );
    const result = fetchReport('getusersummary', windows.slice(3), { transport, token, clock });
    expect(result.pending).toEqual([{ begin: '2026-11-27', end: '2026-11-27' }]);
    expect(result.items.map((item) => item.ref_date)).toEqual(['2026-11-22']);
  });

  it('marks yesterday pending when it is still empty before 08:00 Beijing', () => {
    const { transport, token, clock } = setup(() => json({ list: [{ ref_date: '2026-11-26' }] }));
    clock.nowMs = Date.UTC(2026, 10, 27, 23, 0, 0); // 07:00 Beijing on 2026-11-28
    const result = fetchReport('getusersummary', [{ begin: '2026-11-26', end: '2026-11-27' }], {
      transport,
      token,
      clock,
    });
    expect(result.pending).toEqual([{ begin: '2026-11-27', end: '2026-11-27' }]);
    clock.nowMs = Date.UTC(2026, 10, 28, 1, 0, 0); // 09:00 Beijing
    expect(
      fetchReport('getusersummary', [{ begin: '2026-11-26', end: '2026-11-27' }], { transport, token, clock }).pending,
    ).toEqual([]);
  });

  it('stops on errors the user must fix, with an actionable message', () => {
    const { transport, token, clock } = setup(() =>
      json({ errcode: 47009, errmsg: 'this api is offline, please use the new api' }),
    );
    expect(() => fetchReport('getarticlesummary', windows.slice(0, 1), { transport, token, clock })).toThrow(
      /published-content reports/,
    );
  });
});

describe('several reports of one account fetched together', () => {
  const endpointOf = (request: HttpRequest) => /datacube\/(\w+)/.exec(request.url)?.[1] ?? '';
  const reports = [
    { endpoint: 'getusersummary', windows: windows.slice(0, 3) },
    { endpoint: 'getarticlesummary', windows: [{ begin: '2026-11-26', end: '2026-11-26' }] },
    { endpoint: 'getusercumulate', windows: windows.slice(0, 3) },
  ];

  it('shares batches and one token, taking calls from each report in turn, and splits the results back', () => {
    const { http, token, transport, clock } = setup((request) =>
      json({ list: [{ ref_date: bodyOf(request).begin_date, source: endpointOf(request) }] }),
    );
    const results = fetchReports(reports, { transport, token, clock });
    expect(http.batches).toEqual([1, 3, 3, 1]);
    expect(http.count('stable_token')).toBe(1);
    expect(http.requests.slice(1, 4).map(endpointOf)).toEqual([
      'getusersummary',
      'getarticlesummary',
      'getusercumulate',
    ]);
    expect(results.map((result) => result.calls)).toEqual([3, 1, 3]);
    expect(results.map((result) => result.items.map((item) => item.source))).toEqual([
      ['getusersummary', 'getusersummary', 'getusersummary'],
      ['getarticlesummary'],
      ['getusercumulate', 'getusercumulate', 'getusercumulate'],
    ]);
    expect(results[0]!.items.map((item) => item.ref_date)).toEqual(['2026-11-01', '2026-11-08', '2026-11-15']);
    expect(results.every((result) => result.remaining.length === 0 && result.failure === undefined)).toBe(true);
  });

  it('fails only the report WeChat refuses, and the others complete', () => {
    const { token, transport, clock } = setup((request) =>
      endpointOf(request) === 'getarticlesummary'
        ? json({ errcode: 48001, errmsg: 'api unauthorized' })
        : rowsFor(request),
    );
    const [summary, articles, cumulate] = fetchReports(reports, { transport, token, clock });
    expect((articles!.failure as WeChatError).kind).toBe('permission');
    expect(summary!.items).toHaveLength(3);
    expect(cumulate!.items).toHaveLength(3);
    expect([summary!.failure, cumulate!.failure]).toEqual([undefined, undefined]);
  });

  it('stops every report on an error that passes, each keeping what it fetched and the windows left', () => {
    let answered = 0;
    const { token, transport, clock } = setup((request) =>
      ++answered === 4
        ? {
            kind: 'service_limit',
            limit: 'daily_quota',
            message: 'Service invoked too many times for one day: urlfetch.',
          }
        : rowsFor(request),
    );
    const results = fetchReports(reports, { transport, token, clock });
    expect(results.map((result) => result.stoppedBy)).toEqual(['error', undefined, 'error']);
    expect(results.map((result) => result.items.length)).toEqual([2, 1, 2]);
    expect(results[0]!.remaining).toEqual([windows[1]]);
    expect(results[2]!.remaining).toEqual([windows[2]]);
    expect(results[0]!.error).toEqual(expect.objectContaining({ kind: 'apps_script_quota' }));
  });

  it('on 45009 stops only the report of that API; the others of the account go on', () => {
    const { token, transport, clock } = setup((request) =>
      endpointOf(request) === 'getusersummary' && bodyOf(request).begin_date !== '2026-11-01'
        ? json({ errcode: 45009, errmsg: 'reach max api daily quota limit' })
        : rowsFor(request),
    );
    const [summary, articles, cumulate] = fetchReports(reports, { transport, token, clock });
    expect(summary).toEqual(expect.objectContaining({ stoppedBy: 'error', remaining: windows.slice(1, 3) }));
    expect(summary!.error).toEqual(expect.objectContaining({ kind: 'quota', errcode: 45009 }));
    expect(summary!.items).toHaveLength(1);
    expect([articles!.remaining, cumulate!.remaining]).toEqual([[], []]);
    expect(cumulate!.items).toHaveLength(3);
    expect(cumulate!.stoppedBy).toBeUndefined();
  });

  it('fails every report that still has windows when the token cannot be had', () => {
    const { token, transport, clock } = setup(rowsFor, () => json({ errcode: 40125, errmsg: 'invalid appsecret' }));
    const results = fetchReports(reports, { transport, token, clock });
    expect(results.map((result) => (result.failure as { code?: string } | undefined)?.code)).toEqual([
      'wechat_credentials_40125',
      'wechat_credentials_40125',
      'wechat_credentials_40125',
    ]);
    expect(results.every((result) => result.items.length === 0)).toBe(true);
  });
});

describe('access token', () => {
  it('is cached in the store with its expiry and reused until shortly before it ends', () => {
    const { http, store, token, clock } = setup(rowsFor);
    expect(token.get()).toBe('TOKEN1');
    const cached = JSON.parse(store.get(tokenKey('a1'))!);
    expect(cached.expiresAt).toBe(NOW + 7200 * 1000);
    expect(cached.token).toBe('TOKEN1');
    expect(JSON.stringify(cached)).not.toContain(SECRET);
    const again = new TokenProvider(direct, {
      http,
      store,
      locker: new FakeLock(),
      clock,
      fingerprint: (t) => `fp:${t.length}:${t.slice(-6)}`,
      transport: options,
    });
    expect(again.get()).toBe('TOKEN1');
    expect(http.count('stable_token')).toBe(1);
    clock.nowMs = NOW + 7200 * 1000 - TOKEN_EXPIRY_MARGIN_MS;
    const later = new TokenProvider(direct, {
      http,
      store,
      locker: new FakeLock(),
      clock,
      fingerprint: (t) => `fp:${t.length}:${t.slice(-6)}`,
      transport: options,
    });
    expect(later.get()).toBe('TOKEN2');
  });

  it('asks stable_token in normal mode, never force', () => {
    const { http, token } = setup(rowsFor);
    token.get();
    expect(http.requests[0]!.json).toEqual({
      grant_type: 'client_credential',
      appid: direct.appId,
      secret: SECRET,
      force_refresh: false,
    });
  });

  it('is never used by other credentials, even with the same account id and App ID', () => {
    const { http, store, token, clock } = setup(rowsFor);
    token.get();
    const otherSecret = new TokenProvider(
      { ...direct, secret: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' },
      { http, store, locker: new FakeLock(), clock, fingerprint: (t) => t, transport: options },
    );
    expect(otherSecret.get()).toBe('TOKEN2');
  });

  it('turns a wrong secret into a credentials error naming the fix', () => {
    const { token } = setup(rowsFor, () => json({ errcode: 40125, errmsg: 'invalid appsecret rid: 1' }));
    expect(() => token.get()).toThrow(
      expect.objectContaining({ code: 'wechat_credentials_40125', kind: 'credentials' }),
    );
  });

  it('names the IP WeChat saw on 40164 and points to the relay', () => {
    const { token } = setup(rowsFor, () =>
      json({ errcode: 40164, errmsg: 'invalid ip 203.0.113.9 ipv6 ::ffff:203.0.113.9, not in whitelist rid: 6' }),
    );
    expect(() => token.get()).toThrow(/calling IP 203\.0\.113\.9 .*Relay connection/);
  });
});

describe('error taxonomy', () => {
  const codes = [
    -1, 40001, 40002, 40013, 40014, 40125, 40164, 41001, 41002, 41004, 42001, 43002, 44002, 45009, 45011, 47001, 47009,
    48001, 48004, 50001, 50002, 61500, 61501, 61503, 89503, 89506, 89507,
  ];
  it.each(codes)('maps errcode %i to a typed error with a message', (errcode) => {
    const info = describeWeChatError(errcode, 'x rid: 1', { tokenCall: false, relay: false });
    expect(info.errcode).toBe(errcode);
    expect(info.code).not.toBe('wechat_unknown');
    expect(info.message.length).toBeGreaterThan(30);
  });

  it('keeps unknown codes, without the request id', () => {
    const info = describeWeChatError(99999, 'something new rid: 65a1', { tokenCall: false, relay: false });
    expect(info.code).toBe('wechat_unknown');
    expect(info.message).toContain('99999 (something new)');
  });

  it('reads 40001 on the token call as a wrong secret', () => {
    expect(describeWeChatError(40001, '', { tokenCall: true, relay: false }).kind).toBe('credentials');
    expect(describeWeChatError(40001, '', { tokenCall: false, relay: false }).kind).toBe('token');
  });

  it('extracts the IP from a 40164 errmsg', () => {
    expect(ipFromErrmsg('invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 1')).toBe('1.2.3.4');
  });

  it('redacts access tokens in URLs and known secrets', () => {
    expect(redact(`GET https://x/y?access_token=abc.def-1&b=2 with ${SECRET}`, [SECRET])).toBe(
      'GET https://x/y?access_token=[redacted]&b=2 with [redacted]',
    );
  });
});
