/**
 * Where and how an account reaches WeChat: hosts by Account Type with an access token, or the organisation's relay
 * (the gateway that holds the token: the add-on sends its key and the App ID, never a token).
 */
import type { Account, AccountCredentials } from '../datasets/types';
import type { HttpRequest } from '../gas/http';

export interface WeChatConnection {
  accountId: string;
  appId: string;
  kind: 'direct' | 'relay';
  /** Base URLs in failover order, without a trailing slash. */
  baseUrls: readonly string[];
  secret?: string;
  relayKey?: string;
}

export const CHINA_HOSTS = ['https://api.weixin.qq.com', 'https://api2.weixin.qq.com'] as const;
export const INTERNATIONAL_HOSTS = ['https://api.wechat.com'] as const;

export function connectionFor(account: Account, credentials: AccountCredentials): WeChatConnection {
  if (account.connection === 'relay') {
    return {
      accountId: account.id,
      appId: account.appId,
      kind: 'relay',
      baseUrls: [(account.relayUrl ?? '').replace(/\/+$/, '')],
      relayKey: credentials.relayKey,
    };
  }
  return {
    accountId: account.id,
    appId: account.appId,
    kind: 'direct',
    baseUrls: account.type === 'international' ? INTERNATIONAL_HOSTS : CHINA_HOSTS,
    secret: credentials.secret,
  };
}

export function hostOf(baseUrl: string): string {
  return baseUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

/** What a relay needs on every request: the key that is charged for it and the account it is for. */
export function relayHeaders(relayKey: string | undefined, appId?: string): Record<string, string> {
  const headers: Record<string, string> = { Authorization: `Bearer ${relayKey ?? ''}` };
  if (appId !== undefined) headers['X-WeChat-AppId'] = appId;
  return headers;
}

/**
 * One WeChat API call (`path` such as `/datacube/getusersummary` or `/cgi-bin/openapi/quota/get`) against one of
 * the connection's base URLs. Direct: the access token in the query, as WeChat expects. Relay: the relay key and
 * the App ID in headers; the relay attaches the token it holds (`accessToken` is ignored).
 */
export function wechatRequest(
  connection: WeChatConnection,
  baseUrl: string,
  path: string,
  json: unknown,
  accessToken: string,
): HttpRequest {
  if (connection.kind === 'relay') {
    return {
      url: `${baseUrl}${path}`,
      method: 'post',
      headers: relayHeaders(connection.relayKey, connection.appId),
      json,
    };
  }
  return { url: `${baseUrl}${path}?access_token=${encodeURIComponent(accessToken)}`, method: 'post', json };
}
