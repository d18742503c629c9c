/**
 * The DataSet editor's controller: the live preview of the dates (asked a moment after the last change, only the
 * newest answer shown), saving (the new account first, then the DataSet, then the run when asked), and opening.
 */
import type { Problem } from '../../src/ui/contract';
import { accountInputOf, blankAccountForm, checkAccountForm } from '../account-model';
import { dataSetFormOf, dataSetInputOf, dateSpecOf } from '../dataset-model';
import { call } from '../rpc';
import type { App, EditorState } from '../state';
import { NEW_ACCOUNT } from './dataset-editor-parts';
import { previewLine } from './dataset-preview';
import { confirmRun } from './run-guard';
import { runWithProgress } from './run-status';

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

/** An Append DataSet whose report or header language differs from what it saved: its next run rewrites the sheet. */
export function editRewritesSheet(app: App): boolean {
  const form = app.state.editor.form;
  const saved = form.id ? app.state.dataSets.find((dataSet) => dataSet.id === form.id) : undefined;
  if (!saved || form.updateMethod !== 'append') return false;
  return saved.reportId !== form.reportId || saved.language !== form.language;
}

/**
 * Saves the account first when one is being added, then the DataSet; runs it when asked to. An edit whose next
 * run rewrites the sheet waits for the user's yes (`confirmed`).
 */
export async function save(app: App, andRun: boolean, confirmed = false): Promise<void> {
  const { state } = app;
  const editor = state.editor;
  const form = editor.form;
  editor.confirmRewrite = undefined;
  const addingAccount = form.accountId === NEW_ACCOUNT;
  const accountProblems = addingAccount ? checkAccountForm(editor.account, app.state.relayUrls) : [];
  const checked = dataSetInputOf(form, form.accountId);
  const dataSetProblems = checked.ok ? [] : checked.problems;
  if (accountProblems.length > 0 || dataSetProblems.length > 0) {
    showProblems(app, dataSetProblems, accountProblems);
    return;
  }
  if (!confirmed && editRewritesSheet(app)) {
    editor.confirmRewrite = { andRun };
    app.render();
    document.getElementById('ds-rewrite-yes')?.focus();
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
    if (andRun && (await confirmRun(app, 'ds', [result.dataSet.id])))
      await runWithProgress(app, result.dataSet, 'ds-run', (run) => (editor.run = run));
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
