/**
 * UrlFetch worker: performs the HTTP requests of one fetch/fetchAll concurrently, then wakes the blocked main
 * thread (Atomics.notify) which reads the reply with receiveMessageOnPort. Bundled to .build/dev/urlfetch-worker.js.
 */
import http from 'node:http';
import https from 'node:https';
import { type MessagePort, workerData } from 'node:worker_threads';
import { isLoopback, isUnreachable, routeFor } from './urlfetch/route';
import type { WireFailure, WireJob, WireReply, WireRequest, WireResult } from './urlfetch/wire';

interface WorkerInit {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

interface RawResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
  location?: string;
}

const REDIRECT_LIMIT = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class TimeoutError extends Error {}

const { port, signal } = workerData as WorkerInit;
const flag = new Int32Array(signal);

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

function send(
  target: URL,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
  timeoutMs: number,
  localAddress: string | undefined,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, response?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else if (response) resolve(response);
    };
    const options: https.RequestOptions = { method, headers, agent: false, rejectUnauthorized: false };
    const local = localAddress ?? (isLoopback(target.hostname) ? '127.0.0.1' : undefined);
    if (local !== undefined) {
      options.localAddress = local;
      if (target.hostname === 'localhost') options.family = local.includes(':') ? 6 : 4;
    }
    const lib = target.protocol === 'https:' ? https : http;
    const request = lib.request(target, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => finish(error));
      response.on('aborted', () => finish(new Error('response aborted')));
      response.on('end', () =>
        finish(undefined, {
          status: response.statusCode ?? 0,
          headers: pairs(response.rawHeaders),
          body: new Uint8Array(Buffer.concat(chunks)),
          ...(typeof response.headers.location === 'string' ? { location: response.headers.location } : {}),
        }),
      );
    });
    const timer = setTimeout(
      () => {
        const error = new TimeoutError('timeout');
        request.destroy(error);
        finish(error);
      },
      Math.max(0, timeoutMs),
    );
    request.on('error', (error) => finish(error));
    request.end(body === undefined ? undefined : Buffer.from(body));
  });
}

function classify(error: unknown): WireFailure {
  if (error instanceof TimeoutError) return 'timeout';
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  return 'unavailable';
}

async function perform(request: WireRequest, job: WireJob): Promise<WireResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url = new URL(request.url);
  let method = request.method;
  let body = request.body;
  let headers = { ...request.headers };
  let sentHeaders = headers;
  try {
    for (let hop = 0; ; hop++) {
      if (isUnreachable(url, job.unreachableHosts)) return { failure: 'dns', durationMs: elapsed(), sentHeaders };
      const route = routeFor(url, job.hosts);
      sentHeaders = route.hostHeader === undefined ? { ...headers } : { ...headers, Host: route.hostHeader };
      const wireHeaders = body === undefined ? sentHeaders : { ...sentHeaders, 'Content-Length': String(body.length) };
      const remaining = job.timeoutMs - (performance.now() - started);
      const response = await send(route.target, method, wireHeaders, body, remaining, job.localAddress);
      const location = response.location;
      if (request.followRedirects && REDIRECTS.has(response.status) && location && hop < REDIRECT_LIMIT) {
        url = new URL(location, url);
        const toGet =
          response.status === 303 || ((response.status === 301 || response.status === 302) && method !== 'GET');
        if (toGet) {
          method = 'GET';
          body = undefined;
          headers = Object.fromEntries(
            Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'),
          );
        }
        continue;
      }
      return {
        status: response.status,
        headers: response.headers,
        body: response.body,
        durationMs: elapsed(),
        sentHeaders,
      };
    }
  } catch (error) {
    return { failure: classify(error), detail: String(error), durationMs: elapsed(), sentHeaders };
  }
}

async function runJob(job: WireJob): Promise<WireResult[]> {
  const results: WireResult[] = new Array(job.requests.length);
  let next = 0;
  const lane = async () => {
    while (next < job.requests.length) {
      const index = next++;
      results[index] = await perform(job.requests[index] as WireRequest, job);
    }
  };
  const lanes = Math.max(1, Math.min(job.concurrency, job.requests.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}

function reply(message: WireReply): void {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', (job: WireJob) => {
  runJob(job).then(
    (results) => reply({ id: job.id, results }),
    (error: unknown) =>
      reply({
        id: job.id,
        results: job.requests.map(() => ({
          failure: 'unavailable',
          detail: String(error),
          durationMs: 0,
          sentHeaders: {},
        })),
      }),
  );
});
