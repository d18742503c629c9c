/** The New / Edit DataSet form (the view): Credentials, Details, Scheduling, Name & Describe; Save and Save & Run. */
import type { Language } from '../../src/ui/contract';
import { accountFormOf } from '../account-model';
import { HOUR_STEPS, type HourStep, type ScheduleKind } from '../dataset-model';
import { h } from '../dom';
import { problemText } from '../messages';
import { hourText, WEEKDAYS } from '../schedule';
import type { App, EditorState } from '../state';
import { accountFields, testButton, testConnection, testResult } from './account-fields';
import { detailsSection } from './dataset-details';
import { save } from './dataset-editor-controller';
import { errors, NEW_ACCOUNT, section } from './dataset-editor-parts';
import { button, type Choice, field, radioGroup, selectInput, textInput } from './fields';
import { questionBox } from './run-guard';
import { runStatus } from './run-status';

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
        // No maxlength: a pasted name over 100 characters is refused with a message, never cut silently.
        { required: true },
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
      control: textInput('ds-sheet', form.sheetName, (value) => (form.sheetName = value), { placeholder: form.name }),
    }),
    field({
      id: 'ds-language',
      label: t('sheetLanguage'),
      errors: errors(app, ['language']),
      control: selectInput<Language>(
        'ds-language',
        form.language,
        [
          { value: 'en', label: t('headersEnglish') },
          { value: 'zh', label: t('headersChinese') },
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
    questionBox(app, 'ds'),
    editor.confirmRewrite ? confirmRewrite(app, editor.confirmRewrite.andRun) : null,
    runStatus(app, 'ds-run', editor.run),
  );
}

/** Asks before saving an edit whose next run rewrites the sheet (an Append DataSet's new report or language). */
function confirmRewrite(app: App, andRun: boolean): HTMLElement {
  const { t, state } = app;
  return h(
    'div',
    { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'ds-rewrite-text', id: 'ds-rewrite' },
    h(
      'div',
      { id: 'ds-rewrite-text' },
      t('confirmRewrite', { sheet: state.editor.form.sheetName.trim() || state.editor.form.name.trim() }),
    ),
    h(
      'div',
      { class: 'buttons' },
      button(t('confirmRewriteYes'), () => void save(app, andRun, true), { class: 'action', id: 'ds-rewrite-yes' }),
      button(
        t('confirmRewriteNo'),
        () => {
          state.editor.confirmRewrite = undefined;
          app.render();
        },
        { id: 'ds-rewrite-no' },
      ),
    ),
  );
}
