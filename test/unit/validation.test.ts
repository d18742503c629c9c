import { validateAccountInput } from '../../src/datasets/validate-account';
import { validateDataSetInput } from '../../src/datasets/validate-dataset';

const NOW = Date.UTC(2026, 10, 28, 4);
const goodAccount = {
  name: 'Main account',
  appId: 'wx1234567890abcdef',
  type: 'china',
  connection: 'direct',
  secret: 'abcdefghijklmnopqrstuvwxyz012345',
};
const goodDataSet = {
  name: 'Followers',
  accountId: 'a1',
  reportId: 'user_summary',
  dates: { mode: 'range', start: { kind: 'daysBack', days: 10 }, end: { kind: 'daysBack', days: 5 } },
  updateMethod: 'append',
};
const context = { nowMs: NOW, accountIds: ['a1'], others: [{ name: 'Other', sheetName: 'Other sheet' }] };

function fields(result: { ok: boolean; problems?: { field: string }[] }): string[] {
  return result.ok ? [] : (result.problems ?? []).map((p) => p.field);
}

describe('account validation', () => {
  it('accepts a complete Direct account and keeps the secret apart', () => {
    const result = validateAccountInput(goodAccount);
    expect(result.ok && result.value.credentials).toEqual({ secret: goodAccount.secret });
    expect(result.ok && JSON.stringify(result.value.fields)).not.toContain(goodAccount.secret);
  });

  it('cleans an App ID pasted with spaces or capitals instead of refusing it', () => {
    const result = validateAccountInput({ ...goodAccount, appId: ' WX0123 4567 89AB CDEF\n' });
    expect(result.ok && result.value.fields.appId).toBe('wx0123456789abcdef');
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ appId: 'wx123' }, 'appId'],
    [{ appId: 12 }, 'appId'],
    [{ type: 'mars' }, 'type'],
    [{ connection: 'carrier pigeon' }, 'connection'],
    [{ secret: 'short' }, 'secret'],
    [{ secret: '' }, 'secret'],
    [{ connection: 'relay', relayUrl: 'ftp://x', relayKey: 'k'.repeat(30) }, 'relayUrl'],
    [{ connection: 'relay', relayUrl: 'http://relay.example.com', relayKey: 'k'.repeat(30) }, 'relayUrl'],
    [{ connection: 'relay', relayUrl: 'https://relay.example.com/?a=1', relayKey: 'k'.repeat(30) }, 'relayUrl'],
    [{ connection: 'relay', relayUrl: 'https://relay.example.com', relayKey: 'short' }, 'relayKey'],
    [{ connection: 'relay', relayUrl: 'https://relay.example.com' }, 'relayKey'],
    [{ dailyCallBudget: 0 }, 'dailyCallBudget'],
    [{ dailyCallBudget: 2.5 }, 'dailyCallBudget'],
    [{ dailyCallBudget: 'lots' }, 'dailyCallBudget'],
  ])('refuses %j naming the field %s', (change, field) => {
    expect(fields(validateAccountInput({ ...goodAccount, ...change }))).toContain(field);
  });

  it('takes an optional daily call budget', () => {
    const result = validateAccountInput({ ...goodAccount, dailyCallBudget: '500' });
    expect(result.ok && result.value.fields.dailyCallBudget).toBe(500);
    const none = validateAccountInput({ ...goodAccount, dailyCallBudget: '' });
    expect(none.ok && none.value.fields.dailyCallBudget).toBeUndefined();
  });

  it('keeps the saved secret when the field is left blank on edit', () => {
    const result = validateAccountInput({ ...goodAccount, secret: '' }, { credentials: { secret: 'saved' } });
    expect(result.ok && result.value.credentials).toEqual({});
  });

  it('accepts a Relay account on https, or on loopback http for local testing', () => {
    for (const relayUrl of ['https://relay.example.com/wechat/', 'http://127.0.0.2:8080']) {
      const result = validateAccountInput({
        ...goodAccount,
        connection: 'relay',
        secret: undefined,
        relayUrl,
        relayKey: 'k'.repeat(32),
      });
      expect(result.ok).toBe(true);
    }
  });
});

describe('DataSet validation', () => {
  it('accepts a range "10 back to 5 back" and defaults the sheet to the name', () => {
    const result = validateDataSetInput(goodDataSet, context);
    expect(result.ok && result.value).toEqual(
      expect.objectContaining({
        sheetName: 'Followers',
        schedule: { kind: 'manual' },
        language: 'en',
        description: '',
      }),
    );
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'other' }, 'name'],
    [{ sheetName: 'OTHER SHEET' }, 'sheetName'],
    [{ sheetName: 'a\tb' }, 'sheetName'],
    [{ accountId: 'nope' }, 'accountId'],
    [{ reportId: 'nope' }, 'reportId'],
    [{ updateMethod: 'merge' }, 'updateMethod'],
    [{ dates: null }, 'dates'],
    [{ dates: { mode: 'sometimes' } }, 'dates.mode'],
    [{ dates: { mode: 'single', day: { kind: 'date', date: '2026-02-30' } } }, 'dates.day'],
    [{ dates: { mode: 'single', day: { kind: 'date', date: '2030-01-01' } } }, 'dates.day'],
    [{ dates: { mode: 'single', day: { kind: 'date', date: '2014-11-30' } } }, 'dates.day'],
    [
      { dates: { mode: 'range', start: { kind: 'daysBack', days: 5 }, end: { kind: 'daysBack', days: 10 } } },
      'dates.end',
    ],
    [
      { dates: { mode: 'range', start: { kind: 'daysBack', days: -1 }, end: { kind: 'daysBack', days: 1 } } },
      'dates.start.days',
    ],
    [
      { dates: { mode: 'range', start: { kind: 'daysBack', days: 2.5 }, end: { kind: 'daysBack', days: 1 } } },
      'dates.start.days',
    ],
    [
      { dates: { mode: 'range', start: { kind: 'daysBack', days: 99999 }, end: { kind: 'daysBack', days: 1 } } },
      'dates.start.days',
    ],
    [{ dates: { mode: 'preset', preset: 'forever' } }, 'dates.preset'],
    [{ schedule: { kind: 'hours', every: 3 } }, 'schedule.every'],
    [{ schedule: { kind: 'daily', hour: 24 } }, 'schedule.hour'],
    [{ schedule: { kind: 'weekly', weekday: 7, hour: 1 } }, 'schedule.weekday'],
    [{ description: 'x'.repeat(501) }, 'description'],
    [{ notifyOnFailure: 'yes' }, 'notifyOnFailure'],
  ])('refuses %j naming the field %s', (change, field) => {
    expect(fields(validateDataSetInput({ ...goodDataSet, ...change }, context))).toContain(field);
  });

  it('refuses dates before the report has data, naming the earliest date', () => {
    const result = validateDataSetInput(
      {
        ...goodDataSet,
        reportId: 'article_read',
        dates: { mode: 'single', day: { kind: 'date', date: '2025-10-01' } },
      },
      context,
    );
    expect(result.ok ? '' : result.problems[0]!.message).toContain('2025-11-01');
  });
});
