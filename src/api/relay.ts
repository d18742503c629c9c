/**
 * The relay side of the Credentials form: which accounts a relay key may use (GET /accounts), and a connection
 * test through the relay. A saved relay key is used server-side only, and only with the relay URL it was saved
 * for: a key never travels to a URL the user typed after saving it.
 */
import { type Problem, problem } from '../datasets/problems';
import type { Account, AccountCredentials } from '../datasets/types';
import { validateRelayUrl } from '../datasets/validate-account';
import { addDays, beijingYesterday } from '../dates';
import { say } from '../messages/en';
import { relayUrlAllowed } from '../wechat/allowlist';
import { connectionFor, wechatRequest } from '../wechat/connection';
import { saidOfError, WeChatError } from '../wechat/errors';
import { fetchRelayAccounts } from '../wechat/relay-accounts';
import { WeChatTransport } from '../wechat/transport';
import { appsScriptDeps } from './context';
import type { ListRelayAccountsResult, TestConnectionResult } from './types';

function normalized(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** The saved relay key of an account, when the URL asked for is the one it was saved with. */
export function savedRelayKey(
  saved: Account | undefined,
  credentials: AccountCredentials,
  relayUrl: string,
): string | undefined {
  if (saved?.connection !== 'relay' || saved.relayUrl === undefined) return undefined;
  return normalized(saved.relayUrl) === normalized(relayUrl) ? credentials.relayKey : undefined;
}

function refused(problems: Problem[]): ListRelayAccountsResult {
  return { ok: false, ...say('invalid_input', { count: problems.length }), problems };
}

/** `{ relayUrl, relayKey?, accountId? }` → the accounts the key may use (blank key: the saved account's key). */
export function listRelayAccounts(input: unknown): ListRelayAccountsResult {
  const deps = appsScriptDeps();
  const fields = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const relayUrl = typeof fields.relayUrl === 'string' ? normalized(fields.relayUrl) : '';
  const typedKey = typeof fields.relayKey === 'string' ? fields.relayKey.trim() : '';
  const accountId = typeof fields.accountId === 'string' ? fields.accountId : '';
  if (relayUrl === '') return refused([problem('relayUrl', 'required', {})]);
  const urlProblem = validateRelayUrl(relayUrl);
  if (urlProblem) return refused([problem('relayUrl', 'relay_url_format', { reason: urlProblem })]);
  if (!relayUrlAllowed(relayUrl, deps.relayPrefixes ?? [])) {
    return refused([problem('relayUrl', 'relay_not_allowed', { relayUrl })]);
  }
  const saved = accountId ? deps.repo.getAccount(accountId) : undefined;
  const relayKey =
    typedKey || (saved ? savedRelayKey(saved, deps.repo.getCredentials(saved.id), relayUrl) : undefined) || '';
  if (relayKey === '') {
    return refused([problem('relayKey', 'required', { what: 'relay_key' })]);
  }
  try {
    return { ok: true, accounts: fetchRelayAccounts(deps.http, deps.clock, relayUrl, relayKey, deps.transport) };
  } catch (error) {
    return { ok: false, ...saidOfError(error, [relayKey]) };
  }
}

/**
 * A relay account's connection test: the key may use the App ID (GET /accounts), and one small datacube call
 * through the relay comes back from WeChat (so the relay's IP is whitelisted and the account may read data).
 */
export function testRelayConnection(
  account: Account,
  credentials: AccountCredentials,
  deps: ReturnType<typeof appsScriptDeps>,
): TestConnectionResult {
  const relayUrl = account.relayUrl ?? '';
  const relayKey = credentials.relayKey ?? '';
  try {
    const served = fetchRelayAccounts(deps.http, deps.clock, relayUrl, relayKey, deps.transport);
    const listed = served.find((candidate) => candidate.appId === account.appId);
    if (!listed) {
      const names = served.map((candidate) => `${candidate.name} (${candidate.appId})`);
      return { ok: false, ...say('relay_account_not_served', { appId: account.appId, served: names }) };
    }
    const connection = connectionFor(account, credentials);
    const day = addDays(beijingYesterday(deps.clock.now()), -1);
    const transport = new WeChatTransport(connection, deps.http, deps.clock, deps.transport);
    const [result] = transport.sendAll([
      (base) => wechatRequest(connection, base, '/datacube/getusersummary', { begin_date: day, end_date: day }, ''),
    ]);
    // Not computed yet (61503) is still WeChat answering with the relay's token.
    if (result && !result.ok && result.error.kind !== 'not_ready') throw new WeChatError(result.error);
    return { ok: true, ...say('connected_relay', { appId: account.appId, name: listed.name }) };
  } catch (error) {
    return { ok: false, ...saidOfError(error, [relayKey]) };
  }
}
