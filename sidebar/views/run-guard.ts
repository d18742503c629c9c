/**
 * Before a run, and beside the DataSets: WeChat's "calls used today / daily limit" per account for the APIs its
 * DataSets use, loaded in the background when the DataSets view is drawn (once per account per QUOTA_FRESH_MS, and
 * again after a run spent calls), and the question before a run that needs more than BIG_RUN_CALLS calls or more
 * than an API has left today. Cancel makes no call.
 */
import { say } from '../../src/messages/en';
import type { AccountView, ApiQuotaView } from '../../src/ui/contract';
import { h } from '../dom';
import { outcomeText } from '../messages';
import { call } from '../rpc';
import { BIG_RUN_CALLS, type RunWarning, runWarning } from '../run-warning';
import type { App } from '../state';
import { button } from './fields';

/** A quota read stays good this long in a sidebar (WeChat's count only grows with our own runs, which reload it). */
export const QUOTA_FRESH_MS = 10 * 60_000;

type Asking =
  | { phase: 'checking' }
  | { phase: 'asking'; warning: RunWarning; answer: (run: boolean) => void }
  | { phase: 'cancelled' };

/** Per sidebar page: when each account's quota was read, the reads under way, and the questions open. */
const loadedAtMs = new Map<string, number>();
const stale = new Set<string>();
const loading = new Map<string, Promise<void>>();
const questions = new Map<string, Asking>();

function accountsInUse(app: App): AccountView[] {
  const used = new Set(app.state.dataSets.map((dataSet) => dataSet.accountId));
  return app.state.accounts.filter((account) => used.has(account.id));
}

function loadQuota(app: App, accountId: string): Promise<void> {
  const under = loading.get(accountId);
  if (under) return under;
  const quotas = app.state.accountsView.quota;
  if (!quotas[accountId]) quotas[accountId] = { phase: 'loading' };
  const done = call('getAccountQuota', accountId)
    .then(
      (result) => {
        quotas[accountId] = result.ok ? { phase: 'done', apis: result.apis } : { phase: 'failed', said: result };
      },
      (error: unknown) => {
        quotas[accountId] = { phase: 'failed', said: say('unexpected', { detail: String(error) }) };
      },
    )
    .finally(() => {
      loadedAtMs.set(accountId, Date.now());
      stale.delete(accountId);
      loading.delete(accountId);
      app.render();
    });
  loading.set(accountId, done);
  return done;
}

function needsLoad(app: App, accountId: string): boolean {
  if (loading.has(accountId)) return false;
  const quota = app.state.accountsView.quota[accountId];
  if (!quota) return true;
  if (quota.phase === 'loading') return false;
  // Read from the Accounts view's button: good from now on.
  if (!loadedAtMs.has(accountId)) loadedAtMs.set(accountId, Date.now());
  return stale.has(accountId) || Date.now() - loadedAtMs.get(accountId)! > QUOTA_FRESH_MS;
}

/** Starts, after this paint, the quota reads the DataSets view lacks; never while a run is going. */
function loadMissingQuotas(app: App, runBusy: boolean): void {
  if (runBusy) return;
  const missing = accountsInUse(app).filter((account) => needsLoad(app, account.id));
  if (missing.length === 0) return;
  setTimeout(() => {
    for (const account of missing) void loadQuota(app, account.id);
  }, 0);
}

/** A run spent calls of this account: its meter is read again once no run is going. */
export function quotaSpent(accountId: string): void {
  stale.add(accountId);
}

/** The meter at the top of the DataSets view: per account, calls used today of the daily limit per API. */
export function quotaMeter(app: App, runBusy: boolean): HTMLElement | null {
  const accounts = accountsInUse(app);
  if (accounts.length === 0) return null;
  loadMissingQuotas(app, runBusy);
  const { t, state } = app;
  const line = (api: ApiQuotaView) =>
    h(
      'li',
      { class: api.remain <= 0 ? 'quota short' : 'quota', 'data-endpoint': api.endpoint },
      t('quotaLine', { endpoint: api.endpoint, used: api.used, limit: api.dailyLimit }),
    );
  return h(
    'section',
    { class: 'quota-meter', id: 'quota-meter', 'aria-live': 'polite' },
    h('h2', null, t('quotaMeterTitle')),
    accounts.map((account) => {
      const quota = state.accountsView.quota[account.id];
      const body =
        !quota || quota.phase === 'loading'
          ? h('p', { class: 'secondary' }, t('quotaLoading'))
          : quota.phase === 'failed'
            ? h('p', { class: 'secondary' }, outcomeText(quota.said, state.language))
            : h('ul', { class: 'quota-list' }, quota.apis.map(line));
      return h('div', { class: 'quota-account', id: `quota-meter-${account.id}` }, h('h3', null, account.name), body);
    }),
  );
}

/**
 * Resolves true when the run may start: at once for an ordinary run, after the user's yes for a big one or one
 * over what is left today (as the meter last read it). `key` names the place the question is drawn (questionBox).
 * An estimate that fails does not stop the run (the run itself stops at WeChat's limits).
 */
export async function confirmRun(app: App, key: string, dataSetIds: string[]): Promise<boolean> {
  questions.set(key, { phase: 'checking' });
  app.render();
  let warning: RunWarning | undefined;
  try {
    const estimate = await call('estimateRuns', dataSetIds);
    if (estimate.ok) {
      // The meter's reading (a read under way is awaited); a run starts no quota read of its own, which would cost
      // WeChat calls before every run.
      const accountIds = new Set(estimate.dataSets.map((entry) => entry.accountId));
      await Promise.all([...accountIds].flatMap((id) => loading.get(id) ?? []));
      warning = runWarning(estimate.dataSets, (accountId) => {
        const quota = app.state.accountsView.quota[accountId];
        return quota?.phase === 'done' ? quota.apis : undefined;
      });
    }
  } catch {
    warning = undefined;
  }
  if (!warning) {
    questions.delete(key);
    app.render();
    return true;
  }
  const shown = warning;
  const run = await new Promise<boolean>((answer) => {
    questions.set(key, { phase: 'asking', warning: shown, answer });
    app.render();
    document.getElementById(`${key}-run-confirm-no`)?.focus();
  });
  if (run) questions.delete(key);
  else questions.set(key, { phase: 'cancelled' });
  app.render();
  return run;
}

/** A question is open (or being prepared) at this place: its Run button waits. */
export function asking(key: string): boolean {
  const question = questions.get(key);
  return question?.phase === 'checking' || question?.phase === 'asking';
}

/** What confirmRun shows at `key`: "counting calls…", the question, or that nothing was run. */
export function questionBox(app: App, key: string): HTMLElement | null {
  const question = questions.get(key);
  if (!question) return null;
  const { t } = app;
  const id = `${key}-run-confirm`;
  if (question.phase === 'checking') return h('p', { class: 'secondary', id, role: 'status' }, t('runEstimating'));
  if (question.phase === 'cancelled') return h('p', { class: 'secondary', id, role: 'status' }, t('runCancelled'));
  const { warning, answer } = question;
  const accountName = (accountId: string) =>
    app.state.accounts.find((account) => account.id === accountId)?.name ?? accountId;
  return h(
    'div',
    { class: 'confirm run-confirm', id, role: 'alertdialog', 'aria-labelledby': `${id}-text` },
    h(
      'div',
      { id: `${id}-text` },
      h('p', null, t(warning.big ? 'runBigCalls' : 'runCalls', { calls: warning.calls, limit: BIG_RUN_CALLS })),
      warning.short.map((api) =>
        h(
          'p',
          { class: 'error' },
          t('runOverQuota', {
            endpoint: api.endpoint,
            account: accountName(api.accountId),
            needed: api.needed,
            remain: api.remain,
          }),
        ),
      ),
      h('p', null, t('runAnyway')),
    ),
    h(
      'div',
      { class: 'buttons' },
      button(t('runAnywayYes'), () => answer(true), { class: 'action', id: `${id}-yes` }),
      button(t('runAnywayNo'), () => answer(false), { id: `${id}-no` }),
    ),
  );
}
