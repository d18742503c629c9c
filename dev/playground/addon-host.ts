/**
 * The add-on as Apps Script would run it: dist/Code.js in the emulation, one fresh execution (a new global
 * scope) per call, with results passed back the way google.script.run passes them.
 */
import { createEmulation, type Emulation, realClock, type VirtualClock, virtualClock } from '../gas';
import type { ChartSnapshot } from '../gas/spreadsheet/chart-inspect';

export interface AddonHostOptions {
  code: string;
  sidebarHtml: string;
  /** Functions the client may call: the bundle's entry points. */
  entryPoints: readonly string[];
  /** Where api.weixin.qq.com and friends are served from (the simulator). */
  wechatOrigin: string;
  /** Freeze the clock at this instant (tests); default: real time. */
  nowMs?: number;
  /** Time each UrlFetch call takes on a fixed clock, to exercise the one-minute chunks of Run now. */
  fetchLatencyMs?: number;
  workerPath?: string;
  /** More hosts served from local origins (a relay). */
  extraHosts?: Record<string, string>;
  /** dist/appsscript.json: its urlFetchWhitelist is enforced, as in Apps Script. */
  manifest?: { urlFetchWhitelist?: string[] };
}

export type CallReply = { ok: true; value: unknown } | { ok: false; error: string };

export interface SheetView {
  name: string;
  frozenRows: number;
  lastRow: number;
  lastColumn: number;
  /** As displayed (getDisplayValues), at most MAX_ROWS × MAX_COLUMNS. */
  rows: string[][];
  /** Rows whose first cell is bold (the table header). */
  boldRows: number[];
  /** Embedded charts with the cells they draw (the page draws them with a charting library). */
  charts: ChartSnapshot[];
}

export interface SpreadsheetView {
  name: string;
  timeZone: string;
  sheets: string[];
  active: SheetView;
}

export type MenuEntry = { caption: string; functionName: string } | { separator: true };

export interface MenuView {
  caption: string;
  addon: boolean;
  items: MenuEntry[];
}

const MAX_ROWS = 500;
const MAX_COLUMNS = 40;

interface SheetActivation {
  getActiveSpreadsheet(): { getSheetByName(name: string): { activate(): unknown } | null };
}

/** True when google.script.run could not return this value (a Date or function anywhere in it). */
function hasIllegalValue(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  if (Object.prototype.toString.call(value) === '[object Date]') return true;
  if (seen.has(value)) return true;
  seen.add(value);
  return Object.values(value).some((child) => hasIllegalValue(child, seen));
}

function errorMessage(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

export class AddonHost {
  readonly emulation: Emulation;
  private readonly entryPoints: ReadonlySet<string>;
  /** Only with a fixed start time: the clock moves when told to. */
  private readonly virtual: VirtualClock | undefined;

  constructor(private readonly options: AddonHostOptions) {
    const hosts = {
      ...Object.fromEntries(
        ['api.weixin.qq.com', 'api2.weixin.qq.com', 'api.wechat.com'].map((host) => [host, options.wechatOrigin]),
      ),
      ...options.extraHosts,
    };
    this.virtual = options.nowMs === undefined ? undefined : virtualClock(options.nowMs);
    this.emulation = createEmulation({
      spreadsheetName: 'WeChat Analytics playground',
      clock: this.virtual ?? realClock,
      files: { sidebar: options.sidebarHtml },
      ...(options.manifest ? { manifest: options.manifest } : {}),
      urlFetch: {
        hosts,
        ...(options.workerPath ? { workerPath: options.workerPath } : {}),
        ...(options.fetchLatencyMs ? { simulatedLatencyMs: options.fetchLatencyMs } : {}),
      },
    });
    this.entryPoints = new Set(options.entryPoints);
  }

  /** Runs one server function as its own execution; a throw becomes the failure handler's message. */
  call(name: string, args: readonly unknown[]): CallReply {
    if (!this.entryPoints.has(name) || name.endsWith('_')) {
      return { ok: false, error: `Script function not found: ${name}` };
    }
    try {
      const bundle = this.emulation.loadBundle(this.options.code);
      const value = bundle.call(name, ...args);
      if (hasIllegalValue(value)) {
        // Apps Script hands the success handler null when a result holds a Date: make that visible.
        console.warn(`playground: ${name} returned a Date or function; google.script.run would pass null.`);
        return { ok: true, value: null };
      }
      return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
  }

  /** Runs the time-driven triggers that are due now (the hourly schedule); returns how many ran. */
  fireTimeTriggers(): number {
    return this.emulation.fireTimeTriggers();
  }

  /** Moves a fixed clock forward (the simulator's clock must be moved alike). */
  advanceClock(ms: number): void {
    if (!this.virtual) throw new Error('the playground runs on real time; only a fixed clock can be moved');
    this.virtual.advance(ms);
  }

  /** The sheet the user clicked on in the playground's tabs. */
  activateSheet(name: string): void {
    const app = this.emulation.globals.SpreadsheetApp as SheetActivation;
    app.getActiveSpreadsheet().getSheetByName(name)?.activate();
  }

  spreadsheet(): SpreadsheetView {
    const book = this.emulation.spreadsheet;
    const sheet = book.sheet(book.activeSheetName);
    const lastRow = Math.min(sheet.lastRow, MAX_ROWS);
    const lastColumn = Math.min(sheet.lastColumn, MAX_COLUMNS);
    const rows = lastRow > 0 && lastColumn > 0 ? sheet.displayValues(`A1:${columnLetters(lastColumn)}${lastRow}`) : [];
    const firstColumnWeights = lastRow > 0 ? sheet.fontWeights(`A1:A${lastRow}`) : [];
    return {
      name: book.name,
      timeZone: book.timeZone,
      sheets: book.sheetNames(),
      active: {
        name: sheet.name,
        frozenRows: sheet.frozenRows,
        lastRow: sheet.lastRow,
        lastColumn: sheet.lastColumn,
        rows,
        boldRows: firstColumnWeights.flatMap((row, index) => (row[0] === 'bold' ? [index + 1] : [])),
        charts: sheet.charts(),
      },
    };
  }

  menus(): MenuView[] {
    return this.emulation.ui.menus.map((menu) => ({
      caption: menu.caption,
      addon: menu.addon,
      items: menu.items.flatMap((item): MenuEntry[] => {
        if (item.kind === 'item') return [{ caption: item.caption, functionName: item.functionName }];
        if (item.kind === 'separator') return [{ separator: true }];
        return [];
      }),
    }));
  }

  /** How many sidebars were shown so far, and the last one. */
  sidebars(): { count: number; last?: { title: string; html: string } } {
    const { sidebars } = this.emulation.ui;
    return { count: sidebars.length, last: sidebars[sidebars.length - 1] };
  }

  dispose(): void {
    this.emulation.dispose();
  }
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
