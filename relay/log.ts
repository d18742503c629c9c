/**
 * One JSON line per request (client address, method, path without its query, App ID, key name, status, WeChat's
 * errcode, duration), with `severity` and `message` so Cloud Logging and journald both read it well. The query
 * string is never logged, and every secret, key and token is masked from each line in case a caller put one where
 * a path or App ID goes.
 */
import type { Masker } from './mask';

export interface RequestRecord {
  /** The caller's address (see trustedProxyHops). */
  client: string;
  method: string;
  /** The request path; anything after `?` is dropped here. */
  path: string;
  appId?: string;
  /** The name of the key used (never the key). */
  key?: string;
  status: number;
  errcode?: number;
  durationMs: number;
}

export type LineWriter = (line: string) => void;

const MAX_FIELD = 200;

function clip(text: string): string {
  return text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD)}…` : text;
}

export class RelayLog {
  constructor(
    private readonly write: LineWriter,
    private readonly masker: Masker,
    private readonly now: () => number = Date.now,
  ) {}

  request(record: RequestRecord): void {
    const path = clip(record.path.split('?')[0] ?? '');
    const client = clip(record.client);
    const ms = Math.round(record.durationMs * 10) / 10;
    const parts = [client, record.method, path, String(record.status)];
    if (record.errcode !== undefined) parts.push(`errcode=${record.errcode}`);
    if (record.appId) parts.push(`appid=${clip(record.appId)}`);
    if (record.key) parts.push(`key=${record.key}`);
    parts.push(`${ms}ms`);
    this.emit(record.status >= 500 ? 'ERROR' : record.status >= 400 ? 'WARNING' : 'INFO', parts.join(' '), {
      client,
      method: record.method,
      path,
      appId: record.appId === undefined ? undefined : clip(record.appId),
      key: record.key,
      status: record.status,
      errcode: record.errcode,
      ms,
    });
  }

  info(message: string): void {
    this.emit('INFO', message, {});
  }

  error(message: string): void {
    this.emit('ERROR', message, {});
  }

  private emit(severity: string, message: string, fields: Record<string, string | number | undefined>): void {
    const masked: Record<string, string | number | undefined> = {};
    for (const [name, value] of Object.entries(fields)) {
      masked[name] = typeof value === 'string' ? this.masker.text(value) : value;
    }
    this.write(
      JSON.stringify({
        severity,
        time: new Date(this.now()).toISOString(),
        message: this.masker.text(message),
        ...masked,
      }),
    );
  }
}
