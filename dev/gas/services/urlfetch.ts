import type { Env } from '../env';
import { GasError, signatureError } from '../errors';
import { gasMessage } from '../limits';
import { isWhitelisted, notWhitelisted } from '../urlfetch/allowlist';
import { type PreparedRequest, prepareRequest } from '../urlfetch/request';
import { createHttpResponse } from '../urlfetch/response';
import type { WireResult } from '../urlfetch/wire';

/**
 * UrlFetchApp over real HTTP: synchronous to the script, concurrent in fetchAll. Any failure in a fetchAll
 * (network, timeout, or an HTTP error without muteHttpExceptions) throws for the whole call.
 */

const TRUNCATE_AT = 100;

function failureMessage(request: PreparedRequest, result: WireResult, locale: string): string | undefined {
  const { url } = request;
  if (result.failure) return gasMessage(result.failure, locale, url);
  const status = result.status ?? 0;
  if (status < 400 || request.muteHttpExceptions) return undefined;
  const text = new TextDecoder().decode(result.body ?? new Uint8Array());
  const truncated = text.length > TRUNCATE_AT ? `${text.slice(0, TRUNCATE_AT)}...` : text;
  return `Request failed for ${url} returned code ${status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`;
}

export function createUrlFetchApp(env: Env) {
  const { state } = env;

  const run = (inputs: readonly unknown[]) => {
    const prepared = inputs.map(prepareRequest);
    const settings = state.urlFetch;
    // Checked before anything is sent: one URL outside the manifest fails the whole fetchAll.
    const refused = prepared.find((p) => settings.whitelist && !isWhitelisted(p.url, settings.whitelist));
    if (refused) {
      const error = notWhitelisted(refused.url);
      const { method, headers } = refused.wire;
      state.urlFetchLog.push({ url: refused.url, method, headers, error: error.message, durationMs: 0 });
      throw error;
    }
    if (env.exec.mode !== 'host') state.limits.take('urlfetch', env.exec.user(), prepared.length, state.userLocale);
    const clockHeader = settings.clockHeader;
    const stamp = String(state.clock.now());
    const results = state.http.run({
      requests: prepared.map((p) =>
        clockHeader === undefined ? p.wire : { ...p.wire, headers: { ...p.wire.headers, [clockHeader]: stamp } },
      ),
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      hosts: settings.hosts,
      unreachableHosts: settings.unreachableHosts,
      ...(settings.localAddress === undefined ? {} : { localAddress: settings.localAddress }),
    });
    if (settings.simulatedLatencyMs > 0) state.clock.sleep(settings.simulatedLatencyMs);
    if (env.exec.mode !== 'host') state.meter.chargeFetch(results.map((r) => ({ timedOut: r.failure === 'timeout' })));
    let firstFailure: string | undefined;
    results.forEach((result, index) => {
      const request = prepared[index] as PreparedRequest;
      const error = failureMessage(request, result, state.userLocale);
      firstFailure ??= error;
      state.urlFetchLog.push({
        url: request.url,
        method: request.wire.method,
        headers: Object.keys(result.sentHeaders).length > 0 ? result.sentHeaders : request.wire.headers,
        ...(request.payloadText === undefined ? {} : { payload: request.payloadText }),
        ...(result.status === undefined ? {} : { status: result.status }),
        ...(error === undefined ? {} : { error }),
        durationMs: result.durationMs,
      });
    });
    if (firstFailure !== undefined) throw new GasError(firstFailure);
    return results.map((result) => createHttpResponse(env, result));
  };

  return env.wrap('UrlFetchApp', {
    fetch(url: string, params?: Record<string, unknown>) {
      if (typeof url !== 'string')
        throw signatureError('UrlFetchApp.fetch', params === undefined ? [url] : [url, params]);
      const [response] = run([{ ...(params ?? {}), url }]);
      return response;
    },
    fetchAll(requests: unknown[]) {
      if (!Array.isArray(requests)) throw signatureError('UrlFetchApp.fetchAll', [requests]);
      return env.realm.array(run(requests));
    },
    getRequest(url: string, params?: Record<string, unknown>) {
      if (typeof url !== 'string') throw signatureError('UrlFetchApp.getRequest', [url]);
      const prepared = prepareRequest({ ...(params ?? {}), url });
      return env.realm.record({
        url,
        method: prepared.wire.method.toLowerCase(),
        headers: env.realm.record(prepared.wire.headers),
        payload: prepared.payloadText ?? '',
        contentType: params?.contentType ?? prepared.wire.headers['Content-Type'] ?? null,
        followRedirects: prepared.wire.followRedirects,
        muteHttpExceptions: prepared.muteHttpExceptions,
        validateHttpsCertificates: params?.validateHttpsCertificates !== false,
        useIntranet: false,
      });
    },
  });
}
