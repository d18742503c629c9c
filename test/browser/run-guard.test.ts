/**
 * Before a run, in a real browser: the WeChat quota meter of Manage DataSets loads by itself (once, not per
 * render), a backfill of more than 500 WeChat calls asks first, and Cancel sends no run; a small run does not ask.
 */
import type { Request } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../dev/playground/demo';
import type { SimulatorStats } from '../../dev/simulator/simulator';
import type { AccountView, DataSetInput, SaveAccountResult, SaveDataSetResult } from '../../src/ui/contract';
import { chooseLanguage, expectText, openFromMenu, screenshot, usePlayground } from './harness';

jest.setTimeout(180_000);

const fixture = usePlayground();
let accountId: string;
let big: string;
let small: string;
/** The server functions the sidebar called in this test, in order. */
let serverCalls: string[];

function saveDataSet(input: Omit<DataSetInput, 'accountId'> & { accountId?: string }): string {
  const reply = fixture.harness.playground.host.call('saveDataSet', [{ accountId, ...input }]);
  if (!reply.ok) throw new Error(reply.error);
  const saved = reply.value as SaveDataSetResult;
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  return saved.dataSet.id;
}

beforeAll(() => {
  const accounts = fixture.harness.playground.host.call('listAccounts', []);
  if (!accounts.ok) throw new Error(accounts.error);
  accountId = (accounts.value as AccountView[])[0]!.id;
  big = saveDataSet({
    name: 'Messages by hour, 600 days',
    reportId: 'upstream_msg_hour',
    dates: { mode: 'range', start: { kind: 'daysBack', days: 600 }, end: { kind: 'daysBack', days: 1 } },
    updateMethod: 'replace',
  });
  small = saveDataSet({
    name: 'Followers, last 7 days',
    reportId: 'user_summary',
    dates: { mode: 'preset', preset: 'last7' },
    updateMethod: 'replace',
  });
});

beforeEach(() => {
  serverCalls = [];
  fixture.session.context.on('request', (request: Request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/api/run')) return;
    const fn = (request.postDataJSON() as { fn?: string } | null)?.fn;
    if (fn) serverCalls.push(fn);
  });
});

const datacubeCalls = async () =>
  (await fixture.harness.playground.simulator.control<SimulatorStats>('GET', 'stats')).datacubeCalls.total;

it("shows each account's WeChat calls today without a button press, read once however often it redraws", async () => {
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Manage DataSets');
  const meter = sidebar.locator(`#quota-meter-${accountId}`);
  await meter.locator('li.quota').first().waitFor({ timeout: 30_000 });
  const lines = await meter.locator('li.quota').allTextContents();
  expect(lines.map((line) => line.replace(/\d+/g, 'N')).sort()).toEqual([
    'getupstreammsghour: N of N calls used today',
    'getusersummary: N of N calls used today',
  ]);
  // Redraws (history open and closed, the language switched twice) read nothing again.
  await sidebar.locator(`#dataset-${small}-history`).click();
  await sidebar.locator(`#dataset-${small}-history`).click();
  await sidebar.locator('#lang-zh').click();
  await chooseLanguage(sidebar, 'en');
  await meter.locator('li.quota').first().waitFor();
  expect(serverCalls.filter((fn) => fn === 'getAccountQuota')).toEqual(['getAccountQuota']);
});

it('asks before a backfill of more than 500 WeChat calls; Cancel sends no run and spends no call', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Manage DataSets');
  await sidebar.locator(`#quota-meter-${accountId} li.quota`).first().waitFor({ timeout: 30_000 });
  const before = await datacubeCalls();
  await sidebar.locator(`#dataset-${big}-run`).click();
  const question = sidebar.locator(`#dataset-${big}-run-confirm`);
  await question.locator('button').first().waitFor({ timeout: 30_000 });
  await expect(question.textContent()).resolves.toContain('This run needs 600 WeChat calls (more than 500).');
  await expect(question.textContent()).resolves.toContain('Run it anyway?');
  await screenshot(page, 'run-guard-confirm-en');
  await sidebar.locator(`#dataset-${big}-run-confirm-no`).click();
  await expect(question.textContent()).resolves.toBe('Not run. No WeChat call was made.');
  expect(serverCalls).toContain('estimateRuns');
  expect(serverCalls).not.toContain('runDataSet');
  expect(await datacubeCalls()).toBe(before);

  // In 中文 the question is all Chinese (apart from the numbers).
  await sidebar.locator('#lang-zh').click();
  await sidebar.locator(`#dataset-${big}-run`).click();
  await question.locator('button').first().waitFor({ timeout: 30_000 });
  const text = (await question.textContent()) ?? '';
  expect(text).toContain('本次运行需要 600 次微信调用（超过 500 次）');
  expect(text).not.toMatch(/[A-Za-z]{2,}/);
  await screenshot(page, 'run-guard-confirm-zh');
  await sidebar.locator(`#dataset-${big}-run-confirm-no`).click();
  expect(serverCalls).not.toContain('runDataSet');
  expect(await datacubeCalls()).toBe(before);
  // The language is remembered for the user: the next tests read English.
  await chooseLanguage(sidebar, 'en');
});

it('asks after "Save & run" of a new backfill over 500 calls: saved, and Cancel sends no run', async () => {
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await sidebar.locator('#ds-report').selectOption('upstream_msg_hour');
  await sidebar.locator('#ds-duration-range').check();
  await sidebar.locator('#ds-start-kind').selectOption('daysBack');
  await sidebar.locator('#ds-start-days').fill('700');
  await sidebar.locator('#ds-end-kind').selectOption('daysBack');
  await sidebar.locator('#ds-end-days').fill('1');
  await sidebar.locator('#ds-name').fill('Hourly messages, 700 days');
  const before = await datacubeCalls();
  await sidebar.locator('#ds-save-run').click();
  const question = sidebar.locator('#ds-run-confirm');
  await question.locator('button').first().waitFor({ timeout: 30_000 });
  await expect(question.textContent()).resolves.toContain('This run needs 700 WeChat calls (more than 500).');
  await sidebar.locator('#ds-run-confirm-no').click();
  await expect(question.textContent()).resolves.toBe('Not run. No WeChat call was made.');
  expect(serverCalls).toContain('saveDataSet');
  expect(serverCalls).not.toContain('runDataSet');
  expect(await datacubeCalls()).toBe(before);
});

it('asks when a run needs more calls of an API than the account has left today, as the meter read it', async () => {
  const limited = {
    appid: 'wx2222222222222222',
    secret: 'LimitedSecret0123456789abcdefABC',
    type: 'china' as const,
    whitelist: DEMO_ACCOUNT.whitelist,
    dailyQuota: { getusersummary: 3 },
  };
  await fixture.harness.playground.simulator.control('POST', 'accounts', limited);
  const saved = fixture.harness.playground.host.call('saveAccount', [
    { name: 'Limited account', appId: limited.appid, type: 'china', connection: 'direct', secret: limited.secret },
  ]);
  if (!saved.ok) throw new Error(saved.error);
  const limitedId = (saved.value as SaveAccountResult & { ok: true }).account.id;
  const id = saveDataSet({
    name: 'Limited followers, 30 days',
    accountId: limitedId,
    reportId: 'user_summary',
    dates: { mode: 'range', start: { kind: 'daysBack', days: 30 }, end: { kind: 'daysBack', days: 1 } },
    updateMethod: 'replace',
  });
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Manage DataSets');
  await expectText(
    sidebar.locator(`#quota-meter-${limitedId} li.quota`),
    'getusersummary: 0 of 3 calls used today',
    30_000,
  );
  const before = await datacubeCalls();
  await sidebar.locator(`#dataset-${id}-run`).click();
  const question = sidebar.locator(`#dataset-${id}-run-confirm`);
  await question.locator('button').first().waitFor({ timeout: 30_000 });
  const text = (await question.textContent()) ?? '';
  expect(text).toContain('This run needs 5 WeChat calls.');
  expect(text).toContain(
    'Limited account has 3 calls left today for getusersummary, and this run needs 5: it stops there and continues tomorrow (Beijing time).',
  );
  await sidebar.locator(`#dataset-${id}-run-confirm-no`).click();
  expect(serverCalls).not.toContain('runDataSet');
  expect(await datacubeCalls()).toBe(before);
  fixture.harness.playground.host.call('deleteDataSet', [id]);
});

it('runs a small DataSet at once, without asking', async () => {
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Manage DataSets');
  await sidebar.locator(`#dataset-${small}-run`).click();
  await sidebar.locator(`#dataset-${small}-status[data-status="success"]`).waitFor({ timeout: 60_000 });
  await expect(sidebar.locator(`#dataset-${small}-run-confirm`).count()).resolves.toBe(0);
  expect(serverCalls.filter((fn) => fn === 'estimateRuns' || fn === 'runDataSet')).toEqual([
    'estimateRuns',
    'runDataSet',
  ]);
});

it('asks once before "Refresh all now" when the DataSets together need more than 500 calls', async () => {
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Manage DataSets');
  const before = await datacubeCalls();
  await sidebar.locator('#refresh-all').click();
  const question = sidebar.locator('#refresh-all-run-confirm');
  await question.locator('button').first().waitFor({ timeout: 30_000 });
  await expect(question.textContent()).resolves.toMatch(/This run needs \d+ WeChat calls \(more than 500\)/);
  await sidebar.locator('#refresh-all-run-confirm-no').click();
  await expect(sidebar.locator('#refresh-all-status').count()).resolves.toBe(0);
  expect(serverCalls).not.toContain('startRefreshAll');
  expect(serverCalls).not.toContain('runDataSet');
  expect(await datacubeCalls()).toBe(before);
});
