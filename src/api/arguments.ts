/**
 * Checks the arguments of a server function before anything uses them: google.script.run passes whatever the page
 * sends (a number, an object, null), and a value that is not what the function takes gets a clear `ok: false`
 * answer instead of an exception from deep inside the bundle.
 */
import { say } from '../messages/en';
import type { InvalidArgument } from './types';

function described(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value === '' ? 'an empty text' : 'a text';
  return `a ${typeof value}`;
}

/** A usable id: non-empty text. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * Undefined when `value` is a list of usable ids, and with `max` 1 to `max` of them; else the answer that says what
 * was wrong. Without a max, a list holding something that is not an id is answered for that item, as invalidId does.
 */
export function invalidIds(value: unknown, what: 'DataSet' | 'account', max?: number): InvalidArgument | undefined {
  if (!Array.isArray(value)) return refusedList(what, described(value), max);
  const notAnId = value.findIndex((id) => !isId(id));
  if (max === undefined) return notAnId === -1 ? undefined : invalidId(value[notAnId], what);
  if (notAnId === -1 && value.length > 0 && value.length <= max) return undefined;
  const holding = notAnId === -1 ? 'only ids' : 'something that is not an id';
  return refusedList(what, `a list of ${value.length} with ${holding}`, max);
}

function refusedList(what: 'DataSet' | 'account', sent: string, max: number | undefined): InvalidArgument {
  const said = say('invalid_argument', { what, sent, list: true, ...(max === undefined ? {} : { max }) });
  return { ok: false, ...said, problems: [{ field: what === 'DataSet' ? 'dataSets' : 'accounts', ...said }] };
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
