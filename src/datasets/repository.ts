/**
 * Accounts, credentials, DataSets and run histories in document properties, so every editor of a shared
 * spreadsheet can run them. Credentials sit under their own keys and never leave this module except to
 * build a WeChat connection.
 */
import type { KeyValueStore } from '../gas/store';
import type { Account, AccountCredentials, AccountView, DataSetConfig, RunRecord } from './types';

const ACCOUNT = 'acct.';
const CREDENTIALS = 'cred.';
const DATASET = 'ds.';
const HISTORY = 'hist.';
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

  private all<T>(prefix: string): T[] {
    return this.store
      .keys()
      .filter((key) => key.startsWith(prefix))
      .map((key) => parse<T>(this.store.get(key)))
      .filter((value): value is T => value !== undefined);
  }

  listAccounts(): Account[] {
    return this.all<Account>(ACCOUNT).sort((a, b) => a.name.localeCompare(b.name));
  }

  getAccount(id: string): Account | undefined {
    return parse<Account>(this.store.get(ACCOUNT + id));
  }

  getCredentials(id: string): AccountCredentials {
    return parse<AccountCredentials>(this.store.get(CREDENTIALS + id)) ?? {};
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
    this.store.set(CREDENTIALS + account.id, JSON.stringify(merged));
    this.store.set(ACCOUNT + account.id, JSON.stringify(account));
  }

  deleteAccount(id: string): void {
    this.store.delete(ACCOUNT + id);
    this.store.delete(CREDENTIALS + id);
    this.store.delete(`token.${id}`);
  }

  listDataSets(): DataSetConfig[] {
    return this.all<DataSetConfig>(DATASET).sort((a, b) => a.name.localeCompare(b.name));
  }

  getDataSet(id: string): DataSetConfig | undefined {
    return parse<DataSetConfig>(this.store.get(DATASET + id));
  }

  saveDataSet(dataSet: DataSetConfig): void {
    this.store.set(DATASET + dataSet.id, JSON.stringify(dataSet));
  }

  deleteDataSet(id: string): void {
    this.store.delete(DATASET + id);
    this.store.delete(HISTORY + id);
  }

  history(id: string): RunRecord[] {
    return parse<RunRecord[]>(this.store.get(HISTORY + id)) ?? [];
  }

  /** Newest first, at most HISTORY_LIMIT entries, messages shortened to stay inside the property size limit. */
  addRun(id: string, record: RunRecord): void {
    const compact = { ...record, message: record.message.slice(0, MESSAGE_LIMIT) };
    const history = [compact, ...this.history(id)].slice(0, HISTORY_LIMIT);
    this.store.set(HISTORY + id, JSON.stringify(history));
  }
}
