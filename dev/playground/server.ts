/**
 * The playground (`npm start`): the built add-on (dist/) in the Apps Script emulation, talking to the WeChat
 * simulator, behind a local page with a spreadsheet view and the real sidebar in a 300 px panel.
 *
 *   node .build/dev/playground.js [--port 8080] [--host 127.0.0.1] [--latency 1000]
 *
 * --latency MS answers every google.script.run call MS later, as a real Apps Script round trip (0.5–1.5 s) would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type SimulatorProcess, spawnSimulator } from '../simulator/process';
import { AddonHost } from './addon-host';
import { CHART_LIBRARY, chartLibrary } from './charts';
import { DEMO_ACCOUNT, DEMO_ACCOUNT_NAME, WHITELISTED_ACCOUNT } from './demo';
import { LOCAL_ADDON_STYLESHEET, playgroundHtml, sidebarPage } from './page';

export interface PlaygroundOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  host?: string;
  /** Freeze the add-on's and the simulator's clocks at this instant (tests); default: real time. */
  nowMs?: number;
  /** Open the New DataSet sidebar at startup, as a newcomer would after clicking the menu. Default true. */
  openSidebar?: boolean;
  /** Repository root (where dist/ and .build/ are). */
  root?: string;
  /** Keep every response body sent to the browser (tests check that no secret ever left the server). */
  recordResponses?: boolean;
  /** With nowMs: the time each UrlFetch call takes on the fixed clock (long runs in tests). */
  fetchLatencyMs?: number;
  /** Every google.script.run call answers this much later (a real Apps Script round trip is 0.5–1.5 s). */
  serverLatencyMs?: number;
  /**
   * How long each google.script.run call waits on its way in before it runs (tests): real calls travel and queue
   * for different times, so Apps Script may run them in another order than the sidebar sent them. Default: at once.
   */
  serverRunDelayMs?: (fn: string, args: readonly unknown[]) => number;
  /** More hosts served from local origins, e.g. a relay: { 'demo.relay.test': 'http://127.0.0.1:PORT' }. */
  extraHosts?: Record<string, string>;
}

export interface Playground {
  url: string;
  host: AddonHost;
  simulator: SimulatorProcess;
  /** Response bodies sent so far (only with recordResponses). */
  responses: readonly string[];
  /** Moves the fixed clocks of the add-on and the simulator forward (fixed-clock playgrounds only). */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** dev/playground/server.ts and .build/dev/playground.js both sit two levels below the root. */
const DEFAULT_ROOT = resolve(__dirname, '..', '..');
const MAX_BODY_BYTES = 1_000_000;
/** On real time, due time-driven triggers (the hourly schedule) fire as Apps Script would fire them. */
const TRIGGER_POLL_MS = 60_000;

const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function readBuilt(root: string, file: string): string {
  const path = join(root, file);
  if (!existsSync(path)) throw new Error(`${file} is missing: run \`npm run build\` first (npm start does).`);
  return readFileSync(path, 'utf8');
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const value: unknown = text === '' ? {} : JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected a JSON object');
  return value as Record<string, unknown>;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const root = options.root ?? DEFAULT_ROOT;
  const code = readBuilt(root, 'dist/Code.js');
  const sidebarHtml = readBuilt(root, 'dist/sidebar.html');
  const entryPoints = JSON.parse(readBuilt(root, 'dist/entrypoints.json')) as string[];
  const manifest = JSON.parse(readBuilt(root, 'dist/appsscript.json')) as { urlFetchWhitelist?: string[] };
  const simulatorScript = join(root, '.build/dev/simulator.js');
  readBuilt(root, '.build/dev/simulator.js');

  const simulator = await spawnSimulator(simulatorScript, {
    accounts: [DEMO_ACCOUNT, WHITELISTED_ACCOUNT],
    ...(options.nowMs === undefined ? {} : { clock: { nowMs: options.nowMs } }),
  });
  let host: AddonHost;
  try {
    host = new AddonHost({
      code,
      sidebarHtml,
      entryPoints,
      manifest,
      wechatOrigin: simulator.origin,
      workerPath: join(root, '.build/dev/urlfetch-worker.js'),
      ...(options.nowMs === undefined ? {} : { nowMs: options.nowMs }),
      ...(options.fetchLatencyMs === undefined ? {} : { fetchLatencyMs: options.fetchLatencyMs }),
      ...(options.extraHosts ? { extraHosts: options.extraHosts } : {}),
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  prepare(host, options.openSidebar ?? true);

  let sidebarOpen = host.sidebars().count > 0;
  const info = {
    simulator: simulator.origin,
    demoAppId: DEMO_ACCOUNT.appid,
    clock: options.nowMs === undefined ? 'real time' : `fixed at ${new Date(options.nowMs).toISOString()}`,
  };

  const responses: string[] = [];
  function send(res: ServerResponse, status: number, type: string, body: string): void {
    if (options.recordResponses) responses.push(body);
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  }
  function sendJson(res: ServerResponse, value: unknown, status = 200): void {
    send(res, status, 'application/json', JSON.stringify(value));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground');
    const key = `${req.method} ${url.pathname}`;
    if (key === 'GET /') return send(res, 200, 'text/html', playgroundHtml());
    if (key === 'GET /api/state') {
      const sidebars = host.sidebars();
      return sendJson(res, {
        spreadsheet: host.spreadsheet(),
        menus: host.menus(),
        sidebar: { count: sidebars.count, title: sidebars.last?.title ?? '', open: sidebarOpen },
        info,
      });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/sidebar/')) {
      const last = host.sidebars().last;
      if (!last) return send(res, 404, 'text/plain', 'No sidebar was shown yet: use the WeChat menu.');
      return send(res, 200, 'text/html', sidebarPage(last.html));
    }
    if (key === 'GET /favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (key === `GET ${CHART_LIBRARY}`) return send(res, 200, 'text/javascript', chartLibrary(root));
    if (key === `GET ${LOCAL_ADDON_STYLESHEET}`) {
      return send(
        res,
        200,
        'text/css',
        '/* add-ons1.css is not reachable offline; the sidebar carries its own look. */',
      );
    }
    if (key === 'POST /api/run') {
      const body = await readJson(req);
      const args = Array.isArray(body.args) ? body.args : [];
      const runDelayMs = options.serverRunDelayMs?.(String(body.fn), args) ?? 0;
      if (runDelayMs > 0) await delay(runDelayMs);
      const reply = host.call(String(body.fn), args);
      if (options.serverLatencyMs) await delay(options.serverLatencyMs);
      return sendJson(res, reply);
    }
    if (key === 'POST /api/menu') {
      const body = await readJson(req);
      const before = host.sidebars().count;
      const reply = host.call(String(body.functionName), []);
      if (host.sidebars().count > before) sidebarOpen = true;
      return sendJson(res, reply);
    }
    if (key === 'POST /api/activate') {
      const body = await readJson(req);
      host.activateSheet(String(body.name));
      return sendJson(res, { ok: true });
    }
    if (key === 'POST /api/sidebar/close') {
      sidebarOpen = false;
      return sendJson(res, { ok: true });
    }
    return send(res, 404, 'text/plain', 'Not found');
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, { ok: false, error: error instanceof Error ? error.message : String(error) }, 400);
    });
  });
  let address: AddressInfo;
  try {
    address = await new Promise<AddressInfo>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () =>
        resolveListen(server.address() as AddressInfo),
      );
    });
  } catch (error) {
    host.dispose();
    await simulator.close();
    throw error;
  }
  const triggerTimer =
    options.nowMs === undefined ? setInterval(() => host.fireTimeTriggers(), TRIGGER_POLL_MS) : undefined;
  triggerTimer?.unref();
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}/`,
    host,
    simulator,
    responses,
    async advanceClock(ms) {
      host.advanceClock(ms);
      await simulator.control('POST', 'clock', { advanceMs: ms });
    },
    async close() {
      if (triggerTimer) clearInterval(triggerTimer);
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      host.dispose();
      await simulator.close();
    },
  };
}

/** The state a newcomer finds: the WeChat menu (onOpen), the demo account saved, the sidebar open. */
function prepare(host: AddonHost, openSidebar: boolean): void {
  const opened = host.call('onOpen', [{ authMode: 'LIMITED' }]);
  if (!opened.ok) throw new Error(`onOpen failed: ${opened.error}`);
  const saved = host.call('saveAccount', [
    {
      name: DEMO_ACCOUNT_NAME,
      appId: DEMO_ACCOUNT.appid,
      type: 'china',
      connection: 'direct',
      secret: DEMO_ACCOUNT.secret,
    },
  ]);
  if (!saved.ok || (saved.value as { ok?: boolean }).ok !== true) {
    throw new Error(`could not save the demo account: ${JSON.stringify(saved)}`);
  }
  if (openSidebar) {
    const shown = host.call('showNewDataSet', []);
    if (!shown.ok) throw new Error(`showNewDataSet failed: ${shown.error}`);
  }
}

function parseArgs(argv: readonly string[]): { port: number; host: string; serverLatencyMs?: number } {
  const args: { port: number; host: string; serverLatencyMs?: number } = {
    port: Number(process.env.PORT ?? 8080),
    host: '127.0.0.1',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--port' && value !== undefined) args.port = Number(value);
    else if (flag === '--host' && value !== undefined) args.host = value;
    else if (flag === '--latency' && value !== undefined && /^\d+$/.test(value)) args.serverLatencyMs = Number(value);
    else throw new Error(`unknown argument ${flag} (use --port N, --host H, --latency MS)`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let playground: Playground;
  try {
    playground = await startPlayground(args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${args.port} is taken; using a free one.`);
    playground = await startPlayground({ ...args, port: 0 });
  }
  console.log(`WeChat Analytics playground: ${playground.url}`);
  console.log(
    `  WeChat simulator at ${playground.simulator.origin}; demo account "${DEMO_ACCOUNT_NAME}" (${DEMO_ACCOUNT.appid}) is saved.`,
  );
  console.log('  Ctrl+C stops it.');
  const stop = () => {
    playground.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`playground: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
