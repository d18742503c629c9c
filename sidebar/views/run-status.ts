/**
 * Running a DataSet and showing it: runDataSet is one synchronous server call, so while it runs the sidebar
 * shows what it is fetching (the planned API calls from previewDates) and the time spent, then the result.
 */
import type { DataSetConfig, RunOutcome } from '../../src/ui/contract';
import { h } from '../dom';
import { count } from '../i18n';
import { noticeText, outcomeText } from '../messages';
import { call } from '../rpc';
import type { App, RunningState, RunState } from '../state';
import { button } from './fields';

/**
 * Runs a saved DataSet, reporting each phase through `setRun`. runDataSet fetches for about a minute per call and
 * answers `running` with its progress when there is more to fetch: the sidebar calls again while it is open
 * (closed, the hourly schedule continues the run). Resolves with the last outcome (a finished run counts the
 * calls of all its chunks).
 */
export async function runWithProgress(
  app: App,
  dataSet: Pick<DataSetConfig, 'id' | 'name' | 'reportId' | 'dates'>,
  statusId: string,
  setRun: (run: RunState | undefined) => void,
): Promise<RunOutcome | undefined> {
  const show = (run: RunState | undefined) => {
    setRun(run);
    app.render();
    document.getElementById(statusId)?.scrollIntoView({ block: 'nearest' });
  };
  let running: RunningState = { phase: 'running', name: dataSet.name, startedMs: Date.now() };
  show(running);
  try {
    const preview = await call('previewDates', dataSet.reportId, dataSet.dates);
    if (preview.ok) {
      running = {
        ...running,
        plan: { start: preview.start, end: preview.end, days: preview.days, calls: preview.calls },
      };
      show(running);
    }
    for (;;) {
      const outcome = await call('runDataSet', dataSet.id);
      const before = running.progress?.windowsDone ?? -1;
      const advanced = outcome.progress !== undefined && outcome.progress.windowsDone > before;
      if (outcome.status === 'running' && outcome.code === 'continuing' && advanced) {
        running = { ...running, progress: outcome.progress };
        show(running);
        continue;
      }
      await app.reloadLists().catch(() => undefined);
      show({ phase: 'done', outcome });
      return outcome;
    }
  } catch (error) {
    show(undefined);
    app.fail(error);
    return undefined;
  }
}

function statusLabel(app: App, status: RunOutcome['status']): string {
  switch (status) {
    case 'success':
      return app.t('statusSuccess');
    case 'partial':
      return app.t('statusPartial');
    case 'busy':
      return app.t('statusBusy');
    case 'running':
      return app.t('statusRunning');
    default:
      return app.t('statusFailed');
  }
}

function outcomeLines(app: App, outcome: RunOutcome): string[] {
  const { t, state } = app;
  const rows = count(t, 'rows', outcome.rows, state.language);
  if (outcome.status === 'success') {
    const calls = count(t, 'apiCalls', outcome.calls, state.language);
    return [t('runSuccess', { rows, calls, sheet: outcome.sheetName })];
  }
  if (outcome.status === 'partial') {
    return [t('runPartial', { rows, sheet: outcome.sheetName, dates: outcome.pendingDates.join(', ') })];
  }
  if (outcome.status === 'busy') return [outcomeText(outcome, state.language)];
  if (outcome.status === 'running') return [outcomeText(outcome, state.language)];
  return [outcomeText(outcome, state.language), t('runFailed')];
}

export function runStatus(app: App, id: string, run: RunState | undefined): HTMLElement | null {
  if (!run) return null;
  const { t } = app;
  if (run.phase === 'running') {
    const { progress } = run;
    const bar = progress
      ? h(
          'div',
          {
            class: 'progress determinate',
            role: 'progressbar',
            'aria-label': t('running', { name: run.name }),
            'aria-valuemin': 0,
            'aria-valuemax': progress.windowsTotal,
            'aria-valuenow': progress.windowsDone,
          },
          h('div', {
            style: `width:${Math.round((progress.windowsDone / Math.max(1, progress.windowsTotal)) * 100)}%`,
          }),
        )
      : h('div', { class: 'progress', role: 'progressbar', 'aria-label': t('running', { name: run.name }) }, h('div'));
    return h(
      'div',
      { class: 'run-status running', id, role: 'status', 'aria-live': 'polite', 'aria-busy': 'true' },
      h('div', { class: 'run-title' }, t('running', { name: run.name })),
      run.plan
        ? h(
            'div',
            null,
            t('runningPlan', {
              start: run.plan.start,
              end: run.plan.end,
              days: count(t, 'days', run.plan.days, app.state.language),
              calls: count(t, 'apiCalls', run.plan.calls, app.state.language),
            }),
          )
        : null,
      progress
        ? h(
            'div',
            { class: 'run-progress' },
            t('runProgress', {
              done: progress.windowsDone,
              total: progress.windowsTotal,
              rows: count(t, 'rows', progress.rows, app.state.language),
            }),
          )
        : null,
      bar,
      h('div', { class: 'secondary elapsed', 'data-started-ms': run.startedMs }, t('elapsed', { seconds: 0 })),
    );
  }
  const { outcome } = run;
  const ok = outcome.status === 'success' || outcome.status === 'partial';
  const tone = ok ? 'done' : outcome.status === 'running' ? 'waiting' : 'failed';
  return h(
    'div',
    {
      class: `run-status ${tone}`,
      id,
      role: 'status',
      'aria-live': 'polite',
      'data-status': outcome.status,
    },
    h('div', { class: 'run-title' }, statusLabel(app, outcome.status)),
    outcomeLines(app, outcome).map((line) => h('div', { class: tone === 'failed' ? 'error' : null }, line)),
    outcome.notices.map((notice) => h('div', { class: 'secondary notice' }, noticeText(notice, app.state.language))),
    ok && outcome.sheetName
      ? button(t('openSheet'), () => void openSheet(app, outcome.sheetName), {
          class: 'open-sheet',
          title: outcome.sheetName,
        })
      : null,
  );
}

async function openSheet(app: App, sheetName: string): Promise<void> {
  try {
    const shown = await call('activateSheet', sheetName);
    if (!shown) {
      app.state.notice = { key: 'sheetMissing', params: { sheet: sheetName } };
      app.render();
    }
  } catch (error) {
    app.fail(error);
  }
}

/** Ticks the "N s" line of every running DataSet (one timer for the page). */
export function startElapsedClock(t: () => App['t']): void {
  setInterval(() => {
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-started-ms]'))) {
      const seconds = Math.floor((Date.now() - Number(element.dataset.startedMs)) / 1000);
      element.textContent = t()('elapsed', { seconds });
    }
  }, 500);
}
