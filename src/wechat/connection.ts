/** Where and how an account reaches WeChat: hosts by Account Type, or the owner's relay. */
import type { Account, AccountCredentials } from '../datasets/types';

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
