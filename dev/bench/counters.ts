/**
 * Service calls, from the emulation's per-method call counter (`Class.method` → count): Sheets calls, cell writes,
 * and every call by kind of service (Properties, Sheets, Lock, Cache, UrlFetch) with the UrlFetch round trips,
 * the figures issue 13's targets are judged on. Counts, not times: the same run gives the same figures on any
 * machine under any load.
 */
import { type CostKind, callCost, costKindOf, isSheetsCall, REALISTIC_PROFILE } from '../gas/costs';

export type CallSnapshot = Record<string, number>;

export function callsBetween(before: CallSnapshot, after: CallSnapshot): CallSnapshot {
  const diff: CallSnapshot = {};
  for (const [name, count] of Object.entries(after)) {
    const delta = count - (before[name] ?? 0);
    if (delta !== 0) diff[name] = delta;
  }
  return diff;
}

function sum(calls: CallSnapshot, keep: (name: string) => boolean): number {
  return Object.entries(calls).reduce((total, [name, count]) => (keep(name) ? total + count : total), 0);
}

/** Every call to the spreadsheet services. */
export function sheetsCalls(calls: CallSnapshot): number {
  return sum(calls, isSheetsCall);
}

const WRITES = ['Range.set', 'Range.clear', 'RangeList.set', 'RangeList.clear', 'Sheet.appendRow', 'Sheet.clear'];
/**
 * Not a write to cells: the "last refreshed" note on A1, one call per run whatever the table's size (the bundle's
 * sheet-format test pins it), left out so the cell-write target keeps its meaning.
 */
const NOTE = 'Range.setNote';

/**
 * The number formats of a big write, sent by group of columns: one format per group of same-format columns
 * (src/gas/spreadsheet.ts, FORMAT_CELLS_PER_CALL), on a Range or a RangeList. Counted on their own
 * (formatWritesByColumn), against the table's columns: their number cannot grow with the rows, which is what the
 * range-write target guards.
 */
const FORMAT_BY_COLUMN = new Set(['Range.setNumberFormat', 'RangeList.setNumberFormat']);

/** Writes to cells: Range.setValues, setNumberFormats, setFontWeight(s), every other Range.set* / clear*, appendRow. */
export function rangeWrites(calls: CallSnapshot): number {
  return sum(
    calls,
    (name) => name !== NOTE && !FORMAT_BY_COLUMN.has(name) && WRITES.some((prefix) => name.startsWith(prefix)),
  );
}

/** Number formats sent one per group of columns (a big write's formats, instead of one setNumberFormats). */
export function formatWritesByColumn(calls: CallSnapshot): number {
  return sum(calls, (name) => FORMAT_BY_COLUMN.has(name));
}

export const SERVICE_KINDS = ['properties', 'sheets', 'lock', 'cache', 'urlfetch', 'other'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

function kindOf(name: string): ServiceKind {
  const kind = costKindOf(name);
  return kind === 'mail' || kind === 'startup' ? 'other' : kind;
}

/**
 * Whether a call goes to a Google server (what costs time in Apps Script): a call the cost profile charges
 * (dev/gas/costs.ts, the one table), or a UrlFetch call, charged per round trip. Handles (the store, lock and
 * cache handles, the active spreadsheet, a Range and its coordinates) and local work (Utilities, Session,
 * HtmlService) cost nothing there and are not counted.
 */
export function isServiceCall(name: string): boolean {
  return name === 'UrlFetchApp.fetch' || name === 'UrlFetchApp.fetchAll' || callCost(REALISTIC_PROFILE, name) > 0;
}

/** Modelled Apps Script time: what the cost profile charged, in all and by kind (start-up, Properties, Sheets…). */
export interface ModelledTime {
  totalMs: number;
  byKind: Record<CostKind, number>;
}

export function modelledBetween(before: ModelledTime, after: ModelledTime): ModelledTime {
  const byKind = Object.fromEntries(
    Object.entries(after.byKind).map(([kind, ms]) => [kind, ms - (before.byKind[kind as CostKind] ?? 0)]),
  ) as Record<CostKind, number>;
  return { totalMs: after.totalMs - before.totalMs, byKind };
}

export function addModelled(a: ModelledTime, b: ModelledTime): ModelledTime {
  const byKind = { ...a.byKind };
  for (const [kind, ms] of Object.entries(b.byKind)) byKind[kind as CostKind] = (byKind[kind as CostKind] ?? 0) + ms;
  return { totalMs: a.totalMs + b.totalMs, byKind };
}

const PROPERTY_WRITES = /^Properties\.(set|delete)/;
const LOCK_ACQUIRES = /^Lock\.(tryLock|waitLock)$/;
const SHEETS_WRITE =
  /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\.(set|insert|delete|clear|append|auto|hide|show|protect|copy|move|sort|merge|activate|flush)/;

export interface ServiceFigures {
  /** Calls that reach a Google server (handles and local utilities not counted). */
  calls: number;
  byKind: Record<ServiceKind, number>;
  propertyWrites: number;
  sheetsWrites: number;
  /** Lock.tryLock / waitLock: acquisitions. */
  locks: number;
  /** UrlFetchApp.fetch and fetchAll calls: network round trips. */
  rounds: number;
  /** Cells Sheets reads returned and Sheets writes were given (getValues, setValues, setNumberFormats…). */
  cellsRead: number;
  cellsWritten: number;
}

export interface CellCounts {
  read: number;
  written: number;
}

/** The service figures of a call-count difference (and the cells the ServiceTimer saw meanwhile). */
export function serviceFigures(calls: CallSnapshot, cells: CellCounts = { read: 0, written: 0 }): ServiceFigures {
  const byKind = Object.fromEntries(SERVICE_KINDS.map((kind) => [kind, 0])) as Record<ServiceKind, number>;
  let total = 0;
  for (const [name, count] of Object.entries(calls)) {
    if (!isServiceCall(name)) continue;
    byKind[kindOf(name)] += count;
    total += count;
  }
  return {
    calls: total,
    byKind,
    propertyWrites: sum(calls, (name) => PROPERTY_WRITES.test(name)),
    sheetsWrites: sum(calls, (name) => SHEETS_WRITE.test(name)),
    locks: sum(calls, (name) => LOCK_ACQUIRES.test(name)),
    rounds: sum(calls, (name) => name === 'UrlFetchApp.fetch' || name === 'UrlFetchApp.fetchAll'),
    cellsRead: cells.read,
    cellsWritten: cells.written,
  };
}

/** The methods called most, for "where each call goes". */
export function topCalls(calls: CallSnapshot, limit = 12): Array<[string, number]> {
  return Object.entries(calls)
    .filter(([name]) => isServiceCall(name))
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, limit);
}

/** Figures of several measured calls together. */
export function addFigures(a: ServiceFigures, b: ServiceFigures): ServiceFigures {
  const byKind = { ...a.byKind };
  for (const kind of SERVICE_KINDS) byKind[kind] += b.byKind[kind];
  return {
    calls: a.calls + b.calls,
    byKind,
    propertyWrites: a.propertyWrites + b.propertyWrites,
    sheetsWrites: a.sheetsWrites + b.sheetsWrites,
    locks: a.locks + b.locks,
    rounds: a.rounds + b.rounds,
    cellsRead: a.cellsRead + b.cellsRead,
    cellsWritten: a.cellsWritten + b.cellsWritten,
  };
}

export function addCalls(a: CallSnapshot, b: CallSnapshot): CallSnapshot {
  const total = { ...a };
  for (const [name, count] of Object.entries(b)) total[name] = (total[name] ?? 0) + count;
  return total;
}
