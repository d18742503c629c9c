/**
 * Browser tests against the playground: Debian's Chromium driven by playwright-core, one playground (the
 * emulation + the simulator, clocks fixed) per test file, one fresh browser context per test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { type Playground, type PlaygroundOptions, startPlayground } from '../../dev/playground/server';

export const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
/** Saturday 2026-11-28, 12:00 in Beijing: yesterday (2026-11-27) is complete. */
export const NOW_MS = Date.UTC(2026, 10, 28, 4, 0, 0);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  playground: Playground;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(options: PlaygroundOptions = {}): Promise<Harness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const playground = await startPlayground({ port: 0, nowMs: NOW_MS, recordResponses: true, ...options });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    await playground.close();
    throw error;
  }
  return {
    playground,
    browser,
    async close() {
      await browser.close();
      await playground.close();
    },
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** The sidebar document (re-resolved after every menu click). */
  sidebar: FrameLocator;
  /** Uncaught errors in the page or the sidebar. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh browser context on the playground, with the sidebar as it was last opened. */
export async function openSession(harness: Harness): Promise<Session> {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 960 } });
  // gstatic is unreachable here; the sidebar must not wait on it.
  await context.route('https://ssl.gstatic.com/**', (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(harness.playground.url);
  return {
    context,
    page,
    sidebar: page.frameLocator('#sidebar-frame'),
    errors,
    close: () => context.close(),
  };
}

async function shownSidebars(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const state = (await (await fetch('/api/state')).json()) as { sidebar: { count: number } };
    return state.sidebar.count;
  });
}

/** Clicks WeChat › <item> in the playground's menu bar and waits until the new sidebar has loaded. */
export async function openFromMenu(session: Session, item: string): Promise<void> {
  const { page } = session;
  const before = await shownSidebars(page);
  await page.getByRole('button', { name: 'WeChat', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  await waitForSidebar(page, before + 1);
}

/** Waits until the iframe shows sidebar number `count` and its first screen is drawn. */
export async function waitForSidebar(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const frame = document.getElementById('sidebar-frame') as HTMLIFrameElement | null;
      const doc = frame?.contentDocument;
      return doc?.location.pathname === `/sidebar/${expected}` && doc.getElementById('app')?.dataset.ready === 'true';
    },
    count,
    { timeout: 20_000 },
  );
}

export function sidebarFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => /\/sidebar\/\d+$/.test(candidate.url()));
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The grid of the active sheet as shown (display values), header row first, empty trailing rows dropped. */
export async function gridRows(page: Page, sheetName: string): Promise<string[][]> {
  await page.waitForFunction((name) => document.getElementById('grid')?.dataset.sheet === name, sheetName);
  const rows = await page.$$eval('#grid tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
  );
  const filled = rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end -= 1;
    return row.slice(0, end);
  });
  while (filled.length > 0 && filled[filled.length - 1]!.length === 0) filled.pop();
  return filled;
}

/** Items the simulator served for an account and endpoint, in serving order. */
export async function servedItems(
  harness: Harness,
  appid: string,
  endpoint: string,
): Promise<Record<string, unknown>[]> {
  const query = `served?appid=${encodeURIComponent(appid)}&endpoint=${endpoint}`;
  const reply = await harness.playground.simulator.control<{ items: Record<string, unknown>[] }>('GET', query);
  return reply.items;
}
