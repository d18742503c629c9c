/**
 * The Credentials form: its values, what saveAccount / testConnection receive, and the checks made before
 * asking the server (the server's own validator, so the messages are the same). Secrets only ever flow out.
 */
import { cleanAppId } from '../src/datasets/app-id';
import type { AccountType, ConnectionKind } from '../src/datasets/types';
import { validateAccountInput } from '../src/datasets/validate-account';
import type { AccountInput, AccountView, Problem, RelayAccount, Said } from '../src/ui/contract';

/** What GET /accounts said for the form's relay URL and key. */
export type RelayList =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'done'; accounts: RelayAccount[] }
  | { phase: 'failed'; said: Said; problems?: Problem[] };

export interface AccountForm {
  /** Set when editing a saved account. */
  id?: string;
  name: string;
  appId: string;
  type: AccountType;
  connection: ConnectionKind;
  /** Typed by the user; cleared once saved. Blank when editing keeps the saved secret. */
  secret: string;
  relayUrl: string;
  relayKey: string;
  /** WeChat calls per Beijing day for all the account's DataSets, as typed; blank: no limit. */
  dailyCallBudget: string;
  /** What the server says is saved (never the values). */
  secretSet: boolean;
  relayKeySet: boolean;
  /** Relay: the accounts the key may use, to pick the App ID (and its name and type) from. */
  relayList: RelayList;
}

/** The relay URL to prefill: the deployment's only relay prefix, when it names one relay (no wildcard). */
export function defaultRelayUrl(relayUrls: readonly string[]): string {
  const [only] = relayUrls;
  return relayUrls.length === 1 && only !== undefined && !only.includes('*') ? only.replace(/\/+$/, '') : '';
}

/** A new account: through the relay when the deployment has one (Direct works only without an IP whitelist). */
export function blankAccountForm(relayUrls: readonly string[] = []): AccountForm {
  return {
    name: '',
    appId: '',
    type: 'china',
    connection: relayUrls.length > 0 ? 'relay' : 'direct',
    secret: '',
    relayUrl: defaultRelayUrl(relayUrls),
    relayKey: '',
    dailyCallBudget: '',
    secretSet: false,
    relayKeySet: false,
    relayList: { phase: 'idle' },
  };
}

export function accountFormOf(account: AccountView): AccountForm {
  return {
    id: account.id,
    name: account.name,
    appId: account.appId,
    type: account.type,
    connection: account.connection,
    secret: '',
    relayUrl: account.relayUrl ?? '',
    relayKey: '',
    dailyCallBudget: account.dailyCallBudget === undefined ? '' : String(account.dailyCallBudget),
    secretSet: account.secretSet,
    relayKeySet: account.relayKeySet,
    relayList: { phase: 'idle' },
  };
}

/** Takes the App ID, type and (unless the user named it) the name of the account picked from the relay's list. */
export function pickRelayAccount(form: AccountForm, picked: RelayAccount, previous?: RelayAccount): void {
  if (form.name.trim() === '' || form.name === previous?.name) form.name = picked.name;
  form.appId = picked.appId;
  form.type = picked.type;
}

/** The input for saveAccount and testConnection: blank secrets are left out (the saved ones stay). */
export function accountInputOf(form: AccountForm): AccountInput {
  const input: AccountInput = {
    name: form.name.trim(),
    appId: cleanAppId(form.appId),
    type: form.type,
    connection: form.connection,
    dailyCallBudget: form.dailyCallBudget.trim(),
  };
  if (form.id) input.id = form.id;
  if (form.connection === 'direct' && form.secret.trim() !== '') input.secret = form.secret.trim();
  if (form.connection === 'relay') {
    input.relayUrl = form.relayUrl.trim();
    if (form.relayKey.trim() !== '') input.relayKey = form.relayKey.trim();
  }
  return input;
}

/** Problems the server would report for this input (relayUrls: the deployment's allowlist), without a round trip. */
export function checkAccountForm(form: AccountForm, relayUrls?: readonly string[]): Problem[] {
  // Only whether a secret is saved matters to the validator, never its value.
  const saved = form.id
    ? {
        credentials: { secret: form.secretSet ? 'saved' : undefined, relayKey: form.relayKeySet ? 'saved' : undefined },
      }
    : undefined;
  const validated = validateAccountInput(accountInputOf(form), saved, relayUrls ? { relayPrefixes: relayUrls } : {});
  return validated.ok ? [] : validated.problems;
}

/** Forgets every secret typed into the form (after it was saved, or when leaving it). */
export function withoutSecrets(form: AccountForm): AccountForm {
  return { ...form, secret: '', relayKey: '' };
}
