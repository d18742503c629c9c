/**
 * The sidebar in a real browser: the playground page in Chromium, the built add-on in the Apps Script
 * emulation, WeChat simulated. The tests share one playground (so DataSets made by one are in the next one's
 * lists) but never rely on another test's DataSets by name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { LIMITS } from '../../dev/bench/targets';
import { DEMO_ACCOUNT, WHITELISTED_ACCOUNT } from '../../dev/playground/demo';
import {
  chooseLanguage,
  expectText,
  gridRows,
  openFromMenu,
  ROOT,
  screenshot,
  servedItems,
  sidebarFrame,
  usePlayground,
  warnIfNoChineseFont,
} from './harness';

jest.setTimeout(120_000);

const fixture = usePlayground();

const SECOND_ACCOUNT = {
  appid: 'wx1111111111111111',
  secret: 'SecondSecret0123456789abcdefABCD',
  type: 'china' as const,
  whitelist: DEMO_ACCOUNT.whitelist,
};

function datesBetween(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${start}T00:00:00Z`); day <= Date.parse(`${end}T00:00:00Z`); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

function numberIn(cell: string | undefined): number {
  return Number((cell ?? '').replace(/,/g, ''));
}

async function chooseAccount(sidebar: FrameLocator, label: string): Promise<void> {
  await sidebar.locator('#ds-account').selectOption({ label });
}

/** Fills Details for a report and a date spec written the way the form shows it. */
async function fillDates(
  sidebar: FrameLocator,
  spec:
    | { single: { date: string } | { daysBack: number } }
    | { range: [{ date: string } | { daysBack: number }, { date: string } | { daysBack: number }] }
    | { preset: string },
): Promise<void> {
  const day = async (role: string, value: { date: string } | { daysBack: number }) => {
    if ('date' in value) {
      await sidebar.locator(`#ds-${role}-kind`).selectOption('date');
      await sidebar.locator(`#ds-${role}-date`).fill(value.date);
    } else {
      await sidebar.locator(`#ds-${role}-kind`).selectOption('daysBack');
      await sidebar.locator(`#ds-${role}-days`).fill(String(value.daysBack));
    }
  };
  if ('single' in spec) {
    await sidebar.locator('#ds-duration-single').check();
    await day('day', spec.single);
  } else if ('range' in spec) {
    await sidebar.locator('#ds-duration-range').check();
    await day('start', spec.range[0]);
    await day('end', spec.range[1]);
  } else {
    await sidebar.locator('#ds-duration-preset').check();
    await sidebar.locator('#ds-preset').selectOption(spec.preset);
  }
}

async function saveAndRun(sidebar: FrameLocator): Promise<string> {
  await sidebar.locator('#ds-save-run').click();
  const status = sidebar.locator('#ds-run[data-status]');
  await status.waitFor({ timeout: 60_000 });
  return (await status.getAttribute('data-status')) ?? '';
}

/** The secret is nowhere in either document (markup, text, input values) nor in anything the page received. */
async function expectNowhere(secret: string): Promise<void> {
  const frame = sidebarFrame(fixture.session.page);
  const dumpOf = () =>
    document.documentElement.outerHTML +
    Array.from(document.querySelectorAll('input, textarea, select'))
      .map((control) => (control as HTMLInputElement).value)
      .join('\n');
  const pageDump = await fixture.session.page.evaluate(dumpOf);
  const sidebarDump = await frame.evaluate(dumpOf);
  expect(pageDump).not.toContain(secret);
  expect(sidebarDump).not.toContain(secret);
  // Everything the page and the sidebar received came from the playground, which keeps a copy.
  const bodies = fixture.harness.playground.responses;
  expect(bodies.length).toBeGreaterThan(5);
  for (const body of bodies) expect(body).not.toContain(secret);
}

it('opens ready: the WeChat menu, the demo account saved, and a small sidebar that loads fast', async () => {
  const { page, sidebar } = fixture.session;
  await page.getByRole('button', { name: 'WeChat', exact: true }).click();
  await page.getByRole('menuitem').first().waitFor();
  const items = await page.getByRole('menuitem').allTextContents();
  expect(items).toEqual(['New DataSet', 'New Dashboard', 'Manage DataSets', 'Refresh all now', 'Accounts', 'Help']);
  await page.keyboard.press('Escape');

  const clickedMs = Date.now();
  await openFromMenu(fixture.session, 'New DataSet');
  const readyMs = Date.now() - clickedMs;
  const frameMs = await sidebarFrame(page).evaluate(() => Math.round(performance.now()));
  const bytes = readFileSync(join(ROOT, 'dist', 'sidebar.html')).length;
  writeFileSync(
    join(ROOT, 'test-output', 'sidebar-metrics.json'),
    `${JSON.stringify({ sidebarBytes: bytes, menuClickToReadyMs: readyMs, frameNavigationToReadyMs: frameMs }, null, 2)}\n`,
  );
  expect(bytes).toBeLessThan(LIMITS.sidebarHtmlBytes);
  expect(readyMs).toBeLessThan(5_000);

  await expect(sidebar.locator('h1').textContent()).resolves.toBe('New DataSet');
  await expect(sidebar.locator('#ds-account option:checked').textContent()).resolves.toBe('Demo account');
  await expect(sidebar.locator('.account-summary').textContent()).resolves.toContain(
    `${DEMO_ACCOUNT.appid} · China · Direct · secret set`,
  );
  await expectText(sidebar.locator('#ds-preview'), '2026-11-21 → 2026-11-27 (Beijing), 7 days, 1 API call');
  await screenshot(page, '01-new-dataset');
});

it('adds an account in the form, tests it, runs a days-back range, and never shows the secret again', async () => {
  await fixture.harness.playground.simulator.control('POST', 'accounts', SECOND_ACCOUNT);
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await chooseAccount(sidebar, 'Add an account…');
  // The tests' deployment has relay URLs, so a new account starts on Relay.
  await sidebar.locator('#new-account-connection-direct').check();
  await sidebar.locator('#new-account-name').fill('Second account');
  await sidebar.locator('#new-account-appid').fill(SECOND_ACCOUNT.appid);
  await sidebar.locator('#new-account-secret').fill(SECOND_ACCOUNT.secret);
  await sidebar.locator('#new-account-test').click();
  await expect(sidebar.locator('#new-account-test-result.success').textContent()).resolves.toBe(
    `Connected directly: WeChat issued an access token for ${SECOND_ACCOUNT.appid}.`,
  );
  await screenshot(page, '02-test-connection-ok');

  await sidebar.locator('#ds-report').selectOption('user_summary');
  await fillDates(sidebar, { range: [{ daysBack: 10 }, { daysBack: 5 }] });
  await sidebar.locator('#ds-preview:has-text("2026-11-18 → 2026-11-23")').waitFor();
  await sidebar.locator('#ds-name').fill('Followers 10 back to 5 back');
  expect(await saveAndRun(sidebar)).toBe('success');

  const served = await servedItems(fixture.harness, SECOND_ACCOUNT.appid, 'getusersummary');
  const rows = await gridRows(page, 'Followers 10 back to 5 back');
  expect(rows[0]).toEqual(['Date', 'User Source', 'User Source (label)', 'New Users', 'Cancelled Users']);
  const data = rows.slice(1);
  expect(data.length).toBe(served.length);
  expect([...new Set(data.map((row) => row[0]))]).toEqual(datesBetween('2026-11-18', '2026-11-23'));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  expect(sum(data.map((row) => numberIn(row[3])))).toBe(sum(served.map((item) => Number(item.new_user))));
  await expect(sidebar.locator('#ds-run').textContent()).resolves.toContain(
    `${data.length} rows from 1 API call written to sheet “Followers 10 back to 5 back”.`,
  );
  await screenshot(page, '03-run-result');

  // Saved: the form now shows the account by name, with its secret only "set".
  await expect(sidebar.locator('#ds-account option:checked').textContent()).resolves.toBe('Second account');
  await expect(sidebar.locator('#new-account-secret').count()).resolves.toBe(0);
  await expect(sidebar.locator('.account-summary').textContent()).resolves.toContain('secret set');
  await page.getByRole('button', { name: 'Sheet1', exact: true }).click();
  await sidebar.getByRole('button', { name: 'Open sheet' }).click();
  await page.waitForFunction(() => document.getElementById('grid')?.dataset.sheet === 'Followers 10 back to 5 back');
  await expectNowhere(SECOND_ACCOUNT.secret);
  await expectNowhere(DEMO_ACCOUNT.secret);
});

it('runs a specific date, a date some days back, a specific range and a preset into the right rows', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  // A new DataSet takes the account used last (the previous test's); these rows are checked against the demo's.
  await chooseAccount(sidebar, 'Demo account');

  // Report Date: a specific date.
  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await fillDates(sidebar, { single: { date: '2026-11-20' } });
  await sidebar.locator('#ds-preview:has-text("2026-11-20 (Beijing), 1 day, 1 API call")').waitFor();
  await sidebar.locator('#ds-name').fill('Total followers on 2026-11-20');
  expect(await saveAndRun(sidebar)).toBe('success');
  const cumulate = (await servedItems(fixture.harness, DEMO_ACCOUNT.appid, 'getusercumulate')).filter(
    (item) => item.ref_date === '2026-11-20',
  );
  expect(await gridRows(page, 'Total followers on 2026-11-20')).toEqual([
    ['Date', 'Cumulative Users'],
    ['2026-11-20', expect.any(String)],
  ]);
  const [, [, total]] = (await gridRows(page, 'Total followers on 2026-11-20')) as [string[], string[]];
  expect(numberIn(total)).toBe(Number(cumulate[cumulate.length - 1]?.cumulate_user));

  // Report Date: N days back, in a fresh form.
  await sidebar.locator('#nav-dataset').click();
  await chooseAccount(sidebar, 'Demo account');
  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await fillDates(sidebar, { single: { daysBack: 3 } });
  await sidebar.locator('#ds-name').fill('Total followers 3 days back');
  expect(await saveAndRun(sidebar)).toBe('success');
  expect((await gridRows(page, 'Total followers 3 days back')).map((row) => row[0])).toEqual(['Date', '2026-11-25']);

  // Start and End: both specific dates; the interface report takes 30 days per call.
  await sidebar.locator('#nav-dataset').click();
  await chooseAccount(sidebar, 'Demo account');
  await sidebar.locator('#ds-report').selectOption('interface_summary');
  await fillDates(sidebar, { range: [{ date: '2026-11-01' }, { date: '2026-11-10' }] });
  await sidebar.locator('#ds-preview:has-text("2026-11-01 → 2026-11-10 (Beijing), 10 days, 1 API call")').waitFor();
  await sidebar.locator('#ds-name').fill('Interface early November');
  expect(await saveAndRun(sidebar)).toBe('success');
  const interfaceRows = await gridRows(page, 'Interface early November');
  expect(interfaceRows.slice(1).map((row) => row[0])).toEqual(datesBetween('2026-11-01', '2026-11-10'));

  // A preset: last month, split into 7-day windows.
  await sidebar.locator('#nav-dataset').click();
  await chooseAccount(sidebar, 'Demo account');
  await sidebar.locator('#ds-report').selectOption('upstream_msg');
  await fillDates(sidebar, { preset: 'lastMonth' });
  await sidebar.locator('#ds-preview:has-text("2026-10-01 → 2026-10-31 (Beijing), 31 days, 5 API calls")').waitFor();
  await sidebar.locator('#ds-name').fill('Messages last month');
  await sidebar.locator('#ds-method-append').check();
  expect(await saveAndRun(sidebar)).toBe('success');
  const messageRows = await gridRows(page, 'Messages last month');
  expect(messageRows[0]?.slice(0, 3)).toEqual(['Date', 'Message Type', 'Message Type (label)']);
  const served = await servedItems(fixture.harness, DEMO_ACCOUNT.appid, 'getupstreammsg');
  expect(messageRows.length - 1).toBe(served.length);
  expect([...new Set(messageRows.slice(1).map((row) => row[0]))].sort()).toEqual(
    [...new Set(served.map((item) => String(item.ref_date)))].sort(),
  );
  await expect(sidebar.locator('#ds-run').textContent()).resolves.toContain('from 5 API calls');
});

it('shows problems inline at their fields, from its own checks and from the server', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');

  // Checked in the sidebar: an empty name, an App ID and a secret of the wrong shape, a bad number of days.
  await chooseAccount(sidebar, 'Add an account…');
  await sidebar.locator('#new-account-connection-direct').check();
  await sidebar.locator('#new-account-name').fill('Broken');
  await sidebar.locator('#new-account-appid').fill('wx123');
  await sidebar.locator('#new-account-secret').fill('short');
  await sidebar.locator('#ds-start-days').fill('-3');
  await sidebar.locator('#ds-save').click();
  await expect(sidebar.locator('#ds-name-error').textContent()).resolves.toBe('DataSet name is required.');
  await expect(sidebar.locator('#ds-name').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(sidebar.locator('#new-account-appid-error').textContent()).resolves.toContain(
    'App ID must be "wx" followed by 16 lowercase hex characters',
  );
  await expect(sidebar.locator('#new-account-secret-error').textContent()).resolves.toContain(
    'App Secret must be the 32 letters and digits',
  );
  await expect(sidebar.locator('#ds-start-error').textContent()).resolves.toContain(
    '“-3” is not a usable number of days back',
  );
  await expect(sidebar.locator('#ds-summary').textContent()).resolves.toContain('Fix the fields marked in red');
  await expect(sidebar.locator('#ds-start-days').getAttribute('aria-invalid')).resolves.toBe('true');
  // The first field in error has the focus.
  await expect(sidebarFrame(page).evaluate(() => document.activeElement?.id)).resolves.toBe('new-account-appid');
  await screenshot(page, '04-validation-errors');

  // Checked by the server: a start date WeChat has no data for yet.
  await chooseAccount(sidebar, 'Demo account');
  await fillDates(sidebar, { range: [{ date: '2026-12-05' }, { date: '2026-12-10' }] });
  await sidebar.locator('#ds-name').fill('Future dates');
  await sidebar.locator('#ds-save').click();
  await expect(sidebar.locator('#ds-start-error').textContent()).resolves.toContain(
    'WeChat has data up to yesterday (2026-11-27, Beijing time)',
  );
  await expect(sidebar.locator('#ds-name-error').count()).resolves.toBe(0);

  // A published-content report before its first day, and a name already taken.
  await sidebar.locator('#ds-report').selectOption('article_read');
  await fillDates(sidebar, { single: { date: '2025-10-01' } });
  await sidebar.locator('#ds-preview:has-text("This report has data from 2025-11-01")').waitFor();
  await sidebar.locator('#ds-save').click();
  await expect(sidebar.locator('#ds-day-error').textContent()).resolves.toContain(
    'This report has data from 2025-11-01; the date 2025-10-01 is earlier.',
  );
  await fillDates(sidebar, { single: { daysBack: 2 } });
  await sidebar.locator('#ds-name').fill('Unique name for validation');
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success').waitFor();
  await sidebar.locator('#nav-dataset').click();
  await sidebar.locator('#ds-name').fill('unique NAME for validation');
  await sidebar.locator('#ds-save').click();
  await expect(sidebar.locator('#ds-name-error').textContent()).resolves.toBe(
    'Another DataSet is already named "Unique name for validation". Choose another name.',
  );
});

it('tells why Test connection failed: a wrong secret, and an IP the whitelist does not admit', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Accounts');
  await sidebar.locator('#add-account').click();
  await sidebar.locator('#account-connection-direct').check();
  await sidebar.locator('#account-name').fill('Wrong secret');
  await sidebar.locator('#account-appid').fill(DEMO_ACCOUNT.appid);
  await sidebar.locator('#account-secret').fill('X'.repeat(32));
  await sidebar.locator('#account-test').click();
  const wrong = sidebar.locator('#account-test-result.error');
  await expect(wrong.textContent()).resolves.toContain('The App Secret is wrong (40125)');

  await sidebar.locator('#account-name').fill('Whitelisted elsewhere');
  await sidebar.locator('#account-appid').fill(WHITELISTED_ACCOUNT.appid);
  await sidebar.locator('#account-secret').fill(WHITELISTED_ACCOUNT.secret);
  await sidebar.locator('#account-test').click();
  const refused = sidebar.locator('#account-test-result.error:has-text("40164")');
  const text = (await refused.textContent()) ?? '';
  expect(text).toContain('calling IP 127.0.0.1 is not on the account');
  expect(text).not.toMatch(/docs\//);
  // The sidebar explains the relay and switches the form to it.
  await expect(sidebar.locator('#account-test-use-relay').textContent()).resolves.toContain(
    'Your organisation’s relay is a server with a fixed address on that whitelist',
  );
  await screenshot(page, '05-test-connection-ip');
  await sidebar.getByRole('button', { name: 'Use your relay' }).click();
  await expect(sidebar.locator('#account-connection-relay').isChecked()).resolves.toBe(true);
  await expect(sidebar.locator('#account-relay-url').count()).resolves.toBe(1);
  await expect(sidebar.locator('#account-test-use-relay').count()).resolves.toBe(0);
  await sidebar.locator('#account-cancel').click();
  await expectNowhere(WHITELISTED_ACCOUNT.secret);
});

it('switches between English and 简体中文, for labels, reports and messages, and remembers it', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await chooseLanguage(sidebar, 'zh');
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('新建数据集');
  await expect(sidebar.locator('#nav-datasets').textContent()).resolves.toBe('数据集');
  await expect(sidebar.locator('#ds-report option[value="user_summary"]').textContent()).resolves.toBe('用户增减数据');
  await expectText(sidebar.locator('#ds-preview'), '2026-11-21 → 2026-11-27（北京时间），7 天，1 次 API 调用');
  await sidebar.locator('#ds-save').click();
  await expect(sidebar.locator('#ds-name-error').textContent()).resolves.toBe('请填写数据集名称。');
  await expect(sidebarFrame(page).evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
  await warnIfNoChineseFont(page);
  await screenshot(page, '06-language-zh');

  await openFromMenu(fixture.session, 'Manage DataSets');
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('数据集');
  await chooseLanguage(sidebar, 'en');
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('DataSets');
  await openFromMenu(fixture.session, 'Help');
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('Help');
});

it('edits, duplicates, runs and deletes a DataSet from Manage DataSets; the sheet stays', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await sidebar.locator('#ds-name').fill('Lifecycle');
  expect(await saveAndRun(sidebar)).toBe('success');

  await openFromMenu(fixture.session, 'Manage DataSets');
  const card = (name: string) => sidebar.locator(`li.card[data-name="${name}"]`);
  await card('Lifecycle').getByRole('button', { name: 'Edit' }).click();
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('Edit DataSet');
  await expect(sidebar.locator('#ds-name').inputValue()).resolves.toBe('Lifecycle');
  await expect(sidebar.locator('#ds-sheet').inputValue()).resolves.toBe('Lifecycle');
  await sidebar.locator('#ds-name').fill('Lifecycle renamed');
  await sidebar.locator('#ds-schedule').selectOption('daily');
  await sidebar.locator('#ds-hour').selectOption('9');
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success:has-text("Saved “Lifecycle renamed”.")').waitFor();

  await sidebar.locator('#nav-datasets').click();
  const renamed = card('Lifecycle renamed');
  await renamed.waitFor();
  await expect(renamed.locator('dd').allTextContents()).resolves.toEqual([
    'User Cumulate',
    '7 days back → 1 day back',
    'Lifecycle',
    'Daily at 09:00 (spreadsheet time)',
    '2026-11-29 09:00',
    expect.stringMatching(/^2026-11-28 12:00 · Success · 7 rows$/),
  ]);

  await renamed.getByRole('button', { name: 'Run now' }).click();
  await renamed.locator('.run-status[data-status="success"]').waitFor();
  await renamed.getByRole('button', { name: 'History' }).click();
  await renamed.locator('ol.history').waitFor();
  await expect(renamed.locator('ol.history li').count()).resolves.toBe(2);
  await expect(renamed.locator('ol.history li').first().textContent()).resolves.toContain(
    'Success · 7 rows · 1 API call · manual',
  );
  await screenshot(page, '07-datasets-list');

  await renamed.getByRole('button', { name: 'Duplicate' }).click();
  await expect(sidebar.locator('#ds-name').inputValue()).resolves.toBe('Copy of Lifecycle renamed');
  await expect(sidebar.locator('#ds-sheet').inputValue()).resolves.toBe('');
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success').waitFor();
  await sidebar.locator('#nav-datasets').click();
  await card('Copy of Lifecycle renamed').waitFor();

  await renamed.getByRole('button', { name: 'Delete' }).click();
  await expect(renamed.locator('.confirm').textContent()).resolves.toContain(
    'Delete “Lifecycle renamed”? Its sheet stays.',
  );
  await renamed.getByRole('button', { name: 'Yes, delete' }).click();
  await sidebar.locator('#notice:has-text("Deleted “Lifecycle renamed”.")').waitFor();
  await expect(renamed.count()).resolves.toBe(0);
  await expect(page.locator('#tabs').getByRole('button', { name: 'Lifecycle', exact: true }).count()).resolves.toBe(1);
});

it('manages accounts: secrets only "set", blank keeps them, and an account in use is not deleted', async () => {
  const { page, sidebar } = fixture.session;
  const relayKey = 'relay-key-0123456789-abcdefghijklmnopqrstuvwxyz';
  await openFromMenu(fixture.session, 'Accounts');
  await expect(sidebar.locator('li.card[data-name="Demo account"] .credential-state').textContent()).resolves.toBe(
    'secret set',
  );
  await sidebar.locator('#add-account').click();
  await sidebar.locator('#account-connection-direct').check();
  await sidebar.locator('#account-name').fill('Relay account');
  await sidebar.locator('#account-appid').fill('wx2222222222222222');
  await sidebar.locator('#account-type-international').check();
  await sidebar.locator('#account-connection-relay').check();
  // Inside the tests' deployment allowlist (https://*.relay.test/); the App ID and type stay as typed above.
  await sidebar.locator('#account-relay-url').fill('https://demo.relay.test');
  await sidebar.locator('#account-relay-key').fill(relayKey);
  await sidebar.locator('#account-save').click();
  const relayCard = sidebar.locator('li.card[data-name="Relay account"]');
  await relayCard.waitFor();
  await expect(relayCard.locator('dd').allTextContents()).resolves.toEqual([
    'wx2222222222222222',
    'International',
    'Relay · https://demo.relay.test',
    'relay key set',
  ]);

  // Editing with the key left blank keeps it.
  await relayCard.getByRole('button', { name: 'Edit' }).click();
  await expect(sidebar.locator('#account-relay-key').inputValue()).resolves.toBe('');
  await expect(sidebar.locator('#account-relay-key').getAttribute('placeholder')).resolves.toContain('set');
  await sidebar.locator('#account-name').fill('Relay account (edited)');
  await sidebar.locator('#account-save').click();
  const edited = sidebar.locator('li.card[data-name="Relay account (edited)"]');
  await edited.waitFor();
  await expect(edited.locator('.credential-state').textContent()).resolves.toBe('relay key set');
  await screenshot(page, '08-accounts');

  // In use by a DataSet: refused, naming it.
  await openFromMenu(fixture.session, 'New DataSet');
  await chooseAccount(sidebar, 'Relay account (edited)');
  await sidebar.locator('#ds-name').fill('Through the relay');
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success').waitFor();
  await openFromMenu(fixture.session, 'Accounts');
  await edited.getByRole('button', { name: 'Delete' }).click();
  await edited.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(edited.locator('.error').textContent()).resolves.toBe(
    'This account is used by "Through the relay". Delete those DataSets or move them to another account first.',
  );

  // Unused once that DataSet is gone.
  await openFromMenu(fixture.session, 'Manage DataSets');
  const through = sidebar.locator('li.card[data-name="Through the relay"]');
  await through.getByRole('button', { name: 'Delete' }).click();
  await through.getByRole('button', { name: 'Yes, delete' }).click();
  await through.waitFor({ state: 'detached' });
  await openFromMenu(fixture.session, 'Accounts');
  await edited.getByRole('button', { name: 'Delete' }).click();
  await edited.getByRole('button', { name: 'Yes, delete' }).click();
  await edited.waitFor({ state: 'detached' });
  await expectNowhere(relayKey);
});

it('refreshes every DataSet on the server from "Refresh all now"', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Refresh all now');
  const status = sidebar.locator('#refresh-all-status:has-text("Refreshed")');
  await status.waitFor({ timeout: 90_000 });
  const count = await sidebar.locator('li.card').count();
  expect(count).toBeGreaterThanOrEqual(5);
  await expect(status.locator('div').first().textContent()).resolves.toBe(
    `Refreshed ${count} DataSets: ${count} succeeded, 0 failed.`,
  );
  await expect(sidebar.locator('#refresh-all-failures').count()).resolves.toBe(0);
  await expect(sidebar.locator('li.card dd.last-run.success').count()).resolves.toBe(count);
  await screenshot(page, '09-refresh-all');
});

it('is usable from the keyboard, with every control labelled', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  const frame = sidebarFrame(page);
  const unlabelled = await frame.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('input, select, textarea'))
      .filter((control) => (control.labels?.length ?? 0) === 0 && !control.getAttribute('aria-label'))
      .map((control) => control.id),
  );
  expect(unlabelled).toEqual([]);

  await sidebar.locator('#nav-dataset').focus();
  const reached: string[] = [];
  for (let step = 0; step < 60 && !reached.includes('ds-save-run'); step++) {
    await page.keyboard.press('Tab');
    reached.push(await frame.evaluate(() => document.activeElement?.id ?? ''));
  }
  expect(reached).toEqual(
    expect.arrayContaining([
      'lang-zh',
      'ds-account',
      'ds-test',
      'ds-report',
      'ds-start-days',
      'ds-schedule',
      'ds-name',
      'ds-save-run',
    ]),
  );
  // Type a name and save with the keyboard alone.
  await sidebar.locator('#ds-name').focus();
  await page.keyboard.type('Keyboard only');
  await sidebar.locator('#ds-save').focus();
  await page.keyboard.press('Enter');
  await sidebar.locator('.form-actions .success:has-text("Saved “Keyboard only”.")').waitFor();
});

// Last: it moves the clocks an hour on.
it('shows a DataSet the schedule paused, says why, and resumes it', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Accounts');
  await sidebar.locator('#add-account').click();
  await sidebar.locator('#account-connection-direct').check();
  await sidebar.locator('#account-name').fill('Whitelisted elsewhere');
  await sidebar.locator('#account-appid').fill(WHITELISTED_ACCOUNT.appid);
  await sidebar.locator('#account-secret').fill(WHITELISTED_ACCOUNT.secret);
  await sidebar.locator('#account-save').click();
  await sidebar.locator('li.card[data-name="Whitelisted elsewhere"]').waitFor();

  await openFromMenu(fixture.session, 'New DataSet');
  await chooseAccount(sidebar, 'Whitelisted elsewhere');
  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await sidebar.locator('#ds-schedule').selectOption('hours');
  await sidebar.locator('#ds-every').selectOption('1');
  await sidebar.locator('#ds-notify').check();
  await sidebar.locator('#ds-name').fill('Hourly, refused');
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success').waitFor();

  // The hourly trigger fires at 13:00; WeChat refuses the token (40164), which pauses the DataSet at once.
  await fixture.harness.playground.advanceClock(3_600_000);
  expect(fixture.harness.playground.host.fireTimeTriggers()).toBe(1);

  await openFromMenu(fixture.session, 'Manage DataSets');
  await expect(sidebar.locator('#schedule-owner').textContent()).resolves.toBe(
    'Scheduled refreshes run as you. Last ran 2026-11-28 13:00.',
  );
  const card = sidebar.locator('li.card[data-name="Hourly, refused"]');
  const paused = card.locator('.paused');
  await expect(paused.locator('strong').textContent()).resolves.toBe('Schedule paused 2026-11-28 13:00');
  await expect(paused.textContent()).resolves.toContain('calling IP 127.0.0.1 is not on the account');
  await expect(card.locator('.next-run').count()).resolves.toBe(0);
  await screenshot(page, '10-paused');

  await paused.getByRole('button', { name: 'Resume' }).click();
  await paused.waitFor({ state: 'detached' });
  await expect(card.locator('.next-run').textContent()).resolves.toBe('2026-11-28 14:00');
});
