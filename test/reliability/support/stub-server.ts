/**
 * A scripted stand-in for WeChat, for the few answers the simulator cannot give (61500, an unknown errcode,
 * numbers beyond what its synthetic data holds): every token call gets a token, every datacube call gets the
 * answer set for its endpoint. Runs in a child process (see stub-process.ts). Control: POST /__stub/answers
 * `{ [endpoint]: { status?, body } }`, GET /__stub/log.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAnswer {
  status?: number;
  body: string;
}

export interface StubLogEntry {
  path: string;
  query: Record<string, string>;
  body: string;
}

export const STUB_TOKEN_PREFIX = 'stub_token_';

const answers = new Map<string, StubAnswer>();
const log: StubLogEntry[] = [];
let issued = 0;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stub.invalid');
  const body = await readBody(req);
  if (url.pathname === '/__stub/answers' && req.method === 'POST') {
    for (const [endpoint, answer] of Object.entries(JSON.parse(body) as Record<string, StubAnswer>)) {
      answers.set(endpoint, answer);
    }
    send(res, 200, '{"ok":true}');
    return;
  }
  if (url.pathname === '/__stub/log') {
    send(res, 200, JSON.stringify({ entries: log }));
    return;
  }
  log.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), body });
  if (url.pathname === '/cgi-bin/stable_token') {
    issued += 1;
    send(
      res,
      200,
      JSON.stringify({ access_token: `${STUB_TOKEN_PREFIX}${issued}_${'t'.repeat(100)}`, expires_in: 7200 }),
    );
    return;
  }
  const endpoint = url.pathname.replace(/^\/datacube\//, '');
  const answer = answers.get(endpoint);
  if (!answer) {
    send(res, 200, '{"list":[]}');
    return;
  }
  send(res, answer.status ?? 200, answer.body);
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, '{}'));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`STUB_LISTENING ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
