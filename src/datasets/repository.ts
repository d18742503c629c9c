/**
 * Accounts, credentials, DataSets and run histories in document properties, so every editor of a shared
 * spreadsheet can run them. Credentials sit under their own keys and never leave this module except to
 * build a WeChat connection.
 */
import type { KeyValueStore } from '../gas/store';
import type {
  Account,
  AccountCredentials,
  AccountUsage,
  AccountView,
  DataSetConfig,
  DataSetState,
  RunRecord,
} from './types';

const ACCOUNT = 'acct.';
const CREDENTIALS = 'cred.';
const DATASET = 'ds.';
const HISTORY = 'hist.';
const STATE = 'state.';
const JOB = 'job.';
const USAGE = 'usage.';
const LEASE = 'lease.';
export const HISTORY_LIMIT = 20;
const MESSAGE_LIMIT = 400;

function parse<T>(raw: string | null): T | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

export class Repository {
  constructor(private readonly store: KeyValueStore) {}

  private snapshot: Record<string, string> | undefined;

  /** Reads the whole store once; later reads in this execution come from that copy until a write. */
  private all<T>(prefix: string): T[] {
    this.snapshot ??= this.store.all();
    return Object.entries(this.snapshot)
      .filter(([key]) => key.startsWith(prefix))
      .map(([, value]) => parse<T>(value))
      .filter((value): value is T => value !== undefined);
  }

  private read<T>(key: string): T | undefined {
    return parse<T>(this.snapshot ? (this.snapshot[key] ?? null) : this.store.get(key));
  }

  private write(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    this.store.set(key, text);
    if (this.snapshot) this.snapshot[key] = text;
  }

  private remove(key: string): void {
    this.store.delete(key);
    if (this.snapshot) delete this.snapshot[key];
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
    this.write(CREDENTIALS + account.id, merged);
    this.write(ACCOUNT + account.id, account);
  }

  deleteAccount(id: string): void {
    this.remove(ACCOUNT + id);
    this.remove(CREDENTIALS + id);
    this.remove(`token.${id}`);
    this.remove(USAGE + id);
  }

  listDataSets(): DataSetConfig[] {
    return this.all<DataSetConfig>(DATASET).sort((a, b) => a.name.localeCompare(b.name));
  }

  getDataSet(id: string): DataSetConfig | undefined {
    return this.read<DataSetConfig>(DATASET + id);
  }

  saveDataSet(dataSet: DataSetConfig): void {
    this.write(DATASET + dataSet.id, dataSet);
  }

  deleteDataSet(id: string): void {
    for (const prefix of [DATASET, HISTORY, STATE, JOB, LEASE]) this.remove(prefix + id);
  }

  history(id: string): RunRecord[] {
    return this.read<RunRecord[]>(HISTORY + id) ?? [];
  }

  /** Newest first, at most HISTORY_LIMIT entries, messages shortened to stay inside the property size limit. */
  addRun(id: string, record: RunRecord): void {
    const compact = { ...record, message: record.message.slice(0, MESSAGE_LIMIT) };
    const history = [compact, ...this.history(id)].slice(0, HISTORY_LIMIT);
    this.write(HISTORY + id, history);
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

  saveUsage(accountId: string, usage: AccountUsage): void {
    this.write(USAGE + accountId, usage);
  }

  lease(id: string): { owner: string; untilMs: number } | undefined {
    return parse<{ owner: string; untilMs: number }>(this.store.get(LEASE + id));
  }

  saveLease(id: string, lease: { owner: string; untilMs: number }): void {
    this.write(LEASE + id, lease);
  }

  deleteLease(id: string): void {
    this.remove(LEASE + id);
  }

  /** A value outside the DataSet and account records (schedule owner, last tick). */
  meta<T>(key: string): T | undefined {
    return parse<T>(this.store.get(`meta.${key}`));
  }

  saveMeta(key: string, value: unknown): void {
    this.write(`meta.${key}`, value);
  }
}
