/**
 * "Refresh all now" in a real browser: it runs on the server, so it goes on when the sidebar is closed before
 * the answer comes; the summary, shown again when the sidebar opens later, names each failure with why, and its
 * link opens that DataSet (its card, with the run history) — in English and in 中文.
 */
import type { Request } from 'playwright-core';
import { WHITELISTED_ACCOUNT } from '../../dev/playground/demo';
import type {
  AccountView,
  DataSetInput,
  RefreshAllView,
  RunRecord,
  SaveAccountResult,
  SaveDataSetResult,
} from '../../src/ui/contract';
import { chooseLanguage, expectText, openFromMenu, openSession, screenshot, usePlayground } from './harness';

jest.setTimeout(180_000);

// Every server call answers 1.5 s after it ran, as a real Apps Script round trip does: time to close the sidebar.
const fixture = usePlayground({ serverLatencyMs: 1500 });
let demoAccount: string;
let closedAccount: string;
const ids: string[] = [];
let failing: string;

function hostCall<T>(fn: string, ...args: unknown[]): T {
  const reply = fixture.harness.playground.host.call(fn, args);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

function saveDataSet(input: Omit<DataSetInput, 'dates' | 'updateMethod'>): string {
  const saved = hostCall<SaveDataSetResult>('saveDataSet', {
    dates: { mode: 'preset', preset: 'last7' },
    updateMethod: 'replace',
    ...input,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  return saved.dataSet.id;
}

beforeAll(() => {
  demoAccount = hostCall<AccountView[]>('listAccounts')[0]!.id;
  // An account whose IP whitelist does not admit Apps Script: its DataSet fails.
  const saved = hostCall<SaveAccountResult>('saveAccount', {
    name: 'Closed account',
    appId: WHITELISTED_ACCOUNT.appid,
    type: 'china',
    connection: 'direct',
    secret: WHITELISTED_ACCOUNT.secret,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  closedAccount = saved.account.id;
  for (const [name, reportId] of [
    ['Followers', 'user_summary'],
    ['Messages', 'upstream_msg'],
    ['Shares', 'user_share'],
  ] as const)
    ids.push(saveDataSet({ name, accountId: demoAccount, reportId }));
  failing = saveDataSet({ name: 'Closed followers', accountId: closedAccount, reportId: 'user_summary' });
});

/** The request the server keeps, read the way a later sidebar reads it (null until startRefreshAll has run). */
const serverView = () => hostCall<RefreshAllView | null>('getRefreshAll');

it('goes on after the sidebar closes: every DataSet runs, and the sidebar opened later shows the summary', async () => {
  const { session } = fixture;
  const serverCalls: string[] = [];
  session.context.on('request', (request: Request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/api/run')) return;
    const fn = (request.postDataJSON() as { fn?: string } | null)?.fn;
    if (fn) serverCalls.push(fn);
  });
  await openFromMenu(session, 'Manage DataSets');
  await session.sidebar.locator('#refresh-all').click();
  // The sidebar shows that it runs on the server, before any answer.
  await expectText(
    session.sidebar.locator('#refresh-all-status .secondary'),
    'This runs on Google’s servers: it goes on if you close the sidebar.',
  );
  // Close the sidebar as soon as the server has the request, before its answer arrives.
  const deadline = Date.now() + 60_000;
  while (serverView() === null) {
    if (Date.now() > deadline) throw new Error(`startRefreshAll never reached the server (calls: ${serverCalls})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(serverCalls.filter((fn) => fn === 'startRefreshAll')).toEqual(['startRefreshAll']);
  expect(serverCalls).not.toContain('runDataSet');
  expect(session.errors).toEqual([]);
  await session.close();

  const view = serverView()!;
  expect(view).toEqual(expect.objectContaining({ total: 4, done: 4, succeeded: 3, finished: true }));
  for (const id of [...ids, failing]) {
    const history = hostCall<RunRecord[]>('getRunHistory', id);
    expect(history[0]?.trigger).toBe('manual');
  }

  const later = await openSession(fixture.harness);
  try {
    await openFromMenu(later, 'Manage DataSets');
    const status = later.sidebar.locator('#refresh-all-status');
    await expectText(status.locator('div').first(), 'Refreshed 4 DataSets: 3 succeeded, 1 failed.');
    await expect(later.sidebar.locator('#refresh-all-failures li').count()).resolves.toBe(1);
    expect(later.errors).toEqual([]);
  } finally {
    await later.close();
  }
});

it('names each failure with why, and its link opens that DataSet with its run history', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Manage DataSets');
  const link = sidebar.locator(`#refresh-all-failure-${failing}`);
  await expectText(link, 'Closed followers');
  const reason = (await sidebar.locator('#refresh-all-failures li .secondary').textContent()) ?? '';
  expect(reason).toMatch(/IP whitelist/);
  await screenshot(page, 'refresh-all-summary-en');

  await link.click();
  const history = sidebar.locator(`#dataset-${failing}-history-list`);
  await history.waitFor({ timeout: 15_000 });
  await expect(history.locator('li.failed').count()).resolves.toBeGreaterThan(0);
  const inView = await sidebar.locator(`#dataset-${failing}`).evaluate((card) => {
    const box = card.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  });
  expect(inView).toBe(true);
  await expect(
    sidebar.locator(`#dataset-${failing}-history`).evaluate((button) => document.activeElement === button),
  ).resolves.toBe(true);

  // In 中文: the summary and the reason are Chinese.
  await chooseLanguage(sidebar, 'zh');
  await expectText(sidebar.locator('#refresh-all-status > div').first(), '已刷新 4 个数据集：3 个成功，1 个失败。');
  const reasonZh = (await sidebar.locator('#refresh-all-failures li .secondary').textContent()) ?? '';
  expect(reasonZh).toMatch(/白名单/);
  await screenshot(page, 'refresh-all-summary-zh');
  await sidebar.locator('#lang-en').click();
  await expectText(
    sidebar.locator('#refresh-all-status > div').first(),
    'Refreshed 4 DataSets: 3 succeeded, 1 failed.',
  );

  // Dismissed, the summary goes.
  await sidebar.locator('#refresh-all-dismiss').click();
  await expect(sidebar.locator('#refresh-all-status').count()).resolves.toBe(0);
});
