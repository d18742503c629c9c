/** What the request handlers share: the clock, the accounts and tokens, settings, stats, and how replies are built. */
import type { AccountState, TokenRecord } from './accounts';
import type { RequestKind, SimulatorSettings, SimulatorStats } from './types';
import { HTML_CONTENT_TYPE, HTTP_REASONS, htmlPage, JSON_CONTENT_TYPE, MESSAGES, type Reply } from './wire';

export interface SimCore {
  now(): number;
  readonly states: Map<string, AccountState>;
  readonly tokens: Map<string, TokenRecord>;
  stats(): SimulatorStats;
  settings(): SimulatorSettings;
}

/** Builds replies: every answer takes the configured latency (plus the account's slowMs fault). */
export class Replies {
  private ridCounter = 0;

  constructor(private readonly core: SimCore) {}

  rid(): string {
    this.ridCounter += 1;
    const seconds = Math.floor(this.core.now() / 1000);
    const mixed = Math.imul(this.ridCounter, 0x9e3779b1) >>> 0;
    return `${seconds.toString(16).padStart(8, '0')}-${this.ridCounter.toString(16).padStart(8, '0')}-${mixed.toString(16).padStart(8, '0')}`;
  }

  reply(kind: RequestKind, appid: string | null, endpoint: string | null, partial: Partial<Reply>): Reply {
    const state = appid ? this.core.states.get(appid) : undefined;
    const delayMs = this.core.settings().latencyMs + (state?.faults.slowMs ?? 0);
    return {
      status: 200,
      contentType: JSON_CONTENT_TYPE,
      body: '',
      errcode: null,
      kind,
      appid,
      endpoint,
      delayMs,
      hang: false,
      served: null,
      ...partial,
    };
  }

  errorReply(
    kind: RequestKind,
    appid: string | null,
    endpoint: string | null,
    errcode: number,
    errmsg = MESSAGES[errcode] ?? 'error',
  ): Reply {
    const body = JSON.stringify({ errcode, errmsg: `${errmsg} rid: ${this.rid()}` });
    return this.reply(kind, appid, endpoint, { body, errcode });
  }

  httpErrorReply(kind: RequestKind, appid: string | null, endpoint: string | null, status: number): Reply {
    const body = htmlPage(status, HTTP_REASONS[status] ?? 'Error');
    return this.reply(kind, appid, endpoint, { status, body, contentType: HTML_CONTENT_TYPE });
  }
}
