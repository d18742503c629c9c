import type { MessageCode, MessageParams, Said } from '../messages/codes';
import { EN_FIELD_LABELS, say } from '../messages/en';

/** A validation problem: the field it concerns, its code and facts, and the English that says how to fix it. */
export type Problem = Said & { field: string };

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** A problem with a field; its English names the field by `label` (default: the field's usual label). */
export function problem<C extends MessageCode>(
  field: string,
  code: C,
  params: MessageParams[C],
  label: string = EN_FIELD_LABELS[field] ?? field,
): Problem {
  return { field, ...say(code, params, label) } as Problem;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A trimmed string, or undefined when the value is not a string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

export function requireText(
  problems: Problem[],
  field: string,
  label: string,
  value: unknown,
  maxLength: number,
): string {
  const result = text(value);
  if (result === undefined || result === '') {
    problems.push(problem(field, 'required', {}, label));
    return '';
  }
  if (result.length > maxLength) {
    problems.push(problem(field, 'too_long', { length: result.length, max: maxLength }, label));
  }
  return result;
}

export function oneOf<T extends string>(
  problems: Problem[],
  field: string,
  label: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.push(problem(field, 'invalid_choice', { choices: [...allowed] }, label));
  return allowed[0]!;
}
