/**
 * A Relay account in the sidebar, in a real browser: the tests' deployment lists relay URLs, so a new account
 * starts on Relay; the key's accounts come from the relay (GET /accounts) and one is picked; Test connection reads
 * WeChat through the relay; a relay the deployment does not allow is refused at its field. The relay key never
 * reaches the page again.
 */
import { CHINA, KEYS, relayConfig } from '../relay/harness';
import { startSimulatorAt } from '../support/addon';
import { type RelayProcess, startRelayProcess } from '../support/relay-process';
import type { SimulatorProcess } from '../support/simulator-process';
import { type Harness, NOW_MS, openFromMenu, openSession, type Session, screenshot, startHarness } from './harness';

let simulator: SimulatorProcess;
let relay: RelayProcess;
let harness: Harness;
let session: Session;

beforeAll(async () => {
  simulator = await startSimulatorAt(NOW_MS, [CHINA]);
  relay = await startRelayProcess(relayConfig(simulator.origin));
  harness = await startHarness({ extraHosts: { 'demo.relay.test': relay.url } });
  session = await openSession(harness);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await harness?.close();
  await relay?.close();
  await simulator?.close();
});

it('connects through the relay: URL and key, an account picked from the relay, tested and saved', async () => {
  const { page, sidebar } = session;
  await openFromMenu(session, 'Accounts');
  await sidebar.locator('#add-account').click();
  await expect(sidebar.locator('#account-connection-relay').isChecked()).resolves.toBe(true);
  await expect(sidebar.locator('#account-appid').count()).resolves.toBe(0);
  await expect(sidebar.locator('#account-relay-url-hint').textContent()).resolves.toContain('https://*.relay.test/');

  await sidebar.locator('#account-relay-url').fill('https://relay.elsewhere.example');
  await sidebar.locator('#account-relay-key').fill(KEYS.sales);
  await sidebar.locator('#account-relay-load').click();
  await expect(sidebar.locator('#account-relay-account-error').textContent()).resolves.toContain('addon.config.json');

  await sidebar.locator('#account-relay-url').fill('https://demo.relay.test');
  await sidebar.locator('#account-relay-load').click();
  const picked = sidebar.locator(`#account-relay-account-${CHINA.appid}`);
  await picked.waitFor();
  await expect(picked.isChecked()).resolves.toBe(true);
  await expect(sidebar.locator('#account-name').inputValue()).resolves.toBe('Shop China');
  await sidebar.locator('#account-test').click();
  await expect(sidebar.locator('#account-test-result.success').textContent()).resolves.toBe(
    `Connected through the relay: WeChat answered for Shop China (${CHINA.appid}).`,
  );
  await screenshot(page, '09-relay-account');
  await sidebar.locator('#account-save').click();
  const card = sidebar.locator('li.card[data-name="Shop China"]');
  await card.waitFor();
  await expect(card.locator('dd').allTextContents()).resolves.toEqual([
    CHINA.appid,
    'China',
    'Relay · https://demo.relay.test',
    'relay key set',
  ]);
  for (const body of harness.playground.responses) expect(body).not.toContain(KEYS.sales);
  expect(session.errors).toEqual([]);
});

it('refuses at its field a relay the deployment does not allow', async () => {
  const { sidebar } = session;
  await openFromMenu(session, 'Accounts');
  await sidebar.locator('#add-account').click();
  await sidebar.locator('#account-name').fill('Elsewhere');
  await sidebar.locator('#account-relay-url').fill('https://relay.elsewhere.example');
  await sidebar.locator('#account-relay-key').fill(KEYS.finance);
  await sidebar.locator('#account-save').click();
  await expect(sidebar.locator('#account-relay-url-error').textContent()).resolves.toMatch(
    /may not call https:\/\/relay\.elsewhere\.example.*addon\.config\.json.*npm run deploy/,
  );
});
