// The deploy setting that becomes the manifest's URL allowlist: addon.config.json's relayUrls are checked against
// Apps Script's rules for urlFetchWhitelist prefixes, added to dist/appsscript.json, and written into dist/Code.js
// (so the add-on can refuse a relay its manifest would block, before Apps Script does).
//
// Apps Script's rules (https://developers.google.com/apps-script/manifest/allowlist-url): each prefix must be a
// valid URL, use https://, have a full domain and a non-empty path ("https://www.google.com/" is valid,
// "https://www.google.com" is not); a single wildcard may match subdomains, only as the leading prefix
// ("https://*.example.com/foo"; "https://*.*.example.com/foo" and "https://subdomain.*.example.com/foo" are errors).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CONFIG_FILE = 'addon.config.json';
/** The global the bundle reads (src/gas/deployment.ts). */
export const DEPLOYMENT_GLOBAL = 'WECHAT_ANALYTICS_DEPLOYMENT';

export class AddonConfigError extends Error {
  name = 'AddonConfigError';
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** Why Apps Script would refuse this urlFetchWhitelist prefix (the rule, with the fix), or undefined. */
export function prefixProblem(prefix) {
  if (typeof prefix !== 'string' || prefix.trim() === '')
    return 'a prefix must be a URL such as https://relay.example.com/';
  if (prefix !== prefix.trim() || /\s/.test(prefix)) return 'a prefix has no spaces';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(prefix);
  if (!scheme) return 'a prefix must be a valid URL such as https://relay.example.com/';
  if (scheme[1].toLowerCase() !== 'https')
    return 'Apps Script allows only https:// prefixes (put the relay behind TLS)';
  const afterScheme = prefix.slice(scheme[0].length);
  const slash = afterScheme.search(/[/?#]/);
  const authority = slash === -1 ? afterScheme : afterScheme.slice(0, slash);
  const rest = slash === -1 ? '' : afterScheme.slice(slash);
  if (authority.includes('@')) return 'a prefix has no user name or password';
  const [host, port, ...extra] = authority.split(':');
  if (extra.length > 0 || (port !== undefined && !/^\d{1,5}$/.test(port))) return 'a prefix must be a valid URL';
  const wildcards = (host.match(/\*/g) ?? []).length;
  if (wildcards > 1) return 'a prefix may hold a single wildcard only';
  if (wildcards === 1 && !/^\*\.[^*]+$/.test(host)) {
    return 'the wildcard may only stand for the leading subdomains, as in https://*.example.com/';
  }
  const domain = wildcards === 1 ? host.slice(2) : host;
  const labels = domain.split('.');
  const fullDomain =
    labels.length >= 2 && labels.every((label) => LABEL.test(label)) && /^[a-z][a-z0-9-]*$/i.test(labels.at(-1));
  if (!fullDomain)
    return 'a prefix must name a full domain such as relay.example.com (not an IP address or a single name)';
  if (rest === '' || !rest.startsWith('/')) {
    return `a prefix must have a non-empty path: end it with "/" (${prefix}/)`;
  }
  if (/[?#]/.test(rest)) return 'a relay prefix has no query or fragment';
  try {
    new URL(prefix.replace('*.', 'wildcard.'));
  } catch {
    return 'a prefix must be a valid URL';
  }
  return undefined;
}

/** The relay URL prefixes of a config file (none when the file does not exist). Throws AddonConfigError. */
export function readAddonConfig(root, configPath) {
  const file = configPath ? join(root, configPath) : join(root, CONFIG_FILE);
  const name = relative(root, file) || file;
  if (!existsSync(file)) {
    if (configPath) throw new AddonConfigError(`${name} does not exist.`);
    return { file: name, relayUrls: [] };
  }
  let config;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AddonConfigError(`${name} is not valid JSON (${error.message}).`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new AddonConfigError(`${name} must be an object such as { "relayUrls": ["https://relay.example.com/"] }.`);
  }
  const unknown = Object.keys(config).filter((key) => key !== 'relayUrls' && !key.startsWith('$'));
  if (unknown.length > 0)
    throw new AddonConfigError(`${name}: unknown setting ${unknown.map((k) => `"${k}"`).join(', ')}.`);
  const relayUrls = config.relayUrls ?? [];
  if (!Array.isArray(relayUrls)) throw new AddonConfigError(`${name}: relayUrls must be a list of URL prefixes.`);
  relayUrls.forEach((prefix, index) => {
    const problem = prefixProblem(prefix);
    if (problem) {
      throw new AddonConfigError(`${name}: relayUrls[${index}] ${JSON.stringify(prefix)} is refused: ${problem}.`);
    }
  });
  return { file: name, relayUrls: [...new Set(relayUrls)] };
}

/** The manifest with the relay prefixes added to urlFetchWhitelist (the WeChat hosts stay first). */
export function manifestWithRelays(manifest, relayUrls) {
  const whitelist = [...(manifest.urlFetchWhitelist ?? [])];
  for (const prefix of relayUrls) if (!whitelist.includes(prefix)) whitelist.push(prefix);
  return { ...manifest, urlFetchWhitelist: whitelist };
}

/** The line the build puts at the top of dist/Code.js. */
export function deploymentPrelude(relayUrls) {
  return `var ${DEPLOYMENT_GLOBAL} = ${JSON.stringify({ relayUrls })};\n`;
}

/**
 * Writes dist/appsscript.json (appsscript.json + the relay prefixes) and puts the prelude on dist/Code.js.
 * `configPath` (relative to root) replaces addon.config.json, e.g. for the tests. Returns what it applied.
 */
export function applyDeployConfig(root, configPath) {
  const config = readAddonConfig(root, configPath);
  const manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8'));
  writeFileSync(
    join(root, 'dist', 'appsscript.json'),
    `${JSON.stringify(manifestWithRelays(manifest, config.relayUrls), null, 2)}\n`,
  );
  const code = join(root, 'dist', 'Code.js');
  writeFileSync(code, withPrelude(readFileSync(code, 'utf8'), config.relayUrls));
  return config;
}

/** The bundle with the prelude after its leading comments and "use strict" (which must stay the first statement). */
export function withPrelude(code, relayUrls) {
  // A block comment ends at its first */ (so a match never runs on into the code of a one-line, minified bundle).
  const head = /^(?:\s*\/\/[^\n]*\n|\s*\/\*(?:[^*]|\*(?!\/))*\*\/\s*\n)*(?:\s*(["'])use strict\1;?[^\S\n]*\n)?/.exec(
    code,
  )[0];
  return head + deploymentPrelude(relayUrls) + code.slice(head.length);
}
