import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTED_EXAMPLE_KEYS, estimatedBits, generateKey, KeyRing, keyWeakness } from '../../relay/auth';
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
    expect(config.accounts).toEqual([
      { appId: 'wx1111111111111111', name: 'wx1111111111111111', appSecret: SECRET, type: 'china' },
    ]);
    expect(config.keys).toEqual([{ name: 'sales', key: KEY_A, appIds: ['wx1111111111111111'] }]);
    expect(config.upstream.hosts).toEqual({
      china: [
        { url: 'https://api.weixin.qq.com', host: 'api.weixin.qq.com' },
        { url: 'https://api2.weixin.qq.com', host: 'api2.weixin.qq.com' },
      ],
      international: [{ url: 'https://api.wechat.com', host: 'api.wechat.com' }],
    });
    expect(config.upstream.timeoutMs).toBe(10_000);
    expect(config.upstream.maxSockets).toBe(512);
    expect(config.upstream.localAddress).toBeUndefined();
    expect(config.limits).toEqual({
      maxBodyBytes: 16_384,
      ratePerMinute: 1200,
      burst: 200,
      failedAuthBurst: 20,
      failedAuthPerMinute: 10,
    });
    expect(config.trustedProxyHops).toBe(0);
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
    expect(refusal({ ...input, limits: { failedAuthBurst: 1.5 } })).toBe(
      'limits.failedAuthBurst must be a positive whole number',
    );
    expect(refusal({ ...input, upstream: { maxSockets: -1 } })).toBe(
      'upstream.maxSockets must be a positive whole number',
    );
    expect(refusal({ ...input, trustedProxyHops: 9 })).toBe(
      'config.trustedProxyHops must be a whole number from 0 to 5',
    );
    expect(refusal({ accounts: [{ ...account, name: 'Shop\nChina' }] })).toBe(
      'accounts[0].name must be at most 100 characters without control characters',
    );
    expect(refusal({ accounts: [{ ...account, name: ' ' }] })).toBe('accounts[0].name must be a non-empty string');
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
  it('accepts generated keys and random hex and base64 keys', () => {
    // Hex and base64 keys derived deterministically (a truly random one can, about once in 10^6, spell a
    // placeholder word such as "dummy", which the check refuses on purpose; generateKey draws again then).
    for (let i = 0; i < 2_000; i++) {
      expect(keyWeakness(generateKey())).toBeUndefined();
      expect(keyWeakness(createHash('md5').update(`hex ${i}`).digest('hex'))).toBeUndefined();
      expect(keyWeakness(createHash('sha256').update(`base64 ${i}`).digest('base64'))).toBeUndefined();
    }
    expect(keyWeakness('9f86d081884c7d659a2feaa0c55ad015')).toBeUndefined();
  });

  it('refuses placeholders and made-up keys, whatever their length and spelling', () => {
    const made = [
      ['change-me-change-me-please-now-12', 'changeme'],
      ['CHANGE_ME_4f9a1c7e2b8d0a6f3e5c9b1d7a2e', 'changeme'],
      ['example-relay-key-Vq3xK9mP2wL7nR4tY8z', 'example'],
      ['your-key-goes-here-Vq3xK9mP2wL7nR4tY8', 'yourkey'],
      ['this-is-my-very-secret-relay-key-2026', 'secret'],
      ['Password!Password2026!Vq3xK9mP2wL7nR4', 'password'],
      ['paste-a-key-from-generate-key-here-now', 'paste'],
    ];
    for (const [key, word] of made) {
      expect([key, keyWeakness(key!)]).toEqual([key, `contains "${word}", which marks a placeholder or a made-up key`]);
    }
  });

  it('refuses every key written in the relay documentation', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'relay.md'), 'utf8');
    const written = [...doc.matchAll(/"key"\s*:\s*"([^"]+)"|Bearer ([A-Za-z0-9._~+/=-]{20,})/g)].map(
      (match) => match[1] ?? match[2] ?? '',
    );
    expect(written).toContain(DOCUMENTED_EXAMPLE_KEYS[0]);
    for (const key of written) expect([key, keyWeakness(key)]).toEqual([key, expect.any(String)]);
    expect(keyWeakness(DOCUMENTED_EXAMPLE_KEYS[0]!)).toBe('is the example key from the relay documentation');
  });

  it('refuses keys with little entropy: few characters, a repeated pattern, a run, a few pieces over and over', () => {
    expect(keyWeakness('abababababababababababababababab')).toBe('has fewer than 8 different characters');
    expect(keyWeakness('k3Vq9Lm2Xw7Rt5Yk3Vq9Lm2Xw7Rt5Yk3')).toBe('repeats a shorter pattern');
    expect(keyWeakness('abcdefghijklmnopqrstuvwxyz0123456789')).toBe('is mostly a run of consecutive characters');
    expect(keyWeakness('Zq8xW3Zq8xW3Kp5Zq8xW3Zq8xKp5W3Zq8x')).toBe('is built from a few pieces used over and over');
    // Every piece different, but two characters in three the same: about 62 bits by the estimate.
    const skewed = 'aa1aa2aa3aa4aa5aa6aa7aa8aa9aa0aa';
    expect(Math.round(estimatedBits(skewed))).toBe(62);
    expect(keyWeakness(skewed)).toBe('has an estimated entropy below 80 bits');
    expect(Math.round(estimatedBits('9f86d081884c7d659a2feaa0c55ad015'))).toBeGreaterThan(80);
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

  it('tells whether a name may send without charging it', () => {
    const limiter = new RateLimiter(60, 1, () => 0);
    expect([limiter.peek('a'), limiter.peek('a'), limiter.take('a'), limiter.peek('a')]).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
      { ok: false, retryAfterSeconds: 1 },
    ]);
  });
});
