/**
 * The language switch under a slow server that runs calls out of order (as Apps Script may): quick clicks show each
 * choice at once, and the language the user chose last is the one the server keeps, whatever order the saves
 * answer in.
 */
import type { Request } from 'playwright-core';
import { openFromMenu, openSession, type Session, sidebarFrame, usePlayground, waitForSidebar } from './harness';

jest.setTimeout(120_000);

/** Every answer comes this late. */
const SERVER_LATENCY_MS = 300;
/**
 * Each language save waits less on its way in than the one before it: saves sent together run newest first, so
 * the oldest choice would be stored last.
 */
const FIRST_SAVE_DELAY_MS = 3_000;
const SAVE_DELAY_STEP_MS = 600;

let savesSent = 0;

const fixture = usePlayground({
  serverLatencyMs: SERVER_LATENCY_MS,
  serverRunDelayMs: (fn) => {
    if (fn !== 'setSidebarLanguage') return 0;
    savesSent += 1;
    return Math.max(0, FIRST_SAVE_DELAY_MS - (savesSent - 1) * SAVE_DELAY_STEP_MS);
  },
});

interface CallsInFlight {
  /** google.script.run calls sent by the session's pages and not answered yet. */
  now(): number;
  /** The most language saves that were ever on their way at once. */
  mostSavesAtOnce(): number;
}

function watchCalls(target: Session): CallsInFlight {
  const open = new Set<Request>();
  let mostSavesAtOnce = 0;
  const isRun = (request: Request) => request.method() === 'POST' && request.url().endsWith('/api/run');
  const isSave = (request: Request) => (request.postDataJSON() as { fn?: string }).fn === 'setSidebarLanguage';
  target.context.on('request', (request) => {
    if (!isRun(request)) return;
    open.add(request);
    const saves = [...open].filter(isSave).length;
    mostSavesAtOnce = Math.max(mostSavesAtOnce, saves);
  });
  const done = (request: Request) => open.delete(request);
  target.context.on('requestfinished', done);
  target.context.on('requestfailed', done);
  return { now: () => open.size, mostSavesAtOnce: () => mostSavesAtOnce };
}

async function shownLanguage(target: Session): Promise<{ lang: string; pressed: string | null; title: string }> {
  const { sidebar, page } = target;
  return {
    lang: await sidebarFrame(page).evaluate(() => document.documentElement.lang),
    pressed: await sidebar.locator('.lang-switch [aria-pressed="true"]').getAttribute('id'),
    title: (await sidebar.locator('h1').textContent()) ?? '',
  };
}

const ENGLISH = { lang: 'en', pressed: 'lang-en', title: 'New DataSet' };
const CHINESE = { lang: 'zh-CN', pressed: 'lang-zh', title: '新建数据集' };

it('keeps the last of quick language clicks, on screen and for the next sidebar, however the saves answer', async () => {
  const { session } = fixture;
  const calls = watchCalls(session);
  const { page, sidebar } = session;
  await waitForSidebar(page, 1);
  await expect(shownLanguage(session)).resolves.toEqual(ENGLISH);

  // Each click shows its language at once, long before any save answers. (The first click picks the language
  // already shown: the oldest choice differs from the last one, and the last one differs from the start.)
  const clicks = ['en', 'zh', 'en', 'zh'] as const;
  for (const language of clicks) {
    await sidebar.locator(`#lang-${language}`).click();
    await expect(shownLanguage(session)).resolves.toEqual(language === 'zh' ? CHINESE : ENGLISH);
  }

  // Once every save has answered (and none is waiting to be sent), the screen still shows the last choice.
  const deadline = Date.now() + 60_000;
  while (calls.now() > 0 || (await sidebar.locator('.lang-switch[aria-busy="true"]').count()) > 0) {
    if (Date.now() > deadline) throw new Error('the language saves never finished');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await expect(shownLanguage(session)).resolves.toEqual(CHINESE);

  // A fresh page, with the sidebar opened again: the server kept the last choice.
  const reopened = await openSession(fixture.harness);
  try {
    await openFromMenu(reopened, 'New DataSet');
    await expect(shownLanguage(reopened)).resolves.toEqual(CHINESE);
    expect(reopened.errors).toEqual([]);
  } finally {
    await reopened.close();
  }
  // One save at a time: a click while a save is on its way is only remembered.
  expect(calls.mostSavesAtOnce()).toBe(1);
});
