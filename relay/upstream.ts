/**
 * Calls to WeChat from the relay's own address: POST to the account type's hosts in failover order, the answer read
 * up to a size limit and returned as it came. Keep-alive connections, enough of them that calls do not queue behind
 * a slow WeChat (and those that do wait for a socket without their timeout running).
 *
 * WeChat counts a call against the account's daily quota when it receives it, so a call is never sent twice: the
 * next host is tried only when the attempt certainly never reached WeChat (no connection could be made: refused,
 * DNS, unreachable, TLS handshake, or the timeout ran out while still connecting). Once connected, a failure or a
 * timeout is the answer (502/504), and the caller decides whether to try again.
 */
import { type ClientRequest, Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { AccountType, UpstreamBase, UpstreamSettings } from './config';

export type UpstreamFailure = 'timeout' | 'unreachable' | 'too_large';

export type UpstreamOutcome =
  | { kind: 'answer'; status: number; contentType: string; body: Buffer; host: string }
  | {
      kind: 'failure';
      failure: UpstreamFailure;
      host: string;
      /** True when the request may have reached WeChat (so it must not be sent again). */
      sent: boolean;
    };

export interface Upstream {
  post(type: AccountType, pathAndQuery: string, body: Buffer): Promise<UpstreamOutcome>;
  close(): void;
}

/** How long a host that could not be reached is tried after the others. */
const DOWN_MS = 30_000;
/** Idle keep-alive connections are closed before WeChat would close them (Node also honours a Keep-Alive hint). */
const IDLE_SOCKET_MS = 4_000;
const USER_AGENT = 'wechat-analytics-relay/2';

export class WeChatUpstream implements Upstream {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly downUntil = new Map<string, number>();

  constructor(
    private readonly settings: UpstreamSettings,
    private readonly now: () => number = Date.now,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: settings.maxSockets, timeout: IDLE_SOCKET_MS };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
  }

  async post(type: AccountType, pathAndQuery: string, body: Buffer): Promise<UpstreamOutcome> {
    let last: UpstreamOutcome | undefined;
    for (const base of this.inTryOrder(this.settings.hosts[type])) {
      const outcome = await this.send(base, pathAndQuery, body);
      if (outcome.kind === 'answer') {
        this.downUntil.delete(base.url);
        return outcome;
      }
      if (outcome.sent) return outcome;
      this.downUntil.set(base.url, this.now() + DOWN_MS);
      last = outcome;
    }
    return last ?? { kind: 'failure', failure: 'unreachable', host: '', sent: false };
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

  private send(base: UpstreamBase, pathAndQuery: string, payload: Buffer): Promise<UpstreamOutcome> {
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
      /** Set once a connection to WeChat exists: from then on the request may have been received. */
      let connected = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: UpstreamOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const fail = (failure: UpstreamFailure): UpstreamOutcome => ({ kind: 'failure', failure, host, sent: connected });
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
      // The attempt's time starts when it has a socket, not while it waits in the agent's queue for one.
      req.once('socket', (socket: Socket) => {
        timer = setTimeout(() => {
          finish(fail('timeout'));
          req.destroy();
        }, this.settings.timeoutMs);
        // A fresh socket is still connecting here (connecting is asynchronous); a reused one is connected.
        if (req.reusedSocket) connected = true;
        else {
          socket.once(https ? 'secureConnect' : 'connect', () => {
            connected = true;
          });
        }
      });
      req.on('error', () => finish(fail('unreachable')));
      req.end(payload);
    });
  }
}
