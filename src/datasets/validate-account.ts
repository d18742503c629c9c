/** Validation of the Credentials form: field-named problems, nothing saved when any is found. */

import { relayUrlAllowed } from '../wechat/allowlist';
import { APP_ID_PATTERN, cleanAppId } from './app-id';
import { isPlainObject, oneOf, type Problem, problem, requireText, text, type Validated } from './problems';
import type { Account, AccountCredentials, AccountType, ConnectionKind } from './types';

export interface AccountInput {
  id?: string;
  name: string;
  appId: string;
  type: AccountType;
  connection: ConnectionKind;
  /** Direct: the App Secret; blank when editing keeps the saved one. */
  secret?: string;
  relayUrl?: string;
  /** Relay: the relay key; blank when editing keeps the saved one. */
  relayKey?: string;
  /** WeChat calls per Beijing day across all DataSets of the account; empty = no limit of ours. */
  dailyCallBudget?: number | string | null;
}

export interface ValidAccount {
  fields: Pick<Account, 'name' | 'appId' | 'type' | 'connection' | 'relayUrl' | 'dailyCallBudget'>;
  /** Only the credentials given in this input (blank ones keep the saved value). */
  credentials: AccountCredentials;
}

const APP_SECRET = /^[0-9a-zA-Z]{32}$/;
/** The relay refuses to start with a shorter key (relay/auth.ts). */
const MIN_RELAY_KEY = 32;

/** Apps Script V8 has no URL class: the base URL is checked by pattern. */
const BASE_URL = /^(https?):\/\/([a-zA-Z0-9.-]+|\[::1\])(:\d{1,5})?(\/[^\s?#@]*)?$/;

/** What is wrong with a relay URL, if anything: not a base URL, or not https (outside this machine). */
export function validateRelayUrl(value: string): 'shape' | 'https' | undefined {
  const match = BASE_URL.exec(value);
  if (!match) return 'shape';
  const [, protocol, hostname] = match;
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(hostname ?? '');
  return protocol !== 'https' && !loopback ? 'https' : undefined;
}

function dailyCallBudgetOf(problems: Problem[], value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const budget = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1 || budget > 100_000) {
    problems.push(problem('dailyCallBudget', 'budget_format', { min: 1, max: 100_000 }));
    return undefined;
  }
  return budget;
}

export interface AccountRules {
  /** The relay URL prefixes this deployment's manifest allows; a relay outside them is refused (relay_not_allowed). */
  relayPrefixes?: readonly string[];
}

export function validateAccountInput(
  input: unknown,
  existing?: { credentials: AccountCredentials },
  rules: AccountRules = {},
): Validated<ValidAccount> {
  if (!isPlainObject(input)) return { ok: false, problems: [problem('account', 'invalid', {})] };
  const problems: Problem[] = [];
  const name = requireText(problems, 'name', 'Account name', input.name, 100);
  const typedAppId = requireText(problems, 'appId', 'App ID', input.appId, 64);
  const appId = typedAppId && cleanAppId(typedAppId);
  if (appId && !APP_ID_PATTERN.test(appId)) {
    problems.push(problem('appId', 'app_id_format', {}));
  }
  const type = oneOf(problems, 'type', 'Account Type', input.type, ['china', 'international'] as const);
  const connection = oneOf(problems, 'connection', 'Connection', input.connection, ['direct', 'relay'] as const);
  const credentials: AccountCredentials = {};
  const fields: ValidAccount['fields'] = { name, appId, type, connection };
  const budget = dailyCallBudgetOf(problems, input.dailyCallBudget);
  if (budget !== undefined) fields.dailyCallBudget = budget;

  if (connection === 'direct') {
    const secret = text(input.secret) ?? '';
    if (secret) {
      if (!APP_SECRET.test(secret)) {
        problems.push(problem('secret', 'secret_format', {}));
      }
      credentials.secret = secret;
    } else if (!existing?.credentials.secret) {
      problems.push(problem('secret', 'required', { what: 'secret' }));
    }
  } else {
    const relayUrl = requireText(problems, 'relayUrl', 'Relay URL', input.relayUrl, 500);
    if (relayUrl) {
      const urlProblem = validateRelayUrl(relayUrl);
      fields.relayUrl = relayUrl.replace(/\/+$/, '');
      if (urlProblem) problems.push(problem('relayUrl', 'relay_url_format', { reason: urlProblem }));
      else if (rules.relayPrefixes && !relayUrlAllowed(fields.relayUrl, rules.relayPrefixes)) {
        problems.push(problem('relayUrl', 'relay_not_allowed', { relayUrl: fields.relayUrl }));
      }
    }
    const relayKey = text(input.relayKey) ?? '';
    if (relayKey) {
      if (relayKey.length < MIN_RELAY_KEY || relayKey.length > 256 || /\s/.test(relayKey)) {
        problems.push(problem('relayKey', 'relay_key_format', { min: MIN_RELAY_KEY, max: 256 }));
      }
      credentials.relayKey = relayKey;
    } else if (!existing?.credentials.relayKey) {
      problems.push(problem('relayKey', 'required', { what: 'relay_key' }));
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { fields, credentials } };
}
