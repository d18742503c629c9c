/** A validation problem: the field it concerns and a message that says how to fix it. */
export interface Problem {
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function problem(field: string, code: string, message: string, params?: Problem['params']): Problem {
  return params ? { field, code, message, params } : { field, code, message };
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
    problems.push(problem(field, 'required', `${label} is required.`));
    return '';
  }
  if (result.length > maxLength) {
    problems.push(
      problem(field, 'too_long', `${label} is too long: ${result.length} characters (at most ${maxLength}).`, {
        max: maxLength,
      }),
    );
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
  problems.push(problem(field, 'invalid_choice', `${label} must be one of: ${allowed.join(', ')}.`));
  return allowed[0]!;
}
