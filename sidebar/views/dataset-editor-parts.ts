/** Pieces the DataSet editor's views share: the form's sections, its field errors, the new-account choice. */

import { h } from '../dom';
import { problemText } from '../messages';
import type { App } from '../state';
import { problemsFor } from './fields';

/** The account choice that opens the new-account fields. */
export const NEW_ACCOUNT = '';

export function errors(app: App, fields: readonly string[], problems = app.state.editor.problems): string[] {
  return problemsFor(problems, fields).map((problem) => problemText(problem, 'dataSet', app.state.language, app.t));
}

export function section(id: string, title: string, ...content: Array<HTMLElement | null>): HTMLElement {
  return h('section', { class: 'form-section', 'aria-labelledby': id }, h('h2', { id }, title), content);
}
