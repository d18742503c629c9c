/** The Credentials fields (name, App ID, type, connection, secret or relay) and the Test connection button. */
import type { Language, Problem, TestConnectionResult } from '../../src/ui/contract';
import { type AccountForm, accountInputOf, checkAccountForm } from '../account-model';
import { h } from '../dom';
import type { Translate } from '../i18n';
import { outcomeText, problemText } from '../messages';
import { call } from '../rpc';
import type { App, ConnectionTest } from '../state';
import { button, field, problemsFor, radioGroup, textInput } from './fields';

export interface AccountFieldsOptions {
  idPrefix: string;
  form: AccountForm;
  problems: readonly Problem[];
  disabled: boolean;
}

function errorsFor(app: App, problems: readonly Problem[], fields: readonly string[]): string[] {
  return problemsFor(problems, fields).map((problem) => problemText(problem, 'account', app.state.language, app.t));
}

export function accountFields(app: App, options: AccountFieldsOptions): HTMLElement[] {
  const { t } = app;
  const { form, idPrefix: id, problems, disabled } = options;
  const fields: HTMLElement[] = [
    field({
      id: `${id}-name`,
      label: t('accountName'),
      hint: t('accountNameHint'),
      errors: errorsFor(app, problems, ['name']),
      control: textInput(`${id}-name`, form.name, (value) => (form.name = value), { maxlength: 100, disabled }),
    }),
    field({
      id: `${id}-appid`,
      label: t('appId'),
      hint: t('appIdHint'),
      errors: errorsFor(app, problems, ['appId']),
      control: textInput(`${id}-appid`, form.appId, (value) => (form.appId = value), {
        maxlength: 64,
        disabled,
      }),
    }),
    radioGroup({
      id: `${id}-type`,
      legend: t('accountType'),
      value: form.type,
      inline: true,
      errors: errorsFor(app, problems, ['type']),
      choices: [
        { value: 'china', label: t('typeChina') },
        { value: 'international', label: t('typeInternational') },
      ],
      onChange: (value) => {
        form.type = value;
      },
    }),
    radioGroup({
      id: `${id}-connection`,
      legend: t('connection'),
      value: form.connection,
      errors: errorsFor(app, problems, ['connection']),
      choices: [
        { value: 'direct', label: t('connectionDirect'), hint: t('connectionDirectHint') },
        { value: 'relay', label: t('connectionRelay'), hint: t('connectionRelayHint') },
      ],
      onChange: (value) => {
        form.connection = value;
        app.render();
      },
    }),
  ];
  if (form.connection === 'direct') {
    fields.push(
      field({
        id: `${id}-secret`,
        label: t('appSecret'),
        hint: form.secretSet ? t('secretKeepHint') : t('appSecretHint'),
        errors: errorsFor(app, problems, ['secret']),
        control: secretInput(
          `${id}-secret`,
          form.secret,
          form.secretSet,
          t,
          (value) => (form.secret = value),
          disabled,
        ),
      }),
    );
  } else {
    fields.push(
      field({
        id: `${id}-relay-url`,
        label: t('relayUrl'),
        hint: t('relayUrlHint'),
        errors: errorsFor(app, problems, ['relayUrl']),
        control: textInput(`${id}-relay-url`, form.relayUrl, (value) => (form.relayUrl = value), {
          type: 'url',
          placeholder: 'https://relay.example.com',
          disabled,
        }),
      }),
      field({
        id: `${id}-relay-key`,
        label: t('relayKey'),
        hint: form.relayKeySet ? t('secretKeepHint') : t('relayKeyHint'),
        errors: errorsFor(app, problems, ['relayKey']),
        control: secretInput(
          `${id}-relay-key`,
          form.relayKey,
          form.relayKeySet,
          t,
          (value) => (form.relayKey = value),
          disabled,
        ),
      }),
    );
  }
  fields.push(
    field({
      id: `${id}-budget`,
      label: t('dailyCallBudget'),
      hint: t('dailyCallBudgetHint'),
      errors: errorsFor(app, problems, ['dailyCallBudget']),
      control: textInput(`${id}-budget`, form.dailyCallBudget, (value) => (form.dailyCallBudget = value), {
        type: 'number',
        min: 1,
        max: 100000,
        step: 1,
        inputmode: 'numeric',
        placeholder: t('noLimit'),
        disabled,
      }),
    }),
  );
  return fields;
}

/** A write-only input: a saved value is never filled in, only said to be "set". */
function secretInput(
  id: string,
  value: string,
  isSet: boolean,
  t: Translate,
  onInput: (value: string) => void,
  disabled: boolean,
): HTMLInputElement {
  return textInput(id, value, onInput, {
    type: 'password',
    autocomplete: 'new-password',
    placeholder: isSet ? `•••••• (${t('secretIsSet')})` : '',
    disabled,
  });
}

/** Runs testConnection with the form's values; problems in the form are shown at their fields instead. */
export async function testConnection(
  app: App,
  form: AccountForm,
  report: { setTest(test: ConnectionTest): void; setProblems(problems: Problem[]): void },
): Promise<void> {
  const problems = checkAccountForm(form);
  report.setProblems(problems);
  if (problems.length > 0) {
    report.setTest({ phase: 'idle' });
    app.render();
    return;
  }
  report.setTest({ phase: 'testing' });
  app.render();
  try {
    const result = await call('testConnection', accountInputOf(form));
    if (!result.ok && result.problems) report.setProblems(result.problems);
    report.setTest({ phase: 'done', result });
  } catch (error) {
    report.setTest({ phase: 'idle' });
    app.fail(error);
  }
  app.render();
}

function resultText(result: TestConnectionResult, form: AccountForm, language: Language, t: Translate): string {
  if (result.ok) {
    if (language === 'en') return result.message;
    return t('connectionOk', { via: t(form.connection === 'relay' ? 'viaRelay' : 'viaDirect'), appId: form.appId });
  }
  return outcomeText(result.code, result.message, language);
}

export function testButton(app: App, id: string, test: ConnectionTest, onTest: () => void): HTMLButtonElement {
  const testing = test.phase === 'testing';
  return button(testing ? app.t('testing') : app.t('testConnection'), onTest, {
    id,
    disabled: testing,
    'aria-describedby': `${id}-result`,
  });
}

/** The answer of the last test: what worked, or why not and what to do. */
export function testResult(app: App, id: string, test: ConnectionTest, form: AccountForm): HTMLElement {
  const result = test.phase === 'done' ? test.result : undefined;
  const classes = ['test-result', result ? (result.ok ? 'success' : 'error') : ''].join(' ');
  return h(
    'div',
    { class: classes, id: `${id}-result`, role: 'status', 'aria-live': 'polite' },
    test.phase === 'testing' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    test.phase === 'testing' ? app.t('testing') : null,
    result && !result.ok && result.code !== 'invalid_input' ? h('strong', null, `${app.t('connectionFailed')} `) : null,
    result && !(!result.ok && result.code === 'invalid_input')
      ? resultText(result, form, app.state.language, app.t)
      : null,
  );
}
