/**
 * Browser tests against the playground: Chromium (Debian's, else the one npm installs: ./chromium.ts) driven by
 * playwright-core, one playground (the emulation + the simulator, clocks fixed) per test file, one fresh browser
 * context per test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';
import { type Playground, type PlaygroundOptions, startPlayground } from '../../dev/playground/server';
import type { Language } from '../../src/ui/contract';
import { chooseChromium } from './chromium';

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
    browser = await chromium.launch({ executablePath: chooseChromium(ROOT).executablePath, args: CHROMIUM_ARGS });
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

export interface PlaygroundFixture {
  /** The test file's playground and browser (from its first test on). */
  readonly harness: Harness;
  /** The running test's own browser context on the playground. */
  readonly session: Session;
}

/**
 * The browser-test lifecycle: one playground and browser for the test file (closed after its last test), a fresh
 * session for each test, closed after it once the test has checked that the page raised no uncaught error.
 * Call it at the top of the file; its hooks run before the file's own.
 */
export function usePlayground(options: PlaygroundOptions = {}): PlaygroundFixture {
  let harness: Harness | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    session = await openSession(fixture.harness);
  });
  afterEach(async () => {
    const finished = session;
    session = undefined;
    if (!finished) return;
    try {
      expect(finished.errors).toEqual([]);
    } finally {
      await finished.close();
    }
  });
  const fixture: PlaygroundFixture = {
    get harness() {
      if (!harness) throw new Error('the playground is not started: use the fixture inside a test or a hook');
      return harness;
    },
    get session() {
      if (!session) throw new Error('no session: the fixture opens one for each test (use it inside a test)');
      return session;
    },
  };
  return fixture;
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

/**
 * Clicks the sidebar's language switch and waits until the choice is saved for the user, so that the next sidebar
 * opens in it (the switch is aria-busy while a save is on its way).
 */
export async function chooseLanguage(sidebar: FrameLocator, language: Language): Promise<void> {
  await sidebar.locator(`#lang-${language}`).click();
  await sidebar.locator('.lang-switch:not([aria-busy])').waitFor({ timeout: 30_000 });
}

export function sidebarFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => /\/sidebar\/\d+$/.test(candidate.url()));
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}

/**
 * Waits until the element reads exactly `text`: what a server call fills in (the date preview, a result) is
 * drawn some time after the action that asked for it.
 */
export async function expectText(locator: Locator, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) });
    if (last === text) return;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `${locator} should read ${JSON.stringify(text)} but still reads ${JSON.stringify(last)} after ${timeoutMs} ms`,
  );
}

/**
 * Whether Chromium draws Chinese with real glyphs here: without a CJK font every character is the same empty box,
 * so two different characters come out pixel for pixel the same.
 */
export async function drawsChineseGlyphs(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => {
    const draw = (text: string): string => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const context = canvas.getContext('2d');
      if (!context) return '';
      context.font = `32px ${getComputedStyle(document.body).fontFamily}`;
      context.fillText(text, 4, 36);
      return canvas.toDataURL();
    };
    return draw('数') !== draw('据');
  });
}

/** Warns (once per run of a file) when Chinese would show as boxes in the screenshots. */
export async function warnIfNoChineseFont(page: Page): Promise<void> {
  if (await drawsChineseGlyphs(sidebarFrame(page))) return;
  process.stderr.write(
    'browser tests: no font with Chinese glyphs on this machine, so the Chinese screenshots show boxes. ' +
      'Install one (Debian: apt-get install fonts-wqy-microhei; .ci/run does).\n',
  );
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
