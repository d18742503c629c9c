/** UrlFetchApp adapter: requests in, plain outcomes out (never throws for a network failure). */

export interface HttpRequest {
  url: string;
  method: 'get' | 'post';
  headers?: Record<string, string>;
  /** JSON body for POST. */
  json?: unknown;
}

export type HttpOutcome = { kind: 'response'; status: number; body: string } | { kind: 'network'; message: string };

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

function fetchOne(request: HttpRequest): HttpOutcome {
  try {
    return toOutcome(UrlFetchApp.fetch(request.url, toParams(request)));
  } catch (error) {
    return { kind: 'network', message: errorText(error) };
  }
}

export const urlFetchClient: HttpClient = {
  fetchAll(requests) {
    if (requests.length === 0) return [];
    if (requests.length === 1) return [fetchOne(requests[0]!)];
    try {
      return UrlFetchApp.fetchAll(requests.map(toParams)).map(toOutcome);
    } catch (error) {
      // fetchAll throws for the whole batch when one request fails at the network level. A timeout took the
      // whole wait already: report it for every request (the transport retries the batch) rather than waiting
      // once per request. Other failures are quick: send them one by one so the rest still get their answers.
      const message = errorText(error);
      if (/timeout/i.test(message)) return requests.map(() => ({ kind: 'network', message }));
      return requests.map(fetchOne);
    }
  },
};
