/**
 * The relay's HTTP server: reads each request (body size capped), lets the routes answer, writes one log line
 * per request, and closes gracefully (in-flight requests finish, then idle connections and upstream sockets go).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { KeyRing } from './auth';
import { parseRelayConfig, type RelayConfig, type RelayConfigInput } from './config';
import { refusal } from './errors';
import { type LineWriter, RelayLog } from './log';
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
const HEADERS_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const EMPTY = Buffer.alloc(0);

interface Reply {
  answer: Answer;
  close: boolean;
}

type BodyRead = { kind: 'body'; body: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead): void => {
      req.removeAllListeners('data');
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done({ kind: 'too_large' });
      else chunks.push(chunk);
    });
    req.on('end', () => done({ kind: 'body', body: Buffer.concat(chunks) }));
    req.on('aborted', () => done({ kind: 'aborted' }));
    req.on('error', () => done({ kind: 'aborted' }));
  });
}

function send(res: ServerResponse, answer: Answer, closeConnection = false): void {
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

function exchangeOf(req: IncomingMessage): Exchange {
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt),
    query: new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)),
    headers: req.headers,
    body: EMPTY,
    note: {},
  };
}

function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
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
  const secrets = [...config.accounts.map((a) => a.appSecret), ...config.keys.map((k) => k.key)];
  const log = new RelayLog(options.log ?? ((line) => process.stdout.write(`${line}\n`)), secrets, now);
  const upstream = options.upstream ?? new WeChatUpstream(config.upstream, now);
  const routes = new RelayRoutes({
    accounts: config.accounts,
    keys: new KeyRing(config.keys),
    limiter: new RateLimiter(config.limits.ratePerMinute, config.limits.burst, now),
    tokens: new TokenCache(config.accounts, upstream, now),
    upstream,
    now,
    secrets,
  });

  /** The answer to one request, and whether to close the connection after it; undefined if the caller left. */
  const answerTo = async (req: IncomingMessage, exchange: Exchange): Promise<Reply | undefined> => {
    const route = routes.route(exchange.method, exchange.path);
    // A refused request's body is not read: close the connection rather than read it to reuse it.
    if (route.kind === 'refuse') return { answer: refusalAnswer(route.refusal), close: hasBody(req) };
    if (route.readsBody) {
      const read = await readBody(req, config.limits.maxBodyBytes);
      if (read.kind === 'aborted') return undefined;
      if (read.kind === 'too_large') {
        const detail = `the request body is larger than ${config.limits.maxBodyBytes} bytes`;
        return { answer: refusalAnswer(refusal('bodyTooLarge', detail)), close: true };
      }
      exchange.body = read.body;
    }
    return { answer: await route.handler(exchange), close: false };
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    const exchange = exchangeOf(req);
    res.once('close', () => {
      log.request({
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
      .catch((error: unknown): Reply => {
        log.error(
          `internal error on ${exchange.method} ${exchange.path}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return { answer: refusalAnswer(refusal('internal', 'internal error; see the relay log')), close: false };
      })
      .then((reply) => {
        if (!reply) {
          res.destroy();
          return;
        }
        exchange.note.errcode ??= errcodeOf(reply.answer.body);
        send(res, reply.answer, reply.close);
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
