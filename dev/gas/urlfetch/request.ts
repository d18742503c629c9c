import { GasError, isPlainRecord } from '../errors';
import { blobBytes } from '../utilities/blob';
import { decodeText, fromByteArray, isByteArray } from '../utilities/bytes';
import type { WireRequest } from './wire';

/** Turns UrlFetchApp arguments into a wire request, with Apps Script's validation. */

export const MAX_URL_LENGTH = 2082;
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);
// Apps Script does not escape URLs for you: these characters make the URL invalid.
const ILLEGAL_URL_CHARS = /[\s"<>\\^`{|}\u0080-\uffff]/;
export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: emulated)';

export interface PreparedRequest {
  /** As the script gave it; used in error messages and the log. */
  url: string;
  muteHttpExceptions: boolean;
  payloadText?: string;
  wire: WireRequest;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

function encodePayload(payload: unknown): { body: Uint8Array; contentType?: string } {
  if (typeof payload === 'string') return { body: new TextEncoder().encode(payload) };
  if (isByteArray(payload)) return { body: fromByteArray(payload) };
  const blob = typeof payload === 'object' && payload !== null ? blobBytes.get(payload) : undefined;
  if (blob) {
    const type = (payload as { getContentType?: () => string | null }).getContentType?.();
    return { body: blob(), ...(type ? { contentType: type } : {}) };
  }
  if (isPlainRecord(payload)) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(payload)) form.append(key, String(value));
    return { body: new TextEncoder().encode(form.toString()) };
  }
  return { body: new TextEncoder().encode(String(payload)) };
}

export function prepareRequest(input: unknown): PreparedRequest {
  const params: Record<string, unknown> =
    typeof input === 'string' ? { url: input } : isPlainRecord(input) ? input : {};
  const url = params.url;
  if (typeof url !== 'string') throw new GasError('Invalid argument: url');
  if (url.length > MAX_URL_LENGTH) throw new GasError('Limit Exceeded: URLFetch URL Length.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GasError(`Invalid argument: ${url}`);
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || ILLEGAL_URL_CHARS.test(url)) {
    throw new GasError(`Invalid argument: ${url}`);
  }
  const method = String(params.method ?? 'get').toLowerCase();
  if (!METHODS.has(method)) throw new GasError(`Invalid argument: method`);

  const headers: Record<string, string> = {};
  if (isPlainRecord(params.headers)) for (const [k, v] of Object.entries(params.headers)) headers[k] = String(v);
  if (!hasHeader(headers, 'User-Agent')) headers['User-Agent'] = DEFAULT_USER_AGENT;

  const wire: WireRequest = {
    url,
    method: method.toUpperCase(),
    headers,
    followRedirects: params.followRedirects !== false,
  };
  let payloadText: string | undefined;
  if (params.payload !== undefined && params.payload !== null) {
    const { body, contentType } = encodePayload(params.payload);
    wire.body = body;
    payloadText = decodeText(body);
    const type = typeof params.contentType === 'string' ? params.contentType : contentType;
    if (type !== undefined) {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-type') delete headers[key];
      headers['Content-Type'] = type;
    } else if (!hasHeader(headers, 'Content-Type')) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
  }
  return {
    url,
    muteHttpExceptions: params.muteHttpExceptions === true,
    ...(payloadText === undefined ? {} : { payloadText }),
    wire,
  };
}
