/**
 * The server's problems and outcomes in the user's language, written from their code and params with the shared
 * catalog (src/messages: English and 简体中文 for every code). The English `message` the server sends is shown
 * only for a code this sidebar does not know (a newer server, or a run stored by an earlier version).
 */

import { runText, type Saying, sayIn } from '../src/messages/render';
import type { Language } from '../src/ui/contract';
import type { MessageKey, Translate } from './i18n';

export type FormKind = 'account' | 'dataSet';

const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  description: 'fieldDescription',
  accountId: 'fieldAccount',
  account: 'fieldAccount',
  reportId: 'fieldReport',
  dates: 'dates',
  'dates.mode': 'dates',
  'dates.day': 'fieldDate',
  'dates.day.days': 'fieldDate',
  'dates.start': 'fieldStart',
  'dates.start.days': 'fieldStart',
  'dates.end': 'fieldEnd',
  'dates.end.days': 'fieldEnd',
  'dates.preset': 'fieldPreset',
  sheetName: 'fieldSheet',
  appId: 'fieldAppId',
  type: 'accountType',
  connection: 'connection',
  secret: 'fieldSecret',
  relayUrl: 'fieldRelayUrl',
  relayKey: 'fieldRelayKey',
  schedule: 'fieldSchedule',
  'schedule.every': 'fieldSchedule',
  'schedule.hour': 'fieldSchedule',
  'schedule.weekday': 'fieldSchedule',
  updateMethod: 'fieldUpdateMethod',
  dailyCallBudget: 'fieldDailyCallBudget',
  language: 'sheetLanguage',
  notifyOnFailure: 'notifyOnFailure',
  dataSet: 'fieldDataSet',
  dashboard: 'dashboardsTitle',
};

export function fieldLabel(field: string, form: FormKind, t: Translate): string {
  if (field === 'name') return t(form === 'account' ? 'fieldAccountName' : 'fieldDataSetName');
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

/** A problem with a field, as the server or the sidebar's own checks say it: code, params, and the field. */
export type FieldProblem = Saying & { field: string };

export function problemText(problem: FieldProblem, form: FormKind, language: Language, t: Translate): string {
  return sayIn(problem, language, fieldLabel(problem.field, form, t));
}

/** A failed run, a connection test or a quota lookup, in the user's language. */
export function outcomeText(said: Saying & { rowsKept?: boolean }, language: Language): string {
  return runText(said, language);
}

/** A notice beside a result or a preview (the end date moved back to yesterday; data not final yet). */
export function noticeText(notice: Saying | string, language: Language): string {
  // A run an earlier version left unfinished kept its notices as English text.
  return typeof notice === 'string' ? notice : sayIn(notice, language);
}
