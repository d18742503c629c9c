/**
 * Calls to WeChat from the relay's own address: POST to the account type's hosts in failover order (a host that
 * timed out or refused the connection is tried last for a while), each attempt bounded by a timeout, the answer
 * read up to a size limit and returned as it came. Keep-alive connections; a request that fails because WeChat
 * closed an idle connection just as it was reused is sent once more on a new one.
 */
import { type ClientRequest, Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AccountType, UpstreamBase, UpstreamSettings } from './config';

export type UpstreamFailure = 'timeout' | 'unreachable' | 'too_large';

export type UpstreamOutcome =
  | { kind: 'answer'; status: number; contentType: string; body: Buffer; host: string }
  | { kind: 'failure'; failure: UpstreamFailure; host: string };

export interface Upstream {
  post(type: AccountType, pathAndQuery: string, body: Buffer): Promise<UpstreamOutcome>;
  close(): void;
}

/** How long a host that failed is tried after the others. */
const DOWN_MS = 30_000;
const MAX_SOCKETS_PER_HOST = 64;
const USER_AGENT = 'wechat-analytics-relay/1';

export class WeChatUpstream implements Upstream {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST });
  private readonly downUntil = new Map<string, number>();

  constructor(
    private readonly settings: UpstreamSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async post(type: AccountType, pathAndQuery: string, body: Buffer): Promise<UpstreamOutcome> {
    let last: UpstreamOutcome | undefined;
    for (const base of this.inTryOrder(this.settings.hosts[type])) {
      const outcome = await this.attempt(base, pathAndQuery, body);
      if (outcome.kind === 'answer' || outcome.failure === 'too_large') {
        this.downUntil.delete(base.url);
        return outcome;
      }
      this.downUntil.set(base.url, this.now() + DOWN_MS);
      // Report a timeout rather than "unreachable" when any host was slow: it is the more useful hint.
      if (last?.kind !== 'failure' || last.failure !== 'timeout') last = outcome;
    }
    return last ?? { kind: 'failure', failure: 'unreachable', host: '' };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private inTryOrder(bases: readonly UpstreamBase[]): UpstreamBase[] {
    const now = this.now();
    const isDown = (base: UpstreamBase): boolean => (this.downUntil.get(base.url) ?? 0) > now;
    return [...bases.filter((base) => !isDown(base)), ...bases.filter(isDown)];
  }

  private async attempt(base: UpstreamBase, pathAndQuery: string, body: Buffer): Promise<UpstreamOutcome> {
    const first = await this.send(base, pathAndQuery, body);
    return first.staleSocket ? (await this.send(base, pathAndQuery, body)).outcome : first.outcome;
  }

  private send(
    base: UpstreamBase,
    pathAndQuery: string,
    payload: Buffer,
  ): Promise<{ outcome: UpstreamOutcome; staleSocket: boolean }> {
    // Concatenated, not resolved: a path can never replace the host.
    const url = new URL(`${base.url}${pathAndQuery}`);
    const https = url.protocol === 'https:';
    const options = {
      method: 'POST',
      agent: https ? this.httpsAgent : this.httpAgent,
      headers: {
        Host: base.host,
        'Content-Type': 'application/json',
        'Content-Length': String(payload.length),
        'User-Agent': USER_AGENT,
      },
      ...(this.settings.localAddress ? { localAddress: this.settings.localAddress } : {}),
      ...(https ? { servername: base.host.replace(/:\d+$/, '') } : {}),
    };
    const host = base.host;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: UpstreamOutcome, staleSocket = false): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ outcome, staleSocket });
      };
      const fail = (failure: UpstreamFailure): UpstreamOutcome => ({ kind: 'failure', failure, host });
      const req: ClientRequest = (https ? httpsRequest : httpRequest)(url, options, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.settings.maxResponseBytes) {
            finish(fail('too_large'));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish({
            kind: 'answer',
            status: res.statusCode ?? 502,
            contentType: res.headers['content-type'] ?? 'application/json',
            body: Buffer.concat(chunks),
            host,
          }),
        );
        res.on('error', () => finish(fail('unreachable')));
        res.on('aborted', () => finish(fail('unreachable')));
      });
      const timer = setTimeout(() => {
        finish(fail('timeout'));
        req.destroy();
      }, this.settings.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        finish(fail('unreachable'), stale);
      });
      req.end(payload);
    });
  }
}
