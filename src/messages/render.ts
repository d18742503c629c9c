/**
 * A problem or outcome in a language, from its code and params. The English `message` that came with it is read
 * only when the code is not one this catalog knows (a newer server, or a record an earlier version stored).
 */
import type { Language, MessageCode, Renderers } from './codes';
import { EN } from './en';
import { ZH } from './zh';

export const RENDERERS: Readonly<Record<Language, Renderers>> = { en: EN, zh: ZH };

const CODES: ReadonlySet<string> = new Set(Object.keys(EN));

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && CODES.has(code);
}

/** What the server sent: a code it knows with its params, or (last resort) only its English. */
export interface Saying {
  code?: string;
  params?: unknown;
  message?: string;
}

/** The text of `said` in `language`; `label` names the field a problem is about, in that language. */
export function sayIn(said: Saying, language: Language, label = ''): string {
  if (isMessageCode(said.code) && said.params !== null && typeof said.params === 'object') {
    const render = RENDERERS[language][said.code] as (params: unknown, label: string) => string;
    return render(said.params, label);
  }
  return said.message ?? '';
}

const ROWS_KEPT: Readonly<Record<Language, string>> = {
  en: 'The rows fetched so far are kept; the next run continues from there.',
  zh: '已获取的行都已保留；下次运行会从那里继续。',
};

/** A failed run's text, with the sentence that says its rows were kept when they were. */
export function runText(said: Saying & { rowsKept?: boolean }, language: Language): string {
  const text = sayIn(said, language);
  if (!said.rowsKept) return text;
  return language === 'zh' ? `${text}${ROWS_KEPT.zh}` : `${text} ${ROWS_KEPT.en}`;
}
