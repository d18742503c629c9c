/**
 * One JSON line per request (method, path without its query, App ID, key name, status, WeChat's errcode,
 * duration), with `severity` and `message` so Cloud Logging and journald both read it well. The query string
 * (the access token) is never logged, and every configured secret and key is masked from each line in case a
 * caller put one where a path or App ID goes.
 */

export interface RequestRecord {
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
  private readonly secrets: string[];

  constructor(
    private readonly write: LineWriter,
    secrets: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = secrets.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  }

  request(record: RequestRecord): void {
    const path = clip(record.path.split('?')[0] ?? '');
    const ms = Math.round(record.durationMs * 10) / 10;
    const parts = [record.method, path, String(record.status)];
    if (record.errcode !== undefined) parts.push(`errcode=${record.errcode}`);
    if (record.appId) parts.push(`appid=${clip(record.appId)}`);
    if (record.key) parts.push(`key=${record.key}`);
    parts.push(`${ms}ms`);
    this.emit(record.status >= 500 ? 'ERROR' : record.status >= 400 ? 'WARNING' : 'INFO', parts.join(' '), {
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
    for (const [name, value] of Object.entries(fields))
      masked[name] = typeof value === 'string' ? this.mask(value) : value;
    this.write(
      JSON.stringify({ severity, time: new Date(this.now()).toISOString(), message: this.mask(message), ...masked }),
    );
  }

  private mask(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join('[redacted]');
    }
    return result;
  }
}
