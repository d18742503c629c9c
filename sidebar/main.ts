/**
 * The sidebar: draws its first screen from the context the server wrote into the page (#sidebar-context), with no
 * round trip (getSidebarContext is called only when the page carries none), then the view the menu asked for (the
 * start view is written into #app's data-start-view by the server) from the state in state.ts. The lists are read
 * again in the background when the user comes back to the sidebar, since others may have changed them meanwhile.
 */
import type { Language, SidebarContext, SidebarView } from '../src/ui/contract';
import { h, replaceChildren } from './dom';
import { browserLanguage, type Translate, translator } from './i18n';
import { latestChoiceSaver } from './latest-choice';
import { call } from './rpc';
import { type App, type AppState, freshEditor, type ViewName } from './state';
import { renderAccounts } from './views/accounts';
import { renderDashboard } from './views/dashboard';
import { renderDataSetEditor } from './views/dataset-editor';
import { requestPreview } from './views/dataset-editor-controller';
import { renderDataSets } from './views/datasets';
import { button } from './views/fields';
import { renderHelp } from './views/help';
import { refreshAll, refreshAllRunning, resumeRefreshAll } from './views/refresh-all';
import { startElapsedClock } from './views/run-status';

const root = document.getElementById('app')!;
const startView = (root.dataset.startView ?? 'new-dataset') as SidebarView;

const NAV: ReadonlyArray<[ViewName, Parameters<Translate>[0]]> = [
  ['dataset', 'navNew'],
  ['datasets', 'navDataSets'],
  ['accounts', 'navAccounts'],
  ['help', 'navHelp'],
];

function viewOf(start: SidebarView): ViewName {
  switch (start) {
    case 'datasets':
    case 'refresh-all':
      return 'datasets';
    case 'accounts':
      return 'accounts';
    case 'help':
      return 'help';
    case 'new-dashboard':
      return 'dashboard';
    default:
      return 'dataset';
  }
}

/** Whether the language switch has a save on its way (marked aria-busy on the switch). */
let languageSaving = false;

function showLanguageSaving(saving: boolean): void {
  languageSaving = saving;
  const languageSwitch = document.querySelector('.lang-switch');
  if (saving) languageSwitch?.setAttribute('aria-busy', 'true');
  else languageSwitch?.removeAttribute('aria-busy');
}

function createApp(state: AppState): App {
  let t = translator(state.language);
  // Quick clicks switch at once; the saves go one at a time, the last choice last (see latest-choice.ts).
  const languageSaver = latestChoiceSaver(
    state.language,
    (language: Language) => call('setSidebarLanguage', language),
    showLanguageSaving,
  );
  const app: App = {
    state,
    get t() {
      return t;
    },
    render: () => render(app),
    show(view) {
      state.view = view;
      state.notice = undefined;
      state.error = undefined;
      render(app);
      document.querySelector<HTMLElement>('#view h1')?.focus();
    },
    async reloadLists() {
      const [accounts, dataSets, schedule] = await Promise.all([
        call('listAccounts'),
        call('listDataSets'),
        call('getScheduleInfo').catch(() => state.schedule),
      ]);
      state.accounts = accounts;
      state.dataSets = dataSets;
      state.schedule = schedule;
    },
    fail(error) {
      const message = error instanceof Error ? error.message : String(error);
      state.error = t('serverError', { message });
      render(app);
    },
    setLanguage(language: Language) {
      state.language = language;
      t = translator(language);
      document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
      languageSaver.choose(language);
      render(app);
    },
  };
  return app;
}

function header(app: App): HTMLElement {
  const { t, state } = app;
  const languageButton = (language: Language, label: string) =>
    button(label, () => app.setLanguage(language), {
      class: state.language === language ? 'lang current' : 'lang',
      'aria-pressed': state.language === language ? 'true' : 'false',
      lang: language === 'zh' ? 'zh-CN' : 'en',
      id: `lang-${language}`,
    });
  return h(
    'header',
    { class: 'topbar' },
    nav(app),
    h(
      'div',
      {
        class: 'lang-switch',
        role: 'group',
        'aria-label': t('languageSwitch'),
        'aria-busy': languageSaving ? 'true' : null,
      },
      languageButton('en', 'EN'),
      languageButton('zh', '中文'),
    ),
  );
}

function nav(app: App): HTMLElement {
  const { t, state } = app;
  // Editing a saved DataSet belongs to the DataSets tab; New is current only for a new one.
  const current: ViewName = state.view === 'dataset' && state.editor.form.id ? 'datasets' : state.view;
  return h(
    'nav',
    { class: 'tabs', 'aria-label': t('navigation') },
    NAV.map(([view, label]) =>
      button(
        t(label),
        () => {
          // "New" leaves a half-filled new DataSet as it is, but never reopens one being edited.
          if (view === 'dataset' && state.editor.form.id) state.editor = freshEditor(state);
          app.show(view);
          if (view === 'dataset') requestPreview(app);
        },
        {
          class: current === view ? 'tab current' : 'tab',
          'aria-current': current === view ? 'page' : null,
          id: `nav-${view}`,
        },
      ),
    ),
  );
}

function currentView(app: App): HTMLElement {
  switch (app.state.view) {
    case 'datasets':
      return renderDataSets(app);
    case 'accounts':
      return renderAccounts(app);
    case 'dashboard':
      return renderDashboard(app);
    case 'help':
      return renderHelp(app);
    default:
      return renderDataSetEditor(app);
  }
}

/** Redraws the page, keeping the focused control (by id) and what the user was looking at. */
function render(app: App): void {
  const { state, t } = app;
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const scroll = window.scrollY;
  document.title = t('appTitle');
  const view = currentView(app);
  view.querySelector('h1')?.setAttribute('tabindex', '-1');
  replaceChildren(
    root,
    header(app),
    state.error
      ? h(
          'div',
          { class: 'banner error', role: 'alert', id: 'error-banner' },
          state.error,
          button(
            '×',
            () => {
              state.error = undefined;
              render(app);
            },
            { class: 'dismiss', 'aria-label': t('confirmNo') },
          ),
        )
      : null,
    state.notice
      ? h('div', { class: 'banner success', role: 'status', id: 'notice' }, t(state.notice.key, state.notice.params))
      : null,
    h('main', { id: 'view' }, view),
  );
  if (focusedId) document.getElementById(focusedId)?.focus({ preventScroll: true });
  window.scrollTo(0, scroll);
}

function showLoadFailure(language: Language, error: unknown): void {
  const t = translator(language);
  const message = error instanceof Error ? error.message : String(error);
  replaceChildren(
    root,
    h('p', { class: 'error', role: 'alert' }, t('loadFailed', { message })),
    button(t('retry'), () => void boot(), { class: 'action' }),
  );
}

/** The context the server rendered into the page, if any (the first open); a retry asks the server. */
function inlinedContext(): SidebarContext | undefined {
  const block = document.getElementById('sidebar-context');
  if (!block) return undefined;
  block.remove();
  try {
    const value: unknown = JSON.parse(block.textContent ?? 'null');
    return value && typeof value === 'object' ? (value as SidebarContext) : undefined;
  } catch {
    return undefined;
  }
}

/** After the user was away (in the sheet, another tab) this long, coming back reads the lists again. */
const REFRESH_AFTER_AWAY_MS = 30_000;

function runsInProgress(app: App): boolean {
  const { list } = app.state;
  return refreshAllRunning(app) || Object.values(list.items).some((item) => item.run?.phase === 'running');
}

/** Reads the lists again in the background whenever the user comes back after a while; the view stays usable. */
function refreshInBackground(app: App): void {
  let readAt = Date.now();
  let reading = false;
  const refresh = () => {
    if (reading || Date.now() - readAt < REFRESH_AFTER_AWAY_MS || runsInProgress(app)) return;
    reading = true;
    call('getSidebarContext').then(
      (context) => {
        reading = false;
        readAt = Date.now();
        const { state } = app;
        state.accounts = context.accounts;
        state.dataSets = context.dataSets;
        if (context.schedule) state.schedule = context.schedule;
        app.render();
      },
      () => {
        reading = false;
      },
    );
  };
  window.addEventListener('focus', refresh);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });
}

async function boot(): Promise<void> {
  const guess = browserLanguage(navigator.languages ?? [navigator.language]);
  let context = inlinedContext();
  if (!context) {
    replaceChildren(root, h('p', { class: 'secondary', role: 'status' }, translator(guess)('loading')));
    try {
      context = await call('getSidebarContext');
    } catch (error) {
      showLoadFailure(guess, error);
      return;
    }
  }
  const state: AppState = {
    language: context.language,
    view: viewOf(startView),
    timeZone: context.timeZone,
    ...(context.schedule ? { schedule: context.schedule } : {}),
    accounts: context.accounts,
    reports: context.reports,
    dataSets: context.dataSets,
    relayUrls: context.relayUrls ?? [],
    yesterday: context.yesterday ?? '',
    editor: freshEditor({ ...context, relayUrls: context.relayUrls ?? [] }),
    list: { items: {}, ...(context.refreshAll ? { refreshAll: { calling: false, view: context.refreshAll } } : {}) },
    accountsView: { problems: [], test: { phase: 'idle' }, busy: false, quota: {} },
  };
  const app = createApp(state);
  document.documentElement.lang = state.language === 'zh' ? 'zh-CN' : 'en';
  startElapsedClock(() => app.t);
  render(app);
  root.setAttribute('data-ready', 'true');
  refreshInBackground(app);
  if (state.view === 'dataset') requestPreview(app);
  if (startView === 'refresh-all' && state.dataSets.length > 0) await refreshAll(app);
  else await resumeRefreshAll(app);
}

void boot();
