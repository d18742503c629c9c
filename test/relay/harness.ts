/**
 * The relay against the WeChat simulator, both on loopback: the simulator admits only 127.0.0.2 to its token
 * endpoints, and the relay's calls to WeChat leave from 127.0.0.2 with the real WeChat host in the Host header.
 * Every answer a test receives and every log line the relay writes is kept, so a suite can check that no secret,
 * key or access token ever appears in them.
 */
import { type Agent, type IncomingHttpHeaders, request } from 'node:http';
import { createServer } from 'node:net';
import { createSimulator, type SimAccount, type Simulator } from '../../dev/simulator/simulator';
import type { RelayConfigInput } from '../../relay/config';
import { type RelayOptions, type RunningRelay, startRelay } from '../../relay/relay';
import type { Upstream } from '../../relay/upstream';

/** 12:00 in Beijing on 2026-03-15: the simulator's frozen clock, so every date below is in range. */
export const SIM_NOW = Date.parse('2026-03-15T04:00:00Z');
export const DATES = { begin_date: '2026-03-08', end_date: '2026-03-14' };
export const RELAY_IP = '127.0.0.2';

export const CHINA: SimAccount = {
  appid: 'wx1111111111111111',
  secret: 'ChinaSecret0123456789abcdefABCDE',
  type: 'china',
  whitelist: [RELAY_IP],
};
export const INTERNATIONAL: SimAccount = {
  appid: 'wx2222222222222222',
  secret: 'IntlSecret0123456789abcdefABCDEF',
  type: 'international',
  whitelist: [RELAY_IP],
};
/** Known to WeChat (the simulator), not served by the relay. */
export const OTHER: SimAccount = {
  appid: 'wx3333333333333333',
  secret: 'OtherSecret0123456789abcdefABCDE',
  type: 'china',
  whitelist: [RELAY_IP],
};

export const KEYS = {
  sales: 'sales-Vq3xK9mP2wL7nR4tY8zB6cD1fG5hJ0aE',
  finance: 'fin_Qw8eR2tY6uI0oP4aS9dF3gH7jK1lZ5xC',
  intl: 'intl.Mn7bV3cX9zL1kJ5hG2fD8sA4pO6iU0yT',
} as const;

export const ALL_SECRETS: readonly string[] = [
  CHINA.secret,
  INTERNATIONAL.secret,
  OTHER.secret,
  ...Object.values(KEYS),
];

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** A raw body (sent as is) instead of JSON. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  key?: string;
  localAddress?: string;
  agent?: Agent | false;
  /** A body written in these pieces (with Transfer-Encoding: chunked unless a Content-Length is given). */
  chunks?: Buffer[];
}

/** Every answer received through `call`, for the leak check. */
export const answersSeen: string[] = [];

/** `path` is sent as the request target exactly as given (no normalisation of `..` or `//`). */
export function call(origin: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  const { hostname, port } = new URL(origin);
  const body =
    options.rawBody !== undefined
      ? Buffer.from(options.rawBody)
      : options.body === undefined
        ? undefined
        : Buffer.from(JSON.stringify(options.body));
  const headers: Record<string, string> = { ...options.headers };
  if (body) {
    headers['Content-Type'] ??= 'application/json';
    if (!headers['Transfer-Encoding']) headers['Content-Length'] = String(body.length);
  }
  if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path,
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers,
        agent: options.agent ?? false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          answersSeen.push(JSON.stringify(res.headers), text);
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON: tests look at `text`
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end(body);
  });
}

/** A call through the relay's gateway: key, account header and JSON body. */
export function gateway(
  origin: string,
  path: string,
  options: { key?: string; appId?: string; body?: unknown } & Omit<CallOptions, 'key' | 'body'> = {},
): Promise<HttpAnswer> {
  const { appId, headers, ...rest } = options;
  return call(origin, path, {
    method: 'POST',
    ...rest,
    headers: { ...headers, ...(appId === undefined ? {} : { 'X-WeChat-AppId': appId }) },
  });
}

/** Every access token the simulator handed out (to the relay), from its log. */
export function tokensIssued(sim: Simulator): string[] {
  const tokens = new Set<string>();
  for (const entry of sim.log()) {
    const match = /"access_token"\s*:\s*"([^"]+)"/.exec(entry.responseBody);
    if (match?.[1]) tokens.add(match[1]);
  }
  return [...tokens];
}

/** An Upstream that answers every call with `answer(path, body)` and records the calls. */
export function fakeUpstream(answer: (path: string, body: string) => { status?: number; body: unknown }): Upstream & {
  calls: { path: string; body: string }[];
} {
  const calls: { path: string; body: string }[] = [];
  return {
    calls,
    post: (_type, path, body) => {
      calls.push({ path, body: body.toString('utf8') });
      const reply = answer(path, body.toString('utf8'));
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      return Promise.resolve({
        kind: 'answer',
        status: reply.status ?? 200,
        contentType: 'application/json',
        body: Buffer.from(text),
        host: 'api.weixin.qq.com',
      });
    },
    close: () => undefined,
  };
}

export async function startSimulator(accounts: SimAccount[] = [CHINA, INTERNATIONAL, OTHER]): Promise<{
  sim: Simulator;
  origin: string;
}> {
  const sim = createSimulator({ accounts, clock: { nowMs: SIM_NOW } });
  const { port } = await sim.listen(0, '127.0.0.1');
  return { sim, origin: `http://127.0.0.1:${port}` };
}

/** The relay's configuration for the simulator: each base is the simulator, named by the WeChat host it stands for. */
export function relayConfig(simOrigin: string, overrides: Partial<RelayConfigInput> = {}): RelayConfigInput {
  return {
    accounts: [
      {
        appId: CHINA.appid,
        name: 'Shop China',
        appSecret: CHINA.secret,
        type: 'china',
        keys: [
          { name: 'sales', key: KEYS.sales },
          { name: 'finance', key: KEYS.finance },
        ],
      },
      {
        appId: INTERNATIONAL.appid,
        name: 'Global Store',
        appSecret: INTERNATIONAL.secret,
        type: 'international',
        keys: [{ name: 'intl', key: KEYS.intl }],
      },
    ],
    upstream: {
      china: [
        { url: simOrigin, host: 'api.weixin.qq.com' },
        { url: simOrigin, host: 'api2.weixin.qq.com' },
      ],
      international: [{ url: simOrigin, host: 'api.wechat.com' }],
      localAddress: RELAY_IP,
      timeoutMs: 5_000,
    },
    ...overrides,
  };
}

export interface StartedRelay extends RunningRelay {
  logLines: string[];
}

/** Every log line written by relays started here, for the leak check. */
export const logLinesSeen: string[] = [];

export async function startTestRelay(
  config: RelayConfigInput,
  options: Omit<RelayOptions, 'log'> = {},
): Promise<StartedRelay> {
  const logLines: string[] = [];
  const relay = await startRelay(config, {
    ...options,
    closeGraceMs: 1_000,
    log: (line) => {
      logLines.push(line);
      logLinesSeen.push(line);
    },
  });
  return { ...relay, logLines };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** No App Secret, relay key or (given) access token in any of `texts`. */
export function expectNoSecretIn(texts: readonly string[], tokens: readonly string[] = []): void {
  const leaks = [...ALL_SECRETS, ...tokens].filter((secret) => texts.some((text) => text.includes(secret)));
  expect(leaks).toEqual([]);
}
