/**
 * The token relay's own refusals, as the add-on reads them: the relay answers in WeChat's shape
 * (`{ errcode, errmsg }`) with codes in a range WeChat does not use, 990001–990999. The relay program keeps its
 * own list (relay/errors.ts, a separate program); these are the ones the add-on tells apart.
 */
export const RELAY_CODES_FROM = 990_000;
export const RELAY_CODES_TO = 990_999;

export const RELAY_CODE = {
  missingKey: 990_001,
  invalidKey: 990_002,
  appIdNotAllowed: 990_003,
  pathNotServed: 990_004,
  methodNotAllowed: 990_005,
  rateLimited: 990_009,
  upstreamTimeout: 990_010,
  upstreamUnreachable: 990_011,
} as const;

export function isRelayCode(errcode: number): boolean {
  return errcode >= RELAY_CODES_FROM && errcode <= RELAY_CODES_TO;
}
