/**
 * Splits a run's CPU between the add-on's own code and the emulated Apps Script services it calls (the stand-in
 * for Google's servers: in Apps Script a getValues or setValues runs there, not in the script). The bundle's
 * service globals are wrapped in proxies that time each outermost service call; the objects services return
 * (Spreadsheet, Sheet, Range, HTTPResponse…) are wrapped the same way, arguments are unwrapped on the way in.
 */
import type { BundleContext } from '../gas';

const SERVICES = [
  'SpreadsheetApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'UrlFetchApp',
  'Utilities',
  'Session',
  'ScriptApp',
  'HtmlService',
  'MailApp',
  'Logger',
  'console',
];

type AnyFunction = (...args: unknown[]) => unknown;

/** Range methods that read or write a 2-D array of cells (getValues, getNumberFormats, setValues…). */
const CELL_READ = /^get\w+s$/;
const CELL_WRITE = /^set\w+s$/;

function cellsOf(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  let cells = 0;
  for (const row of value) if (Array.isArray(row)) cells += row.length;
  return cells;
}

function isDate(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export class ServiceTimer {
  /** Process CPU (all threads) inside service calls. */
  cpuMs = 0;
  wallMs = 0;
  calls = 0;
  /** Cells Sheets reads returned (get…s of a Range) and writes were given (set…s), as 2-D arrays. */
  cellsRead = 0;
  cellsWritten = 0;
  private depth = 0;
  private readonly proxyOf = new WeakMap<object, object>();
  private readonly targetOf = new WeakMap<object, object>();

  /** Wraps the service globals of one loaded bundle. */
  instrument(ctx: BundleContext): BundleContext {
    const globals = ctx.context as Record<string, unknown>;
    for (const name of SERVICES) {
      const service = globals[name];
      if (service !== null && typeof service === 'object') globals[name] = this.wrap(service);
    }
    return ctx;
  }

  reset(): void {
    this.cpuMs = 0;
    this.wallMs = 0;
    this.calls = 0;
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }

  private wrap(target: object): object {
    const known = this.proxyOf.get(target);
    if (known) return known;
    const proxy = new Proxy(target, {
      get: (object, key) => {
        const value: unknown = Reflect.get(object, key);
        return typeof value === 'function'
          ? (...args: unknown[]) => this.call(object, value as AnyFunction, args, String(key))
          : value;
      },
    });
    this.proxyOf.set(target, proxy);
    this.targetOf.set(proxy, target);
    return proxy;
  }

  private call(target: object, method: AnyFunction, args: unknown[], name: string): unknown {
    const unwrapped = args.map((arg) =>
      arg !== null && typeof arg === 'object' ? (this.targetOf.get(arg) ?? arg) : arg,
    );
    if (this.depth > 0) return this.wrapResult(method.apply(target, unwrapped));
    this.depth++;
    const cpu = process.cpuUsage();
    const started = performance.now();
    try {
      const result = method.apply(target, unwrapped);
      if (CELL_READ.test(name)) this.cellsRead += cellsOf(result);
      else if (CELL_WRITE.test(name)) this.cellsWritten += cellsOf(unwrapped[0]);
      return this.wrapResult(result);
    } finally {
      this.wallMs += performance.now() - started;
      const used = process.cpuUsage(cpu);
      this.cpuMs += (used.user + used.system) / 1000;
      this.calls++;
      this.depth--;
    }
  }

  /** Service objects come back wrapped; values (arrays of cells, Dates, primitives) as they are. */
  private wrapResult(result: unknown): unknown {
    if (result === null || typeof result !== 'object' || isDate(result)) return result;
    if (!Array.isArray(result)) return this.wrap(result);
    // getSheets(), fetchAll(): arrays of service objects, wrapped in place (the array keeps its realm).
    result.forEach((item: unknown, index) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && !isDate(item))
        result[index] = this.wrap(item);
    });
    return result;
  }
}
