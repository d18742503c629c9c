/**
 * The relay's HTTP server: decides each request from its head (key, rate limits, route), reads the body only when
 * the route needs it (size capped), lets the routes answer, writes one log line per request, and closes gracefully
 * (in-flight requests finish, then idle connections and upstream sockets go).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { KeyRing } from './auth';
import { parseRelayConfig, type RelayConfig, type RelayConfigInput } from './config';
import { refusal } from './errors';
import { type LineWriter, RelayLog } from './log';
import { Masker } from './mask';
import { RateLimiter } from './rate-limit';
import { type Answer, type Exchange, errcodeOf, RelayRoutes, refusalAnswer } from './routes';
import { TokenCache } from './token-cache';
import { type Upstream, WeChatUpstream } from './upstream';

export interface RelayOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where log lines go; default stdout. */
  log?: LineWriter;
  /** The clock for token expiry and rate limits; default Date.now. */
  now?: () => number;
  /** How long close() waits for in-flight requests; default 5 s. */
  closeGraceMs?: number;
  /** Replaces the calls to WeChat (tests). */
  upstream?: Upstream;
}

export interface RunningRelay {
  url: string;
  port: number;
  close(): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 30_000;
/**
 * A body the relay will not use (too large, or a refused request's) is still read and thrown away up to this much,
 * so the caller, still sending, can read the answer instead of meeting a reset connection. Beyond it: closed.
 */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;
const HEADERS_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const EMPTY = Buffer.alloc(0);

type BodyRead = { kind: 'body'; body: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/** Reads the body up to `maxBytes`; past that, the rest is read and dropped (see discardBody). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return discardBody(req).then(() => ({ kind: 'too_large' }));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (result: BodyRead | Promise<BodyRead>): void => {
      if (settled) return;
      settled = true;
      req.off('data', collect);
      resolve(result);
    };
    const collect = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else done(discardBody(req, size).then(() => ({ kind: 'too_large' })));
    };
    req.on('data', collect);
    req.on('end', () => done({ kind: 'body', body: Buffer.concat(chunks) }));
    req.on('aborted', () => done({ kind: 'aborted' }));
    req.on('error', () => done({ kind: 'aborted' }));
  });
}

/** Requests whose body went past DISCARD_LIMIT_BYTES: their connection is closed after the answer. */
const overflowing = new WeakSet<IncomingMessage>();

/**
 * Reads what is left of a body the relay will not use (too large, or a refused request's) and drops it, so the
 * answer goes out once the caller has sent everything: most clients read the answer only then, and a connection
 * closed while they were still sending would reach them as a reset instead of the answer. More than
 * DISCARD_LIMIT_BYTES, and the answer goes out at once (the connection is then closed after it).
 */
function discardBody(req: IncomingMessage, alreadyRead = 0): Promise<void> {
  if (req.complete || req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let size = alreadyRead;
    const stop = (): void => {
      req.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= DISCARD_LIMIT_BYTES) return;
      overflowing.add(req);
      stop();
    };
    req.on('data', count);
    req.once('end', stop);
    req.once('close', stop);
    req.once('error', stop);
    req.resume();
  });
}

function send(res: ServerResponse, answer: Answer, closeConnection: boolean): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': String(answer.body.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(closeConnection ? { Connection: 'close' } : {}),
    ...answer.headers,
  });
  res.end(answer.body);
}

/** The caller's address: the TCP peer, or the entry `hops` from the end of X-Forwarded-For set by trusted proxies. */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const peer = plainAddress(req.socket.remoteAddress ?? '');
  if (hops === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const named = entries[entries.length - hops];
  return named !== undefined && isIP(plainAddress(named)) !== 0 ? plainAddress(named) : peer;
}

function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** stdout, where a closed reader (EPIPE) ends the log instead of the relay. */
function stdoutLines(): LineWriter {
  let open = true;
  process.stdout.on('error', () => {
    open = false;
  });
  return (line) => {
    if (!open) return;
    try {
      process.stdout.write(`${line}\n`);
    } catch {
      open = false;
    }
  };
}

function exchangeOf(req: IncomingMessage, trustedProxyHops: number): Exchange {
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  return {
    client: clientAddress(req, trustedProxyHops),
    method: req.method ?? 'GET',
    path: queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt),
    query: new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)),
    headers: req.headers,
    body: EMPTY,
    note: {},
  };
}

function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a relay from a configuration as written (see docs/relay.md). Throws ConfigError for a bad one. */
export function startRelay(input: RelayConfigInput, options: RelayOptions = {}): Promise<RunningRelay> {
  return serveRelay(parseRelayConfig(input), options);
}

/** Starts a relay from a checked configuration. */
export async function serveRelay(config: RelayConfig, options: RelayOptions = {}): Promise<RunningRelay> {
  const now = options.now ?? Date.now;
  const upstream = options.upstream ?? new WeChatUpstream(config.upstream, now);
  const tokens = new TokenCache(config.accounts, upstream, now);
  const masker = new Masker([...config.accounts.map((a) => a.appSecret), ...config.keys.map((k) => k.key)], () =>
    tokens.tokens(),
  );
  const log = new RelayLog(options.log ?? stdoutLines(), masker, now);
  const { limits } = config;
  const routes = new RelayRoutes({
    accounts: config.accounts,
    keys: new KeyRing(config.keys),
    limiter: new RateLimiter(limits.ratePerMinute, limits.burst, now),
    authFailures: new RateLimiter(limits.failedAuthPerMinute, limits.failedAuthBurst, now),
    tokens,
    upstream,
    masker,
    logError: (message) => log.error(message),
  });

  /** The answer to one request; undefined if the caller left before it was complete. */
  const answerTo = async (req: IncomingMessage, exchange: Exchange): Promise<Answer | undefined> => {
    const route = routes.route(exchange);
    if (route.kind === 'refuse') {
      await discardBody(req);
      return refusalAnswer(route.refusal);
    }
    if (!route.readsBody) await discardBody(req);
    else {
      const read = await readBody(req, limits.maxBodyBytes);
      if (read.kind === 'aborted') return undefined;
      if (read.kind === 'too_large') {
        return refusalAnswer(refusal('bodyTooLarge', `the request body is larger than ${limits.maxBodyBytes} bytes`));
      }
      exchange.body = read.body;
    }
    return route.handler(exchange);
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    const exchange = exchangeOf(req, config.trustedProxyHops);
    res.once('close', () => {
      log.request({
        client: exchange.client,
        method: exchange.method,
        path: exchange.path,
        appId: exchange.note.appId,
        key: exchange.note.key,
        // 499: the caller went away before the answer was sent.
        status: res.writableFinished ? res.statusCode : 499,
        errcode: exchange.note.errcode,
        durationMs: performance.now() - started,
      });
    });
    answerTo(req, exchange)
      .catch((error: unknown): Answer => {
        const reason = error instanceof Error ? error.message : String(error);
        log.error(`internal error on ${exchange.method} ${exchange.path}: ${reason}`);
        return refusalAnswer(refusal('internal', 'internal error; see the relay log'));
      })
      .then((answer) => {
        if (!answer) {
          res.destroy();
          return;
        }
        exchange.note.errcode ??= errcodeOf(answer.body);
        send(res, answer, overflowing.has(req));
      });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${displayHost(host)}:${port}`;
  const keyNames = config.keys.map((k) => k.name).join(', ');
  log.info(`relay listening on ${url}; App IDs: ${config.accounts.map((a) => a.appId).join(', ')}; keys: ${keyNames}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 5_000);
      server.close(() => {
        clearTimeout(timer);
        upstream.close();
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url, port, close };
}
