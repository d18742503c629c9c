/**
 * WeChat > New Dashboard in a real browser: the sidebar builds the dashboard (its DataSets run one by one), the
 * playground draws every native chart of the dashboard sheet with its charting library, in English and 简体中文.
 */
import type { Page } from 'playwright-core';
import { chooseLanguage, openFromMenu, type Session, screenshot, usePlayground } from './harness';

jest.setTimeout(240_000);

const fixture = usePlayground();

interface DrawnChart {
  type: string;
  rendered: boolean;
  /** Pixels of the canvas that are not white or transparent. */
  inked: number;
  width: number;
  height: number;
}

/** Every chart the page drew over the active sheet, with how much of its canvas is drawn on. */
async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval('.sheet-chart', (boxes) =>
    boxes.map((box) => {
      const canvas = box.querySelector('canvas') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const white = pixels[i]! > 245 && pixels[i + 1]! > 245 && pixels[i + 2]! > 245;
        if (pixels[i + 3]! > 0 && !white) inked++;
      }
      const element = box as HTMLElement;
      return {
        type: element.dataset.type ?? '',
        rendered: element.dataset.rendered === 'true',
        inked,
        width: canvas.width,
        height: canvas.height,
      };
    }),
  );
}

/** Fills the New Dashboard form already open in the sidebar, creates, and waits for the dashboard sheet. */
async function createFromSidebar(session: Session, period: string, language: string): Promise<void> {
  const { page, sidebar } = session;
  await sidebar.locator('#dashboard-period').selectOption(period);
  await sidebar.locator('#dashboard-language').selectOption(language);
  await sidebar.locator('#create-dashboard').click();
  await sidebar.locator('#notice').waitFor({ timeout: 180_000 });
  await page.waitForFunction(() => document.getElementById('grid')?.dataset.sheet?.includes('Dashboard'));
}

it('builds the dashboard from the sidebar and draws every chart of it, as Sheets would', async () => {
  const { page, sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New Dashboard');
  await createFromSidebar(fixture.session, 'last30', 'en');
  await expect(sidebar.locator('#notice').textContent()).resolves.toMatch(/The dashboard is ready on sheet/);
  const state = fixture.harness.playground.host.spreadsheet();
  const charts = state.active.charts;
  expect(charts.map((chart) => chart.type).sort()).toEqual(['BAR', 'COLUMN', 'COLUMN', 'COLUMN', 'COLUMN', 'LINE']);
  expect(charts).toHaveLength(6);
  await page.waitForFunction(
    (count) => document.querySelectorAll('.sheet-chart[data-rendered="true"]').length === count,
    6,
  );
  const drawn = await drawnCharts(page);
  expect(drawn.map((chart) => chart.type).sort()).toEqual(charts.map((chart) => chart.type).sort());
  for (const chart of drawn) {
    expect(chart).toMatchObject({ rendered: true, width: 600, height: 357 });
    expect(chart.inked).toBeGreaterThan(5_000);
  }
  await expect(page.locator('#grid tbody tr:nth-child(4) td:nth-of-type(1)').textContent()).resolves.toBe(
    'Followers now',
  );
  await screenshot(page, 'dashboard-en');
  await page.locator('.grid-wrap').evaluate((wrap) => wrap.scrollTo(0, 900));
  await screenshot(page, 'dashboard-en-tables');
  await expect(sidebar.locator('#dashboard-list h3').first().textContent()).resolves.toMatch(
    /Dashboard · Demo account/,
  );
});

it('redraws the dashboard in 简体中文 with the same charts', async () => {
  const { page, sidebar } = fixture.session;
  // The button next to the DataSets, this time.
  await openFromMenu(fixture.session, 'Manage DataSets');
  await sidebar.locator('#lang-zh').click();
  await expect(sidebar.locator('#dashboard-list h3').first().textContent()).resolves.toMatch(
    /Dashboard · Demo account/,
  );
  await sidebar.locator('#new-dashboard').click();
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('新建数据看板');
  await createFromSidebar(fixture.session, 'last30', 'zh');
  await expect(sidebar.locator('#notice').textContent()).resolves.toMatch(/看板已生成/);
  await page.waitForFunction(() => document.querySelectorAll('.sheet-chart[data-rendered="true"]').length === 6);
  await expect(page.locator('#grid tbody tr:nth-child(4) td:nth-of-type(1)').textContent()).resolves.toBe(
    '当前关注人数',
  );
  for (const chart of await drawnCharts(page)) expect(chart.inked).toBeGreaterThan(5_000);
  await screenshot(page, 'dashboard-zh');
  await chooseLanguage(sidebar, 'en');
});
