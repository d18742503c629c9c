/**
 * The sidebar is interactive before any server call returns: its first screen comes inside the page. The
 * playground answers every google.script.run call 2 s late (as `npm start -- --latency 2000` would).
 */
import { DEMO_ACCOUNT } from '../../dev/playground/demo';
import { openFromMenu, type Session, sidebarFrame, usePlayground } from './harness';

jest.setTimeout(120_000);

const SERVER_LATENCY_MS = 2_000;

const fixture = usePlayground({ serverLatencyMs: SERVER_LATENCY_MS });

/** google.script.run calls of the sidebar document that have an answer by now, and how many were sent. */
async function serverCalls(session: Session): Promise<{ sent: number; answered: number }> {
  return sidebarFrame(session.page).evaluate(() => {
    const calls = performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname === '/api/run') as PerformanceResourceTiming[];
    return { sent: calls.length, answered: calls.filter((entry) => entry.responseEnd > 0).length };
  });
}

it('draws Manage DataSets, usable, before any server call has answered', async () => {
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'Manage DataSets');
  expect((await serverCalls(fixture.session)).answered).toBe(0);
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('DataSets');
  // Interactive: another view opens at once, with the accounts the page came with.
  await sidebar.locator('#nav-accounts').click();
  await expect(sidebar.locator('h1').textContent()).resolves.toBe('Accounts');
  await expect(sidebar.locator('#view').textContent()).resolves.toContain(DEMO_ACCOUNT.appid);
  expect((await serverCalls(fixture.session)).answered).toBe(0);
});

it('draws New DataSet with the account picked before any server call has answered', async () => {
  const { sidebar } = fixture.session;
  await openFromMenu(fixture.session, 'New DataSet');
  await expect(sidebar.locator('#ds-account option:checked').textContent()).resolves.toBe('Demo account');
  const calls = await serverCalls(fixture.session);
  expect(calls.answered).toBe(0);
  // The date preview is asked for in the background; it arrives later and is shown then.
  await expect(sidebar.locator('#ds-preview').textContent()).resolves.toBeDefined();
  await sidebar.locator('#ds-preview', { hasText: 'API call' }).waitFor({ timeout: 20_000 });
  expect((await serverCalls(fixture.session)).answered).toBeGreaterThan(0);
});
