/**
 * Apps Script's URL allowlist (`urlFetchWhitelist` in the manifest), as the add-on checks a relay URL against the
 * prefixes it was deployed with. Matching follows https://developers.google.com/apps-script/manifest/allowlist-url:
 * the host must match (a leading `*.` matches one or more subdomains, never the bare domain), the path match is
 * case-sensitive, and a URL matches when it equals the prefix or is one of its children. Apps Script V8 has no
 * URL class, so URLs are read by pattern.
 */

interface ParsedUrl {
  host: string;
  path: string;
  /** What follows the path: '' or a query/fragment starting with '?' or '#'. */
  rest: string;
}

const HTTPS_URL = /^https:\/\/([^/?#@\s]+)([^?#\s]*)(.*)$/i;

function parse(url: string): ParsedUrl | undefined {
  const match = HTTPS_URL.exec(url.trim());
  if (!match) return undefined;
  const host = (match[1] ?? '').toLowerCase().replace(/:443$/, '');
  return { host, path: match[2] ?? '', rest: match[3] ?? '' };
}

function hostMatches(prefixHost: string, host: string): boolean {
  if (!prefixHost.startsWith('*.')) return prefixHost === host;
  const domain = prefixHost.slice(1);
  return host.endsWith(domain) && host.length > domain.length;
}

function pathMatches(prefixPath: string, path: string): boolean {
  if (path === prefixPath) return true;
  if (!path.startsWith(prefixPath)) return false;
  return prefixPath.endsWith('/') || path.charAt(prefixPath.length) === '/';
}

/** True when Apps Script would let UrlFetchApp fetch `url` under these prefixes. */
export function urlAllowed(url: string, prefixes: readonly string[]): boolean {
  const target = parse(url);
  if (!target) return false;
  return prefixes.some((prefix) => {
    const allowed = parse(prefix);
    return allowed !== undefined && hostMatches(allowed.host, target.host) && pathMatches(allowed.path, target.path);
  });
}

/** A relay is usable when every URL the add-on calls on it (`{base}/…`) is allowed. */
export function relayUrlAllowed(relayUrl: string, prefixes: readonly string[]): boolean {
  return urlAllowed(`${relayUrl.replace(/\/+$/, '')}/`, prefixes);
}
