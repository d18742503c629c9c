import { generateKey, KeyRing, keyWeakness } from '../../relay/auth';
import { ConfigError, loadRelayConfig, parseRelayConfig, type RelayConfigInput } from '../../relay/config';
import { RateLimiter } from '../../relay/rate-limit';

const SECRET = 'ChinaSecret0123456789abcdefABCDE';
const KEY_A = 'sales-Vq3xK9mP2wL7nR4tY8zB6cD1fG5hJ0aE';
const KEY_B = 'fin_Qw8eR2tY6uI0oP4aS9dF3gH7jK1lZ5xC';

function minimal(): RelayConfigInput {
  return { accounts: [{ appId: 'wx1111111111111111', appSecret: SECRET, keys: [{ name: 'sales', key: KEY_A }] }] };
}

function refusal(input: unknown): string {
  try {
    parseRelayConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('relay configuration', () => {
  it('fills in WeChat production hosts and default limits', () => {
    const config = parseRelayConfig(minimal());
    expect(config.accounts).toEqual([{ appId: 'wx1111111111111111', appSecret: SECRET, type: 'china' }]);
    expect(config.keys).toEqual([{ name: 'sales', key: KEY_A, appIds: ['wx1111111111111111'] }]);
    expect(config.upstream.hosts).toEqual({
      china: [
        { url: 'https://api.weixin.qq.com', host: 'api.weixin.qq.com' },
        { url: 'https://api2.weixin.qq.com', host: 'api2.weixin.qq.com' },
      ],
      international: [{ url: 'https://api.wechat.com', host: 'api.wechat.com' }],
    });
    expect(config.upstream.timeoutMs).toBe(10_000);
    expect(config.upstream.localAddress).toBeUndefined();
    expect(config.limits).toEqual({ maxBodyBytes: 16_384, ratePerMinute: 1200, burst: 200 });
  });

  it('merges a key listed under several accounts into one grant', () => {
    const input = minimal();
    input.accounts.push({
      appId: 'wx2222222222222222',
      appSecret: 'IntlSecret0123456789abcdefABCDEF',
      type: 'international',
      keys: [
        { name: 'sales', key: KEY_A },
        { name: 'finance', key: KEY_B },
      ],
    });
    expect(parseRelayConfig(input).keys.map((k) => [k.name, k.appIds])).toEqual([
      ['sales', ['wx1111111111111111', 'wx2222222222222222']],
      ['finance', ['wx2222222222222222']],
    ]);
  });

  it('refuses to start with no account, no key or a weak key, and never quotes a key or secret', () => {
    const messages = [
      refusal({}),
      refusal({ accounts: [] }),
      refusal({ accounts: [{ appId: 'wx1', appSecret: SECRET, keys: [] }] }),
      refusal({ accounts: [{ appId: 'wx1', appSecret: SECRET, keys: [{ name: 'a', key: 'short-key' }] }] }),
      refusal({ accounts: [{ appId: 'wx1', appSecret: SECRET, keys: [{ name: 'a', key: 'ab'.repeat(20) }] }] }),
      refusal({ accounts: [{ appId: 'wx1', appSecret: KEY_B, keys: [{ name: 'a', key: KEY_B }] }] }),
      refusal({
        accounts: [
          { appId: 'wx1', appSecret: SECRET, keys: [{ name: 'a', key: 'abcdefghijklmnopqrstuvwxyz0123456789' }] },
        ],
      }),
    ];
    expect(messages).toEqual([
      'config.accounts is missing: the relay serves no account',
      'config.accounts must be a non-empty list',
      'accounts[0].keys must be a non-empty list',
      'accounts[0].keys[0].key (a) is too weak: it is shorter than 32 characters. Generate one with: node .build/relay/server.js --generate-key',
      'accounts[0].keys[0].key (a) is too weak: it has fewer than 8 different characters. Generate one with: node .build/relay/server.js --generate-key',
      'accounts[0].keys[0].key (a) must not be an App Secret',
      'accounts[0].keys[0].key (a) is too weak: it is mostly a run of consecutive characters. Generate one with: node .build/relay/server.js --generate-key',
    ]);
    for (const message of messages) expect([message.includes(SECRET), message.includes(KEY_B)]).toEqual([false, false]);
  });

  it('refuses unknown fields, a duplicate App ID, clashing key names and bad upstream settings', () => {
    const input = minimal();
    const account = input.accounts[0]!;
    expect(refusal({ ...input, extra: 1 })).toBe('config has unknown field(s): extra');
    expect(refusal({ accounts: [{ ...account, secret: 'x' }] })).toBe('accounts[0] has unknown field(s): secret');
    expect(refusal({ accounts: [account, account] })).toBe('App ID wx1111111111111111 is configured twice');
    expect(refusal({ accounts: [{ ...account, type: 'global' }] })).toBe(
      'accounts[0].type must be "china" or "international"',
    );
    expect(
      refusal({
        accounts: [
          {
            ...account,
            keys: [
              { name: 'sales', key: KEY_A },
              { name: 'sales', key: KEY_B },
            ],
          },
        ],
      }),
    ).toBe('accounts[0].keys[1]: key name "sales" is used for two different keys');
    expect(
      refusal({
        accounts: [
          {
            ...account,
            keys: [
              { name: 'sales', key: KEY_A },
              { name: 'other', key: KEY_A },
            ],
          },
        ],
      }),
    ).toBe('accounts[0].keys[1]: key "other" has the same value as key "sales"');
    expect(refusal({ ...input, upstream: { china: ['https://api.weixin.qq.com/cgi-bin'] } })).toBe(
      'upstream.china[0].url must be an http(s) origin such as https://api.weixin.qq.com',
    );
    expect(refusal({ ...input, upstream: { localAddress: 'my-host' } })).toBe(
      'upstream.localAddress must be an IP address',
    );
    expect(refusal({ ...input, limits: { burst: 0 } })).toBe('limits.burst must be a positive whole number');
  });

  it('loads from RELAY_CONFIG or RELAY_CONFIG_FILE, and never echoes invalid JSON', () => {
    const text = JSON.stringify(minimal());
    const noFile = (): string => {
      throw new Error('no file');
    };
    expect(loadRelayConfig({ RELAY_CONFIG: text }, noFile).accounts).toHaveLength(1);
    expect(loadRelayConfig({ RELAY_CONFIG_FILE: '/etc/relay.json' }, () => text).accounts).toHaveLength(1);
    expect(() => loadRelayConfig({}, noFile)).toThrow('Set RELAY_CONFIG (JSON) or RELAY_CONFIG_FILE');
    expect(() => loadRelayConfig({ RELAY_CONFIG: text, RELAY_CONFIG_FILE: 'x' }, noFile)).toThrow('not both');
    expect(() => loadRelayConfig({ RELAY_CONFIG_FILE: '/nope.json' }, noFile)).toThrow(
      'Cannot read RELAY_CONFIG_FILE /nope.json',
    );
    const broken = `{"accounts":[{"appSecret":"${SECRET}",}]}`;
    expect(() => loadRelayConfig({ RELAY_CONFIG: broken }, noFile)).toThrow(/^RELAY_CONFIG is not valid JSON$/);
  });
});

describe('relay keys', () => {
  it('accepts generated keys and random hex keys', () => {
    for (let i = 0; i < 50; i++) expect(keyWeakness(generateKey())).toBeUndefined();
    expect(keyWeakness('9f86d081884c7d659a2feaa0c55ad015')).toBeUndefined();
  });

  it('matches the presented key exactly, whatever the scheme case, and tells which key it was', () => {
    const ring = new KeyRing([
      { name: 'sales', key: KEY_A, appIds: ['wx1'] },
      { name: 'finance', key: KEY_B, appIds: ['wx1', 'wx2'] },
    ]);
    const finance = ring.check(`bearer ${KEY_B}`);
    expect(finance.ok && [finance.name, [...finance.appIds]]).toEqual(['finance', ['wx1', 'wx2']]);
    expect(ring.check(`Bearer ${KEY_A}x`)).toEqual({ ok: false, reason: 'invalid' });
    expect(ring.check(`Bearer ${KEY_A.slice(0, -1)}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(ring.check(KEY_A)).toEqual({ ok: false, reason: 'missing' });
    expect(ring.check(undefined)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('rate limit', () => {
  it('allows a burst, then the sustained rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 2, () => now);
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a')]).toEqual([
      true,
      true,
      { ok: false, retryAfterSeconds: 1 },
    ]);
    expect(limiter.take('b').ok).toBe(true);
    now += 1_000;
    expect([limiter.take('a').ok, limiter.take('a').ok]).toEqual([true, false]);
  });
});
