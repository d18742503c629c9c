import { existsSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { WireJob, WireReply, WireResult } from './wire';

/**
 * Synchronous HTTP for UrlFetchApp: the requests run in a worker thread while the main thread blocks on
 * Atomics.wait, then the reply is taken off the port with receiveMessageOnPort. The main thread cannot serve
 * anything meanwhile, so the server must live in another thread or process.
 */

const WORKER_FILE = 'urlfetch-worker.js';
const GUARD_SLACK_MS = 30_000;

export function resolveWorkerPath(explicit?: string): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [
    explicit,
    path.join(here, WORKER_FILE),
    path.resolve(here, '../../.build/dev', WORKER_FILE),
    path.resolve(here, '../../../.build/dev', WORKER_FILE),
    path.resolve(process.cwd(), '.build/dev', WORKER_FILE),
  ];
  const found = candidates.find((candidate) => candidate !== undefined && existsSync(candidate));
  if (found === undefined) {
    throw new Error(
      `UrlFetch worker not built (looked for ${candidates.filter(Boolean).join(', ')}). Run \`npm run build\` or ` +
        '`npx esbuild dev/gas/urlfetch-worker.ts --bundle --platform=node --format=cjs --outfile=.build/dev/urlfetch-worker.js`.',
    );
  }
  return found;
}

export class SyncHttp {
  private worker?: Worker;
  private port?: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly pause = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;

  constructor(private readonly workerPath?: string) {}

  run(job: Omit<WireJob, 'id'>): WireResult[] {
    if (job.requests.length === 0) return [];
    const port = this.start();
    const id = this.nextId++;
    Atomics.store(this.flag, 0, 0);
    port.postMessage({ ...job, id } satisfies WireJob);
    const rounds = Math.ceil(job.requests.length / Math.max(1, job.concurrency));
    const deadline = Date.now() + rounds * job.timeoutMs + GUARD_SLACK_MS;
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (received) {
        const reply = received.message as WireReply;
        if (reply.id === id) return reply.results;
        continue;
      }
      if (Date.now() > deadline) throw new Error('UrlFetch worker did not answer in time');
      if (Atomics.load(this.flag, 0) === 0) Atomics.wait(this.flag, 0, 0, 100);
      else Atomics.wait(this.pause, 0, 0, 1);
    }
  }

  dispose(): void {
    this.port?.close();
    void this.worker?.terminate();
    this.worker = undefined;
    this.port = undefined;
  }

  private start(): MessagePort {
    if (this.port) return this.port;
    const channel = new MessageChannel();
    this.worker = new Worker(resolveWorkerPath(this.workerPath), {
      workerData: { port: channel.port2, signal: this.flag.buffer },
      transferList: [channel.port2],
    });
    // The worker must not keep the process alive if an emulation is never disposed.
    this.worker.unref();
    this.port = channel.port1;
    return this.port;
  }
}
