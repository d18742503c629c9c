/**
 * "Refresh all now": the runs happen on the server (startRefreshAll), so closing the sidebar does not stop them.
 * While the call runs, the sidebar asks where it stands every few seconds; an open sidebar continues what one call
 * had no time for. The summary names each failure, with why, and a link that opens that DataSet.
 */
import type { RefreshAllResult, RefreshAllView } from '../../src/ui/contract';
import { h } from '../dom';
import { outcomeText } from '../messages';
import { call } from '../rpc';
import type { App, RefreshAllState } from '../state';
import { button } from './fields';
import { confirmRun, quotaSpent } from './run-guard';

/** How often an open sidebar asks where a running "Refresh all now" stands. */
const POLL_MS = 3000;

/** Whether a "Refresh all now" this sidebar knows of is still going. */
export function refreshAllRunning(app: App): boolean {
  const progress = app.state.list.refreshAll;
  return progress !== undefined && (progress.calling || (progress.view !== undefined && !progress.view.finished));
}

/** Whether this DataSet is still to run (or running) in a "Refresh all now" this sidebar is driving. */
export function waitingInRefreshAll(app: App, dataSetId: string): boolean {
  const progress = app.state.list.refreshAll;
  if (!progress?.calling) return false;
  return progress.view === undefined || progress.view.waitingIds.includes(dataSetId);
}

export async function refreshAll(app: App): Promise<void> {
  const { dataSets } = app.state;
  const ids = dataSets.map((dataSet) => dataSet.id);
  if (!(await confirmRun(app, 'refresh-all', ids))) return;
  for (const accountId of new Set(dataSets.map((dataSet) => dataSet.accountId))) quotaSpent(accountId);
  await drive(app, () => call('startRefreshAll'));
}

/**
 * On opening the sidebar: a "Refresh all now" that has work left goes on from here (its call ended when its time was
 * up). What another execution is running already is left to it: the call answers that it ran nothing, and the
 * sidebar stops there.
 */
export async function resumeRefreshAll(app: App): Promise<void> {
  const view = app.state.list.refreshAll?.view;
  if (!view || view.finished) return;
  await drive(app, () => call('continueRefreshAll'));
}

/** Runs `first`, then continues while calls make progress, showing where it stands meanwhile. */
async function drive(app: App, first: () => Promise<RefreshAllResult>): Promise<void> {
  const progress: RefreshAllState = { calling: true, view: app.state.list.refreshAll?.view };
  app.state.list.refreshAll = progress;
  app.render();
  void poll(app, progress);
  try {
    let result = await first();
    while (result.ok && result.view && !result.view.finished && result.ran > 0) {
      progress.view = result.view;
      app.render();
      result = await call('continueRefreshAll');
    }
    if (result.ok) progress.view = result.view ?? progress.view;
    else progress.problem = outcomeText(result, app.state.language);
  } catch (error) {
    app.fail(error);
  }
  progress.calling = false;
  await app.reloadLists().catch(() => undefined);
  app.render();
}

async function poll(app: App, progress: RefreshAllState): Promise<void> {
  while (progress.calling) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (!progress.calling) return;
    const view = await call('getRefreshAll').catch(() => null);
    if (!progress.calling || !view) continue;
    progress.view = view;
    app.render();
  }
}

/** The line under the DataSets title: progress, or the summary with each failure. */
export function refreshAllLine(app: App, openDataSet: (id: string) => void): HTMLElement | null {
  const progress = app.state.list.refreshAll;
  if (!progress || progress.dismissed) return null;
  const { t, state } = app;
  const view = progress.view;
  if (progress.problem) {
    return h('div', { class: 'run-status failed', id: 'refresh-all-status', role: 'alert' }, progress.problem);
  }
  if (!view?.finished) return runningLine(app, view, progress.calling);
  const failed = view.failures.length;
  return h(
    'div',
    { class: failed > 0 ? 'run-status failed' : 'run-status done', id: 'refresh-all-status', role: 'status' },
    h('div', null, t('refreshAllDone', { total: view.total, ok: view.succeeded, failed })),
    failed > 0
      ? h(
          'ul',
          { class: 'refresh-all-failures', id: 'refresh-all-failures' },
          view.failures.map((failure) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  href: '#',
                  id: `refresh-all-failure-${failure.id}`,
                  onclick: (event: Event) => {
                    event.preventDefault();
                    openDataSet(failure.id);
                  },
                },
                failure.name,
              ),
              h('div', { class: 'secondary' }, outcomeText(failure, state.language)),
            ),
          ),
        )
      : null,
    button(
      t('dismiss'),
      () => {
        progress.dismissed = true;
        app.render();
      },
      { id: 'refresh-all-dismiss' },
    ),
  );
}

function runningLine(app: App, view: RefreshAllView | undefined, calling: boolean): HTMLElement {
  const { t } = app;
  const done = view?.done ?? 0;
  const total = view?.total ?? app.state.dataSets.length;
  return h(
    'div',
    { class: 'run-status running', id: 'refresh-all-status', role: 'status' },
    h('div', null, t('refreshingAll', { done, total })),
    h(
      'div',
      {
        class: 'progress determinate',
        role: 'progressbar',
        'aria-valuemin': 0,
        'aria-valuemax': total,
        'aria-valuenow': done,
      },
      h('div', { style: `width:${total > 0 ? Math.round((done / total) * 100) : 0}%` }),
    ),
    h('div', { class: 'secondary' }, calling ? t('refreshAllGoesOn') : t('refreshAllLeftToSchedule')),
  );
}
