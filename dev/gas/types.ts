import type vm from 'node:vm';
import type { CallCounter } from './calls';
import type { Clock } from './clock';
import type { CostMeter, CostProfile } from './costs';
import type { AccountKind, Limits } from './limits';
import type { FakeSpreadsheet } from './spreadsheet/inspect';

export interface UrlFetchOptions {
  /** 'api.weixin.qq.com' → 'http://127.0.0.1:PORT': requests to that host go to the origin, with the original Host header. */
  hosts?: Record<string, string>;
  /** Hosts that fail like a DNS failure ("DNS error: <url>"). */
  unreachableHosts?: string[];
  /** Source IP of outgoing sockets. Default: 127.0.0.1 for loopback targets, the OS default otherwise. */
  localAddress?: string;
  /** Per request, redirects included. Default 60000. */
  timeoutMs?: number;
  /** Parallel requests in one fetchAll. Default 20. */
  concurrency?: number;
  /** The bundled worker (default: next to this module, else .build/dev/urlfetch-worker.js). */
  workerPath?: string;
  /**
   * Adds this header with the emulation clock's time (ms) to every request, so a simulator can share the
   * emulation's virtual clock. Nothing in the add-on sees it.
   */
  clockHeader?: string;
  /**
   * Time one fetch/fetchAll takes on the emulation clock (the network time of real Apps Script), so time budgets
   * can be exercised with a virtual clock. Default 0.
   */
  simulatedLatencyMs?: number;
}

export interface EmulationOptions {
  spreadsheetName?: string;
  /** Default 'Asia/Shanghai'. */
  spreadsheetTimeZone?: string;
  /** Session.getScriptTimeZone() (the add-on manifest's timeZone). Default 'Asia/Shanghai'. */
  scriptTimeZone?: string;
  /** The active user's email. Default 'owner@example.com'. */
  user?: string;
  /** Session.getActiveUserLocale(). Default 'en'. */
  locale?: string;
  /** Spreadsheet.getSpreadsheetLocale(); also decides how '1/2/2026' is read. Default 'en_US'. */
  spreadsheetLocale?: string;
  /** Default: real time. */
  clock?: Clock;
  urlFetch?: UrlFetchOptions;
  /** HtmlService files by name ('sidebar' or 'sidebar.html'). */
  files?: Record<string, string>;
  /**
   * An execution that has run this long is terminated ("Exceeded maximum execution time"): the script cannot catch
   * it. Default 360000 (6 min); 0 = off.
   */
  executionLimitMs?: number;
  /**
   * The project's appsscript.json. Its `urlFetchWhitelist`, when present, is enforced: a fetch outside it throws
   * "Request to <url> failed because the URL has not been whitelisted in the script manifest." Absent: no allowlist.
   */
  manifest?: { urlFetchWhitelist?: readonly string[] };
  /**
   * What service calls cost on the emulation clock (dev/gas/costs.ts): 'free' (nothing; the default) or
   * 'realistic' (Apps Script's published costs), or a profile of your own.
   */
  costProfile?: 'free' | 'realistic' | CostProfile;
  /** Decides the daily quotas and the trigger runtime budget. Default 'consumer'. */
  accountKind?: AccountKind;
}

export type MenuItemRecord =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: MenuItemRecord[] };

export interface MenuRecord {
  caption: string;
  /** createAddonMenu(): shown under Extensions › <add-on name>. */
  addon: boolean;
  items: MenuItemRecord[];
}

export interface UiRecords {
  menus: MenuRecord[];
  sidebars: Array<{ title: string; html: string }>;
  dialogs: Array<{ title: string; html: string; modal: boolean; width: number; height: number }>;
  alerts: Array<{ title: string; prompt: string; buttons: string }>;
  prompts: Array<{ title: string; prompt: string; buttons: string }>;
  toasts: Array<{ message: string; title: string; timeoutSeconds: number }>;
}

export interface MailRecord {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  name?: string;
}

export interface UrlFetchLogEntry {
  /** The URL the code asked for (before any host rewrite). */
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
  status?: number;
  /** The exception message the failure produced ("Timeout: …", "DNS error: …", "Address unavailable: …"). */
  error?: string;
  durationMs: number;
}

export interface TriggerInfo {
  id: string;
  handler: string;
  user: string;
  eventType: string;
  /** Epoch ms of the next run; undefined when it will not run again (a spent one-off trigger). */
  nextRunAt?: number;
}

export interface TriggerRunRecord {
  triggerId: string;
  handler: string;
  user: string;
  at: number;
  /** Time the run took on the emulation clock (absent when it did not start: the day's trigger budget was spent). */
  runtimeMs?: number;
  /** String(error) when the handler threw (Apps Script emails nobody for add-on triggers). */
  error?: string;
  /** What the handler returned (Apps Script ignores it; tests read the schedule's tick report from it). */
  result?: unknown;
}

export interface LoadOptions {
  /** Pin this context to a user; otherwise it runs as whoever `Emulation.setUser` last chose. */
  user?: string;
}

/**
 * A loaded bundle in its own vm context. Each context is one execution at a time: `call` runs a function as a
 * whole execution (locks it left held are released when it returns or throws, as Apps Script does); `begin`
 * starts an execution that stays open, so the locks it takes stay held until `end()`.
 */
export interface BundleContext {
  call<T = unknown>(name: string, ...args: unknown[]): T;
  begin<T = unknown>(name: string, ...args: unknown[]): T;
  end(): void;
  has(name: string): boolean;
  readonly context: vm.Context;
}

export interface Emulation {
  /** The services for use from Node (host realm); the same state the bundle sees. */
  globals: Record<string, unknown>;
  loadBundle(code: string, filename?: string, options?: LoadOptions): BundleContext;
  setUser(email: string): void;
  readonly user: string;
  readonly clock: Clock;
  spreadsheet: FakeSpreadsheet;
  calls: CallCounter;
  logs: string[];
  urlFetchLog: UrlFetchLogEntry[];
  ui: UiRecords;
  mail: MailRecord[];
  triggers(): TriggerInfo[];
  triggerRuns: TriggerRunRecord[];
  /** Modelled Apps Script time charged so far by the cost profile, in total and by kind of service. */
  readonly costs: CostMeter;
  /** Daily quotas, burst throttling, the trigger runtime budget and a null document lock, per user. */
  readonly limits: Limits;
  /** Runs every clock trigger that is due, each in a fresh context of the last loaded bundle, as its owner. */
  fireTimeTriggers(): number;
  /** Releases the locks a context (or, without one, `globals`) holds. */
  releaseAllLocks(context?: BundleContext): void;
  /** Raw property stores, for inspection. */
  properties: {
    document(): Record<string, string>;
    script(): Record<string, string>;
    user(email?: string): Record<string, string>;
  };
  dispose(): void;
}
