import { problem } from '../datasets/problems';
import type { Repository } from '../datasets/repository';
import { StorageFullError } from '../datasets/storage';
import type { Account, AccountCredentials, AccountView } from '../datasets/types';
import { validateAccountInput } from '../datasets/validate-account';
import { memoryStore } from '../gas/store';
import { say } from '../messages/en';
import { connectionFor } from '../wechat/connection';
import { saidOfError } from '../wechat/errors';
import { TokenProvider } from '../wechat/token';
import { invalidId } from './arguments';
import { appsScriptDeps, newId } from './context';
import { savedRelayKey, testRelayConnection } from './relay';
import type { DeleteResult, InvalidArgument, SaveAccountResult, TestConnectionResult } from './types';

export function listAccounts(): AccountView[] {
  return accountViews(appsScriptDeps().repo);
}

/** The accounts as the sidebar may see them (no secret, no key). */
export function accountViews(repo: Repository): AccountView[] {
  return repo.listAccounts().map((account) => repo.viewAccount(account));
}

function idOf(input: unknown): string | undefined {
  const id = (input as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** What of a saved account's credentials a form may keep: its relay key only for the relay URL it was saved with. */
function keptCredentials(saved: Account, credentials: AccountCredentials, input: unknown): AccountCredentials {
  const relayUrl = (input as { relayUrl?: unknown } | null)?.relayUrl;
  const relayKey = savedRelayKey(saved, credentials, typeof relayUrl === 'string' ? relayUrl : '');
  return { ...(credentials.secret ? { secret: credentials.secret } : {}), ...(relayKey ? { relayKey } : {}) };
}

export function saveAccount(input: unknown): SaveAccountResult {
  const { repo, clock, relayPrefixes } = appsScriptDeps();
  const id = idOf(input);
  const previous = id ? repo.getAccount(id) : undefined;
  if (id && !previous)
    return {
      ok: false,
      problems: [problem('account', 'unknown_account', { of: 'account' })],
    };
  const validated = validateAccountInput(
    input,
    previous ? { credentials: keptCredentials(previous, repo.getCredentials(previous.id), input) } : undefined,
    { relayPrefixes: relayPrefixes ?? [] },
  );
  if (!validated.ok) return validated;
  const duplicate = repo
    .listAccounts()
    .find((other) => other.id !== id && other.name.toLowerCase() === validated.value.fields.name.toLowerCase());
  if (duplicate) {
    return {
      ok: false,
      problems: [problem('name', 'duplicate_name', { name: duplicate.name, kind: 'account' })],
    };
  }
  const now = new Date(clock.now()).toISOString();
  const account: Account = {
    id: previous?.id ?? newId('a_'),
    ...validated.value.fields,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  if (account.connection !== 'relay') delete account.relayUrl;
  if (account.dailyCallBudget === undefined) delete account.dailyCallBudget;
  try {
    repo.saveAccount(account, validated.value.credentials);
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    return { ok: false, problems: [{ field: 'account', ...error.said }] };
  }
  return { ok: true, account: repo.viewAccount(account) };
}

export function deleteAccount(id: string): DeleteResult | InvalidArgument {
  const invalid = invalidId(id, 'account');
  if (invalid) return invalid;
  const { repo } = appsScriptDeps();
  const users = repo.listDataSets().filter((dataSet) => dataSet.accountId === id);
  if (users.length > 0) {
    const names = users.map((dataSet) => dataSet.name);
    return { ok: false, problems: [problem('account', 'in_use', { names })] };
  }
  repo.deleteAccount(id);
  return { ok: true };
}

/**
 * Tries the form's values (blank secret/key: the saved ones) and says plainly whether it worked. Direct: fetches a
 * token, into a throwaway cache so a test never replaces the token a saved account is using. Relay: asks the
 * relay (testRelayConnection).
 */
export function testConnection(input: unknown): TestConnectionResult {
  const deps = appsScriptDeps();
  const id = idOf(input);
  const saved = id ? deps.repo.getAccount(id) : undefined;
  const savedCredentials: AccountCredentials = saved
    ? keptCredentials(saved, deps.repo.getCredentials(saved.id), input)
    : {};
  const validated = validateAccountInput(input, saved ? { credentials: savedCredentials } : undefined, {
    relayPrefixes: deps.relayPrefixes ?? [],
  });
  if (!validated.ok)
    return { ok: false, ...say('invalid_input', { count: validated.problems.length }), problems: validated.problems };
  const credentials = { ...savedCredentials, ...validated.value.credentials };
  const account: Account = { id: id ?? 'connection-test', ...validated.value.fields, createdAt: '', updatedAt: '' };
  if (account.connection === 'relay') return testRelayConnection(account, credentials, deps);
  const token = new TokenProvider(connectionFor(account, credentials), { ...deps, store: memoryStore() });
  try {
    token.get();
    return { ok: true, ...say('connected_direct', { appId: account.appId }) };
  } catch (error) {
    return { ok: false, ...saidOfError(error, [credentials.secret, credentials.relayKey]) };
  }
}
