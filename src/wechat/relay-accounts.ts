/** `GET {relay}/accounts`: the Official Accounts a relay key may use, as the relay names them. */
import { APP_ID_PATTERN } from '../datasets/app-id';
import type { RelayAccount } from '../datasets/types';
import type { Clock } from '../gas/clock';
import type { HttpClient } from '../gas/http';
import type { JsonValue } from '../reports/types';
import { relayHeaders, type WeChatConnection } from './connection';
import { badResponseError, WeChatError } from './errors';
import { DEFAULT_TRANSPORT_OPTIONS, type TransportOptions, WeChatTransport } from './transport';

const MAX_ACCOUNTS = 200;

/** The relay's answer is data from the network: keep only well-formed entries. */
function accountOf(value: JsonValue): RelayAccount | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { appId, name, type } = value;
  if (typeof appId !== 'string' || !APP_ID_PATTERN.test(appId)) return undefined;
  if (type !== 'china' && type !== 'international') return undefined;
  const label = typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 100) : appId;
  return { appId, name: label, type };
}

export function fetchRelayAccounts(
  http: HttpClient,
  clock: Clock,
  relayUrl: string,
  relayKey: string,
  transport: TransportOptions = DEFAULT_TRANSPORT_OPTIONS,
): RelayAccount[] {
  const connection: WeChatConnection = {
    accountId: 'relay-accounts',
    appId: '',
    kind: 'relay',
    baseUrls: [relayUrl.replace(/\/+$/, '')],
    relayKey,
  };
  const sender = new WeChatTransport(connection, http, clock, transport);
  const [result] = sender.sendAll([
    (base) => ({ url: `${base}/accounts`, method: 'get', headers: relayHeaders(relayKey) }),
  ]);
  if (!result) throw new Error('no answer from the relay');
  if (!result.ok) throw new WeChatError(result.error);
  const list = result.body.accounts;
  if (!Array.isArray(list)) {
    throw new WeChatError(badResponseError(undefined, 'relay_accounts'));
  }
  const accounts = list.slice(0, MAX_ACCOUNTS).flatMap((entry) => accountOf(entry) ?? []);
  return accounts.filter((account, index) => accounts.findIndex((other) => other.appId === account.appId) === index);
}
