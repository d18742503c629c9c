/**
 * A run longer than one server call: runDataSet fetches for a minute (on the emulation's clock, where each
 * UrlFetch call here takes 25 s) and answers with its progress; the sidebar calls again until it is done.
 */
import { DEMO_ACCOUNT } from '../../dev/playground/demo';
import {
  gridRows,
  type Harness,
  openFromMenu,
  openSession,
  type Session,
  servedItems,
  sidebarFrame,
  startHarness,
} from './harness';

jest.setTimeout(120_000);

let harness: Harness;
let session: Session;

beforeAll(async () => {
  harness = await startHarness({ fetchLatencyMs: 25_000 });
  session = await openSession(harness);
});

afterAll(async () => {
  await session?.close();
  await harness?.close();
});

it('continues a long run chunk by chunk, showing the windows fetched, until every row is in the sheet', async () => {
  const { page, sidebar } = session;
  await openFromMenu(session, 'New DataSet');
  await sidebar.locator('#ds-report').selectOption('article_summary');
  await sidebar.locator('#ds-duration-preset').check();
  await sidebar.locator('#ds-preset').selectOption('lastMonth');
  await sidebar.locator('#ds-preview:has-text("2026-10-01 → 2026-10-31 (Beijing), 31 days, 31 API calls")').waitFor();
  await sidebar.locator('#ds-name').fill('Articles last month');

  // Every progress line the sidebar shows, however briefly.
  await sidebarFrame(page).evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const line = document.querySelector('#ds-run .run-progress')?.textContent;
      if (line && !seen.includes(line)) seen.push(line);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await sidebar.locator('#ds-save-run').click();
  await sidebar.locator('#ds-run[data-status="success"]').waitFor({ timeout: 60_000 });

  const seen = await sidebarFrame(page).evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatch(/^Fetched 20 of 31 windows, \d+ rows so far$/);
  const served = await servedItems(harness, DEMO_ACCOUNT.appid, 'getarticlesummary');
  const rows = await gridRows(page, 'Articles last month');
  expect(rows.length - 1).toBe(served.length);
  await expect(sidebar.locator('#ds-run').textContent()).resolves.toContain(`${served.length} rows from 31 API calls`);
});
