import { StorageFullError } from '../../../src/datasets/storage';
import { SheetWriteError } from '../../../src/gas/spreadsheet';
import { say } from '../../../src/messages/en';
import { classifyFailure, decideOnFailure, PAUSE_AFTER_FAILURES } from '../../../src/refresh/failures';
import { RunFailure } from '../../../src/refresh/outcome';
import { describeWeChatError, ERROR_HANDLING, WeChatError } from '../../../src/wechat/errors';

const wechat = (errcode: number) =>
  new WeChatError(describeWeChatError(errcode, '', { tokenCall: false, relay: false }));

describe('the classification of what stops a run', () => {
  it.each([
    [-1, 'passes'],
    [45009, 'passes'],
    [45011, 'passes'],
    [42001, 'passes'],
    [40125, 'user_fix'],
    [48001, 'user_fix'],
    [47009, 'user_fix'],
    [61501, 'fails'],
    [12345, 'fails'],
  ])('WeChat %i → %s', (errcode, expected) => {
    expect(classifyFailure(wechat(errcode)).class).toBe(expected);
  });

  it('classifies every kind of WeChat error (the table is complete)', () => {
    expect(Object.keys(ERROR_HANDLING).sort()).toEqual(
      [
        'apps_script_quota',
        'apps_script_throttled',
        'bad_response',
        'bug',
        'busy',
        'credentials',
        'http',
        'ip',
        'minute_quota',
        'network',
        'not_ready',
        'permission',
        'quota',
        'range',
        'retired',
        'token',
        'unknown',
      ].sort(),
    );
  });

  it("lets a token error pass: WeChat rejected a token fetched again a moment before (another system's refresh)", () => {
    expect(classifyFailure(wechat(40001))).toEqual(
      expect.objectContaining({ class: 'passes', code: 'wechat_token_invalid', wechatKind: 'token' }),
    );
  });

  it("tells Apps Script's refusals apart: a full store, a sheet write refused", () => {
    expect(classifyFailure(new StorageFullError())).toEqual(
      expect.objectContaining({ class: 'storage_full', code: 'storage_full' }),
    );
    const tooBig = say('cell_limit', { rows: 400_000, columns: 26, total: 10_400_000, limit: 10_000_000 });
    expect(classifyFailure(new SheetWriteError(tooBig))).toEqual(
      expect.objectContaining({ class: 'fails', code: 'cell_limit', said: tooBig }),
    );
  });

  it("follows the run's own refusals, resumable or not", () => {
    expect(classifyFailure(new RunFailure(say('wechat_daily_quota', {}), true)).class).toBe('passes');
    expect(classifyFailure(new RunFailure(say('sheet_in_use', { sheet: 'Mine' }))).class).toBe('fails');
  });

  it('calls anything else unexpected, keeping its message as the detail', () => {
    expect(classifyFailure(new TypeError('x is undefined'))).toEqual({
      class: 'unexpected',
      code: 'unexpected',
      said: say('unexpected', { detail: 'x is undefined' }),
    });
    expect(classifyFailure('thrown text').said.params).toEqual({ detail: 'thrown text' });
  });
});

describe('the failure policy', () => {
  it('keeps the unfinished run only for a failure that passes', () => {
    expect(decideOnFailure(classifyFailure(wechat(-1)), 'manual', 0).keepRun).toBe(true);
    expect(decideOnFailure(classifyFailure(wechat(47009)), 'manual', 0).keepRun).toBe(false);
    expect(decideOnFailure(classifyFailure(new Error('bug')), 'manual', 0).keepRun).toBe(false);
  });

  it('pauses a schedule at once when the user must fix something, and never a manual run', () => {
    expect(decideOnFailure(classifyFailure(wechat(40125)), 'schedule', 0).pause).toBe(true);
    expect(decideOnFailure(classifyFailure(wechat(40125)), 'manual', 0).pause).toBe(false);
  });

  it(`pauses a schedule at the ${PAUSE_AFTER_FAILURES}th failure in a row`, () => {
    const busy = classifyFailure(wechat(-1));
    expect(decideOnFailure(busy, 'schedule', PAUSE_AFTER_FAILURES - 2)).toEqual(
      expect.objectContaining({ consecutiveFailures: PAUSE_AFTER_FAILURES - 1, pause: false }),
    );
    expect(decideOnFailure(busy, 'schedule', PAUSE_AFTER_FAILURES - 1)).toEqual(
      expect.objectContaining({ consecutiveFailures: PAUSE_AFTER_FAILURES, pause: true }),
    );
  });

  it("does not count waiting for tomorrow's quota as a failure, and marks the quota used", () => {
    expect(decideOnFailure(classifyFailure(wechat(45009)), 'schedule', 2)).toEqual({
      keepRun: true,
      consecutiveFailures: 2,
      pause: false,
      quotaExhausted: true,
    });
  });
});
