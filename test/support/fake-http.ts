import type { Clock } from '../../src/gas/clock';
import type { HttpClient, HttpOutcome, HttpRequest } from '../../src/gas/http';

export type Responder = (request: HttpRequest, index: number) => HttpOutcome;

/** An HttpClient that answers from a function and records every request and batch. */
export class ScriptedHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  readonly batches: number[] = [];

  constructor(private readonly responder: Responder) {}

  fetchAll(requests: readonly HttpRequest[]): HttpOutcome[] {
    this.batches.push(requests.length);
    return requests.map((request) => {
      this.requests.push(request);
      return this.responder(request, this.requests.length - 1);
    });
  }

  count(pathPart: string): number {
    return this.requests.filter((request) => request.url.includes(pathPart)).length;
  }
}

export function json(body: unknown, status = 200): HttpOutcome {
  return { kind: 'response', status, body: JSON.stringify(body) };
}

/** A clock that only moves when slept. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public nowMs: number) {}
  now(): number {
    return this.nowMs;
  }
  sleep(ms: number): void {
    this.sleeps.push(ms);
    this.nowMs += ms;
  }
}
