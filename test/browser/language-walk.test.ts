/**
 * Every view of the sidebar in each language, walked as a user meets them: the DataSet editor in each date mode and
 * with a schedule, its errors, a run's result, the accounts (a failed connection test among them), the DataSets list
 * with a paused DataSet and the run history, a failed run, and Help. Each view is screenshotted in both languages
 * (test-output/screenshots/walk-<language>-<view>.png). In 中文 every view fails on Latin text that is not one of
 * the few things that are Latin in Chinese too (LATIN_ALLOWED).
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNT_NAME, WHITELISTED_ACCOUNT } from '../../dev/playground/demo';
import { chooseLanguage, openFromMenu, screenshot, sidebarFrame, usePlayground, warnIfNoChineseFont } from './harness';

jest.setTimeout(300_000);

const fixture = usePlayground();

/**
 * Latin text that stays Latin in a Chinese UI, and nothing else:
 * - what the user named (DataSets, accounts, sheets), in either walk: passed in;
 * - addresses and identifiers: URLs, e-mail addresses (who runs the schedule), App IDs (wx + 16 hex), host and
 *   file names (api.weixin.qq.com), time zone IDs (Asia/Shanghai), WeChat's API names (getusercumulate) beside
 *   their quota;
 * - the names WeChat's and Google's own Chinese pages use: App ID, App Secret, AppID, AppSecret, access token,
 *   token, Google, Apps Script, ID, API, URL, IP, HTTP, JSON, KB, UTC, and the date pattern YYYY-MM-DD;
 * - "EN", the language switch's button for English.
 * Single letters (the N of "N 天前") are not words and pass.
 */
const LATIN_ALLOWED: readonly RegExp[] = [
  /https?:\/\/[^\s，。：；）)]+/g,
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  /\bwx[0-9a-f]{16}\b/g,
  /\b[a-z0-9-]+(\.[a-z0-9-]+)+\b/g,
  /\b[A-Z][a-z]+\/[A-Za-z_]+\b/g,
  /\bget[a-z]+\b/g,
  /\b(App ID|App Secret|AppID|AppSecret|access token|token|Google|Apps Script|ID|API|URL|IP|HTTP|JSON|KB|UTC|YYYY-MM-DD|EN)\b/g,
];

type Language = 'en' | 'zh';

/** Every text a user sees or hears in the sidebar: rendered text, every option of a select, labels for tools. */
async function shownTexts(page: Page): Promise<string[]> {
  return sidebarFrame(page).evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || text === '' || parent.closest('script, style')) continue;
      if (parent.closest('option') || parent.getClientRects().length > 0) texts.push(text);
    }
    for (const element of Array.from(document.querySelectorAll('[placeholder], [title], [aria-label], [alt]'))) {
      for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

/** The texts of the sidebar with Latin words left after the allowed ones are taken out. */
async function latinTexts(page: Page, names: readonly string[]): Promise<string[]> {
  const texts = await shownTexts(page);
  return texts.filter((text) => {
    let rest = text;
    for (const name of [...names].sort((a, b) => b.length - a.length)) rest = rest.split(name).join(' ');
    for (const pattern of LATIN_ALLOWED) rest = rest.replace(pattern, ' ');
    return /[A-Za-z]{2,}/.test(rest);
  });
}

interface Walk {
  language: Language;
  page: Page;
  sidebar: FrameLocator;
  names: string[];
  /** The views seen, with the Latin text each showed. */
  seen: Array<{ view: string; latin: string[] }>;
}

/** Screenshots the view and notes its Latin text (in Chinese the walk fails on any). */
async function look(walk: Walk, view: string): Promise<void> {
  await screenshot(walk.page, `walk-${walk.language}-${view}`);
  walk.seen.push({ view, latin: walk.language === 'zh' ? await latinTexts(walk.page, walk.names) : [] });
}

async function saveAndRun(sidebar: FrameLocator): Promise<string> {
  await sidebar.locator('#ds-save-run').click();
  const status = sidebar.locator('#ds-run[data-status]');
  await status.waitFor({ timeout: 60_000 });
  return (await status.getAttribute('data-status')) ?? '';
}

/** What each walk names its DataSets and account (both walks share the playground, so each sees the other's). */
function namesOf(language: Language): [dataSet: string, refused: string, account: string] {
  return language === 'zh'
    ? ['粉丝总数（中）', '被拒的每小时刷新（中）', '白名单外的账号（中）']
    : ['Followers (en)', 'Hourly refused (en)', 'Outside the whitelist (en)'];
}

async function walkEveryView(language: Language): Promise<Walk> {
  const { page, sidebar } = fixture.session;
  const [dataSetName, refusedName, accountName] = namesOf(language);
  const walk: Walk = {
    language,
    page,
    sidebar,
    names: [DEMO_ACCOUNT_NAME, ...namesOf('en'), ...namesOf('zh')],
    seen: [],
  };

  await openFromMenu(fixture.session, 'New DataSet');
  await chooseLanguage(sidebar, language);
  await sidebar.locator(`html[lang="${language === 'zh' ? 'zh-CN' : 'en'}"]`).waitFor();
  if (language === 'zh') await warnIfNoChineseFont(page);
  await sidebar.locator('#ds-account').selectOption({ label: DEMO_ACCOUNT_NAME });
  await sidebar.locator('#ds-report').selectOption('user_cumulate');

  // The editor in each way of choosing dates, and with a schedule.
  await sidebar.locator('#ds-duration-single').check();
  await sidebar.locator('#ds-day-kind').selectOption('date');
  await sidebar.locator('#ds-day-date').fill('2026-11-20');
  await sidebar.locator('#ds-preview:has-text("2026-11-20")').waitFor();
  await look(walk, 'editor-single-date');
  await sidebar.locator('#ds-day-kind').selectOption('daysBack');
  await sidebar.locator('#ds-day-days').fill('3');
  await sidebar.locator('#ds-preview:has-text("2026-11-25")').waitFor();
  await look(walk, 'editor-days-back');
  await sidebar.locator('#ds-duration-range').check();
  await sidebar.locator('#ds-start-kind').selectOption('date');
  await sidebar.locator('#ds-start-date').fill('2026-11-01');
  await sidebar.locator('#ds-end-kind').selectOption('daysBack');
  await sidebar.locator('#ds-end-days').fill('1');
  await sidebar.locator('#ds-preview:has-text("2026-11-01 → 2026-11-27")').waitFor();
  await look(walk, 'editor-range');
  await sidebar.locator('#ds-duration-preset').check();
  await sidebar.locator('#ds-preset').selectOption('last7');
  await sidebar.locator('#ds-preview:has-text("2026-11-21 → 2026-11-27")').waitFor();
  await look(walk, 'editor-preset');
  await sidebar.locator('#ds-schedule').selectOption('weekly');
  await look(walk, 'editor-schedule');
  await sidebar.locator('#ds-schedule').selectOption('manual');

  // Errors: the sidebar's own and the server's (a date before the report's first day).
  await sidebar.locator('#ds-duration-single').check();
  await sidebar.locator('#ds-day-kind').selectOption('date');
  await sidebar.locator('#ds-day-date').fill('2014-01-01');
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('#ds-name-error').waitFor();
  await look(walk, 'editor-errors');
  await sidebar.locator('#ds-name').fill(dataSetName);
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('#ds-day-error').waitFor();
  await look(walk, 'editor-server-errors');

  // A run's result.
  await sidebar.locator('#ds-duration-preset').check();
  await sidebar.locator('#ds-preset').selectOption('last7');
  expect(await saveAndRun(sidebar)).toBe('success');
  await look(walk, 'run-result');

  // Accounts, the account form, and a connection test WeChat refuses.
  await openFromMenu(fixture.session, 'Accounts');
  await sidebar.locator('#account-list').waitFor();
  await sidebar.locator('[id$="-quota-check"]').first().click();
  await sidebar.locator('.quota-section .quota-list, .quota-section p').first().waitFor({ timeout: 30_000 });
  await look(walk, 'accounts');
  await sidebar.locator('#add-account').click();
  await sidebar.locator('#account-connection-direct').check();
  await sidebar.locator('#account-name').fill(accountName);
  await sidebar.locator('#account-appid').fill(WHITELISTED_ACCOUNT.appid);
  await sidebar.locator('#account-secret').fill(WHITELISTED_ACCOUNT.secret);
  await look(walk, 'account-form');
  await sidebar.locator('#account-test').click();
  await sidebar.locator('#account-test-result.error:has-text("40164")').waitFor();
  await look(walk, 'account-test-refused');
  await sidebar.locator('#account-save').click();
  await sidebar.locator(`li.card[data-name="${accountName}"]`).waitFor();

  // A scheduled DataSet WeChat refuses: the schedule pauses it at once.
  await openFromMenu(fixture.session, 'New DataSet');
  await sidebar.locator('#ds-account').selectOption({ label: accountName });
  await sidebar.locator('#ds-report').selectOption('user_cumulate');
  await sidebar.locator('#ds-schedule').selectOption('hours');
  await sidebar.locator('#ds-every').selectOption('1');
  await sidebar.locator('#ds-name').fill(refusedName);
  await sidebar.locator('#ds-save').click();
  await sidebar.locator('.form-actions .success').waitFor();
  await fixture.harness.playground.advanceClock(3_600_000);
  expect(fixture.harness.playground.host.fireTimeTriggers()).toBeGreaterThanOrEqual(1);

  // The list: the schedule, a paused DataSet with its reason, and the run history of both.
  await openFromMenu(fixture.session, 'Manage DataSets');
  const card = (name: string) => sidebar.locator(`li.card[data-name="${name}"]`);
  await card(refusedName).locator('.paused').waitFor();
  await look(walk, 'datasets');
  for (const name of [dataSetName, refusedName]) {
    await card(name).locator('[id$="-history"]').click();
    await card(name).locator('.history').waitFor();
  }
  await look(walk, 'history');

  // A failed run's result.
  await card(refusedName).locator('[id$="-run"]').click();
  await card(refusedName).locator('.run-status[data-status="failed"]').waitFor({ timeout: 60_000 });
  await look(walk, 'run-failed');

  // Refresh all now: its summary names the DataSet that failed, with why.
  await sidebar.locator('#refresh-all').click();
  await sidebar.locator('#refresh-all-failures').waitFor({ timeout: 90_000 });
  await look(walk, 'refresh-all');

  // Help, with every report's columns open.
  await openFromMenu(fixture.session, 'Help');
  await sidebar.locator('.help-report').first().waitFor();
  await sidebarFrame(page).evaluate(() => {
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true;
  });
  await look(walk, 'help');
  return walk;
}

it('walks every view in English, screenshotting each', async () => {
  const walk = await walkEveryView('en');
  expect(walk.seen.map((view) => view.view)).toHaveLength(16);
});

it('walks every view in 中文 and finds no Latin text apart from names, codes and IDs', async () => {
  const walk = await walkEveryView('zh');
  expect(walk.seen).toHaveLength(16);
  expect(walk.seen.filter((view) => view.latin.length > 0)).toEqual([]);
});

it('catches Latin text in a Chinese view (the check itself works)', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Help');
  await chooseLanguage(sidebar, 'zh');
  await sidebar.locator('html[lang="zh-CN"]').waitFor();
  await expect(latinTexts(page, [])).resolves.toEqual([]);
  await sidebarFrame(page).evaluate(() => {
    const stray = document.createElement('p');
    stray.textContent = '以你的身份运行 Schedule paused';
    document.getElementById('view')?.appendChild(stray);
  });
  await expect(latinTexts(page, [])).resolves.toEqual(['以你的身份运行 Schedule paused']);
  await expect(latinTexts(page, ['Schedule paused'])).resolves.toEqual([]);
});
