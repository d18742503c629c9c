/**
 * A Relay account through the add-on: every call to the relay carries the key and the App ID and never a token,
 * the add-on fetches no token and never refreshes one, the relay URL must be inside the deployment's allowlist,
 * and GET /accounts is read as untrusted data.
 */
import { validateAccountInput } from '../../src/datasets/validate-account';
import type { HttpRequest } from '../../src/gas/http';
import { memoryStore } from '../../src/gas/store';
import { accessFor } from '../../src/wechat/access';
import { relayUrlAllowed, urlAllowed } from '../../src/wechat/allowlist';
import { CHINA_HOSTS, type WeChatConnection, wechatRequest } from '../../src/wechat/connection';
import { fetchReports } from '../../src/wechat/datacube';
import { fetchRelayAccounts } from '../../src/wechat/relay-accounts';
import { TokenProvider } from '../../src/wechat/token';
import { WeChatTransport } from '../../src/wechat/transport';
import { json, ManualClock, ScriptedHttp } from '../support/fake-http';
import { FakeLock } from '../support/fakes';

const NOW = Date.UTC(2026, 10, 28, 4, 0, 0);
const KEY = 'sales-Vq3xK9mP2wL7nR4tY8zB6cD1fG5hJ0aE';
const APP_ID = 'wx1234567890abcdef';
const options = { concurrency: 3, maxAttempts: 4, backoffMs: 1000 };
const relay: WeChatConnection = {
  accountId: 'a1',
  appId: APP_ID,
  kind: 'relay',
  baseUrls: ['https://relay.example.com'],
  relayKey: KEY,
};
const direct: WeChatConnection = { ...relay, kind: 'direct', baseUrls: CHINA_HOSTS, secret: 'S'.repeat(32) };
const tokenDeps = (http: ScriptedHttp, clock: ManualClock) => ({
  http,
  store: memoryStore(),
  locker: new FakeLock(),
  clock,
  fingerprint: (text: string) => `fp${text.length}`,
  transport: options,
});
const windows = [
  { begin: '2026-11-01', end: '2026-11-07' },
  { begin: '2026-11-08', end: '2026-11-14' },
];

function rows(request: HttpRequest) {
  const body = request.json as { begin_date: string };
  return json({ list: [{ ref_date: body.begin_date, user_source: 0, new_user: 1, cancel_user: 0 }] });
}

describe('requests for a Relay connection', () => {
  it('go to {relayUrl}/<path> with the key and the App ID in headers, and no token', () => {
    expect(
      wechatRequest(relay, 'https://relay.example.com', '/cgi-bin/openapi/quota/get', { cgi_path: '/x' }, 'T'),
    ).toEqual({
      url: 'https://relay.example.com/cgi-bin/openapi/quota/get',
      method: 'post',
      headers: { Authorization: `Bearer ${KEY}`, 'X-WeChat-AppId': APP_ID },
      json: { cgi_path: '/x' },
    });
  });

  it('keep the access token in the query for a Direct connection', () => {
    expect(wechatRequest(direct, 'https://api.weixin.qq.com', '/datacube/getusersummary', {}, 'T+1')).toEqual({
      url: 'https://api.weixin.qq.com/datacube/getusersummary?access_token=T%2B1',
      method: 'post',
      json: {},
    });
  });
});

describe('datacube fetching through a relay', () => {
  it('sends no token call and no access_token, only the relay key and App ID on every request', () => {
    const clock = new ManualClock(NOW);
    const http = new ScriptedHttp(rows);
    const transport = new WeChatTransport(relay, http, clock, options);
    const token = accessFor(relay, { ...tokenDeps(http, clock), relayPrefixes: ['https://relay.example.com/'] });
    const [result] = fetchReports([{ endpoint: 'getusersummary', windows }], { transport, token, clock });
    expect(result!.items).toHaveLength(2);
    expect(http.requests.map((request) => request.url)).toEqual([
      'https://relay.example.com/datacube/getusersummary',
      'https://relay.example.com/datacube/getusersummary',
    ]);
    for (const request of http.requests) {
      expect(request.url).not.toMatch(/access_token|stable_token/);
      expect(request.headers).toEqual({ Authorization: `Bearer ${KEY}`, 'X-WeChat-AppId': APP_ID });
    }
    expect(token.tokenCalls).toBe(0);
  });

  it('does not refresh or retry on 40001: the relay already did, so the error is reported (it passes)', () => {
    const clock = new ManualClock(NOW);
    const http = new ScriptedHttp(() => json({ errcode: 40001, errmsg: 'invalid credential' }));
    const transport = new WeChatTransport(relay, http, clock, options);
    const token = accessFor(relay, tokenDeps(http, clock));
    const [result] = fetchReports([{ endpoint: 'getusersummary', windows: windows.slice(0, 1) }], {
      transport,
      token,
      clock,
    });
    expect(result!.stoppedBy).toBe('error');
    expect(result!.error).toEqual(expect.objectContaining({ code: 'wechat_token_invalid', kind: 'token' }));
    expect(result!.error?.message).toMatch(/relay configuration/);
    expect(http.requests).toHaveLength(1);
  });

  it('refuses a relay outside the deployment allowlist before any request', () => {
    const http = new ScriptedHttp(rows);
    expect(() =>
      accessFor(relay, { ...tokenDeps(http, new ManualClock(NOW)), relayPrefixes: ['https://other.example.com/'] }),
    ).toThrow(
      expect.objectContaining({ code: 'relay_not_allowed', message: expect.stringMatching(/addon\.config\.json/) }),
    );
    expect(http.requests).toHaveLength(0);
  });

  it('gives a Direct connection its token provider', () => {
    const clock = new ManualClock(NOW);
    expect(accessFor(direct, tokenDeps(new ScriptedHttp(rows), clock))).toBeInstanceOf(TokenProvider);
  });
});

describe('the allowlist, matched as Apps Script matches urlFetchWhitelist', () => {
  it('matches a prefix and its children, with a case-sensitive path', () => {
    const prefixes = ['https://example.com/foo'];
    for (const url of [
      'https://example.com/foo',
      'https://example.com/foo/',
      'https://example.com/foo/bar',
      'https://example.com/foo?bar',
      'https://example.com/foo#bar',
      'https://EXAMPLE.com/foo/bar',
    ]) {
      expect({ url, allowed: urlAllowed(url, prefixes) }).toEqual({ url, allowed: true });
    }
    for (const url of ['https://example.com/foobar', 'https://example.com/Foo', 'http://example.com/foo']) {
      expect({ url, allowed: urlAllowed(url, prefixes) }).toEqual({ url, allowed: false });
    }
  });

  it('lets a leading wildcard match one or more subdomains, never the bare domain', () => {
    const prefixes = ['https://*.example.com/foo'];
    expect(urlAllowed('https://subdomain.example.com/foo', prefixes)).toBe(true);
    expect(urlAllowed('https://any.number.of.subdomains.example.com/foo', prefixes)).toBe(true);
    expect(urlAllowed('https://subdomain.example.com/bar', prefixes)).toBe(false);
    expect(urlAllowed('https://example.com/foo', prefixes)).toBe(false);
    expect(urlAllowed('https://badexample.com/foo', prefixes)).toBe(false);
  });

  it('allows a relay only when every path under its base URL is allowed', () => {
    expect(relayUrlAllowed('https://relay.example.com', ['https://relay.example.com/'])).toBe(true);
    expect(relayUrlAllowed('https://relay.example.com/wechat/', ['https://relay.example.com/wechat'])).toBe(true);
    expect(relayUrlAllowed('https://relay.example.com', ['https://relay.example.com/datacube/'])).toBe(false);
    expect(relayUrlAllowed('https://relay.example.com.evil.test', ['https://relay.example.com/'])).toBe(false);
    expect(relayUrlAllowed('http://127.0.0.1:8080', ['https://relay.example.com/'])).toBe(false);
  });
});

describe('saving a Relay account', () => {
  const input = {
    name: 'Main',
    appId: APP_ID,
    type: 'china',
    connection: 'relay',
    relayUrl: 'https://relay.example.com/',
    relayKey: KEY,
  };

  it('is refused on field relayUrl, naming addon.config.json and the redeploy, when no prefix covers the URL', () => {
    const validated = validateAccountInput(input, undefined, { relayPrefixes: ['https://other.example.com/'] });
    expect(validated).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          field: 'relayUrl',
          code: 'relay_not_allowed',
          message: expect.stringMatching(/addon\.config\.json.*redeploy/),
        }),
      ],
    });
  });

  it('is accepted when a prefix covers the URL', () => {
    expect(validateAccountInput(input, undefined, { relayPrefixes: ['https://*.example.com/'] }).ok).toBe(true);
  });
});

describe('GET /accounts', () => {
  it('sends only the key, and keeps only well-formed accounts from the answer', () => {
    const http = new ScriptedHttp(() =>
      json({
        accounts: [
          { appId: APP_ID, name: 'Sales', type: 'china' },
          { appId: 'wx2222222222222222', name: '', type: 'international' },
          { appId: 'not-an-app-id', name: 'Bad', type: 'china' },
          { appId: 'wx3333333333333333', name: 'Odd type', type: 'moon' },
          { appId: APP_ID, name: 'Duplicate', type: 'china' },
          'junk',
        ],
      }),
    );
    const accounts = fetchRelayAccounts(http, new ManualClock(NOW), 'https://relay.example.com/', KEY, options);
    expect(accounts).toEqual([
      { appId: APP_ID, name: 'Sales', type: 'china' },
      { appId: 'wx2222222222222222', name: 'wx2222222222222222', type: 'international' },
    ]);
    expect(http.requests).toEqual([
      { url: 'https://relay.example.com/accounts', method: 'get', headers: { Authorization: `Bearer ${KEY}` } },
    ]);
  });

  it('turns a refused key into the relay error that says what to fix', () => {
    const http = new ScriptedHttp(() => json({ errcode: 990002, errmsg: 'relay: wrong key' }, 401));
    expect(() => fetchRelayAccounts(http, new ManualClock(NOW), 'https://relay.example.com', KEY, options)).toThrow(
      expect.objectContaining({ code: 'relay_990002', message: expect.stringMatching(/relay key exactly/) }),
    );
  });
});

describe('a fetch Apps Script refuses for the manifest', () => {
  it('is reported as url_not_allowed at once, without retries or failover', () => {
    const clock = new ManualClock(NOW);
    const http = new ScriptedHttp((request) => ({
      kind: 'network',
      message: `Exception: Request to ${request.url} failed because the URL has not been whitelisted in the script manifest.`,
      timedOut: false,
    }));
    const [result] = new WeChatTransport(direct, http, clock, options).sendAll([
      (base) => ({ url: `${base}/cgi-bin/stable_token`, method: 'post', json: {} }),
    ]);
    expect(result).toEqual(
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({
          code: 'url_not_allowed',
          message: expect.stringMatching(/addon\.config\.json/),
        }),
      }),
    );
    expect(http.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});
