/**
 * Apps Script's refusals are classified from what Apps Script does not translate (the service identifier, the code
 * in its advice) and from how long a fetch took, never from English words: the same in every language.
 */
import { failureOutcome, HUNG_AFTER_MS } from '../../src/gas/http';
import { serviceLimitOf } from '../../src/gas/service-limits';
import { CHINA_HOSTS, type WeChatConnection } from '../../src/wechat/connection';
import { quotaOf, quotaRequest } from '../../src/wechat/quota';
import { WeChatTransport } from '../../src/wechat/transport';
import { json, ManualClock, ScriptedHttp } from '../support/fake-http';

const direct: WeChatConnection = {
  accountId: 'a1',
  appId: 'wx0123456789abcdef',
  kind: 'direct',
  baseUrls: CHINA_HOSTS,
  secret: 'S3cretS3cretS3cretS3cretS3cret01',
};

describe('Apps Script exception messages, in any language', () => {
  it.each([
    ['en', 'Exception: Service invoked too many times for one day: urlfetch.', 'daily_quota'],
    ['zh-CN', 'Exception: 一天内调用服务的次数过多：urlfetch。', 'daily_quota'],
    ['en', 'Exception: Service invoked too many times for one day: properties.', 'daily_quota'],
    ['zh-CN', '一天内调用服务的次数过多：properties。', 'daily_quota'],
    [
      'en',
      'Exception: Service invoked too many times in a short time: urlfetch. Try Utilities.sleep(1000) between calls.',
      'throttled',
    ],
    [
      'zh-CN',
      'Exception: 短时间内调用服务的次数过多：urlfetch。请尝试在两次调用之间使用 Utilities.sleep(1000)。',
      'throttled',
    ],
  ])('%s: %s → %s', (_locale, message, limit) => {
    expect(serviceLimitOf(message)).toBe(limit);
    expect(failureOutcome(message, 5)).toEqual({ kind: 'service_limit', limit, message });
  });

  it.each([
    'Exception: Timeout: https://api.weixin.qq.com/datacube/getusersummary?access_token=x',
    'Exception: 超时：https://api.weixin.qq.com/datacube/getusersummary?access_token=x',
    'Exception: Address unavailable: https://api.weixin.qq.com/datacube/x',
    'Exception: 地址不可用：https://api.weixin.qq.com/datacube/x',
    'Exception: DNS error: https://api.weixin.qq.com/',
    'Exception: Lock timeout: another process was holding the lock for too long.',
  ])('a network or other failure is no service limit: %s', (message) => {
    expect(serviceLimitOf(message)).toBeUndefined();
  });

  it('a failed fetch that took the timeout hung, whatever its words; a quick one did not', () => {
    for (const message of ['Exception: Timeout: https://x.example/', 'Exception: 超时：https://x.example/']) {
      expect(failureOutcome(message, 60_000)).toEqual({ kind: 'network', message, timedOut: true });
      expect(failureOutcome(message, HUNG_AFTER_MS - 1)).toEqual({ kind: 'network', message, timedOut: false });
    }
  });
});

describe('deadline-aware transport', () => {
  const request = (base: string) => ({ url: `${base}/datacube/getusersummary`, method: 'post' as const, json: {} });

  it('retries a busy answer while a hang could still end before the deadline, then stops', () => {
    const clock = new ManualClock(0);
    const http = new ScriptedHttp(() => json({ errcode: -1, errmsg: 'system error' }));
    const transport = new WeChatTransport(direct, http, clock, {
      concurrency: 10,
      maxAttempts: 4,
      backoffMs: 1000,
      deadlineMs: 63_500,
    });
    const [result] = transport.sendAll([request]);
    // 0 s: first try; +1 s backoff: 1 + 60 ≤ 63.5 → second try; +2 s: 3 + 60 ≤ 63.5 → third; +4 s: 7 + 60 > 63.5.
    expect(result).toEqual(expect.objectContaining({ ok: false, attempts: 3 }));
    expect(http.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('never sends a hung batch again', () => {
    const clock = new ManualClock(0);
    const http = new ScriptedHttp(() => ({ kind: 'network', message: 'Exception: 超时：https://x/', timedOut: true }));
    const transport = new WeChatTransport(direct, http, clock, { concurrency: 10, maxAttempts: 4, backoffMs: 1000 });
    const results = transport.sendAll([request, request, request]);
    expect(results.map((r) => [r.ok, r.attempts])).toEqual([
      [false, 1],
      [false, 1],
      [false, 1],
    ]);
    expect(http.requests).toHaveLength(3);
  });

  it('does not retry Apps Script refusing to fetch', () => {
    const clock = new ManualClock(0);
    const message = 'Exception: 一天内调用服务的次数过多：urlfetch。';
    const http = new ScriptedHttp(() => ({ kind: 'service_limit', limit: 'daily_quota', message }));
    const transport = new WeChatTransport(direct, http, clock, { concurrency: 10, maxAttempts: 4, backoffMs: 1000 });
    const [result] = transport.sendAll([request]);
    expect(result).toEqual(
      expect.objectContaining({
        ok: false,
        attempts: 1,
        error: expect.objectContaining({ code: 'apps_script_quota' }),
      }),
    );
    expect(clock.sleeps).toEqual([]);
  });
});

describe("WeChat's quota lookup", () => {
  it('asks with the access token for a Direct account, and with the relay key and App ID for a Relay account', () => {
    expect(quotaRequest(direct, 'https://api.weixin.qq.com', 'getusersummary', 'TOKEN')).toEqual({
      url: 'https://api.weixin.qq.com/cgi-bin/openapi/quota/get?access_token=TOKEN',
      method: 'post',
      json: { cgi_path: '/datacube/getusersummary' },
    });
    const relay: WeChatConnection = {
      accountId: 'a2',
      appId: 'wx0123456789abcdef',
      kind: 'relay',
      baseUrls: ['https://relay.example.com'],
      relayKey: 'k'.repeat(40),
    };
    expect(quotaRequest(relay, 'https://relay.example.com', 'getusersummary')).toEqual({
      url: 'https://relay.example.com/cgi-bin/openapi/quota/get',
      method: 'post',
      headers: { Authorization: `Bearer ${'k'.repeat(40)}`, 'X-WeChat-AppId': 'wx0123456789abcdef' },
      json: { cgi_path: '/datacube/getusersummary' },
    });
  });

  it("reads WeChat's answer, and refuses one without a quota", () => {
    expect(
      quotaOf('getusersummary', { errcode: 0, errmsg: 'ok', quota: { daily_limit: 5, used: 2, remain: 3 } }),
    ).toEqual({ endpoint: 'getusersummary', dailyLimit: 5, used: 2, remain: 3 });
    expect(quotaOf('getusersummary', { errcode: 0, errmsg: 'ok' })).toBeUndefined();
    expect(quotaOf('getusersummary', { quota: { daily_limit: '5', used: 2, remain: 3 } })).toBeUndefined();
  });
});
