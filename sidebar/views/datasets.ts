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
import { refreshAll, refreshAllLine, refreshAllRunning, waitingInRefreshAll } from './refresh-all';
import { asking, confirmRun, questionBox, quotaMeter, quotaSpent } from './run-guard';
import { runStatus, runWithProgress } from './run-status';

export function renderDataSets(app: App): HTMLElement {
  const { t, state } = app;
  const running = refreshAllRunning(app);
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
    refreshAllLine(app, (id) => void openDataSet(app, id)),
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
    item.run?.phase === 'running' || asking(`dataset-${dataSet.id}`) || waitingInRefreshAll(app, dataSet.id);
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
  await showHistory(app, dataSet);
}

/** Opens a DataSet from a link (a failure in Refresh all's summary): its card, with its run history, in view. */
async function openDataSet(app: App, id: string): Promise<void> {
  const dataSet = app.state.dataSets.find((candidate) => candidate.id === id);
  if (!dataSet) return;
  const card = () => document.getElementById(`dataset-${id}`);
  card()?.scrollIntoView({ block: 'start' });
  await showHistory(app, dataSet);
  card()?.scrollIntoView({ block: 'start' });
  document.getElementById(`dataset-${id}-history`)?.focus();
}

async function showHistory(app: App, dataSet: DataSetSummary): Promise<void> {
  const item = itemState(app.state.list, dataSet.id);
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

/** Runs one DataSet, first asking when the run is big or over today's quota. */
async function runOne(app: App, dataSet: DataSetSummary): Promise<void> {
  const item = itemState(app.state.list, dataSet.id);
  if (!(await confirmRun(app, `dataset-${dataSet.id}`, [dataSet.id]))) return;
  quotaSpent(dataSet.accountId);
  await runWithProgress(app, dataSet, `dataset-${dataSet.id}-status`, (run) => (item.run = run));
  if (item.history) item.history = await call('getRunHistory', dataSet.id).then(historyOf, () => item.history);
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
