/**
 * Checks the arguments of a server function before anything uses them: google.script.run passes whatever the page
 * sends (a number, an object, null), and a value that is not what the function takes gets a clear `ok: false`
 * answer instead of an exception from deep inside the bundle.
 */
import { say } from '../messages/en';
import type { InvalidArgument } from './types';

function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'an empty text';
  return `a ${typeof value}`;
}

/** A usable id: non-empty text. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Undefined when `value` is a list of usable ids; else the answer that says what was wrong. */
export function invalidIds(value: unknown, what: 'DataSet' | 'account'): InvalidArgument | undefined {
  if (!Array.isArray(value)) {
    const field = what === 'DataSet' ? 'dataSets' : 'accounts';
    const said = say('invalid_argument', { what, sent: described(value), list: true });
    return { ok: false, ...said, problems: [{ field, ...said }] };
  }
  for (const id of value) {
    const invalid = invalidId(id, what);
    if (invalid) return invalid;
  }
  return undefined;
}

/** Undefined when `value` is a usable id (non-empty text); else the answer that says what was wrong. */
export function invalidId(value: unknown, what: 'DataSet' | 'account'): InvalidArgument | undefined {
  if (isId(value)) return undefined;
  const field = what === 'DataSet' ? 'dataSet' : 'account';
  const said = say('invalid_argument', { what, sent: described(value) });
  return { ok: false, ...said, problems: [{ field, ...said }] };
}

/** DataSets one "Run now" on several may start (each writes its sheet in the same execution). */
export const MAX_SHARED_RUN_NOW = 20;

/** Undefined when `value` is a list of 1 to MAX_SHARED_RUN_NOW DataSet ids; else the answer that says what was wrong. */
export function invalidIdList(value: unknown): InvalidArgument | undefined {
  const onlyIds = Array.isArray(value) && value.every(isId);
  if (onlyIds && value.length > 0 && value.length <= MAX_SHARED_RUN_NOW) return undefined;
  const sent = Array.isArray(value)
    ? `a list of ${value.length} with ${onlyIds ? 'only ids' : 'something that is not an id'}`
    : described(value);
  const said = say('invalid_argument', { what: 'DataSet', sent, list: true, max: MAX_SHARED_RUN_NOW });
  return { ok: false, ...said, problems: [{ field: 'dataSet', ...said }] };
}
