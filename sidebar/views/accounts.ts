/** Accounts: each with its App ID, type, connection and whether its secret is set; add, edit, test, delete. */
import type { AccountView } from '../../src/ui/contract';
import { accountFormOf, accountInputOf, blankAccountForm, checkAccountForm } from '../account-model';
import { h } from '../dom';
import { problemText } from '../messages';
import { call } from '../rpc';
import type { App } from '../state';
import { accountFields, testButton, testConnection, testResult } from './account-fields';
import { button } from './fields';
import { quotaSection } from './quota';

export function renderAccounts(app: App): HTMLElement {
  const { t, state } = app;
  const view = state.accountsView;
  return h(
    'div',
    { class: 'accounts' },
    h(
      'div',
      { class: 'view-header' },
      h('h1', null, t('accountsTitle')),
      view.editing ? null : button(t('addAccount'), () => startEditing(app, undefined), { id: 'add-account' }),
    ),
    view.editing ? editor(app) : null,
    state.accounts.length === 0 && !view.editing ? h('p', { class: 'secondary' }, t('noAccounts')) : null,
    h(
      'ul',
      { class: 'cards', id: 'account-list' },
      state.accounts.map((account) => accountCard(app, account)),
    ),
  );
}

function startEditing(app: App, account: AccountView | undefined): void {
  const view = app.state.accountsView;
  view.editing = account ? accountFormOf(account) : blankAccountForm(app.state.relayUrls);
  view.problems = [];
  view.test = { phase: 'idle' };
  view.deleteProblem = undefined;
  app.render();
  document.getElementById('account-name')?.focus();
}

function stopEditing(app: App): void {
  const view = app.state.accountsView;
  view.editing = undefined;
  view.problems = [];
  view.test = { phase: 'idle' };
  app.render();
}

function editor(app: App): HTMLElement {
  const { t } = app;
  const view = app.state.accountsView;
  const form = view.editing!;
  return h(
    'section',
    { class: 'card editor', 'aria-labelledby': 'account-editor-title' },
    h('h2', { id: 'account-editor-title' }, form.id ? t('editAccountTitle') : t('newAccountTitle')),
    accountFields(app, { idPrefix: 'account', form, problems: view.problems, disabled: view.busy }),
    h(
      'div',
      { class: 'form-group' },
      testButton(
        app,
        'account-test',
        view.test,
        () =>
          void testConnection(app, form, {
            setTest: (test) => (view.test = test),
            setProblems: (problems) => (view.problems = problems),
          }),
      ),
      testResult(app, 'account-test', view.test, form, () => {
        view.test = { phase: 'idle' };
      }),
    ),
    h(
      'div',
      { class: 'buttons' },
      button(view.busy ? t('saving') : t('save'), () => void saveAccount(app), {
        class: 'action',
        id: 'account-save',
        disabled: view.busy,
      }),
      button(t('cancel'), () => stopEditing(app), { id: 'account-cancel', disabled: view.busy }),
    ),
  );
}

async function saveAccount(app: App): Promise<void> {
  const view = app.state.accountsView;
  const form = view.editing!;
  view.problems = checkAccountForm(form, app.state.relayUrls);
  if (view.problems.length > 0) {
    app.render();
    document.querySelector<HTMLElement>('.accounts [aria-invalid="true"]')?.focus();
    return;
  }
  view.busy = true;
  app.render();
  try {
    const result = await call('saveAccount', accountInputOf(form));
    view.busy = false;
    if (!result.ok) {
      view.problems = result.problems;
      app.render();
      document.querySelector<HTMLElement>('.accounts [aria-invalid="true"]')?.focus();
      return;
    }
    // The typed secret goes with the form: nothing of it stays in the page.
    view.editing = undefined;
    view.test = { phase: 'idle' };
    app.state.notice = { key: 'accountSaved', params: { name: result.account.name } };
    await app.reloadLists();
  } catch (error) {
    view.busy = false;
    app.fail(error);
  }
  app.render();
}

function accountCard(app: App, account: AccountView): HTMLElement {
  const { t, state } = app;
  const view = state.accountsView;
  const slug = `account-${account.id}`;
  const relay = account.connection === 'relay';
  const credential = relay
    ? t(account.relayKeySet ? 'relayKeySet' : 'relayKeyNotSet')
    : t(account.secretSet ? 'secretSet' : 'secretNotSet');
  const confirming = view.confirmingDeleteId === account.id;
  const refused = view.deleteProblem?.id === account.id ? view.deleteProblem.problem : undefined;
  return h(
    'li',
    { class: 'card', id: slug, 'data-name': account.name },
    h('h3', null, account.name),
    h(
      'dl',
      null,
      h('dt', null, t('appId')),
      h('dd', { class: 'mono' }, account.appId),
      h('dt', null, t('accountType')),
      h('dd', null, t(account.type === 'china' ? 'typeChina' : 'typeInternational')),
      h('dt', null, t('connection')),
      h('dd', null, relay ? `${t('connectionRelay')} · ${account.relayUrl ?? ''}` : t('connectionDirect')),
      h('dt', null, relay ? t('relayKey') : t('appSecret')),
      h('dd', { class: 'credential-state' }, credential),
    ),
    h(
      'div',
      { class: 'buttons card-actions' },
      button(t('edit'), () => startEditing(app, account), { id: `${slug}-edit` }),
      button(
        t('delete'),
        () => {
          view.confirmingDeleteId = account.id;
          view.deleteProblem = undefined;
          app.render();
          document.getElementById(`${slug}-confirm-no`)?.focus();
        },
        { id: `${slug}-delete` },
      ),
    ),
    confirming
      ? h(
          'div',
          { class: 'confirm', role: 'alertdialog', 'aria-labelledby': `${slug}-confirm-text` },
          h('div', { id: `${slug}-confirm-text` }, t('confirmDeleteAccount', { name: account.name })),
          h(
            'div',
            { class: 'buttons' },
            button(t('confirmYes'), () => void deleteAccount(app, account), {
              class: 'danger',
              id: `${slug}-confirm-yes`,
            }),
            button(
              t('confirmNo'),
              () => {
                view.confirmingDeleteId = undefined;
                app.render();
              },
              { id: `${slug}-confirm-no` },
            ),
          ),
        )
      : null,
    quotaSection(app, account),
    refused
      ? h(
          'div',
          { class: 'error', role: 'alert', id: `${slug}-error` },
          problemText(refused, 'account', state.language, t),
        )
      : null,
  );
}

async function deleteAccount(app: App, account: AccountView): Promise<void> {
  const view = app.state.accountsView;
  view.confirmingDeleteId = undefined;
  try {
    const result = await call('deleteAccount', account.id);
    if (result.ok) {
      app.state.notice = { key: 'deleted', params: { name: account.name } };
      await app.reloadLists();
    } else {
      const problem = result.problems[0];
      if (problem) view.deleteProblem = { id: account.id, problem };
    }
  } catch (error) {
    app.fail(error);
  }
  app.render();
}
