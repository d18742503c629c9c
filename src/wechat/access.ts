/**
 * What a call carries to prove it may read the account: an access token for a Direct connection, nothing for a
 * Relay connection (the relay holds the token and refreshes it; the add-on never sees one).
 */
import { relayUrlAllowed } from './allowlist';
import type { WeChatConnection } from './connection';
import { relayNotAllowedError, WeChatError } from './errors';
import { type TokenDeps, TokenProvider } from './token';

export interface CallAccess {
  /** The access token a Direct call carries; '' for a relay. */
  get(): string;
  /** After WeChat rejected `rejected` (40001/40014/42001): true when a fresh token is worth a retry. */
  refreshAfterRejection(rejected: string): boolean;
  /** Token endpoint calls made (retries included). */
  readonly tokenCalls: number;
}

/** A relay connection: no token on our side, so no refresh either (the relay refreshes and retries once itself). */
const RELAY_ACCESS: CallAccess = { get: () => '', refreshAfterRejection: () => false, tokenCalls: 0 };

export interface AccessDeps extends TokenDeps {
  /** The relay URL prefixes this deployment may fetch (its manifest's allowlist); absent: not checked. */
  relayPrefixes?: readonly string[];
}

/** The access for a connection; throws relay_not_allowed for a relay this deployment may not call. */
export function accessFor(connection: WeChatConnection, deps: AccessDeps): CallAccess {
  if (connection.kind === 'direct') return new TokenProvider(connection, deps);
  const relayUrl = connection.baseUrls[0] ?? '';
  if (deps.relayPrefixes && !relayUrlAllowed(relayUrl, deps.relayPrefixes)) {
    throw new WeChatError(relayNotAllowedError(relayUrl));
  }
  return RELAY_ACCESS;
}
