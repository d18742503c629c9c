/**
 * Small counting fakes of the injected services, in the style of apps-script-oauth2's tests: an in-memory store,
 * a lock, WeChat over HTTP, the sheets, failure mail and triggers, each counting what was asked of it, and
 * `fakeRunDeps` putting them together as a run's RunDeps.
 */
import type { AppDeps } from '../../src/api/context';
import { Repository } from '../../src/datasets/repository';
import type { Account, DataSetConfig } from '../../src/datasets/types';
import { addDays } from '../../src/dates';
import type { HttpClient, HttpOutcome, HttpRequest } from '../../src/gas/http';
import type { Locker } from '../../src/gas/lock';
import type { Notifier } from '../../src/gas/mail';
import type { KeyValueStore } from '../../src/gas/store';
import type { TriggerHandle, Triggers } from '../../src/gas/triggers';
import type { RunDeps, TableIO } from '../../src/refresh/deps';
import type { Cell, SheetTable, TableColumn, TableExtent } from '../../src/table/types';
import { json, ManualClock } from './fake-http';

/** A document store in memory, counting every call by method. */
export class FakeStore implements KeyValueStore {
  readonly data: Map<string, string>;
  readonly calls = { get: 0, set: 0, setAll: 0, delete: 0, all: 0 };
  /** When set, a write fails as Apps Script does when the store is full. */
  full = false;

  constructor(initial: Record<string, string> = {}) {
    this.data = new Map(Object.entries(initial));
  }

  get(key: string): string | null {
    this.calls.get++;
    return this.data.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.calls.set++;
    if (this.full) throw new Error('You have exceeded the property storage quota.');
    this.data.set(key, value);
  }

  setAll(values: Record<string, string>): void {
    this.calls.setAll++;
    if (this.full) throw new Error('You have exceeded the property storage quota.');
    for (const [key, value] of Object.entries(values)) this.data.set(key, value);
  }

  delete(key: string): void {
    this.calls.delete++;
    this.data.delete(key);
  }

  all(): Record<string, string> {
    this.calls.all++;
    return Object.fromEntries(this.data);
  }

  /** Reads of any kind: what a run costs in PropertiesService calls. */
  get reads(): number {
    return this.calls.get + this.calls.all;
  }

  /** The value parsed; none for an empty one (how the repository's batched writes delete a value). */
  json<T>(key: string): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined || raw === '' ? undefined : (JSON.parse(raw) as T);
  }
}

/** A document lock: free unless `available` is false; counts how often it was taken. */
export class FakeLock implements Locker {
  taken = 0;
  available = true;

  withLock<T>(_waitMs: number, work: () => T): { acquired: true; value: T } | { acquired: false } {
    if (!this.available) return { acquired: false };
    this.taken++;
    return { acquired: true, value: work() };
  }
}

/** One datacube answer: rows for each day of the window, or WeChat's error. */
export type DatacubeAnswer = { errcode: number; errmsg: string } | undefined;

/**
 * An HttpClient that answers like WeChat: stable_token hands out TOKEN1, TOKEN2… (7200 s), a datacube call returns
 * one row per day of its window (or the error `datacube` returns for it), and every batch takes `latencyMs` on the
 * clock. Counts tokens, datacube calls and batches.
 */
export class FakeWeChat implements HttpClient {
  tokensIssued = 0;
  readonly datacubeCalls: Array<{ endpoint: string; begin: string; end: string; token: string }> = [];
  readonly batches: number[] = [];
  /** When set, the fetch itself fails (UrlFetchApp threw something the adapter does not catch). */
  broken?: Error;
  /** Tokens WeChat no longer accepts (40001). */
  readonly revoked = new Set<string>();

  constructor(
    private readonly clock: ManualClock,
    private readonly options: {
      latencyMs?: number;
      datacube?: (call: { endpoint: string; begin: string; end: string; index: number }) => DatacubeAnswer;
      token?: () => DatacubeAnswer;
    } = {},
  ) {}

  fetchAll(requests: readonly HttpRequest[]): HttpOutcome[] {
    if (this.broken) throw this.broken;
    this.batches.push(requests.length);
    const answers = requests.map((request) => this.answer(request));
    this.clock.nowMs += this.options.latencyMs ?? 0;
    return answers;
  }

  private answer(request: HttpRequest): HttpOutcome {
    if (request.url.includes('/cgi-bin/stable_token')) {
      const refused = this.options.token?.();
      if (refused) return json(refused);
      this.tokensIssued++;
      return json({ access_token: `TOKEN${this.tokensIssued}`, expires_in: 7200 });
    }
    const match = /\/datacube\/(\w+)\?access_token=(.*)$/.exec(request.url);
    if (!match) return json({ errcode: 40066, errmsg: 'invalid url' });
    const [, endpoint = '', token = ''] = match;
    const { begin_date: begin, end_date: end } = request.json as { begin_date: string; end_date: string };
    this.datacubeCalls.push({ endpoint, begin, end, token });
    if (this.revoked.has(token)) return json({ errcode: 40001, errmsg: 'invalid credential' });
    const refused = this.options.datacube?.({ endpoint, begin, end, index: this.datacubeCalls.length - 1 });
    if (refused) return json(refused);
    const list = [];
    for (let date = begin; date <= end; date = addDays(date, 1))
      list.push({ ref_date: date, user_source: 0, new_user: Number(date.slice(8)), cancel_user: 1 });
    return json({ list });
  }
}

interface FakeSheet {
  header: string[];
  rows: Cell[][];
}

/** The sheets of a spreadsheet in memory: tables at A1 and staged rows, counting writes. */
export class FakeTables implements TableIO {
  readonly sheets = new Map<string, FakeSheet>();
  readonly staged = new Map<string, Cell[][]>();
  writes = 0;
  /** Every read, in order: which sheet, and whether it was asked anew. */
  readonly reads: Array<{ sheetName: string; again: boolean }> = [];

  read(sheetName: string, _columns: readonly TableColumn[], again = false): SheetTable {
    this.reads.push({ sheetName, again });
    const sheet = this.sheets.get(sheetName);
    if (!sheet) return { header: [], rows: [], height: 0 };
    return { header: [...sheet.header], rows: sheet.rows.map((row) => [...row]), height: sheet.rows.length + 1 };
  }

  hasRows(sheetName: string): boolean {
    return (this.sheets.get(sheetName)?.rows.length ?? 0) > 0;
  }

  write(sheetName: string, columns: readonly TableColumn[], rows: readonly Cell[][]): TableExtent {
    this.writes++;
    this.sheets.set(sheetName, { header: columns.map((column) => column.header), rows: rows.map((row) => [...row]) });
    return { rows: rows.length + 1, columns: columns.length };
  }

  stage(dataSetId: string, rows: readonly Cell[][]): void {
    if (rows.length === 0) return;
    this.staged.set(dataSetId, [...(this.staged.get(dataSetId) ?? []), ...rows]);
  }

  readStaged(dataSetId: string): Cell[][] {
    return this.staged.get(dataSetId) ?? [];
  }

  dropStaged(dataSetId: string): void {
    this.staged.delete(dataSetId);
  }
}

/** Failure mail, kept instead of sent; `quotaLeft` mails can go out. */
export class FakeMail implements Notifier {
  readonly sent: Array<{ subject: string; body: string }> = [];
  constructor(public quotaLeft = 100) {}
  sendFailure(subject: string, body: string): boolean {
    if (this.quotaLeft < 1) return false;
    this.quotaLeft--;
    this.sent.push({ subject, body });
    return true;
  }
}

/** The user's time-driven triggers, by handler. */
export class FakeTriggers implements Triggers {
  readonly handlers: string[] = [];
  created = 0;
  removed = 0;

  mine(handler: string): TriggerHandle[] {
    return this.handlers
      .filter((name) => name === handler)
      .map(() => ({
        remove: () => {
          this.handlers.splice(this.handlers.indexOf(handler), 1);
          this.removed++;
        },
      }));
  }

  createHourly(handler: string): void {
    this.handlers.push(handler);
    this.created++;
  }
}

/** 2026-11-28 12:00 in Beijing: yesterday's data is ready. */
export const NOON_BEIJING = Date.UTC(2026, 10, 28, 4, 0, 0);

export interface FakeWorld {
  deps: RunDeps;
  repo: Repository;
  store: FakeStore;
  lock: FakeLock;
  clock: ManualClock;
  wechat: FakeWeChat;
  tables: FakeTables;
  mail: FakeMail;
}

/** A run's deps over fakes: everything in memory, WeChat answering every call, the clock at `nowMs`. */
export function fakeRunDeps(
  options: { nowMs?: number; wechat?: ConstructorParameters<typeof FakeWeChat>[1]; executionId?: string } = {},
): FakeWorld {
  const clock = new ManualClock(options.nowMs ?? NOON_BEIJING);
  const store = new FakeStore();
  const repo = new Repository(store);
  const lock = new FakeLock();
  const wechat = new FakeWeChat(clock, options.wechat);
  const tables = new FakeTables();
  const mail = new FakeMail();
  const deps: RunDeps = {
    repo,
    store,
    http: wechat,
    clock,
    locker: lock,
    tables,
    fingerprint: (text) => `fp${text.length}`,
    executionId: options.executionId ?? 'execution-1',
    notifier: mail,
    transport: { concurrency: 10, maxAttempts: 2, backoffMs: 100 },
  };
  return { deps, repo, store, lock, clock, wechat, tables, mail };
}

const STAMP = '2026-11-01T00:00:00.000Z';

/** Saves a direct China account (secret set) and returns it. */
export function seedAccount(repo: Repository, overrides: Partial<Account> = {}): Account {
  const account: Account = {
    id: 'a1',
    name: 'Main',
    appId: 'wx0123456789abcdef',
    type: 'china',
    connection: 'direct',
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
  repo.saveAccount(account, { secret: 'S3cretS3cretS3cretS3cretS3cret01' });
  return account;
}

/** Saves a manual user_summary DataSet of 2026-11-01 → 2026-11-27 (four 7-day windows) and returns it. */
export function seedDataSet(repo: Repository, overrides: Partial<DataSetConfig> = {}): DataSetConfig {
  const dataSet: DataSetConfig = {
    id: 'd1',
    name: 'Followers',
    description: '',
    accountId: 'a1',
    reportId: 'user_summary',
    dates: { mode: 'range', start: { kind: 'date', date: '2026-11-01' }, end: { kind: 'date', date: '2026-11-27' } },
    updateMethod: 'replace',
    sheetName: 'Followers',
    schedule: { kind: 'manual' },
    language: 'en',
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
  repo.saveDataSet(dataSet);
  return dataSet;
}

export interface FakeApp extends FakeWorld {
  app: AppDeps;
  triggers: FakeTriggers;
}

/** The server functions' deps over fakes: a run's fakes, triggers, Ann as the user, the spreadsheet in Shanghai. */
export function fakeAppDeps(options: Parameters<typeof fakeRunDeps>[0] = {}): FakeApp {
  const world = fakeRunDeps(options);
  const triggers = new FakeTriggers();
  let ids = 0;
  const app: AppDeps = {
    ...world.deps,
    triggers,
    user: () => 'ann@example.com',
    timeZone: () => 'Asia/Shanghai',
    offsetAt: () => () => 8 * 3600_000,
    newId: (prefix) => `${prefix}${++ids}`,
  };
  return { ...world, app, triggers };
}

/** Saves an unfinished run of a DataSet: 2026-11-01 → 2026-11-07 still to fetch, nothing staged. */
export function seedUnfinishedRun(repo: Repository, dataSetId: string, startedAtMs: number): void {
  repo.saveJob(dataSetId, {
    trigger: 'manual',
    startedAtMs,
    start: '2026-11-01',
    end: '2026-11-07',
    windowsLeft: [{ from: '2026-11-01', to: '2026-11-07', span: 7 }],
    windowsTotal: 1,
    pending: [],
    calls: 0,
    tokenCalls: 0,
    staged: 0,
    delayed: false,
    notices: [],
  });
}
