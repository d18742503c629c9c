/**
 * The relay's own refusals, in WeChat's shape (`{"errcode","errmsg"}`) so a WeChat client can read them, with
 * codes in a range WeChat does not use (9900xx) and an HTTP status that says what kind of refusal it is.
 */

export const RelayErrorCode = {
  missingKey: 990001,
  invalidKey: 990002,
  appIdNotAllowed: 990003,
  pathNotServed: 990004,
  methodNotAllowed: 990005,
  bodyTooLarge: 990006,
  badRequest: 990007,
  /** No longer sent (the relay hands out no token, so there is nothing to force); the number stays reserved. */
  forceRefreshRefused: 990008,
  rateLimited: 990009,
  upstreamTimeout: 990010,
  upstreamUnreachable: 990011,
  upstreamTooLarge: 990012,
  internal: 990013,
} as const;

export type RelayErrorName = keyof typeof RelayErrorCode;

export interface RelayRefusal {
  status: number;
  errcode: number;
  errmsg: string;
  headers?: Record<string, string>;
}

const STATUS: Record<RelayErrorName, number> = {
  missingKey: 401,
  invalidKey: 401,
  appIdNotAllowed: 403,
  pathNotServed: 404,
  methodNotAllowed: 405,
  bodyTooLarge: 413,
  badRequest: 400,
  forceRefreshRefused: 400,
  rateLimited: 429,
  upstreamTimeout: 504,
  upstreamUnreachable: 502,
  upstreamTooLarge: 502,
  internal: 500,
};

/** `errmsg` always starts with "relay:" so a person reading it knows the relay answered, not WeChat. */
export function refusal(name: RelayErrorName, detail: string, headers?: Record<string, string>): RelayRefusal {
  const result: RelayRefusal = { status: STATUS[name], errcode: RelayErrorCode[name], errmsg: `relay: ${detail}` };
  if (headers) result.headers = headers;
  return result;
}
