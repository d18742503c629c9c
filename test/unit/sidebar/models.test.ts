import {
  accountFormOf,
  accountInputOf,
  blankAccountForm,
  checkAccountForm,
  withoutSecrets,
} from '../../../sidebar/account-model';
import {
  blankDataSetForm,
  dataSetFormOf,
  dataSetInputOf,
  dateSpecOf,
  duplicateForm,
  parseDaysBack,
} from '../../../sidebar/dataset-model';
import type { AccountView, DataSetConfig } from '../../../src/ui/contract';

const SAVED: DataSetConfig = {
  id: 'd_1',
  name: 'Followers',
  description: 'Daily followers',
  accountId: 'a_1',
  reportId: 'user_summary',
  dates: { mode: 'range', start: { kind: 'daysBack', days: 10 }, end: { kind: 'date', date: '2026-11-20' } },
  updateMethod: 'append',
  sheetName: 'Followers sheet',
  schedule: { kind: 'weekly', weekday: 1, hour: 9 },
  language: 'zh',
  notifyOnFailure: true,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('the DataSet form', () => {
  it('starts a new DataSet on 7 days back to 1 day back, manual, Replace', () => {
    const form = blankDataSetForm({ accountId: 'a_1', reportId: 'user_summary', language: 'en' });
    const input = dataSetInputOf({ ...form, name: '  Followers ' }, 'a_1');
    expect(input).toEqual({
      ok: true,
      input: {
        name: 'Followers',
        description: '',
        accountId: 'a_1',
        reportId: 'user_summary',
        dates: { mode: 'range', start: { kind: 'daysBack', days: 7 }, end: { kind: 'daysBack', days: 1 } },
        updateMethod: 'replace',
        sheetName: '',
        schedule: { kind: 'manual' },
        language: 'en',
        notifyOnFailure: false,
      },
    });
  });

  it('gives back the saved DataSet unchanged when shown and saved again', () => {
    const form = dataSetFormOf(SAVED);
    const input = dataSetInputOf(form, form.accountId);
    expect(input.ok && input.input).toEqual({
      id: 'd_1',
      name: 'Followers',
      description: 'Daily followers',
      accountId: 'a_1',
      reportId: 'user_summary',
      dates: SAVED.dates,
      updateMethod: 'append',
      sheetName: 'Followers sheet',
      schedule: SAVED.schedule,
      language: 'zh',
      notifyOnFailure: true,
    });
  });

  it('keeps the fields of the modes not chosen, so switching back loses nothing', () => {
    const form = dataSetFormOf(SAVED);
    form.duration = 'preset';
    form.preset = 'lastMonth';
    expect(dateSpecOf(form)).toEqual({ ok: true, dates: { mode: 'preset', preset: 'lastMonth' } });
    form.duration = 'range';
    expect(dateSpecOf(form)).toEqual({ ok: true, dates: SAVED.dates });
  });

  it('asks for failure emails only for a scheduled DataSet', () => {
    const form = { ...dataSetFormOf(SAVED), scheduleKind: 'manual' as const };
    const input = dataSetInputOf(form, form.accountId);
    expect(input.ok && input.input.notifyOnFailure).toBe(false);
  });

  it('duplicates as a new, unsaved DataSet with its own sheet', () => {
    const copy = duplicateForm(SAVED, 'Copy of Followers');
    expect(copy.id).toBeUndefined();
    expect(copy.name).toBe('Copy of Followers');
    expect(copy.sheetName).toBe('');
    expect(copy.reportId).toBe('user_summary');
  });

  it('reads whole days back from 1 to 3650 (the rule its message states) and nothing else', () => {
    expect(['1', ' 7 ', '3650'].map(parseDaysBack)).toEqual([1, 7, 3650]);
    expect(['0', '', '-3', '1.5', '1e2', 'abc', '3651'].map(parseDaysBack)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('names the field of every problem it finds before asking the server', () => {
    const form = blankDataSetForm({ accountId: 'a_1', reportId: '', language: 'en' });
    form.start = { kind: 'daysBack', date: '', days: '-3' };
    form.end = { kind: 'date', date: '', days: '1' };
    const result = dataSetInputOf(form, 'a_1');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.field, problem.code])).toEqual([
      ['name', 'required'],
      ['reportId', 'unknown_report'],
      ['dates.start.days', 'days_back'],
      ['dates.end', 'date_format'],
    ]);
  });
});

describe('the Credentials form', () => {
  const view: AccountView = {
    id: 'a_1',
    name: 'Main',
    appId: 'wx0123456789abcdef',
    type: 'china',
    connection: 'direct',
    createdAt: '',
    updatedAt: '',
    secretSet: true,
    relayKeySet: false,
  };

  it('shows a saved daily call budget and sends it back as typed', () => {
    const form = accountFormOf({ ...view, dailyCallBudget: 500 });
    expect(form.dailyCallBudget).toBe('500');
    expect(accountInputOf({ ...form, dailyCallBudget: ' 800 ' }).dailyCallBudget).toBe('800');
    expect(checkAccountForm({ ...form, dailyCallBudget: '0' }).map((p) => p.field)).toEqual(['dailyCallBudget']);
  });

  it('sends a secret only when one was typed: blank keeps the saved one', () => {
    const form = accountFormOf(view);
    expect(accountInputOf(form)).toEqual({
      id: 'a_1',
      name: 'Main',
      appId: 'wx0123456789abcdef',
      type: 'china',
      connection: 'direct',
      dailyCallBudget: '',
    });
    expect(checkAccountForm(form)).toEqual([]);
    expect(accountInputOf({ ...form, secret: ' A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6 ' }).secret).toBe(
      'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6',
    );
  });

  it('asks for a secret for a new Direct account, and for a relay URL and key for a Relay one', () => {
    const fields = (form: ReturnType<typeof blankAccountForm>) => checkAccountForm(form).map((p) => p.field);
    const direct = { ...blankAccountForm(), name: 'New', appId: 'wx0123456789abcdef' };
    expect(fields(direct)).toEqual(['secret']);
    expect(fields({ ...direct, connection: 'relay' })).toEqual(['relayUrl', 'relayKey']);
  });

  it('never sends the relay key of a Direct account, and forgets typed secrets', () => {
    const form = { ...blankAccountForm(), secret: 'S'.repeat(32), relayKey: 'K'.repeat(40), relayUrl: 'https://r' };
    expect(accountInputOf(form)).not.toHaveProperty('relayKey');
    expect(accountInputOf(form)).not.toHaveProperty('relayUrl');
    expect(withoutSecrets(form)).toMatchObject({ secret: '', relayKey: '', relayUrl: 'https://r' });
  });
});
