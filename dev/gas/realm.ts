import vm from 'node:vm';
import { type ZoneHelpers, zoneHelpers } from './timezone';

/**
 * The JavaScript realm a service answers to. Values handed to bundle code (arrays, records, dates, errors) are
 * built with that realm's intrinsics, so `instanceof Date` / `instanceof Error` / `instanceof Array` hold inside
 * the bundle.
 */
export interface Realm {
  /** The realm's clock-aware Date constructor (what the bundle sees as `Date`). */
  readonly Date: DateConstructor;
  newDate(epochMs: number): Date;
  array<T>(items: readonly T[]): T[];
  record<V>(entries: Readonly<Record<string, V>>): Record<string, V>;
  exception(message: string): Error;
}

interface Intrinsics {
  Date: DateConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Exception: new (message: string) => Error;
}

/*
 * Runs inside the vm context. Replaces `Date` with a function that shares Date.prototype (so every Date of the
 * realm is `instanceof Date`) but reads "now" from the emulation clock, and makes local time follow the script's
 * time zone as in Apps Script (getHours, new Date(y, m, d), toString…) instead of the Node process's TZ.
 */
const SETUP = `(function (now, zone) {
  'use strict';
  const RealDate = Date;
  const proto = RealDate.prototype;
  const getTime = (d) => proto.getTime.call(d);
  const setTime = (d, t) => proto.setTime.call(d, t);
  const processTzOffset = proto.getTimezoneOffset;
  const processOffset = (t) => -processTzOffset.call(new RealDate(t)) * 60000;
  const toLocal = (t) => t + zone.offset(t);
  const fromLocal = (wall) => zone.fromWall(wall);
  const define = (name, fn) => Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n, w) => String(n).padStart(w || 2, '0');

  function parse(text) {
    const s = String(text).trim();
    const base = RealDate.parse(s);
    if (base !== base) return NaN;
    const explicit = /^[+-]?\\d{4,6}(?:-\\d{2}(?:-\\d{2})?)?$/.test(s) || /(?:Z|[+-]\\d{2}:?\\d{2})$/.test(s) ||
      /\\b(?:GMT|UTC|UT|[ECMP][SD]T)\\b/i.test(s);
    return explicit ? base : fromLocal(base + processOffset(base));
  }

  const ClockDate = function Date(...args) {
    if (new.target === undefined) return proto.toString.call(new RealDate(now()));
    let value;
    if (args.length === 0) value = now();
    else if (args.length === 1) {
      const v = args[0];
      if (Object.prototype.toString.call(v) === '[object Date]') value = getTime(v);
      else if (typeof v === 'string') value = parse(v);
      else return Reflect.construct(RealDate, [v], new.target);
    } else value = fromLocal(RealDate.UTC(...args));
    return Reflect.construct(RealDate, [value], new.target);
  };
  Object.defineProperty(ClockDate, 'length', { value: 7 });
  ClockDate.prototype = proto;
  Object.defineProperty(proto, 'constructor', { value: ClockDate, writable: true, configurable: true });
  ClockDate.now = function now_() { return now(); };
  ClockDate.parse = parse;
  ClockDate.UTC = RealDate.UTC;

  const getters = { getFullYear: 'getUTCFullYear', getMonth: 'getUTCMonth', getDate: 'getUTCDate', getDay: 'getUTCDay',
    getHours: 'getUTCHours', getMinutes: 'getUTCMinutes', getSeconds: 'getUTCSeconds', getMilliseconds: 'getUTCMilliseconds' };
  for (const local of Object.keys(getters)) {
    const utc = proto[getters[local]];
    define(local, function () { const t = getTime(this); return t !== t ? NaN : utc.call(new RealDate(toLocal(t))); });
  }
  const setters = { setFullYear: 'setUTCFullYear', setMonth: 'setUTCMonth', setDate: 'setUTCDate', setHours: 'setUTCHours',
    setMinutes: 'setUTCMinutes', setSeconds: 'setUTCSeconds', setMilliseconds: 'setUTCMilliseconds' };
  for (const local of Object.keys(setters)) {
    const utc = proto[setters[local]];
    define(local, function (...args) {
      let t = getTime(this);
      if (t !== t) { if (local !== 'setFullYear') return NaN; t = fromLocal(0); }
      const wall = new RealDate(toLocal(t));
      utc.apply(wall, args);
      return setTime(this, fromLocal(getTime(wall)));
    });
  }
  define('getTimezoneOffset', function () { const t = getTime(this); return t !== t ? NaN : -zone.offset(t) / 60000; });

  const offsetText = (t) => { const m = zone.offset(t) / 60000; const a = Math.abs(m);
    return 'GMT' + (m < 0 ? '-' : '+') + pad(Math.floor(a / 60)) + pad(a % 60); };
  const datePart = (w) => DAYS[w.getUTCDay()] + ' ' + MONTHS[w.getUTCMonth()] + ' ' + pad(w.getUTCDate()) + ' ' + pad(w.getUTCFullYear(), 4);
  const timePart = (w, t) => pad(w.getUTCHours()) + ':' + pad(w.getUTCMinutes()) + ':' + pad(w.getUTCSeconds()) + ' ' +
    offsetText(t) + ' (' + zone.name(t) + ')';
  const formatter = (fn) => function () { const t = getTime(this); return t !== t ? 'Invalid Date' : fn(new RealDate(toLocal(t)), t); };
  define('toString', formatter((w, t) => datePart(w) + ' ' + timePart(w, t)));
  define('toDateString', formatter((w) => datePart(w)));
  define('toTimeString', formatter((w, t) => timePart(w, t)));
  for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
    const original = proto[name];
    define(name, function (locales, options) { return original.call(this, locales, Object.assign({ timeZone: zone.id }, options)); });
  }

  Object.defineProperty(globalThis, 'Date', { value: ClockDate, writable: true, configurable: true });
  class Exception extends Error {}
  Object.defineProperty(Exception.prototype, 'name', { value: 'Exception', writable: true, configurable: true });
  return { Date: ClockDate, Array, Object, Exception };
})`;

function realmFrom(intrinsics: Intrinsics): Realm {
  const { Date: RealmDate, Array: RealmArray, Object: RealmObject, Exception } = intrinsics;
  return {
    Date: RealmDate,
    newDate: (epochMs) => new RealmDate(epochMs),
    array: <T>(items: readonly T[]) => RealmArray.from(items),
    record: <V>(entries: Readonly<Record<string, V>>) => RealmObject.assign(new RealmObject(), entries),
    exception: (message) => new Exception(message),
  };
}

/** Installs the clock- and time-zone-aware Date in a fresh vm context and returns its realm. */
export function installVmRealm(context: vm.Context, now: () => number, timeZone: string): Realm {
  const setup = vm.runInContext(SETUP, context) as (now: () => number, zone: ZoneHelpers) => Intrinsics;
  return realmFrom(setup(now, zoneHelpers(timeZone)));
}

class HostException extends Error {
  override name = 'Exception';
}

/** The host (Node) realm, used by `Emulation.globals`. Its `Date` is a clock-aware subclass of the host Date. */
export function hostRealm(now: () => number): Realm {
  class ClockDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [number]));
    }
    static override now(): number {
      return now();
    }
  }
  return {
    ...realmFrom({ Date, Array, Object, Exception: HostException }),
    Date: ClockDate as unknown as DateConstructor,
  };
}
