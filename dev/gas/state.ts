import { CacheStores } from './cache';
import { CallCounter } from './calls';
import { type Clock, realClock, type VirtualClock } from './clock';
import { COST_PROFILES, CostMeter, FREE_PROFILE } from './costs';
import { createEnums } from './enums';
import type { Execution, ExecutionHost } from './execution';
import { Limits } from './limits';
import { LockTable } from './locks';
import { PropertyStores } from './properties';
import { TriggerStore } from './script/triggers';
import { SpreadsheetModel } from './spreadsheet/model';
import { isValidTimeZone } from './timezone';
import type { EmulationOptions, MailRecord, TriggerRunRecord, UiRecords, UrlFetchLogEntry } from './types';
import { checkWhitelist } from './urlfetch/allowlist';
import { SyncHttp } from './urlfetch/bridge';

export interface UrlFetchSettings {
  hosts: Record<string, string>;
  unreachableHosts: string[];
  localAddress?: string;
  timeoutMs: number;
  concurrency: number;
  clockHeader?: string;
  simulatedLatencyMs: number;
  /** The manifest's urlFetchWhitelist; undefined: the manifest has none, every URL may be fetched. */
  whitelist?: readonly string[];
}

function isVirtual(clock: Clock): clock is VirtualClock {
  return typeof (clock as Partial<VirtualClock>).advance === 'function';
}

/** Everything the executions of one emulation share: the document, stores, locks, triggers and the records. */
export class EmulationState implements ExecutionHost {
  user: string;
  readonly clock: Clock;
  readonly executionLimitMs: number;
  readonly scriptTimeZone: string;
  readonly userLocale: string;
  readonly files: Readonly<Record<string, string>>;
  readonly urlFetch: UrlFetchSettings;
  readonly enums = createEnums();
  readonly calls = new CallCounter();
  readonly logs: string[] = [];
  readonly urlFetchLog: UrlFetchLogEntry[] = [];
  readonly mail: MailRecord[] = [];
  readonly triggerRuns: TriggerRunRecord[] = [];
  readonly ui: UiRecords = { menus: [], sidebars: [], dialogs: [], alerts: [], prompts: [], toasts: [] };
  readonly spreadsheet: SpreadsheetModel;
  readonly properties = new PropertyStores();
  readonly caches: CacheStores;
  readonly locks = new LockTable();
  readonly triggers = new TriggerStore();
  readonly http: SyncHttp;
  readonly meter: CostMeter;
  readonly limits: Limits;
  lastBundle?: { code: string; filename: string };

  constructor(options: EmulationOptions) {
    const timeZone = options.spreadsheetTimeZone ?? 'Asia/Shanghai';
    const scriptTimeZone = options.scriptTimeZone ?? 'Asia/Shanghai';
    for (const tz of [timeZone, scriptTimeZone]) if (!isValidTimeZone(tz)) throw new Error(`Unknown time zone: ${tz}`);
    this.user = options.user ?? 'owner@example.com';
    this.clock = options.clock ?? realClock;
    this.executionLimitMs = options.executionLimitMs ?? 360_000;
    this.scriptTimeZone = scriptTimeZone;
    this.userLocale = options.locale ?? 'en';
    this.files = { ...options.files };
    const fetch = options.urlFetch ?? {};
    this.urlFetch = {
      hosts: { ...fetch.hosts },
      unreachableHosts: [...(fetch.unreachableHosts ?? [])],
      ...(fetch.localAddress === undefined ? {} : { localAddress: fetch.localAddress }),
      timeoutMs: fetch.timeoutMs ?? 60_000,
      concurrency: Math.max(1, fetch.concurrency ?? 20),
      ...(fetch.clockHeader === undefined ? {} : { clockHeader: fetch.clockHeader }),
      simulatedLatencyMs: Math.max(0, fetch.simulatedLatencyMs ?? 0),
      ...(options.manifest?.urlFetchWhitelist === undefined
        ? {}
        : { whitelist: [...options.manifest.urlFetchWhitelist] }),
    };
    if (this.urlFetch.whitelist) checkWhitelist(this.urlFetch.whitelist);
    this.http = new SyncHttp(fetch.workerPath);
    const profile = typeof options.costProfile === 'string' ? COST_PROFILES[options.costProfile] : options.costProfile;
    if (options.costProfile !== undefined && !profile) throw new Error(`Unknown cost profile: ${options.costProfile}`);
    const clock = this.clock;
    this.meter = new CostMeter(profile ?? FREE_PROFILE, (ms) => {
      if (isVirtual(clock)) clock.advance(ms);
    });
    this.limits = new Limits(options.accountKind ?? 'consumer', () => clock.now());
    this.caches = new CacheStores(this.clock);
    this.spreadsheet = new SpreadsheetModel({
      name: options.spreadsheetName ?? 'Untitled spreadsheet',
      timeZone,
      locale: options.spreadsheetLocale ?? 'en_US',
    });
  }

  currentUser(): string {
    return this.user;
  }

  executionStarted(): void {
    this.meter.chargeStartup();
  }

  releaseLocksOf(execution: Execution): void {
    this.locks.releaseAll(execution);
  }
}
