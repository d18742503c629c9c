/**
 * The manifest's `urlFetchWhitelist`, enforced as Apps Script enforces it
 * (https://developers.google.com/apps-script/manifest/allowlist-url): once the field is present, UrlFetchApp may
 * fetch only URLs that equal a prefix or are its children, the path compared case-sensitively; a single leading
 * `*` matches one or more subdomains (never the bare domain). Saving a manifest with several wildcards, or a
 * wildcard that is not the leading label, is an error.
 */
import { GasError } from '../errors';

/**
 * Apps Script's exception for a URL outside the allowlist, as users report it: "Request to <url> failed because
 * the URL has not been whitelisted in the script manifest." (github.com/grahamearley/FirestoreGoogleAppsScript
 * issue 135; github.com/diegomanuel/binance-to-google-sheets issue 82).
 */
export function notWhitelisted(url: string): GasError {
  return new GasError(`Request to ${url} failed because the URL has not been whitelisted in the script manifest.`);
}

interface Prefix {
  wildcard: boolean;
  host: string;
  path: string;
}

function parsePrefix(prefix: string): Prefix {
  const match = /^https:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(prefix);
  if (!match) return { wildcard: false, host: '', path: '\u0000' };
  const rawHost = (match[1] ?? '').toLowerCase();
  const wildcard = rawHost.startsWith('*.');
  const host = new URL(`https://${wildcard ? rawHost.slice(2) : rawHost}/`).host;
  return { wildcard, host, path: match[2] ?? '' };
}

/** Throws as Apps Script does when saving a manifest whose prefixes break the wildcard rules. */
export function checkWhitelist(prefixes: readonly string[]): void {
  for (const prefix of prefixes) {
    const host = /^[a-z]+:\/\/([^/?#]*)/i.exec(prefix)?.[1] ?? '';
    const stars = (host.match(/\*/g) ?? []).length;
    if (stars > 1 || (stars === 1 && !/^\*\.[^*]+$/.test(host))) {
      throw new Error(
        `Invalid manifest: urlFetchWhitelist prefix ${prefix} (a single wildcard, as the leading label only)`,
      );
    }
  }
}

export function isWhitelisted(url: string, prefixes: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol !== 'https:') return false;
  const path = /^https:\/\/[^/?#]+([^?#]*)/i.exec(url)?.[1] ?? '';
  return prefixes.map(parsePrefix).some((prefix) => {
    const hostMatches = prefix.wildcard ? target.host.endsWith(`.${prefix.host}`) : target.host === prefix.host;
    if (!hostMatches || prefix.path === '') return false;
    if (path === prefix.path) return true;
    return path.startsWith(prefix.path) && (prefix.path.endsWith('/') || path.charAt(prefix.path.length) === '/');
  });
}
