/**
 * The Credentials fields and the Test connection button. Direct: App ID, type and App Secret. Relay: the relay URL
 * and key, then an account picked from the ones the key may use (GET /accounts gives App ID, name and type).
 */
import type { Problem, RelayAccount } from '../../src/ui/contract';
import {
  type AccountForm,
  accountInputOf,
  checkAccountForm,
  defaultRelayUrl,
  pickRelayAccount,
} from '../account-model';
import { h } from '../dom';
import type { Translate } from '../i18n';
import { outcomeText, problemText } from '../messages';
import { call } from '../rpc';
import type { App, ConnectionTest } from '../state';
import { button, errorBlock, field, problemsFor, radioGroup, textInput } from './fields';

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
  const relay = form.connection === 'relay';
  const fields: HTMLElement[] = [
    field({
      id: `${id}-name`,
      label: t('accountName'),
      hint: t('accountNameHint'),
      errors: errorsFor(app, problems, ['name']),
      control: textInput(`${id}-name`, form.name, (value) => (form.name = value), { disabled }),
    }),
  ];
  if (!relay) fields.push(...directIdentity(app, options));
  fields.push(
    radioGroup({
      id: `${id}-connection`,
      legend: t('connection'),
      value: form.connection,
      errors: errorsFor(app, problems, ['connection']),
      choices: [
        { value: 'relay', label: t('connectionRelay'), hint: t('connectionRelayHint') },
        { value: 'direct', label: t('connectionDirect'), hint: t('connectionDirectHint') },
      ],
      onChange: (value) => {
        form.connection = value;
        if (value === 'relay' && form.relayUrl === '') form.relayUrl = defaultRelayUrl(app.state.relayUrls);
        app.render();
      },
    }),
  );
  if (!relay) {
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
    const allowed = app.state.relayUrls;
    fields.push(
      field({
        id: `${id}-relay-url`,
        label: t('relayUrl'),
        hint: allowed.length > 0 ? t('relayUrlAllowedHint', { urls: allowed.join(', ') }) : t('relayUrlHint'),
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
      relayAccountPicker(app, options),
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

/** A Direct account's App ID and type, typed by the user (a Relay account takes them from the relay). */
function directIdentity(app: App, options: AccountFieldsOptions): HTMLElement[] {
  const { t } = app;
  const { form, idPrefix: id, problems, disabled } = options;
  return [
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
  ];
}

/** Loads the accounts the relay key may use, and lets the user pick one (its App ID, name and type). */
function relayAccountPicker(app: App, options: AccountFieldsOptions): HTMLElement {
  const { t, state } = app;
  const { form, idPrefix: id, problems, disabled } = options;
  const list = form.relayList;
  const loading = list.phase === 'loading';
  const errors = errorsFor(app, problems, ['appId', 'type']);
  let body: HTMLElement | null = null;
  if (list.phase === 'done' && list.accounts.length > 0) {
    body = radioGroup({
      id: `${id}-relay-account`,
      legend: t('relayAccount'),
      value: form.appId,
      errors,
      choices: list.accounts.map((account) => ({
        value: account.appId,
        label: account.name,
        hint: `${account.appId} · ${t(account.type === 'china' ? 'typeChina' : 'typeInternational')}`,
      })),
      onChange: (appId) => {
        const previous = list.accounts.find((account) => account.appId === form.appId);
        const picked = list.accounts.find((account) => account.appId === appId);
        if (picked) pickRelayAccount(form, picked, previous);
        app.render();
      },
    });
  } else if (list.phase === 'done') {
    body = h('p', { class: 'error', id: `${id}-relay-account-error` }, t('relayAccountsNone'));
  } else if (list.phase === 'failed') {
    const texts = list.problems?.length
      ? list.problems.map((problem) => problemText(problem, 'account', state.language, t))
      : [outcomeText(list.said, state.language)];
    body = h('div', { class: 'error', role: 'alert', id: `${id}-relay-account-error` }, texts.join(' '));
  } else if (form.appId !== '') {
    body = h(
      'p',
      { class: 'secondary', id: `${id}-relay-account-current` },
      t('relayAccountCurrent', { appId: form.appId }),
    );
  }
  return h(
    'div',
    { class: 'form-group relay-accounts' },
    button(loading ? t('loadingRelayAccounts') : t('loadRelayAccounts'), () => void loadRelayAccounts(app, form), {
      id: `${id}-relay-load`,
      disabled: disabled || loading,
    }),
    h('div', { class: 'hint secondary' }, t('relayAccountHint')),
    body,
    list.phase === 'done' && list.accounts.length > 0 ? null : errorBlock(`${id}-relay-account`, errors),
  );
}

/** GET /accounts through the server (a blank key: the saved one, for the URL it was saved with). */
async function loadRelayAccounts(app: App, form: AccountForm): Promise<void> {
  form.relayList = { phase: 'loading' };
  app.render();
  try {
    const relayKey = form.relayKey.trim();
    const result = await call('listRelayAccounts', {
      relayUrl: form.relayUrl.trim(),
      ...(relayKey ? { relayKey } : {}),
      ...(form.id ? { accountId: form.id } : {}),
    });
    if (result.ok) {
      form.relayList = { phase: 'done', accounts: result.accounts };
      const [only] = result.accounts;
      if (result.accounts.length === 1 && only && !result.accounts.some((a: RelayAccount) => a.appId === form.appId)) {
        pickRelayAccount(form, only);
      }
    } else {
      form.relayList = {
        phase: 'failed',
        said: result,
        ...(result.problems ? { problems: result.problems } : {}),
      };
    }
  } catch (error) {
    form.relayList = { phase: 'idle' };
    app.fail(error);
  }
  app.render();
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
  const problems = checkAccountForm(form, app.state.relayUrls);
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

export function testButton(app: App, id: string, test: ConnectionTest, onTest: () => void): HTMLButtonElement {
  const testing = test.phase === 'testing';
  return button(testing ? app.t('testing') : app.t('testConnection'), onTest, {
    id,
    disabled: testing,
    'aria-describedby': `${id}-result`,
  });
}

/**
 * A Direct account WeChat refused for its IP (40164): what the relay is, and a button that switches the form to it.
 * `onSwitch` clears the old test result.
 */
function useRelayOffer(app: App, id: string, form: AccountForm, onSwitch: () => void): HTMLElement {
  const { t } = app;
  return h(
    'div',
    { class: 'use-relay', id: `${id}-use-relay` },
    h('p', null, t('useRelayExplain')),
    app.state.relayUrls.length === 0 ? h('p', { class: 'secondary' }, t('useRelayNoneDeployed')) : null,
    button(
      t('useRelay'),
      () => {
        form.connection = 'relay';
        if (form.relayUrl === '') form.relayUrl = defaultRelayUrl(app.state.relayUrls);
        onSwitch();
        app.render();
        document.getElementById(`${id.replace(/-test$/, '')}-relay-url`)?.focus();
      },
      { id: `${id}-use-relay-button`, class: 'action' },
    ),
  );
}

/**
 * The answer of the last test: what worked, or why not and what to do. With `onSwitchToRelay` (a form the user is
 * editing), a Direct account's 40164 also offers to switch it to the relay.
 */
export function testResult(
  app: App,
  id: string,
  test: ConnectionTest,
  form: AccountForm,
  onSwitchToRelay?: () => void,
): HTMLElement {
  const result = test.phase === 'done' ? test.result : undefined;
  const classes = ['test-result', result ? (result.ok ? 'success' : 'error') : ''].join(' ');
  const refusedIp = result && !result.ok && result.code === 'wechat_ip_not_whitelisted' && form.connection === 'direct';
  return h(
    'div',
    { class: classes, id: `${id}-result`, role: 'status', 'aria-live': 'polite' },
    test.phase === 'testing' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    test.phase === 'testing' ? app.t('testing') : null,
    result && !result.ok && result.code !== 'invalid_input' ? h('strong', null, `${app.t('connectionFailed')} `) : null,
    result && !(!result.ok && result.code === 'invalid_input') ? outcomeText(result, app.state.language) : null,
    refusedIp && onSwitchToRelay ? useRelayOffer(app, id, form, onSwitchToRelay) : null,
  );
}
