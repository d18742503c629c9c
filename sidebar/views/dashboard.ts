/**
 * New Dashboard (WeChat > New Dashboard): account, period and language → createDashboard, then the DataSets it
 * created are run one by one with progress (each run refreshes the dashboard), and the dashboard sheet is
 * brought to the front. The dashboards are listed here and under DataSets, with Refresh, Open and Delete.
 */

import type { DashboardView, DateSpec, Language, Problem } from '../../src/ui/contract';
import { h } from '../dom';
import { problemText } from '../messages';
import { call } from '../rpc';
import { formatInZone } from '../schedule';
import type { App } from '../state';
import { button, errorBlock, field, selectInput } from './fields';

export type PeriodChoice = 'last7' | 'last30' | 'last90' | 'thisMonth' | 'lastMonth';

const PERIODS: Readonly<Record<PeriodChoice, DateSpec>> = {
  last7: { mode: 'preset', preset: 'last7' },
  last30: { mode: 'preset', preset: 'last30' },
  last90: { mode: 'range', start: { kind: 'daysBack', days: 90 }, end: { kind: 'daysBack', days: 1 } },
  thisMonth: { mode: 'preset', preset: 'thisMonth' },
  lastMonth: { mode: 'preset', preset: 'lastMonth' },
};

interface DashboardUi {
  accountId: string;
  period: PeriodChoice;
  language?: Language;
  busy: boolean;
  problems: Problem[];
  progress?: { index: number; total: number; name: string };
  list?: DashboardView[];
  confirmingDelete?: string;
}

const ui: DashboardUi = { accountId: '', period: 'last30', busy: false, problems: [] };

export async function loadDashboards(app: App): Promise<void> {
  try {
    ui.list = await call('listDashboards');
    app.render();
  } catch (error) {
    app.fail(error);
  }
}

async function runUntilDone(id: string): Promise<void> {
  for (let chunk = 0; chunk < 30; chunk++) {
    const outcome = await call('runDataSet', id);
    if (outcome.status !== 'running') return;
  }
}

async function create(app: App): Promise<void> {
  const { state } = app;
  ui.busy = true;
  ui.problems = [];
  state.notice = undefined;
  app.render();
  try {
    const result = await call('createDashboard', {
      accountId: ui.accountId || state.accounts[0]?.id || '',
      dates: PERIODS[ui.period],
      language: ui.language ?? state.language,
    });
    if (!result.ok) {
      ui.problems = result.problems;
      return;
    }
    await app.reloadLists();
    const ids = result.dashboard.newDataSetIds;
    for (const [index, id] of ids.entries()) {
      const name = state.dataSets.find((dataSet) => dataSet.id === id)?.name ?? '';
      ui.progress = { index: index + 1, total: ids.length, name };
      app.render();
      await runUntilDone(id);
    }
    if (ids.length === 0) await call('refreshDashboard', result.dashboard.id);
    await call('activateSheet', result.dashboard.sheetName);
    await app.reloadLists();
    ui.list = await call('listDashboards');
    state.notice = { key: 'dashboardReady', params: { sheet: result.dashboard.sheetName } };
  } catch (error) {
    app.fail(error);
  } finally {
    ui.busy = false;
    ui.progress = undefined;
    app.render();
  }
}

export function renderDashboard(app: App): HTMLElement {
  const { t, state } = app;
  if (ui.list === undefined) void loadDashboards(app);
  const accountId = ui.accountId || state.accounts[0]?.id || '';
  const problems = (prefix: string) =>
    ui.problems
      .filter((p) => p.field === prefix || p.field.startsWith(`${prefix}.`))
      .map((p) => problemText(p, 'dataSet', state.language, t));
  const others = ui.problems.filter((p) => !['accountId', 'dates', 'language'].some((f) => p.field.startsWith(f)));
  return h(
    'div',
    { class: 'dashboard' },
    h('h1', null, t('dashboardTitle')),
    h('p', { class: 'secondary' }, t('dashboardIntro')),
    state.accounts.length === 0
      ? h('p', { class: 'error', id: 'dashboard-no-account' }, t('dashboardNoAccount'))
      : h(
          'form',
          { id: 'dashboard-form', onSubmit: (event: Event) => event.preventDefault() },
          field({
            id: 'dashboard-account',
            label: t('account'),
            control: selectInput(
              'dashboard-account',
              accountId,
              state.accounts.map((account) => ({ value: account.id, label: account.name })),
              (value) => {
                ui.accountId = value;
              },
            ),
            errors: problems('accountId'),
          }),
          field({
            id: 'dashboard-period',
            label: t('dashboardPeriod'),
            control: selectInput<PeriodChoice>(
              'dashboard-period',
              ui.period,
              (['last7', 'last30', 'last90', 'thisMonth', 'lastMonth'] as const).map((value) => ({
                value,
                label: t(`period_${value}`),
              })),
              (value) => {
                ui.period = value;
              },
            ),
            errors: problems('dates'),
          }),
          field({
            id: 'dashboard-language',
            label: t('dashboardLanguage'),
            control: selectInput<Language>(
              'dashboard-language',
              ui.language ?? state.language,
              [
                { value: 'en', label: 'English' },
                { value: 'zh', label: '简体中文' },
              ],
              (value) => {
                ui.language = value;
              },
            ),
            errors: problems('language'),
          }),
          errorBlock(
            'dashboard-problems',
            others.map((p) => problemText(p, 'dataSet', state.language, t)),
          ),
          ui.progress
            ? h(
                'div',
                { class: 'run-status running', id: 'dashboard-progress', role: 'status' },
                t('dashboardFetching', ui.progress),
              )
            : null,
          h(
            'div',
            { class: 'buttons' },
            button(t('createDashboard'), () => void create(app), {
              class: 'action',
              id: 'create-dashboard',
              disabled: ui.busy,
            }),
          ),
        ),
    renderDashboardList(app),
  );
}

/** The dashboards with their refresh state, Refresh / Open / Delete (also shown under DataSets). */
export function renderDashboardList(app: App): HTMLElement {
  const { t, state } = app;
  if (ui.list === undefined) void loadDashboards(app);
  const list = ui.list ?? [];
  return h(
    'section',
    { class: 'dashboards', id: 'dashboard-list' },
    h(
      'div',
      { class: 'view-header' },
      h('h2', null, t('dashboardsTitle')),
      app.state.view === 'dashboard'
        ? null
        : button(t('newDashboardButton'), () => app.show('dashboard'), { id: 'new-dashboard' }),
    ),
    list.length === 0
      ? h('p', { class: 'secondary' }, t('noDashboards'))
      : h(
          'ul',
          { class: 'cards' },
          list.map((dashboard) =>
            h(
              'li',
              { class: 'card', id: `dashboard-${dashboard.id}`, 'data-sheet': dashboard.sheetName },
              h('h3', null, dashboard.sheetName),
              h(
                'p',
                { class: 'secondary' },
                dashboard.refreshedAt
                  ? t('dashboardRefreshed', { time: formatInZone(Date.parse(dashboard.refreshedAt), state.timeZone) })
                  : t('dashboardNever'),
                ' · ',
                t('dashboardSources', { count: dashboard.dataSets.length }),
              ),
              dashboard.error ? h('p', { class: 'error' }, dashboard.error) : null,
              h(
                'div',
                { class: 'buttons card-actions' },
                button(
                  t('dashboardRefresh'),
                  () =>
                    void call('refreshDashboard', dashboard.id)
                      .then(() => loadDashboards(app))
                      .catch((error: unknown) => app.fail(error)),
                  { id: `dashboard-${dashboard.id}-refresh` },
                ),
                button(t('dashboardOpen'), () => void call('activateSheet', dashboard.sheetName), {
                  id: `dashboard-${dashboard.id}-open`,
                }),
                ui.confirmingDelete === dashboard.id
                  ? button(
                      t('dashboardConfirmDelete'),
                      () =>
                        void call('deleteDashboard', dashboard.id)
                          .then(() => {
                            ui.confirmingDelete = undefined;
                            return loadDashboards(app);
                          })
                          .catch((error: unknown) => app.fail(error)),
                      { id: `dashboard-${dashboard.id}-confirm-delete` },
                    )
                  : button(
                      t('dashboardDelete'),
                      () => {
                        ui.confirmingDelete = dashboard.id;
                        app.render();
                      },
                      { id: `dashboard-${dashboard.id}-delete` },
                    ),
              ),
            ),
          ),
        ),
  );
}
