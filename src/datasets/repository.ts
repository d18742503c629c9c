/**
 * Accounts, credentials, DataSets and run histories in document properties, so every editor of a shared
 * spreadsheet can run them. Credentials sit under their own keys and never leave this module except to
 * build a WeChat connection.
 */

import type { KeyValueStore } from '../gas/store';
import { isMessageCode, runText } from '../messages/render';
import { KEY_PREFIX, type MetaName, tokenKey } from './keys';
import {
  asStorageError,
  entryBytes,
  fitHistory,
  historyShare,
  MIN_HISTORY_BYTES,
  parseStored,
  STORE_HEADROOM_BYTES,
  STORE_LIMIT_BYTES,
  StorageFullError,
  type StoreUsage,
  VALUE_BUDGET_BYTES,
} from './storage';
import type {
  Account,
  AccountCredentials,
  AccountUsage,
  AccountView,
  DataSetConfig,
  DataSetState,
  RunRecord,
} from './types';

const {
  account: ACCOUNT,
  credentials: CREDENTIALS,
  dataSet: DATASET,
  history: HISTORY,
  state: STATE,
  job: JOB,
  usage: USAGE,
  lease: LEASE,
  meta: META,
} = KEY_PREFIX;
/** A value deleted in a batch write (flush): read as no value. */
const EMPTY = '';
/** Runs kept per DataSet when there is room; fewer (the newest) when many DataSets share the store. */
export const HISTORY_LIMIT = 20;
const MESSAGE_LIMIT = 400;

/** A run as stored: the English is left out when its code and params can write it again (most of a record's size). */
type StoredRun = Omit<RunRecord, 'message'> & { message?: string };

function storedRun(record: RunRecord): StoredRun {
  if (isMessageCode(record.code) && record.params !== undefined) {
    const { message: _message, ...rest } = record;
    return rest;
  }
  return { ...record, message: record.message.slice(0, MESSAGE_LIMIT) };
}
/** What an account brings besides its record and credentials: its cached token and its usage. */
const ACCOUNT_EXTRA_BYTES = 400;

export class Repository {
  constructor(private readonly store: KeyValueStore) {}

  private snapshot: Record<string, string> | undefined;
  /** Writes kept for flush() (null: a deletion), while deferWrites() is in force. */
  private pending: Map<string, string | null> | undefined;

  /**
   * Reads the whole store in one service call; later reads in this execution come from that copy, which this
   * repository's own writes keep current. A run loads it once it holds its DataSet's lease.
   */
  load(): void {
    this.snapshot = this.readAll();
  }

  /** The whole store as it is, with the writes this repository keeps for flush() on top. */
  private readAll(): Record<string, string> {
    const entries = this.store.all();
    for (const [key, text] of this.pending ?? []) {
      if (text === null) delete entries[key];
      else entries[key] = text;
    }
    return entries;
  }

  /** Every value under `prefix`, from the copy (read now if there is none). */
  private all<T>(prefix: string): T[] {
    this.snapshot ??= this.readAll();
    return Object.entries(this.snapshot)
      .filter(([key]) => key.startsWith(prefix))
      .map(([, value]) => parseStored<T>(value))
      .filter((value): value is T => value !== undefined);
  }

  private read<T>(key: string): T | undefined {
    const kept = this.pending?.get(key);
    if (kept !== undefined) return parseStored<T>(kept);
    return parseStored<T>(this.snapshot ? (this.snapshot[key] ?? null) : this.store.get(key));
  }

  private write(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    if (this.pending) this.pending.set(key, text);
    else {
      try {
        this.store.set(key, text);
      } catch (error) {
        throw asStorageError(error);
      }
    }
    if (this.snapshot) this.snapshot[key] = text;
  }

  /**
   * From now until flush(), writes and deletions are kept here (this repository's reads see them) and sent
   * together: a run's writes of a group of DataSets cost one setProperties instead of one call each.
   */
  deferWrites(): void {
    this.pending ??= new Map();
  }

  /**
   * Sends the kept writes and deletions in one setProperties, and ends deferWrites(). Apps Script has no batch
   * delete: a kept deletion goes out as an empty value, which every read takes for no value (a finished run's
   * record: its key is written again by the DataSet's next run, and goes with the DataSet). When the store refuses
   * the batch (full), each value is tried on its own, so what fits is kept, and the StorageFullError is thrown after.
   */
  flush(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending || pending.size === 0) return;
    const values: Record<string, string> = {};
    for (const [key, text] of pending) values[key] = text ?? EMPTY;
    try {
      this.store.setAll(values);
      return;
    } catch {
      // One by one below: the ones that fit are kept.
    }
    let refused: unknown;
    for (const [key, text] of Object.entries(values)) {
      try {
        this.store.set(key, text);
      } catch (error) {
        refused ??= error;
      }
    }
    if (refused !== undefined) throw asStorageError(refused);
  }

  /** The whole store, read afresh, and what it uses. */
  private measure(): StoreUsage & { entries: Record<string, string> } {
    const entries = this.readAll();
    this.snapshot = { ...entries };
    return usageOf(entries);
  }

  /** Every run history over `share` bytes keeps its newest runs that fit. */
  private compactHistories(entries: Record<string, string>, share: number, except?: string): void {
    for (const [key, value] of Object.entries(entries)) {
      if (!key.startsWith(HISTORY) || key === except || entryBytes(key, value) <= share) continue;
      const history = parseStored<RunRecord[]>(value);
      if (history) this.write(key, fitHistory(key, history, share));
    }
  }

  /**
   * Makes room for `extraBytes` more (and `newDataSets` more DataSets) by trimming run histories to the share each
   * DataSet then has; refuses, before anything is written, when that share would be less than a few runs.
   */
  private makeRoom(extraBytes: number, newDataSets: number, what: 'DataSet' | 'account'): void {
    const usage = this.measure();
    const after = { ...usage, total: usage.total + extraBytes, dataSets: usage.dataSets + newDataSets };
    const share = historyShare(after);
    if (share < MIN_HISTORY_BYTES) {
      const used = Math.round(usage.total / 1024);
      throw new StorageFullError({ what, dataSets: usage.dataSets, usedKb: used });
    }
    this.compactHistories(usage.entries, share);
  }

  private remove(key: string): void {
    if (this.pending) this.pending.set(key, null);
    else this.store.delete(key);
    if (this.snapshot) delete this.snapshot[key];
  }

  /** Whether any key starts with `prefix`, from the copy (read now if there is none): free after a run's load. */
  hasKeyUnder(prefix: string): boolean {
    this.snapshot ??= this.store.all();
    return Object.entries(this.snapshot).some(([key, value]) => value !== EMPTY && key.startsWith(prefix));
  }

  /** Forget the cached copy (another execution may have written since). */
  refresh(): void {
    this.snapshot = undefined;
  }

  listAccounts(): Account[] {
    return this.all<Account>(ACCOUNT).sort((a, b) => a.name.localeCompare(b.name));
  }

  getAccount(id: string): Account | undefined {
    return this.read<Account>(ACCOUNT + id);
  }

  getCredentials(id: string): AccountCredentials {
    return this.read<AccountCredentials>(CREDENTIALS + id) ?? {};
  }

  viewAccount(account: Account): AccountView {
    const credentials = this.getCredentials(account.id);
    return { ...account, secretSet: Boolean(credentials.secret), relayKeySet: Boolean(credentials.relayKey) };
  }

  /** Saves the account; credentials given replace the saved ones, absent ones are kept. */
  saveAccount(account: Account, credentials: AccountCredentials): void {
    const merged = { ...this.getCredentials(account.id), ...credentials };
    if (account.connection === 'direct') delete merged.relayKey;
    else delete merged.secret;
    if (!this.getAccount(account.id)) {
      const bytes = entryBytes(ACCOUNT + account.id, JSON.stringify(account)) + ACCOUNT_EXTRA_BYTES;
      this.makeRoom(bytes + entryBytes(CREDENTIALS + account.id, JSON.stringify(merged)), 0, 'account');
    }
    this.write(CREDENTIALS + account.id, merged);
    this.write(ACCOUNT + account.id, account);
  }

  deleteAccount(id: string): void {
    this.remove(ACCOUNT + id);
    this.remove(CREDENTIALS + id);
    this.remove(tokenKey(id));
    this.remove(USAGE + id);
  }

  listDataSets(): DataSetConfig[] {
    return this.all<DataSetConfig>(DATASET).sort((a, b) => a.name.localeCompare(b.name));
  }

  getDataSet(id: string): DataSetConfig | undefined {
    return this.read<DataSetConfig>(DATASET + id);
  }

  /** Throws StorageFullError, before writing, when a new or longer DataSet would not leave its history room. */
  saveDataSet(dataSet: DataSetConfig): void {
    const key = DATASET + dataSet.id;
    const previous = this.store.get(key);
    const growth = entryBytes(key, JSON.stringify(dataSet)) - (previous === null ? 0 : entryBytes(key, previous));
    if (previous === null || growth > 0) this.makeRoom(Math.max(0, growth), previous === null ? 1 : 0, 'DataSet');
    this.write(key, dataSet);
  }

  deleteDataSet(id: string): void {
    for (const prefix of [DATASET, HISTORY, STATE, JOB, LEASE]) this.remove(prefix + id);
  }

  /** Newest first, each with its English message (rebuilt from its code and params where it was not stored). */
  history(id: string): RunRecord[] {
    return this.storedHistory(id).map((run) =>
      run.message === undefined ? ({ ...run, message: runText(run, 'en') } as RunRecord) : (run as RunRecord),
    );
  }

  private storedHistory(id: string): StoredRun[] {
    return this.read<StoredRun[]>(HISTORY + id) ?? [];
  }

  /**
   * Newest first, at most HISTORY_LIMIT entries, messages shortened: as many of the newest runs as fit this
   * DataSet's share of the store (under 9 KB a value, 500 KB a store), always the newest one.
   */
  addRun(id: string, record: RunRecord): void {
    const key = HISTORY + id;
    const compact = storedRun(record);
    // The copy a run loaded is measure enough for this one history (the headroom covers what other executions
    // wrote since); rewriting other DataSets' histories needs them as they are now.
    let usage = this.snapshot ? usageOf(this.snapshot) : this.measure();
    const crowded = () => usage.total > STORE_LIMIT_BYTES - STORE_HEADROOM_BYTES / 2;
    if (crowded()) usage = this.measure();
    const share = historyShare(usage);
    this.write(key, fitHistory(key, [compact, ...this.storedHistory(id)].slice(0, HISTORY_LIMIT), share));
    // Other histories grew when there was more room (fewer DataSets, fewer unfinished runs): bring them to theirs.
    if (crowded()) this.compactHistories(usage.entries, share, key);
  }

  state(id: string): DataSetState {
    return this.read<DataSetState>(STATE + id) ?? { consecutiveFailures: 0 };
  }

  saveState(id: string, state: DataSetState): void {
    this.write(STATE + id, state);
  }

  /** The unfinished run of a DataSet (its cursor), if any. */
  job<T>(id: string): T | undefined {
    return this.read<T>(JOB + id);
  }

  saveJob(id: string, job: unknown): void {
    this.write(JOB + id, job);
  }

  deleteJob(id: string): void {
    this.remove(JOB + id);
  }

  usage(accountId: string): AccountUsage | undefined {
    return this.read<AccountUsage>(USAGE + accountId);
  }

  /** The usage as stored now, not as this execution loaded it: other executions count calls of the same account. */
  latestUsage(accountId: string): AccountUsage | undefined {
    return parseStored<AccountUsage>(this.store.get(USAGE + accountId));
  }

  saveUsage(accountId: string, usage: AccountUsage): void {
    this.write(USAGE + accountId, usage);
  }

  /** The lease as stored now (read afresh: another execution may have taken it since this one loaded). */
  lease(id: string): { owner: string; untilMs: number } | undefined {
    return parseStored<{ owner: string; untilMs: number }>(this.store.get(LEASE + id));
  }

  /** The lease as this execution loaded it: for a check under the lock right after load(). */
  loadedLease(id: string): { owner: string; untilMs: number } | undefined {
    return this.read<{ owner: string; untilMs: number }>(LEASE + id);
  }

  saveLease(id: string, lease: { owner: string; untilMs: number }): void {
    this.write(LEASE + id, lease);
  }

  deleteLease(id: string): void {
    this.remove(LEASE + id);
  }

  /** A value outside the DataSet and account records (schedule owner, last tick). */
  meta<T>(name: MetaName): T | undefined {
    return parseStored<T>(this.store.get(META + name));
  }

  /** A meta value as this execution loaded it (the tick's one read of the store). */
  loadedMeta<T>(name: MetaName): T | undefined {
    return this.read<T>(META + name);
  }

  /** Meta values are reports (the last tick): one too large for a property keeps the first part of its lists. */
  saveMeta(name: MetaName, value: unknown): void {
    this.write(META + name, fitMeta(META + name, value));
  }
}

function fitMeta(key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  let fitted = value as Record<string, unknown>;
  while (entryBytes(key, JSON.stringify(fitted)) > VALUE_BUDGET_BYTES) {
    const found = Object.entries(fitted).find(([, item]) => Array.isArray(item) && item.length > 0);
    if (!found) break;
    const [field, list] = found as [string, unknown[]];
    fitted = { ...fitted, [field]: list.slice(0, Math.floor(list.length / 2)) };
  }
  return fitted;
}

function usageOf(entries: Record<string, string>): StoreUsage & { entries: Record<string, string> } {
  const usage = { entries, total: 0, history: 0, dataSets: 0, jobs: 0 };
  for (const [key, value] of Object.entries(entries)) {
    const bytes = entryBytes(key, value);
    usage.total += bytes;
    if (key.startsWith(HISTORY)) usage.history += bytes;
    else if (key.startsWith(DATASET)) usage.dataSets++;
    else if (key.startsWith(JOB) && value !== EMPTY) usage.jobs++;
  }
  return usage;
}
