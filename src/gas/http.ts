/** UrlFetchApp adapter: requests in, plain outcomes out (never throws for a network failure). */
import { type ServiceLimit, serviceLimitOf } from './service-limits';

export interface HttpRequest {
  url: string;
  method: 'get' | 'post';
  headers?: Record<string, string>;
  /** JSON body for POST. */
  json?: unknown;
}

/**
 * response: WeChat (or the relay) answered. network: no answer; `timedOut` when UrlFetchApp waited out its timeout
 * (about 60 s). service_limit: Apps Script refused to send (its daily UrlFetch quota, or burst throttling).
 */
export type HttpOutcome =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'network'; message: string; timedOut: boolean }
  | { kind: 'service_limit'; limit: ServiceLimit; message: string };

export interface HttpClient {
  /** Sends the requests in parallel; one outcome per request, in request order. */
  fetchAll(requests: readonly HttpRequest[]): HttpOutcome[];
}

function toParams(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: request.url,
    method: request.method,
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (request.headers) params.headers = request.headers;
  if (request.json !== undefined) {
    params.contentType = 'application/json';
    params.payload = JSON.stringify(request.json);
  }
  return params;
}

function toOutcome(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpOutcome {
  return { kind: 'response', status: response.getResponseCode(), body: response.getContentText() };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A fetch that failed after this long waited for an answer that never came. Measured, not read from the message
 * (Apps Script words it in the user's language): its timeout is about 60 s, a refused connection fails at once.
 */
export const HUNG_AFTER_MS = 30_000;

/** What a thrown UrlFetchApp exception means, from its untranslated parts and how long the call took. */
export function failureOutcome(message: string, elapsedMs: number): HttpOutcome {
  const limit = serviceLimitOf(message);
  if (limit) return { kind: 'service_limit', limit, message };
  return { kind: 'network', message, timedOut: elapsedMs >= HUNG_AFTER_MS };
}

function fetchOne(request: HttpRequest): HttpOutcome {
  const started = Date.now();
  try {
    return toOutcome(UrlFetchApp.fetch(request.url, toParams(request)));
  } catch (error) {
    return failureOutcome(errorText(error), Date.now() - started);
  }
}

export const urlFetchClient: HttpClient = {
  fetchAll(requests) {
    if (requests.length === 0) return [];
    if (requests.length === 1) return [fetchOne(requests[0]!)];
    const started = Date.now();
    try {
      return UrlFetchApp.fetchAll(requests.map(toParams)).map(toOutcome);
    } catch (error) {
      // fetchAll throws for the whole batch when one request fails. A timeout took the whole wait already, and
      // Apps Script's own refusal (quota, throttling) would refuse each request again: report it for every request
      // and send nothing more. Only a quick network failure (one host unreachable) is worth sending one by one,
      // so the rest still get their answers.
      const outcome = failureOutcome(errorText(error), Date.now() - started);
      if (outcome.kind === 'service_limit' || (outcome.kind === 'network' && outcome.timedOut)) {
        return requests.map(() => outcome);
      }
      return sendOneByOne(requests);
    }
  },
};

/** Sends the requests one at a time; once Apps Script refuses one or one hangs, the rest are not sent. */
function sendOneByOne(requests: readonly HttpRequest[]): HttpOutcome[] {
  const outcomes: HttpOutcome[] = [];
  let stop: HttpOutcome | undefined;
  for (const request of requests) {
    const outcome = stop ?? fetchOne(request);
    if (outcome.kind === 'service_limit' || (outcome.kind === 'network' && outcome.timedOut)) stop = outcome;
    outcomes.push(outcome);
  }
  return outcomes;
}
