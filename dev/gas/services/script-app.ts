import type { Env } from '../env';
import { GasError, isDateLike, signatureError } from '../errors';
import type { ClockSchedule } from '../script/schedule';
import type { TriggerEventType, TriggerRecord } from '../script/triggers';
import { isValidTimeZone, wallToEpoch } from '../timezone';

/** ScriptApp: installable triggers with the add-on rules, enums, authorization info. */

export const ADDON_FREQUENCY_MESSAGE =
  'Add-ons cannot create time-based triggers that run more frequently than once per hour.';
const MINUTE_STEPS = [1, 5, 10, 15, 30];
/** The steps the trigger UI offers; the only ones this emulation accepts (stricter than a plain script). */
const HOUR_STEPS = [1, 2, 4, 6, 8, 12];

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

function checkRange(value: unknown, min: number, max: number, what: string): number {
  if (!isInt(value) || value < min || value > max) throw new GasError(`Invalid argument: ${what}`);
  return value;
}

export function createScriptApp(env: Env) {
  const { enums, triggers, spreadsheet, clock } = env.state;
  const owner = () => env.exec.user();

  const triggerApi = (record: TriggerRecord) =>
    env.wrap('Trigger', {
      getHandlerFunction: () => record.handler,
      getUniqueId: () => record.id,
      getEventType: () => enums.EventType[record.eventType],
      getTriggerSource: () => enums.TriggerSource[record.source],
      getTriggerSourceId: () => (record.source === 'SPREADSHEETS' ? record.documentId : null),
    });

  const clockBuilder = (handler: string) => {
    const s: Partial<ClockSchedule> & { timeZone: string } = { timeZone: env.state.scriptTimeZone };
    const frequency = (kind: ClockSchedule['kind'], every: number) => {
      if (s.kind !== undefined && s.kind !== kind)
        throw new GasError('A time-based trigger can only have one frequency.');
      s.kind = kind;
      s.every = every;
    };
    const api = {
      everyMinutes(n: number) {
        if (!MINUTE_STEPS.includes(n))
          throw new GasError('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
        throw new GasError(ADDON_FREQUENCY_MESSAGE);
      },
      everyHours(n: number) {
        if (!HOUR_STEPS.includes(n)) throw new GasError('The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
        frequency('hours', n);
        return api;
      },
      everyDays(n: number) {
        frequency('days', checkRange(n, 1, 365, 'days'));
        return api;
      },
      everyWeeks(n: number) {
        frequency('weeks', checkRange(n, 1, 52, 'weeks'));
        return api;
      },
      onWeekDay(day: unknown) {
        const index = Object.values(enums.Weekday).indexOf(day as (typeof enums.Weekday)['MONDAY']);
        if (index < 0) throw signatureError('ClockTriggerBuilder.onWeekDay', [day]);
        if (s.kind === undefined) frequency('weeks', 1);
        s.weekDay = index;
        return api;
      },
      onMonthDay(day: number) {
        s.monthDay = checkRange(day, 1, 31, 'day');
        frequency('month', 1);
        return api;
      },
      atHour(hour: number) {
        s.atHour = checkRange(hour, 0, 23, 'hour');
        return api;
      },
      nearMinute(minute: number) {
        s.nearMinute = checkRange(minute, 0, 59, 'minute');
        return api;
      },
      inTimezone(timeZone: string) {
        if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone))
          throw new GasError('Invalid argument: timezone');
        s.timeZone = timeZone;
        return api;
      },
      after(durationMilliseconds: number) {
        if (typeof durationMilliseconds !== 'number' || durationMilliseconds < 0) {
          throw signatureError('ClockTriggerBuilder.after', [durationMilliseconds]);
        }
        frequency('once', 1);
        s.at = clock.now() + durationMilliseconds;
        return api;
      },
      at(date: Date) {
        if (!isDateLike(date)) throw signatureError('ClockTriggerBuilder.at', [date]);
        frequency('once', 1);
        s.at = date.getTime();
        return api;
      },
      atDate(year: number, month: number, day: number) {
        frequency('once', 1);
        s.at = wallToEpoch({ year, month, day }, s.timeZone);
        return api;
      },
      create() {
        if (s.kind === undefined || s.every === undefined) {
          throw new GasError(
            'A time-based trigger needs a schedule (everyHours, everyDays, everyWeeks, onMonthDay, after or at).',
          );
        }
        if ((s.kind === 'hours' || s.kind === 'once') && (s.atHour !== undefined || s.nearMinute !== undefined)) {
          throw new GasError('atHour and nearMinute can only be used with everyDays, everyWeeks or onMonthDay.');
        }
        const record = triggers.add({
          handler,
          owner: owner(),
          documentId: spreadsheet.id,
          eventType: 'CLOCK',
          source: 'CLOCK',
          schedule: { ...s, kind: s.kind, every: s.every },
          createdAt: clock.now(),
        });
        return triggerApi(record);
      },
    };
    return env.wrap('ClockTriggerBuilder', api);
  };

  const spreadsheetBuilder = (handler: string) => {
    let eventType: TriggerEventType | undefined;
    const on = (type: TriggerEventType) => () => {
      eventType = type;
      return api;
    };
    const api = {
      onOpen: on('ON_OPEN'),
      onEdit: on('ON_EDIT'),
      onChange: on('ON_CHANGE'),
      onFormSubmit: on('ON_FORM_SUBMIT'),
      create() {
        if (!eventType)
          throw new GasError('A spreadsheet trigger needs an event (onOpen, onEdit, onChange or onFormSubmit).');
        const record = triggers.add({
          handler,
          owner: owner(),
          documentId: spreadsheet.id,
          eventType,
          source: 'SPREADSHEETS',
          createdAt: clock.now(),
        });
        return triggerApi(record);
      },
    };
    return env.wrap('SpreadsheetTriggerBuilder', api);
  };

  return env.wrap('ScriptApp', {
    AuthMode: enums.AuthMode,
    AuthorizationStatus: enums.AuthorizationStatus,
    EventType: enums.EventType,
    TriggerSource: enums.TriggerSource,
    InstallationSource: enums.InstallationSource,
    WeekDay: enums.Weekday,
    newTrigger(functionName: string) {
      if (typeof functionName !== 'string' || functionName === '')
        throw signatureError('ScriptApp.newTrigger', [functionName]);
      return env.wrap('TriggerBuilder', {
        timeBased: () => clockBuilder(functionName),
        forSpreadsheet(target: unknown) {
          const id = typeof target === 'string' ? target : (target as { getId?: () => string } | null)?.getId?.();
          // Add-ons can only create triggers for the file in which the add-on is used.
          if (id !== spreadsheet.id)
            throw new GasError('Add-ons can only create triggers for the file in which they are used.');
          return spreadsheetBuilder(functionName);
        },
      });
    },
    getProjectTriggers: () => env.realm.array(triggers.ofUser(owner()).map(triggerApi)),
    getUserTriggers(document: unknown) {
      const id = (document as { getId?: () => string } | null)?.getId?.();
      if (typeof id !== 'string') throw signatureError('ScriptApp.getUserTriggers', [document]);
      return env.realm.array(triggers.ofUser(owner(), id).map(triggerApi));
    },
    deleteTrigger(trigger: unknown) {
      const id = (trigger as { getUniqueId?: () => string } | null)?.getUniqueId?.();
      if (typeof id !== 'string') throw signatureError('ScriptApp.deleteTrigger', [trigger]);
      triggers.remove(id, owner());
    },
    getAuthorizationInfo(authMode: unknown) {
      if (!Object.values(enums.AuthMode).includes(authMode as (typeof enums.AuthMode)['FULL'])) {
        throw signatureError('ScriptApp.getAuthorizationInfo', [authMode]);
      }
      return env.wrap('AuthorizationInfo', {
        getAuthorizationStatus: () => enums.AuthorizationStatus.NOT_REQUIRED,
        getAuthorizationUrl: () => null,
      });
    },
    getScriptId: () => `1EmulatedScript${spreadsheet.id.slice(1, 30)}`,
    getOAuthToken: () => 'ya29.emulated-oauth-token',
  });
}
