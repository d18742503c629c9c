/**
 * Labelled form controls with their hint and inline errors, wired for screen readers (aria-describedby,
 * aria-invalid) and the keyboard (native controls only).
 */
import type { Problem } from '../../src/ui/contract';
import { type Attrs, type Child, h } from '../dom';

/** The problems for any of these fields. */
export function problemsFor(problems: readonly Problem[], fields: readonly string[]): Problem[] {
  return problems.filter((problem) => fields.includes(problem.field));
}

export function errorBlock(id: string, errors: readonly string[]): HTMLElement | null {
  if (errors.length === 0) return null;
  return h(
    'div',
    { class: 'error field-error', id: `${id}-error` },
    errors.map((error) => h('div', null, error)),
  );
}

/** Points a control at its hint and errors, and marks it invalid when it has errors. */
export function describe(control: HTMLElement, id: string, hint: boolean, errors: readonly string[]): void {
  const described = [hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : ''].filter(Boolean);
  if (described.length > 0) control.setAttribute('aria-describedby', described.join(' '));
  if (errors.length > 0) control.setAttribute('aria-invalid', 'true');
}

export interface FieldOptions {
  id: string;
  label: string;
  control: HTMLElement;
  hint?: string;
  errors?: readonly string[];
  /** Extra content after the control (e.g. a unit). */
  after?: Child;
}

export function field(options: FieldOptions): HTMLElement {
  const errors = options.errors ?? [];
  describe(options.control, options.id, Boolean(options.hint), errors);
  return h(
    'div',
    { class: 'form-group' },
    h('label', { for: options.id }, options.label),
    options.after ? h('div', { class: 'inline' }, options.control, options.after) : options.control,
    options.hint ? h('div', { class: 'hint secondary', id: `${options.id}-hint` }, options.hint) : null,
    errorBlock(options.id, errors),
  );
}

export function textInput(
  id: string,
  value: string,
  onInput: (value: string) => void,
  attrs: Attrs = {},
): HTMLInputElement {
  return h('input', {
    type: 'text',
    id,
    name: id,
    value,
    autocomplete: 'off',
    spellcheck: 'false',
    ...attrs,
    onInput: (event) => onInput((event.target as HTMLInputElement).value),
  });
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

export interface ChoiceGroup<T extends string> {
  group: string;
  choices: readonly Choice<T>[];
}

export function selectInput<T extends string>(
  id: string,
  value: T,
  options: ReadonlyArray<Choice<T> | ChoiceGroup<T>>,
  onChange: (value: T) => void,
): HTMLSelectElement {
  const option = (choice: Choice<T>) =>
    h('option', { value: choice.value, selected: choice.value === value }, choice.label);
  const select = h(
    'select',
    { id, name: id, onChange: (event) => onChange((event.target as HTMLSelectElement).value as T) },
    options.map((entry) =>
      'group' in entry ? h('optgroup', { label: entry.group }, entry.choices.map(option)) : option(entry),
    ),
  );
  select.value = value;
  return select;
}

export interface RadioOptions<T extends string> {
  id: string;
  legend: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  errors?: readonly string[];
  /** Lay the choices out on one line (short labels, no hints). */
  inline?: boolean;
}

export function radioGroup<T extends string>(options: RadioOptions<T>): HTMLElement {
  const errors = options.errors ?? [];
  return h(
    'fieldset',
    { class: options.inline ? 'choices inline-choices' : 'choices', id: options.id },
    h('legend', null, options.legend),
    options.choices.map((choice) => {
      const inputId = `${options.id}-${choice.value}`;
      const input = h('input', {
        type: 'radio',
        id: inputId,
        name: options.id,
        value: choice.value,
        checked: choice.value === options.value,
        onChange: () => options.onChange(choice.value),
      });
      if (choice.hint) input.setAttribute('aria-describedby', `${inputId}-hint`);
      if (errors.length > 0) input.setAttribute('aria-invalid', 'true');
      return h(
        'div',
        { class: 'choice' },
        input,
        h('label', { for: inputId }, choice.label),
        choice.hint ? h('div', { class: 'hint secondary', id: `${inputId}-hint` }, choice.hint) : null,
      );
    }),
    errorBlock(options.id, errors),
  );
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs, onClick: () => onClick() }, label);
}
