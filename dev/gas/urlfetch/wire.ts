/** Messages between the main thread and the UrlFetch worker. */

export interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  followRedirects: boolean;
}

export interface WireJob {
  id: number;
  requests: WireRequest[];
  concurrency: number;
  timeoutMs: number;
  /** hostname (or host:port) → origin it is served from, e.g. 'api.weixin.qq.com' → 'http://127.0.0.1:8123' */
  hosts: Record<string, string>;
  unreachableHosts: string[];
  /** Source address for sockets; undefined = 127.0.0.1 for loopback targets, OS default otherwise. */
  localAddress?: string;
}

export type WireFailure = 'dns' | 'unavailable' | 'timeout';

export interface WireResult {
  status?: number;
  /** Raw header pairs in the server's casing. */
  headers?: Array<[string, string]>;
  body?: Uint8Array;
  failure?: WireFailure;
  detail?: string;
  durationMs: number;
  /** Headers as sent on the final hop (after any Host rewrite). */
  sentHeaders: Record<string, string>;
}

export interface WireReply {
  id: number;
  results: WireResult[];
}
