/** The New / Edit DataSet form: Credentials, Details, Scheduling, Name & Describe; Save and Save & Run. */
import type { Preset } from '../../src/dates/types';
import type { Language, Problem, ReportSummary } from '../../src/ui/contract';
import { accountFormOf, accountInputOf, blankAccountForm, checkAccountForm } from '../account-model';
import {
  type DayFields,
  type DayKind,
  type DayRole,
  type Duration,
  dataSetFormOf,
  dataSetInputOf,
  dateSpecOf,
  HOUR_STEPS,
  type HourStep,
  PRESETS,
  type ScheduleKind,
} from '../dataset-model';
import { h } from '../dom';
import { count, type MessageKey } from '../i18n';
import { noticeText, problemText } from '../messages';
import { call } from '../rpc';
import { hourText, WEEKDAYS } from '../schedule';
import type { App, EditorState } from '../state';
import { accountFields, testButton, testConnection, testResult } from './account-fields';
import {
  button,
  type Choice,
  type ChoiceGroup,
  field,
  problemsFor,
  radioGroup,
  selectInput,
  textInput,
} from './fields';
import { runStatus, runWithProgress } from './run-status';

const NEW_ACCOUNT = '';

const PRESET_LABELS: Readonly<Record<Preset, MessageKey>> = {
  yesterday: 'presetYesterday',
  last7: 'presetLast7',
  last30: 'presetLast30',
  thisMonth: 'presetThisMonth',
  lastMonth: 'presetLastMonth',
};

const GROUPS: ReadonlyArray<[ReportSummary['group'], MessageKey]> = [
  ['users', 'groupUsers'],
  ['articles', 'groupArticles'],
  ['published', 'groupPublished'],
  ['messages', 'groupMessages'],
  ['interface', 'groupInterface'],
];

/** Every problem field the form shows next to a control; anything else goes to the summary. */
const PLACED_FIELDS = [
  'accountId',
  'reportId',
  'dates.day',
  'dates.day.days',
  'dates.start',
  'dates.start.days',
  'dates.end',
  'dates.end.days',
  'dates.preset',
  'dates.mode',
  'schedule',
  'schedule.every',
  'schedule.hour',
  'schedule.weekday',
  'updateMethod',
  'notifyOnFailure',
  'name',
  'description',
  'sheetName',
  'language',
];

function errors(app: App, fields: readonly string[], problems = app.state.editor.problems): string[] {
  return problemsFor(problems, fields).map((problem) => problemText(problem, 'dataSet', app.state.language, app.t));
}

export function renderDataSetEditor(app: App): HTMLElement {
  const { t, state } = app;
  const editor = state.editor;
  return h(
    'div',
    { class: 'dataset-editor' },
    h('h1', null, editor.form.id ? t('editDataSetTitle') : t('newDataSetTitle')),
    credentialsSection(app, editor),
    detailsSection(app, editor),
    schedulingSection(app, editor),
    nameSection(app, editor),
    actionsSection(app, editor),
  );
}

function section(id: string, title: string, ...content: Array<HTMLElement | null>): HTMLElement {
  return h('section', { class: 'form-section', 'aria-labelledby': id }, h('h2', { id }, title), content);
}

// ---- Credentials ----

function credentialsSection(app: App, editor: EditorState): HTMLElement {
  const { t, state } = app;
  const form = editor.form;
  const accountChoices: Choice<string>[] = state.accounts.map((account) => ({
    value: account.id,
    label: account.name,
  }));
  accountChoices.push({ value: NEW_ACCOUNT, label: t('addAccountOption') });
  const selected = state.accounts.find((account) => account.id === form.accountId);
  const picker = field({
    id: 'ds-account',
    label: t('account'),
    errors: errors(app, ['accountId']),
    control: selectInput('ds-account', form.accountId, accountChoices, (value) => {
      form.accountId = value;
      editor.test = { phase: 'idle' };
      app.render();
    }),
  });
  if (selected) {
    const savedForm = accountFormOf(selected);
    const connection = t(selected.connection === 'relay' ? 'connectionRelay' : 'connectionDirect');
    const credential =
      selected.connection === 'relay'
        ? t(selected.relayKeySet ? 'relayKeySet' : 'relayKeyNotSet')
        : t(selected.secretSet ? 'secretSet' : 'secretNotSet');
    return section(
      'sec-credentials',
      t('credentials'),
      picker,
      h(
        'p',
        { class: 'secondary account-summary' },
        `${t('accountSummary', { appId: selected.appId, type: t(selected.type === 'china' ? 'typeChina' : 'typeInternational'), connection })} · ${credential}`,
      ),
      h(
        'div',
        { class: 'form-group' },
        testButton(
          app,
          'ds-test',
          editor.test,
          () =>
            void testConnection(app, savedForm, {
              setTest: (test) => (editor.test = test),
              setProblems: () => undefined,
            }),
        ),
        testResult(app, 'ds-test', editor.test, savedForm),
      ),
    );
  }
  return section(
    'sec-credentials',
    t('credentials'),
    picker,
    h(
      'div',
      { class: 'new-account' },
      accountFields(app, {
        idPrefix: 'new-account',
        form: editor.account,
        problems: editor.accountProblems,
        disabled: editor.busy,
      }),
      h(
        'div',
        { class: 'form-group' },
        testButton(
          app,
          'new-account-test',
          editor.test,
          () =>
            void testConnection(app, editor.account, {
              setTest: (test) => (editor.test = test),
              setProblems: (problems) => (editor.accountProblems = problems),
            }),
        ),
        testResult(app, 'new-account-test', editor.test, editor.account, () => (editor.test = { phase: 'idle' })),
      ),
    ),
  );
}

// ---- Details ----

function reportChoices(app: App): ChoiceGroup<string>[] {
  const { state, t } = app;
  return GROUPS.map(([group, label]) => ({
    group: t(label),
    choices: state.reports
      .filter((report) => report.group === group)
      .map((report) => ({ value: report.id, label: report.label[state.language] })),
  })).filter((group) => group.choices.length > 0);
}

function reportNote(app: App, report: ReportSummary | undefined): HTMLElement | null {
  if (!report) return null;
  const { t, state } = app;
  const groupNote =
    report.group === 'articles' ? t('deprecatedNote') : report.group === 'published' ? t('publishedNote') : null;
  return h(
    'div',
    { class: 'report-note', id: 'ds-report-note' },
    h('div', null, report.description[state.language]),
    h('div', { class: 'secondary' }, t('reportFacts', { span: report.maxSpanDays, earliest: report.earliestDate })),
    groupNote ? h('div', { class: report.deprecated ? 'warning' : 'secondary' }, groupNote) : null,
  );
}

function detailsSection(app: App, editor: EditorState): HTMLElement {
  const { t, state } = app;
  const form = editor.form;
  const report = state.reports.find((candidate) => candidate.id === form.reportId);
  const reportField = field({
    id: 'ds-report',
    label: t('report'),
    errors: errors(app, ['reportId']),
    control: selectInput(
      'ds-report',
      form.reportId,
      [{ value: '', label: t('chooseReport') }, ...reportChoices(app)],
      (value) => {
        form.reportId = value;
        app.render();
        requestPreview(app);
      },
    ),
  });
  const duration = radioGroup<Duration>({
    id: 'ds-duration',
    legend: t('duration'),
    value: form.duration,
    inline: true,
    errors: errors(app, ['dates.mode', 'dates']),
    choices: [
      { value: 'single', label: t('durationSingle') },
      { value: 'range', label: t('durationRange') },
      { value: 'preset', label: t('durationPreset') },
    ],
    onChange: (value) => {
      form.duration = value;
      app.render();
      requestPreview(app);
    },
  });
  const dateFields: HTMLElement[] = [];
  if (form.duration === 'single') dateFields.push(dayFields(app, 'day', t('reportDate'), form.day, report));
  if (form.duration === 'range') {
    dateFields.push(dayFields(app, 'start', t('startDate'), form.start, report));
    dateFields.push(dayFields(app, 'end', t('endDate'), form.end, report));
  }
  if (form.duration === 'preset') {
    dateFields.push(
      field({
        id: 'ds-preset',
        label: t('preset'),
        errors: errors(app, ['dates.preset']),
        control: selectInput(
          'ds-preset',
          form.preset,
          PRESETS.map((preset) => ({ value: preset, label: t(PRESET_LABELS[preset]) })),
          (value) => {
            form.preset = value;
            requestPreview(app);
          },
        ),
      }),
    );
  }
  return section(
    'sec-details',
    t('details'),
    reportField,
    reportNote(app, report),
    duration,
    ...dateFields,
    previewLine(app),
  );
}

function dayFields(app: App, role: DayRole, label: string, day: DayFields, report: ReportSummary | undefined) {
  const { t } = app;
  const id = `ds-${role}`;
  const dayErrors = errors(app, [`dates.${role}`, `dates.${role}.days`]);
  const kind = selectInput<DayKind>(
    `${id}-kind`,
    day.kind,
    [
      { value: 'date', label: t('dayKindDate') },
      { value: 'daysBack', label: t('dayKindDaysBack') },
    ],
    (value) => {
      day.kind = value;
      app.render();
      requestPreview(app);
    },
  );
  kind.setAttribute('aria-label', `${label}: ${t('duration')}`);
  const onChange = () => requestPreview(app);
  const input =
    day.kind === 'date'
      ? h('input', {
          type: 'date',
          id: `${id}-date`,
          value: day.date,
          min: report?.earliestDate,
          'aria-label': label,
          onInput: (event) => {
            day.date = (event.target as HTMLInputElement).value;
            onChange();
          },
        })
      : h('input', {
          type: 'number',
          id: `${id}-days`,
          value: day.days,
          min: 0,
          max: 3650,
          step: 1,
          inputmode: 'numeric',
          class: 'days-input',
          'aria-label': `${label} (${t('daysBackSuffix')})`,
          onInput: (event) => {
            day.days = (event.target as HTMLInputElement).value;
            onChange();
          },
        });
  if (dayErrors.length > 0) input.setAttribute('aria-invalid', 'true');
  const describedBy = [day.kind === 'daysBack' ? `${id}-hint` : '', dayErrors.length > 0 ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  return h(
    'fieldset',
    { class: 'day-fields', id },
    h('legend', null, label),
    h(
      'div',
      { class: 'inline' },
      kind,
      input,
      day.kind === 'daysBack' ? h('span', { class: 'unit' }, t('daysBackSuffix')) : null,
    ),
    day.kind === 'daysBack' ? h('div', { class: 'hint secondary', id: `${id}-hint` }, t('daysBackHint')) : null,
    dayErrors.length > 0
      ? h(
          'div',
          { class: 'error field-error', id: `${id}-error` },
          dayErrors.map((text) => h('div', null, text)),
        )
      : null,
  );
}

/** "2026-11-14 → 2026-11-27 (Beijing), 14 days, 2 API calls", or why those dates cannot be fetched. */
function previewLine(app: App): HTMLElement {
  const { t, state } = app;
  const preview = state.editor.preview;
  const content: Array<HTMLElement | string> = [];
  if (preview.phase === 'loading') content.push(h('span', { class: 'secondary' }, t('previewLoading')));
  if (preview.phase === 'ready') {
    const { start, end, days, calls } = preview.plan;
    const counts = {
      days: count(t, 'days', days, state.language),
      calls: count(t, 'apiCalls', calls, state.language),
    };
    content.push(h('strong', null, t(start === end ? 'previewLineOneDay' : 'previewLine', { start, end, ...counts })));
    for (const notice of preview.notices)
      content.push(h('div', { class: 'secondary' }, noticeText(notice, state.language)));
  }
  if (preview.phase === 'problems') {
    for (const problem of preview.problems) {
      content.push(h('div', { class: 'error' }, problemText(problem, 'dataSet', state.language, t)));
    }
  }
  return h('div', { class: 'preview', id: 'ds-preview', role: 'status', 'aria-live': 'polite' }, content);
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewSequence = 0;

/** Asks the server what the dates mean now, a moment after the last change; only the newest answer is shown. */
export function requestPreview(app: App): void {
  const editor = app.state.editor;
  if (previewTimer !== undefined) clearTimeout(previewTimer);
  const sequence = ++previewSequence;
  const dates = dateSpecOf(editor.form);
  if (!editor.form.reportId) {
    showPreview(app, { phase: 'idle' });
    return;
  }
  if (!dates.ok) {
    showPreview(app, { phase: 'problems', problems: dates.problems });
    return;
  }
  previewTimer = setTimeout(() => {
    if (editor.preview.phase !== 'ready') showPreview(app, { phase: 'loading' });
    call('previewDates', editor.form.reportId, dates.dates)
      .then((preview) => {
        if (sequence !== previewSequence) return;
        const { start, end, days, calls } = preview.ok ? preview : { start: '', end: '', days: 0, calls: 0 };
        showPreview(
          app,
          preview.ok
            ? { phase: 'ready', plan: { start, end, days, calls }, notices: preview.notices }
            : { phase: 'problems', problems: preview.problems },
        );
      })
      .catch((error: unknown) => app.fail(error));
  }, 200);
}

function showPreview(app: App, preview: EditorState['preview']): void {
  app.state.editor.preview = preview;
  const current = document.getElementById('ds-preview');
  if (current) current.replaceWith(previewLine(app));
}

// ---- Scheduling ----

function schedulingSection(app: App, editor: EditorState): HTMLElement {
  const { t, state } = app;
  const form = editor.form;
  const scheduleErrors = errors(app, ['schedule']);
  const fields: HTMLElement[] = [
    field({
      id: 'ds-schedule',
      label: t('refresh'),
      errors: scheduleErrors,
      control: selectInput<ScheduleKind>(
        'ds-schedule',
        form.scheduleKind,
        [
          { value: 'manual', label: t('scheduleManual') },
          { value: 'hours', label: t('scheduleHours') },
          { value: 'daily', label: t('scheduleDaily') },
          { value: 'weekly', label: t('scheduleWeekly') },
        ],
        (value) => {
          form.scheduleKind = value;
          app.render();
        },
      ),
    }),
  ];
  if (form.scheduleKind === 'hours') {
    fields.push(
      field({
        id: 'ds-every',
        label: t('every'),
        errors: errors(app, ['schedule.every']),
        after: h('span', { class: 'unit' }, t('hoursUnit')),
        control: selectInput(
          'ds-every',
          String(form.every),
          HOUR_STEPS.map((step) => ({ value: String(step), label: String(step) })),
          (value) => (form.every = Number(value) as HourStep),
        ),
      }),
    );
  }
  if (form.scheduleKind === 'weekly') {
    fields.push(
      field({
        id: 'ds-weekday',
        label: t('onDay'),
        errors: errors(app, ['schedule.weekday']),
        control: selectInput(
          'ds-weekday',
          String(form.weekday),
          WEEKDAYS.map((day, index) => ({ value: String(index), label: t(day) })),
          (value) => (form.weekday = Number(value)),
        ),
      }),
    );
  }
  if (form.scheduleKind === 'daily' || form.scheduleKind === 'weekly') {
    fields.push(
      field({
        id: 'ds-hour',
        label: t('atHour'),
        errors: errors(app, ['schedule.hour']),
        control: selectInput(
          'ds-hour',
          String(form.hour),
          Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: hourText(hour) })),
          (value) => (form.hour = Number(value)),
        ),
      }),
    );
  }
  if (form.scheduleKind !== 'manual') {
    fields.push(h('p', { class: 'secondary' }, t('timeZoneNote', { zone: state.timeZone })));
    fields.push(
      h(
        'div',
        { class: 'choice form-group' },
        h('input', {
          type: 'checkbox',
          id: 'ds-notify',
          checked: form.notifyOnFailure,
          'aria-describedby': 'ds-notify-hint',
          onChange: (event) => (form.notifyOnFailure = (event.target as HTMLInputElement).checked),
        }),
        h('label', { for: 'ds-notify' }, t('notifyOnFailure')),
        h('div', { class: 'hint secondary', id: 'ds-notify-hint' }, t('notifyOnFailureHint')),
      ),
    );
  }
  fields.push(
    radioGroup({
      id: 'ds-method',
      legend: t('updateMethod'),
      value: form.updateMethod,
      errors: errors(app, ['updateMethod']),
      choices: [
        { value: 'replace', label: t('methodReplace'), hint: t('methodReplaceHint') },
        { value: 'append', label: t('methodAppend'), hint: t('methodAppendHint') },
      ],
      onChange: (value) => (form.updateMethod = value),
    }),
  );
  return section('sec-scheduling', t('scheduling'), ...fields);
}

// ---- Name & Describe ----

function nameSection(app: App, editor: EditorState): HTMLElement {
  const { t } = app;
  const form = editor.form;
  const description = h('textarea', {
    id: 'ds-description',
    rows: 2,
    maxlength: 500,
    value: form.description,
    onInput: (event) => (form.description = (event.target as HTMLTextAreaElement).value),
  });
  return section(
    'sec-name',
    t('nameAndDescribe'),
    field({
      id: 'ds-name',
      label: t('dataSetName'),
      errors: errors(app, ['name']),
      control: textInput(
        'ds-name',
        form.name,
        (value) => {
          form.name = value;
          document.getElementById('ds-sheet')?.setAttribute('placeholder', value);
        },
        { maxlength: 100, required: true },
      ),
    }),
    field({
      id: 'ds-description',
      label: t('description'),
      hint: t('descriptionHint'),
      errors: errors(app, ['description']),
      control: description,
    }),
    field({
      id: 'ds-sheet',
      label: t('sheetName'),
      hint: t('sheetNameHint'),
      errors: errors(app, ['sheetName']),
      control: textInput('ds-sheet', form.sheetName, (value) => (form.sheetName = value), {
        maxlength: 100,
        placeholder: form.name,
      }),
    }),
    field({
      id: 'ds-language',
      label: t('sheetLanguage'),
      errors: errors(app, ['language']),
      control: selectInput<Language>(
        'ds-language',
        form.language,
        [
          { value: 'en', label: 'English' },
          { value: 'zh', label: '简体中文' },
        ],
        (value) => (form.language = value),
      ),
    }),
  );
}

// ---- Save, Save & Run ----

function actionsSection(app: App, editor: EditorState): HTMLElement {
  const { t, state } = app;
  const unplaced = editor.problems.filter((problem) => !PLACED_FIELDS.includes(problem.field));
  const invalidCount = editor.problems.length + editor.accountProblems.length;
  const summary =
    invalidCount > 0
      ? h(
          'div',
          { class: 'error summary', id: 'ds-summary', role: 'alert' },
          h('div', null, invalidCount === 1 ? t('fixField') : t('fixFields', { count: invalidCount })),
          unplaced.map((problem) => h('div', null, problemText(problem, 'dataSet', state.language, t))),
        )
      : null;
  const running = editor.run?.phase === 'running';
  const disabled = editor.busy || running;
  return h(
    'div',
    { class: 'form-actions' },
    summary,
    editor.notice ? h('div', { class: 'success', role: 'status' }, t(editor.notice.key, editor.notice.params)) : null,
    h(
      'div',
      { class: 'buttons' },
      button(editor.busy ? t('saving') : t('saveAndRun'), () => void save(app, true), {
        class: 'action',
        id: 'ds-save-run',
        disabled,
      }),
      button(t('save'), () => void save(app, false), { id: 'ds-save', disabled }),
      editor.form.id ? button(t('cancel'), () => app.show('datasets'), { id: 'ds-cancel', disabled }) : null,
    ),
    runStatus(app, 'ds-run', editor.run),
  );
}

function focusFirstInvalid(): void {
  const invalid = document.querySelector<HTMLElement>('.dataset-editor [aria-invalid="true"]');
  (invalid ?? document.getElementById('ds-summary'))?.focus();
  invalid?.scrollIntoView({ block: 'center' });
}

function showProblems(app: App, problems: Problem[], accountProblems: Problem[]): void {
  const editor = app.state.editor;
  editor.problems = problems;
  editor.accountProblems = accountProblems;
  editor.busy = false;
  app.render();
  focusFirstInvalid();
}

/** Saves the account first when one is being added, then the DataSet; runs it when asked to. */
async function save(app: App, andRun: boolean): Promise<void> {
  const { state } = app;
  const editor = state.editor;
  const form = editor.form;
  const addingAccount = form.accountId === NEW_ACCOUNT;
  const accountProblems = addingAccount ? checkAccountForm(editor.account, app.state.relayUrls) : [];
  const checked = dataSetInputOf(form, form.accountId);
  const dataSetProblems = checked.ok ? [] : checked.problems;
  if (accountProblems.length > 0 || dataSetProblems.length > 0) {
    showProblems(app, dataSetProblems, accountProblems);
    return;
  }
  editor.busy = true;
  editor.notice = undefined;
  editor.problems = [];
  editor.accountProblems = [];
  app.render();
  try {
    let accountId = form.accountId;
    if (addingAccount) {
      const saved = await call('saveAccount', accountInputOf(editor.account));
      if (!saved.ok) {
        showProblems(app, [], saved.problems);
        return;
      }
      state.accounts = [...state.accounts.filter((account) => account.id !== saved.account.id), saved.account];
      accountId = saved.account.id;
      form.accountId = accountId;
      editor.account = blankAccountForm(app.state.relayUrls);
      editor.test = { phase: 'idle' };
    }
    const input = dataSetInputOf(form, accountId);
    if (!input.ok) {
      showProblems(app, input.problems, []);
      return;
    }
    const result = await call('saveDataSet', input.input);
    if (!result.ok) {
      showProblems(app, result.problems, []);
      return;
    }
    editor.form = dataSetFormOf(result.dataSet);
    editor.busy = false;
    editor.notice = { key: 'saved', params: { name: result.dataSet.name } };
    await app.reloadLists();
    app.render();
    if (andRun) await runWithProgress(app, result.dataSet, 'ds-run', (run) => (editor.run = run));
  } catch (error) {
    editor.busy = false;
    app.fail(error);
    app.render();
  }
}

/** Opens the editor on a form (new, saved or duplicated) with nothing left over from the last one. */
export function openEditor(app: App, editor: EditorState): void {
  app.state.editor = editor;
  app.show('dataset');
  requestPreview(app);
}
