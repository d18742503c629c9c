/**
 * WeChat's own count of an account's calls today, per API its DataSets use (openapi/quota/get through the account's
 * connection), and a warning on a DataSet whose next run needs more calls than WeChat has left today.
 */
import { say } from '../../src/messages/en';
import type { AccountView, ApiQuotaView, DataSetSummary, Said } from '../../src/ui/contract';
import { h } from '../dom';
import { outcomeText } from '../messages';
import { call } from '../rpc';
import type { App } from '../state';
import { button } from './fields';

export type QuotaState =
  | { phase: 'loading' }
  | { phase: 'done'; apis: ApiQuotaView[] }
  | { phase: 'failed'; said: Said };

async function loadQuota(app: App, account: AccountView): Promise<void> {
  const quotas = app.state.accountsView.quota;
  quotas[account.id] = { phase: 'loading' };
  app.render();
  try {
    const result = await call('getAccountQuota', account.id);
    quotas[account.id] = result.ok ? { phase: 'done', apis: result.apis } : { phase: 'failed', said: result };
  } catch (error) {
    quotas[account.id] = { phase: 'failed', said: say('unexpected', { detail: String(error) }) };
  }
  app.render();
}

/** The "WeChat quota" button of an account card and what it found. */
export function quotaSection(app: App, account: AccountView): HTMLElement {
  const { t, state } = app;
  const quota = state.accountsView.quota[account.id];
  const slug = `account-${account.id}-quota`;
  const body = (): HTMLElement | null => {
    if (!quota || quota.phase === 'loading') return null;
    if (quota.phase === 'failed')
      return h('p', { class: 'error', role: 'alert' }, outcomeText(quota.said, state.language));
    if (quota.apis.length === 0) return h('p', { class: 'secondary' }, t('quotaNoDataSets'));
    return h(
      'ul',
      { class: 'quota-list' },
      quota.apis.map((api) =>
        h(
          'li',
          { class: api.short ? 'quota short' : 'quota', 'data-endpoint': api.endpoint },
          t('quotaLine', { endpoint: api.endpoint, used: api.used, limit: api.dailyLimit }),
          api.short
            ? h(
                'div',
                { class: 'error' },
                t('quotaShort', {
                  needed: api.dataSets.reduce((sum, dataSet) => sum + dataSet.callsNeeded, 0),
                  remain: api.remain,
                }),
              )
            : null,
        ),
      ),
    );
  };
  return h(
    'div',
    { class: 'quota-section', id: slug },
    button(quota?.phase === 'loading' ? t('quotaLoading') : t('quotaCheck'), () => void loadQuota(app, account), {
      id: `${slug}-check`,
      disabled: quota?.phase === 'loading',
    }),
    body(),
  );
}

/** A warning on a DataSet whose next run needs more WeChat calls than are left today (once the quota was checked). */
export function quotaWarning(app: App, dataSet: DataSetSummary): HTMLElement | null {
  const quota = app.state.accountsView.quota[dataSet.accountId];
  if (quota?.phase !== 'done') return null;
  for (const api of quota.apis) {
    const mine = api.dataSets.find((entry) => entry.id === dataSet.id);
    if (mine && mine.callsNeeded > api.remain) {
      return h(
        'p',
        { class: 'error quota-warning', role: 'alert', id: `dataset-${dataSet.id}-quota` },
        app.t('quotaRunShort', { needed: mine.callsNeeded, remain: api.remain, endpoint: api.endpoint }),
      );
    }
  }
  return null;
}
