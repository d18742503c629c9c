/** Manage DataSets: each DataSet with its dates, schedule, last and next run; Run now, Edit, Duplicate, Delete. */
import { describeDates } from '../../src/dates/describe';
import type { DataSetSummary, InvalidArgument, RunRecord } from '../../src/ui/contract';
import { dataSetFormOf, duplicateForm } from '../dataset-model';
import { h } from '../dom';
import { count } from '../i18n';
import { outcomeText } from '../messages';
import { call } from '../rpc';
import { describeSchedule, formatInZone } from '../schedule';
import { type App, freshEditor, itemState } from '../state';
import { renderDashboardList } from './dashboard';
import { openEditor } from './dataset-editor-controller';
import { button } from './fields';
import { quotaWarning } from './quota';
import { asking, confirmRun, questionBox, quotaMeter, quotaSpent } from './run-guard';
import { runStatus, runWithProgress } from './run-status';

export function renderDataSets(app: App): HTMLElement {
  const { t, state } = app;
  const refreshing = state.list.refreshAll;
  const running = refreshing !== undefined && refreshing.index <= refreshing.total;
  return h(
    'div',
    { class: 'datasets' },
    h(
      'div',
      { class: 'view-header' },
      h('h1', null, t('dataSetsTitle')),
      state.dataSets.length > 0
        ? button(t('refreshAll'), () => void refreshAll(app), {
            id: 'refresh-all',
            disabled: running || anyRunning(app) || asking('refresh-all'),
          })
        : null,
    ),
    scheduleLine(app),
    quotaMeter(app, running || anyRunning(app)),
    questionBox(app, 'refresh-all'),
    refreshing ? refreshAllLine(app) : null,
    state.dataSets.length === 0
      ? h(
          'div',
          { class: 'empty' },
          h('p', { class: 'secondary' }, t('noDataSets')),
          button(t('createFirst'), () => openEditor(app, freshEditor(state)), { class: 'action' }),
        )
      : h(
          'ul',
          { class: 'cards', id: 'dataset-list' },
          [...state.dataSets].sort((a, b) => a.name.localeCompare(b.name)).map((dataSet) => dataSetCard(app, dataSet)),
        ),
    renderDashboardList(app),
  );
}

function anyRunning(app: App): boolean {
  return Object.values(app.state.list.items).some((item) => item.run?.phase === 'running');
}

function refreshAllLine(app: App): HTMLElement {
  const { t } = app;
  const progress = app.state.list.refreshAll!;
  const finished = progress.index > progress.total;
  return h(
    'div',
    { class: finished ? 'run-status done' : 'run-status running', id: 'refresh-all-status', role: 'status' },
    finished
      ? t('refreshAllDone', { total: progress.total, ok: progress.succeeded, failed: progress.failed })
      : t('refreshingAll', { index: progress.index, total: progress.total, name: progress.name }),
    finished
      ? null
      : h(
          'div',
          {
            class: 'progress determinate',
            role: 'progressbar',
            'aria-valuemin': 0,
            'aria-valuemax': progress.total,
            'aria-valuenow': progress.index - 1,
          },
          h('div', { style: `width:${Math.round(((progress.index - 1) / progress.total) * 100)}%` }),
        ),
  );
}

/** Who runs the scheduled refreshes of this spreadsheet, and when they last ran. */
function scheduleLine(app: App): HTMLElement | null {
  const { t, state } = app;
  const schedule = state.schedule;
  if (!schedule?.needed) return null;
  // Chinese sets a Latin name (an email) apart with spaces, and nothing else: "以 a@b.com 的身份", "以你的身份".
  const spaced = (name: string) => (state.language === 'zh' ? ` ${name} ` : name);
  const owner = schedule.owner ? (schedule.ownedByMe ? t('scheduleOwnerMe') : spaced(schedule.owner.user)) : undefined;
  const parts = [owner ? t('scheduleRunsAs', { user: owner }) : t('scheduleNoOwner')];
  if (schedule.lastTick) {
    parts.push(t('scheduleLastTick', { time: formatInZone(schedule.lastTick.atMs, state.timeZone) }));
  }
  return h('p', { class: 'secondary schedule-owner', id: 'schedule-owner' }, parts.join(' '));
}

function statusText(app: App, status: RunRecord['status']): string {
  switch (status) {
    case 'success':
      return app.t('statusSuccess');
    case 'partial':
      return app.t('statusPartial');
    case 'running':
      return app.t('statusRunning');
    default:
      return app.t('statusFailed');
  }
}

function lastRunText(app: App, run: RunRecord | undefined): string {
  const { t, state } = app;
  if (!run) return t('never');
  const status = statusText(app, run.status);
  return t('lastRunLine', {
    time: formatInZone(Date.parse(run.start), state.timeZone),
    status,
    rows: count(t, 'rows', run.rows, state.language),
  });
}

function detail(label: string, value: string, className?: string): HTMLElement[] {
  return [h('dt', null, label), h('dd', { class: className }, value)];
}

function dataSetCard(app: App, dataSet: DataSetSummary): HTMLElement {
  const { t, state } = app;
  const item = itemState(state.list, dataSet.id);
  const report = state.reports.find((candidate) => candidate.id === dataSet.reportId);
  const running =
    item.run?.phase === 'running' ||
    asking(`dataset-${dataSet.id}`) ||
    (state.list.refreshAll?.name === dataSet.name && state.list.refreshAll.index <= state.list.refreshAll.total);
  const scheduleText =
    dataSet.schedule.kind === 'manual'
      ? describeSchedule(dataSet.schedule, t)
      : `${describeSchedule(dataSet.schedule, t)} ${t('spreadsheetTime')}`;
  const slug = `dataset-${dataSet.id}`;
  return h(
    'li',
    { class: 'card', id: slug, 'data-name': dataSet.name },
    h('h3', null, dataSet.name),
    dataSet.description ? h('p', { class: 'secondary' }, dataSet.description) : null,
    h(
      'dl',
      null,
      detail(t('report'), report ? report.label[state.language] : dataSet.reportId),
      detail(t('dates'), describeDates(dataSet.dates, state.language)),
      detail(t('sheet'), dataSet.sheetName),
      detail(t('schedule'), scheduleText),
      dataSet.nextRun
        ? detail(t('nextRun'), formatInZone(Date.parse(dataSet.nextRun), state.timeZone), 'next-run')
        : [],
      detail(t('lastRun'), lastRunText(app, dataSet.lastRun), `last-run ${dataSet.lastRun?.status ?? ''}`),
    ),
    dataSet.paused ? pausedBox(app, dataSet, slug) : null,
    quotaWarning(app, dataSet),
    dataSet.running && item.run?.phase !== 'running' ? unfinishedLine(app, dataSet.running) : null,
    h(
      'div',
      { class: 'buttons card-actions' },
      button(t('runNow'), () => void runOne(app, dataSet), { class: 'action', disabled: running, id: `${slug}-run` }),
      button(t('edit'), () => openEditor(app, { ...freshEditor(state), form: dataSetFormOf(dataSet) }), {
        id: `${slug}-edit`,
      }),
      button(
        t('duplicate'),
        () =>
          openEditor(app, { ...freshEditor(state), form: duplicateForm(dataSet, t('copyOf', { name: dataSet.name })) }),
        { id: `${slug}-duplicate` },
      ),
      button(
        t('delete'),
        () => {
          item.confirmingDelete = true;
          app.render();
          document.getElementById(`${slug}-confirm-no`)?.focus();
        },
        { id: `${slug}-delete`, disabled: running },
      ),
      button(item.history ? t('hideHistory') : t('history'), () => void toggleHistory(app, dataSet), {
        id: `${slug}-history`,
        'aria-expanded': item.history ? 'true' : 'false',
      }),
    ),
    item.confirmingDelete ? confirmDelete(app, dataSet, slug) : null,
    questionBox(app, slug),
    runStatus(app, `${slug}-status`, item.run),
    item.history ? historyList(app, item.history, slug) : null,
  );
}

/** A scheduled DataSet the schedule stopped: why, and Resume. */
function pausedBox(app: App, dataSet: DataSetSummary, slug: string): HTMLElement {
  const { t, state } = app;
  const paused = dataSet.paused!;
  return h(
    'div',
    { class: 'paused', role: 'status', id: `${slug}-paused` },
    h('strong', null, t('pausedTitle', { time: formatInZone(paused.atMs, state.timeZone) })),
    h('div', null, outcomeText(paused, state.language)),
    button(t('resume'), () => void resume(app, dataSet), { id: `${slug}-resume` }),
  );
}

function unfinishedLine(app: App, running: NonNullable<DataSetSummary['running']>): HTMLElement {
  const { t, state } = app;
  return h(
    'div',
    { class: 'secondary unfinished' },
    t('unfinished', {
      done: running.windowsDone,
      total: running.windowsTotal,
      rows: count(t, 'rows', running.rows, state.language),
    }),
  );
}

async function resume(app: App, dataSet: DataSetSummary): Promise<void> {
  try {
    const result = await call('resumeDataSet', dataSet.id);
    if (!result.ok) app.fail(new Error(outcomeText(result, app.state.language)));
    await app.reloadLists();
  } catch (error) {
    app.fail(error);
  }
  app.render();
}

function confirmDelete(app: App, dataSet: DataSetSummary, slug: string): HTMLElement {
  const { t } = app;
  const item = itemState(app.state.list, dataSet.id);
  return h(
    'div',
    { class: 'confirm', role: 'alertdialog', 'aria-labelledby': `${slug}-confirm-text` },
    h('div', { id: `${slug}-confirm-text` }, t('confirmDeleteDataSet', { name: dataSet.name })),
    h(
      'div',
      { class: 'buttons' },
      button(t('confirmYes'), () => void deleteDataSet(app, dataSet), { class: 'danger', id: `${slug}-confirm-yes` }),
      button(
        t('confirmNo'),
        () => {
          item.confirmingDelete = false;
          app.render();
          document.getElementById(`${slug}-delete`)?.focus();
        },
        { id: `${slug}-confirm-no` },
      ),
    ),
  );
}

function historyList(app: App, history: RunRecord[], slug: string): HTMLElement {
  const { t, state } = app;
  if (history.length === 0) return h('p', { class: 'secondary history', id: `${slug}-history-list` }, t('noHistory'));
  return h(
    'ol',
    { class: 'history', id: `${slug}-history-list` },
    history.map((run) =>
      h(
        'li',
        { class: run.status },
        h(
          'div',
          null,
          t('historyLine', {
            time: formatInZone(Date.parse(run.start), state.timeZone),
            status: statusText(app, run.status),
            rows: count(t, 'rows', run.rows, state.language),
            calls: count(t, 'apiCalls', run.calls, state.language),
            trigger: run.trigger === 'schedule' ? t('triggerSchedule') : t('triggerManual'),
          }),
        ),
        run.status === 'failed' ? h('div', { class: 'secondary' }, outcomeText(run, state.language)) : null,
      ),
    ),
  );
}

async function toggleHistory(app: App, dataSet: DataSetSummary): Promise<void> {
  const item = itemState(app.state.list, dataSet.id);
  if (item.history) {
    item.history = undefined;
    app.render();
    return;
  }
  try {
    item.history = historyOf(await call('getRunHistory', dataSet.id));
  } catch (error) {
    app.fail(error);
  }
  app.render();
}

/** The history, or none when the server refused the id (it never does for an id it listed). */
function historyOf(answer: RunRecord[] | InvalidArgument): RunRecord[] {
  return Array.isArray(answer) ? answer : [];
}

/** Runs one DataSet; `ask`: first asks when the run is big or over today's quota (Refresh all asked already). */
async function runOne(app: App, dataSet: DataSetSummary, ask = true): Promise<boolean> {
  const item = itemState(app.state.list, dataSet.id);
  if (ask && !(await confirmRun(app, `dataset-${dataSet.id}`, [dataSet.id]))) return false;
  quotaSpent(dataSet.accountId);
  const outcome = await runWithProgress(app, dataSet, `dataset-${dataSet.id}-status`, (run) => (item.run = run));
  if (item.history) item.history = await call('getRunHistory', dataSet.id).then(historyOf, () => item.history);
  return outcome?.ok === true;
}

async function deleteDataSet(app: App, dataSet: DataSetSummary): Promise<void> {
  try {
    await call('deleteDataSet', dataSet.id);
    delete app.state.list.items[dataSet.id];
    app.state.notice = { key: 'deleted', params: { name: dataSet.name } };
    await app.reloadLists();
  } catch (error) {
    app.fail(error);
  }
  app.render();
}

/** Runs every DataSet one after another (the server serialises refreshes of a spreadsheet anyway). */
export async function refreshAll(app: App): Promise<void> {
  const dataSets = [...app.state.dataSets];
  if (
    !(await confirmRun(
      app,
      'refresh-all',
      dataSets.map((dataSet) => dataSet.id),
    ))
  )
    return;
  const progress = { total: dataSets.length, index: 0, name: '', succeeded: 0, failed: 0 };
  app.state.list.refreshAll = progress;
  for (const dataSet of dataSets) {
    progress.index += 1;
    progress.name = dataSet.name;
    app.render();
    if (await runOne(app, dataSet, false)) progress.succeeded += 1;
    else progress.failed += 1;
  }
  progress.index = progress.total + 1;
  app.render();
}
