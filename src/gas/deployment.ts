/**
 * What the build wrote into this deployment (scripts/manifest.mjs prepends it to dist/Code.js from
 * addon.config.json): the relay URL prefixes its manifest allows UrlFetchApp to call.
 */
declare const WECHAT_ANALYTICS_DEPLOYMENT: { relayUrls?: unknown } | undefined;

export function deployedRelayPrefixes(): string[] {
  if (typeof WECHAT_ANALYTICS_DEPLOYMENT === 'undefined' || WECHAT_ANALYTICS_DEPLOYMENT === null) return [];
  const urls = WECHAT_ANALYTICS_DEPLOYMENT.relayUrls;
  return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string') : [];
}
