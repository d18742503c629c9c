/**
 * The cost profile: what each Apps Script service call costs in time, so the emulation's clock (and its modelled
 * time) moves the way a real execution's would. One table, used by the emulation and by the benchmark's modelled
 * time. Every figure names its public source; where none is published, the comment says so and the value is a
 * conservative (slow) pick.
 *
 * Sources:
 * [ziritione]  https://ziritione.org/post/apps_script_performance: 100 sequential runs per method, average ms:
 *              Properties getProperty 30–34, setProperty 62–64; Cache get 3–4, put 92–93.
 * [poehnelt]   https://justin.poehnelt.com/posts/apps-script-key-value-stores: write+read of 100 bytes, average:
 *              CacheService ~63 ms, PropertiesService ~80 ms, SpreadsheetApp ~800+ ms.
 * [issue]      the audit behind this project's issue 12: "Sheets calls take tens to hundreds of ms".
 * [magesheet]  https://magesheet.com/blog/apps-script-urlfetchapp-quotas-retries: about 60 s timeout per fetch.
 * [quotas]     https://developers.google.com/apps-script/guides/services/quotas.
 * [range-list] https://developers.google.com/apps-script/reference/spreadsheet/range-list: one call applies an
 *              operation to "collections of non-adjacent ranges or cells"; tanaikech's "Best Practices for
 *              Discontinuous Cells" (2023) measured one RangeList call against a Range call per range.
 */

export interface CostProfile {
  readonly name: string;
  /** Time of one call, by `Class.method` (as the call counter names it). */
  readonly perMethod: Readonly<Record<string, number>>;
  /** Time of a call not in perMethod, by class (`Range`, `Sheet`, …). */
  readonly perClass: Readonly<Record<string, number>>;
  /** Sheets calls that change the document (set*, insert*, delete*, clear*, …) cost this instead of perClass. */
  readonly sheetsWriteCallMs: number;
  /** Added per cell a Sheets read returns (getValues, getDisplayValues, getFormulas, getNumberFormats…). */
  readonly perCellReadMs: number;
  /** Added per cell a Sheets write touches (setValues, setNumberFormats, …). */
  readonly perCellWriteMs: number;
  /** One UrlFetch round trip (a fetch, or a fetchAll whose requests run concurrently) that answers. */
  readonly urlFetchRoundTripMs: number;
  /** A fetch that gets no answer: Apps Script waits this long before "Timeout: <url>". */
  readonly hungFetchMs: number;
  /** Loading the bundle (evaluating the global scope) at the start of every execution. */
  readonly bundleStartMs: number;
}

/** No cost at all: the clock moves only on sleeps, lock waits and simulated latency (the old behaviour). */
export const FREE_PROFILE: CostProfile = {
  name: 'free',
  perMethod: {},
  perClass: {},
  sheetsWriteCallMs: 0,
  perCellReadMs: 0,
  perCellWriteMs: 0,
  urlFetchRoundTripMs: 0,
  hungFetchMs: 0,
  bundleStartMs: 0,
};

/** What a real execution pays, from the sources above. */
export const REALISTIC_PROFILE: CostProfile = {
  name: 'realistic',
  perMethod: {
    // Properties [ziritione]: reads ~30 ms, writes ~60 ms. getProperties/getKeys read the whole store: a read.
    'Properties.getProperty': 30,
    'Properties.getProperties': 30,
    'Properties.getKeys': 30,
    'Properties.setProperty': 60,
    'Properties.setProperties': 60,
    'Properties.deleteProperty': 60,
    'Properties.deleteAllProperties': 60,
    // Getting a store handle makes no round trip in the measurements above (they time the whole chain).
    'PropertiesService.getDocumentProperties': 0,
    'PropertiesService.getScriptProperties': 0,
    'PropertiesService.getUserProperties': 0,
    // Cache [ziritione]: get ~4 ms, put ~93 ms; removes are writes.
    'Cache.get': 4,
    'Cache.getAll': 4,
    'Cache.put': 93,
    'Cache.putAll': 93,
    'Cache.remove': 93,
    'Cache.removeAll': 93,
    // Lock: no public per-call figure. A lock is a small store write; priced like a property write.
    'Lock.tryLock': 60,
    'Lock.waitLock': 60,
    'Lock.releaseLock': 60,
    'Lock.hasLock': 0,
    // UrlFetch is charged per round trip (urlFetchRoundTripMs / hungFetchMs), not per call.
    'UrlFetchApp.fetch': 0,
    'UrlFetchApp.fetchAll': 0,
    'UrlFetchApp.getRequest': 0,
    // Handles that fetch nothing from a server.
    'SpreadsheetApp.getActiveSpreadsheet': 0,
    'SpreadsheetApp.getActive': 0,
    'Sheet.getRange': 0,
    'Sheet.getRangeList': 0,
    'RangeList.getRanges': 0,
    'Sheet.getName': 0,
    'Sheet.getSheetId': 0,
    'Range.getRow': 0,
    'Range.getColumn': 0,
    'Range.getNumRows': 0,
    'Range.getNumColumns': 0,
    'Range.getA1Notation': 0,
    'Range.getSheet': 0,
    // Flushing applies every pending change: priced as one write call.
    'SpreadsheetApp.flush': 100,
    // MailApp: no public per-call figure; sending is a remote call, priced like a slow Sheets write.
    'MailApp.sendEmail': 300,
    'MailApp.getRemainingDailyQuota': 30,
  },
  perClass: {
    // Sheets reads [issue]: "tens to hundreds of ms"; [poehnelt] ~800 ms for a write+read pair of one cell.
    // A read costs 50 ms and a write 100 ms here (below), plus per-cell costs: no public per-cell figure exists.
    SpreadsheetApp: 50,
    Spreadsheet: 50,
    Sheet: 50,
    Range: 50,
    // RangeList [range-list]: one call for all its ranges; its setters are writes (sheetsWriteCallMs) of one value.
    RangeList: 50,
    // ScriptApp trigger calls and authorization info: no public figure; a remote read.
    ScriptApp: 50,
    Trigger: 0,
    ClockTriggerBuilder: 0,
    SpreadsheetTriggerBuilder: 0,
    TriggerBuilder: 0,
    AuthorizationInfo: 0,
    // Local work (Utilities, Session, Logger, HtmlService, Blob, HTTPResponse): no remote call, no cost.
  },
  sheetsWriteCallMs: 100,
  // No public per-cell figure: 10 µs per cell read, 50 µs per cell written (a 10,000-cell write = +0.5 s).
  perCellReadMs: 0.01,
  perCellWriteMs: 0.05,
  // No public figure for Google → api.weixin.qq.com; UrlFetch overhead plus a trans-Pacific round trip: 600 ms.
  urlFetchRoundTripMs: 600,
  // [magesheet]: about 60 s per fetch before "Timeout".
  hungFetchMs: 60_000,
  // No public figure for loading a 160 KB bundle; [issue 13]'s sidebar call of 0.5–1.5 s includes it: 300 ms.
  bundleStartMs: 300,
};

export const COST_PROFILES: Readonly<Record<string, CostProfile>> = {
  free: FREE_PROFILE,
  realistic: REALISTIC_PROFILE,
};

const SHEETS_CLASSES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'RangeList']);
// Calls that change the document. updateChart/removeChart rewrite an embedded chart: writes like insertChart.
const SHEETS_WRITE =
  /^(set|insert|delete|clear|append|auto|hide|show|protect|copy|move|sort|merge|break|activate|update|remove)/;

export function isSheetsCall(name: string): boolean {
  return SHEETS_CLASSES.has(name.slice(0, name.indexOf('.')));
}

/** Time of one service call, before per-cell costs. */
export function callCost(profile: CostProfile, name: string): number {
  const exact = profile.perMethod[name];
  if (exact !== undefined) return exact;
  const dot = name.indexOf('.');
  const className = name.slice(0, dot);
  const method = name.slice(dot + 1);
  if (SHEETS_CLASSES.has(className) && SHEETS_WRITE.test(method)) return profile.sheetsWriteCallMs;
  return profile.perClass[className] ?? 0;
}

/**
 * Cells a Range call reads or writes: the range's size for getValues-like and setValues-like methods, the calls that
 * carry a value per cell (a 2-D array each way). A call that applies one value to a whole range (setNumberFormat,
 * setFontWeight, clear…) carries no per-cell payload and pays its call cost only: the per-cell figures above are our
 * own pick for the size of what goes over the wire and is stored cell by cell, and no public figure says more.
 */
export function cellCost(profile: CostProfile, method: string, cells: number): number {
  if (/^get.*s$/.test(method) && method !== 'getSheets') return cells * profile.perCellReadMs;
  if (/^set.*s$/.test(method)) return cells * profile.perCellWriteMs;
  return 0;
}

/** Time of one UrlFetch call: one round trip, or one timeout per wave of concurrent requests that hung. */
export function fetchCost(profile: CostProfile, results: ReadonlyArray<{ timedOut: boolean }>): number {
  if (results.length === 0) return 0;
  return results.some((r) => r.timedOut) ? profile.hungFetchMs : profile.urlFetchRoundTripMs;
}

export type CostKind = 'startup' | 'properties' | 'cache' | 'lock' | 'sheets' | 'urlfetch' | 'mail' | 'other';

/** The kind of service a call goes to (`Class.method`), as the meter and the benchmark count it. */
export function costKindOf(name: string): CostKind {
  const className = name.slice(0, name.indexOf('.'));
  if (className === 'Properties' || className === 'PropertiesService') return 'properties';
  if (className === 'Cache' || className === 'CacheService') return 'cache';
  if (className === 'Lock' || className === 'LockService') return 'lock';
  if (SHEETS_CLASSES.has(className)) return 'sheets';
  if (className === 'UrlFetchApp') return 'urlfetch';
  if (className === 'MailApp') return 'mail';
  return 'other';
}

function cellsOf(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  let cells = 0;
  for (const row of value) cells += Array.isArray(row) ? row.length : 0;
  return cells;
}

/**
 * Modelled Apps Script time: every charge is added here by kind and, when the emulation runs on a virtual clock,
 * moves that clock (a real clock cannot be moved: the modelled total is then only reported).
 */
export class CostMeter {
  private readonly byKindMs: Record<CostKind, number> = {
    startup: 0,
    properties: 0,
    cache: 0,
    lock: 0,
    sheets: 0,
    urlfetch: 0,
    mail: 0,
    other: 0,
  };

  constructor(
    readonly profile: CostProfile,
    private readonly advanceClock: (ms: number) => void,
  ) {}

  charge(kind: CostKind, ms: number): void {
    if (ms <= 0) return;
    this.byKindMs[kind] += ms;
    this.advanceClock(ms);
  }

  /** One service call: its per-call cost plus, for Sheets reads and writes, its per-cell cost. */
  chargeCall(name: string, args: readonly unknown[], result: unknown): void {
    let ms = callCost(this.profile, name);
    if (isSheetsCall(name)) {
      const method = name.slice(name.indexOf('.') + 1);
      ms += cellCost(this.profile, method, method.startsWith('set') ? cellsOf(args[0]) : cellsOf(result));
    }
    this.charge(costKindOf(name), ms);
  }

  chargeFetch(results: ReadonlyArray<{ timedOut: boolean }>): void {
    this.charge('urlfetch', fetchCost(this.profile, results));
  }

  chargeStartup(): void {
    this.charge('startup', this.profile.bundleStartMs);
  }

  /** Modelled time so far, in total and by kind. */
  snapshot(): { totalMs: number; byKind: Record<CostKind, number> } {
    const byKind = { ...this.byKindMs };
    const totalMs = Object.values(byKind).reduce((sum, ms) => sum + ms, 0);
    return { totalMs: Math.round(totalMs * 1000) / 1000, byKind };
  }

  reset(): void {
    for (const key of Object.keys(this.byKindMs) as CostKind[]) this.byKindMs[key] = 0;
  }
}
