/**
 * The DataSet editor as an analyst meets it: the account used last preselected, an Append DataSet whose report
 * changes (asked before saving, rewritten by the next run), the right tab highlighted while editing, Save within
 * reach on a long form, and text that fits 300 px (whole report names, long names wrapped, dates never split).
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNT_NAME } from '../../dev/playground/demo';
import { gridRows, openFromMenu, screenshot, sidebarFrame, usePlayground } from './harness';

jest.setTimeout(120_000);

const fixture = usePlayground();

/** Last alphabetically, so that preselecting the first account would pick the demo account instead. */
const LATER_ACCOUNT = {
  appid: 'wx2222222222222222',
  secret: 'ZetaSecret0123456789abcdefABCDEF',
  type: 'china' as const,
};

async function saveAndRun(sidebar: FrameLocator): Promise<string> {
  await sidebar.locator('#ds-save-run').click();
  const status = sidebar.locator('#ds-run[data-status]');
  await status.waitFor({ timeout: 60_000 });
  return (await status.getAttribute('data-status')) ?? '';
}

/** Every `YYYY-MM-DD` shown in the sidebar sits on one line. */
async function splitDates(page: Page): Promise<string[]> {
  return sidebarFrame(page).evaluate(() => {
    const split: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
    return split;
  });
}

it('preselects the account used last for a new DataSet, and highlights DataSets (not New) while editing', async () => {
  await fixture.harness.playground.simulator.control('POST', 'accounts', LATER_ACCOUNT);
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await expect(sidebar.locator('#ds-account option:checked').textContent()).resolves.toBe(DEMO_ACCOUNT_NAME);
  await sidebar.locator('#ds-account').selectOption({ label: 'Add an account…' });
  await sidebar.locator('#new-account-connection-direct').check();
  await sidebar.locator('#new-account-name').fill('Zeta account');
  await sidebar.locator('#new-account-appid').fill(LATER_ACCOUNT.appid);
  await sidebar.locator('#new-account-secret').fill(LATER_ACCOUNT.secret);
  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await sidebar.locator('#ds-name').fill('Zeta followers');
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success').waitFor();

  // Editing the saved DataSet: the DataSets tab is the current one.
  await expect(sidebar.locator('#nav-dataset').getAttribute('aria-current')).resolves.toBeNull();
  await expect(sidebar.locator('#nav-datasets').getAttribute('aria-current')).resolves.toBe('page');

  await sidebar.locator('#nav-dataset').click();
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('New DataSet');
  await expect(sidebar.locator('#nav-dataset').getAttribute('aria-current')).resolves.toBe('page');
  await expect(sidebar.locator('#ds-account option:checked').textContent()).resolves.toBe('Zeta account');

  // A sidebar opened afresh remembers it too (from the DataSets saved).
  await openFromMenu(fixture.session, 'New DataSet');
  await expect(sidebar.locator('#ds-account option:checked').textContent()).resolves.toBe('Zeta account');
});

it('asks before saving an Append DataSet whose report changed; the next run rewrites the sheet', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await sidebar.locator('#ds-account').selectOption({ label: DEMO_ACCOUNT_NAME });
  await sidebar.locator('#ds-report').selectOption('user_summary');
  await sidebar.locator('#ds-method-append').check();
  await sidebar.locator('#ds-name').fill('Growth kept');
  expect(await saveAndRun(sidebar)).toBe('success');
  const before = await gridRows(page, 'Growth kept');
  expect(before[0]).toEqual(['Date', 'User Source', 'User Source (label)', 'New Users', 'Cancelled Users']);

  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await sidebar.locator('#ds-save-run').click();
  const confirm = sidebar.locator('#ds-rewrite');
  await expect(confirm.textContent()).resolves.toContain(
    'the next run rewrites sheet “Growth kept” from scratch (its old table goes), then Append carries on from there',
  );
  await screenshot(page, 'editor-confirm-rewrite-en');
  // Going back saves nothing.
  await sidebar.locator('#ds-rewrite-no').click();
  await expect(confirm.count()).resolves.toBe(0);
  await sidebar.locator('#nav-datasets').click();
  await expect(sidebar.locator('li.card[data-name="Growth kept"] dd').first().textContent()).resolves.toBe(
    'User Summary',
  );
  await sidebar.locator('li.card[data-name="Growth kept"]').getByRole('button', { name: 'Edit' }).click();
  await sidebar.locator('#ds-report').selectOption('user_cumulate');

  await sidebar.locator('#ds-save-run').click();
  await sidebar.locator('#ds-rewrite-yes').click();
  const status = sidebar.locator('#ds-run[data-status]');
  await status.waitFor({ timeout: 60_000 });
  await expect(status.getAttribute('data-status')).resolves.toBe('success');
  await expect(status.textContent()).resolves.not.toContain('header');
  const after = await gridRows(page, 'Growth kept');
  expect(after[0]).toEqual(['Date', 'Cumulative Users']);
  expect(after.every((row) => row.length <= 2)).toBe(true);
  expect(after.length).toBe(8);

  // Saved again without a change of report: no question.
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success').waitFor();
  await expect(sidebar.locator('#ds-rewrite').count()).resolves.toBe(0);
});

it('keeps Save within reach on the long form, and says where the fields to fix are', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  const frame = sidebarFrame(page);
  await frame.evaluate(() => window.scrollTo(0, 0));
  const formHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
  const viewHeight = await frame.evaluate(() => window.innerHeight);
  expect(formHeight).toBeGreaterThan(viewHeight);
  const inView = () =>
    frame.evaluate(() => {
      const rect = document.getElementById('ds-save')!.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= window.innerHeight;
    });
  await expect(inView()).resolves.toBe(true);

  await sidebar.locator('#ds-report').selectOption('');
  await sidebar.locator('#ds-save').click();
  const summary = sidebar.locator('#ds-summary');
  await expect(summary.textContent()).resolves.toMatch(/marked in red/);
  await expect(summary.textContent()).resolves.not.toMatch(/below/);
  await screenshot(page, 'editor-actions-in-reach-en');
});

it('fits 300 px: whole report names, long names wrapped in their boxes, dates on one line', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await sidebar.locator('#ds-report').selectOption('upstream_msg_dist_month');
  await expect(sidebar.locator('#ds-report-name').textContent()).resolves.toBe(
    'UpStream Message Distribution (monthly)',
  );
  const long = `Followers of the northern region marketing team ${'x'.repeat(40)}`;
  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await sidebar.locator('#ds-name').fill(long);
  expect(await saveAndRun(sidebar)).toBe('success');
  const frame = sidebarFrame(page);
  const overflowing = await frame.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.run-status, .success, .error, .report-note, .card'))
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => box.className),
  );
  expect(overflowing).toEqual([]);
  expect(await splitDates(page)).toEqual([]);
  await openFromMenu(fixture.session, 'Manage DataSets');
  await sidebar.locator('li.card').first().waitFor();
  expect(await splitDates(page)).toEqual([]);
  await screenshot(page, 'datasets-long-names-en');
});

it('cleans a pasted App ID, refuses (never cuts) a name over 100 characters, and offers no future date', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Accounts');
  await sidebar.locator('#add-account').click();
  await sidebar.locator('#account-connection-direct').check();
  await sidebar.locator('#account-name').fill('Pasted account');
  await sidebar.locator('#account-appid').fill('  WX3333 3333 3333 3333 ');
  await sidebar.locator('#account-secret').fill('PastedSecret0123456789abcdefABCD');
  await sidebar.locator('#account-save').click();
  await sidebar.locator('li.card[data-name="Pasted account"] dd:has-text("wx3333333333333333")').waitFor();
  await expect(sidebar.locator('#account-appid-error').count()).resolves.toBe(0);

  await openFromMenu(fixture.session, 'New DataSet');
  const long = `Weekly follower growth of every regional account we run ${'y'.repeat(60)}`;
  expect(long.length).toBeGreaterThan(100);
  await sidebar.locator('#ds-name').fill(long);
  await expect(sidebar.locator('#ds-name').inputValue()).resolves.toBe(long);
  await sidebar.locator('#ds-save').click();
  await expect(sidebar.locator('#ds-name-error').textContent()).resolves.toMatch(/too long.*100/);

  await sidebar.locator('#ds-duration-range').check();
  await sidebar.locator('#ds-start-kind').selectOption('date');
  await expect(sidebar.locator('#ds-start-date').getAttribute('max')).resolves.toBe('2026-11-27');
  await screenshot(page, 'editor-name-too-long-en');
});
