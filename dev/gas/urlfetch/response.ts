import type { Env } from '../env';
import { createBlob } from '../utilities/blob';
import { decodeText, toSignedBytes } from '../utilities/bytes';
import type { WireResult } from './wire';

/** HTTPResponse over a finished wire result. */

function charsetOf(headers: Array<[string, string]>): string | undefined {
  const type = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return type ? /charset=([^;\s]+)/i.exec(type)?.[1]?.replace(/"/g, '') : undefined;
}

export function createHttpResponse(env: Env, result: WireResult) {
  const headers = result.headers ?? [];
  const body = result.body ?? new Uint8Array();
  const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
  return env.wrap('HTTPResponse', {
    getResponseCode: () => result.status ?? 0,
    getContentText: (charset?: string) => decodeText(body, charset ?? charsetOf(headers) ?? 'utf-8'),
    getContent: () => env.realm.array(toSignedBytes(body)),
    getHeaders() {
      const out: Record<string, string> = {};
      for (const [name, value] of headers) out[name] = value;
      return env.realm.record(out);
    },
    getAllHeaders() {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of headers) {
        const existing = out[name];
        if (existing === undefined) out[name] = value;
        else out[name] = env.realm.array([...(Array.isArray(existing) ? existing : [existing]), value]);
      }
      return env.realm.record(out);
    },
    getBlob: () => createBlob(env, body, contentType, null),
    getAs: (type: string) => createBlob(env, body, String(type), null),
  });
}
