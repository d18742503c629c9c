/** The Details section of the DataSet editor: the report, and its dates (a day, a range or a preset). */
import { MAX_DAYS_BACK, PRESETS, type Preset } from '../../src/dates/types';
import type { ReportSummary } from '../../src/ui/contract';
import type { DayFields, DayKind, DayRole, Duration } from '../dataset-model';
import { h } from '../dom';
import type { MessageKey } from '../i18n';
import type { App, EditorState } from '../state';
import { requestPreview } from './dataset-editor-controller';
import { errors, section } from './dataset-editor-parts';
import { previewLine } from './dataset-preview';
import { type ChoiceGroup, field, radioGroup, selectInput } from './fields';

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
    // The select cuts a long name at 300 px ("…Distribution (mon"): the whole name, wrapped, under it.
    h('div', { class: 'report-name', id: 'ds-report-name' }, report.label[state.language]),
    h('div', null, report.description[state.language]),
    h('div', { class: 'secondary' }, t('reportFacts', { span: report.maxSpanDays, earliest: report.earliestDate })),
    groupNote ? h('div', { class: report.deprecated ? 'warning' : 'secondary' }, groupNote) : null,
  );
}

export function detailsSection(app: App, editor: EditorState): HTMLElement {
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
          // WeChat has nothing later than yesterday in Beijing: the picker offers no future date.
          max: app.state.yesterday || undefined,
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
          min: 1,
          max: MAX_DAYS_BACK,
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
