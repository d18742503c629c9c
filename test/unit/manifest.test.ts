/** addon.config.json → urlFetchWhitelist: Apps Script's prefix rules, the manifest and the bundle's prelude. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyDeployConfig,
  manifestWithRelays,
  prefixProblem,
  readAddonConfig,
  withPrelude,
} from '../../scripts/manifest.mjs';

function project(config?: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'addon-config-'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'appsscript.json'), JSON.stringify({ urlFetchWhitelist: ['https://api.weixin.qq.com/'] }));
  writeFileSync(join(root, 'dist', 'Code.js'), '// built\n"use strict";\nvar App = 1;\n');
  if (config !== undefined) writeFileSync(join(root, 'addon.config.json'), JSON.stringify(config));
  return root;
}

describe('a relay URL prefix, checked against Apps Script’s allowlist rules', () => {
  it.each([
    'https://relay.example.com/',
    'https://relay.example.com/wechat/',
    'https://relay.example.com/wechat',
    'https://relay.example.com:8443/',
    'https://*.example.com/',
  ])('accepts %s', (prefix) => {
    expect(prefixProblem(prefix)).toBeUndefined();
  });

  it.each([
    ['http://relay.example.com/', /only https:\/\//],
    ['https://relay.example.com', /non-empty path: end it with "\/" \(https:\/\/relay\.example\.com\/\)/],
    ['https://relay/', /full domain/],
    ['https://203.0.113.7/', /full domain/],
    ['https://*.*.example.com/', /single wildcard/],
    ['https://sub.*.example.com/', /leading subdomains/],
    ['https://*example.com/', /leading subdomains/],
    ['https://user:pw@relay.example.com/', /user name/],
    ['https://relay.example.com/?x=1', /query or fragment/],
    ['relay.example.com/', /valid URL/],
    ['', /must be a URL/],
  ])('refuses %s, naming the rule', (prefix, rule) => {
    expect(prefixProblem(prefix)).toMatch(rule);
  });
});

describe('addon.config.json', () => {
  it('is optional: no file, no relay', () => {
    expect(readAddonConfig(project()).relayUrls).toEqual([]);
  });

  it('names the file, the prefix and the rule when a prefix breaks Google’s rules', () => {
    const root = project({ relayUrls: ['https://relay.example.com/', 'http://relay.example.com/'] });
    expect(() => readAddonConfig(root)).toThrow(
      'addon.config.json: relayUrls[1] "http://relay.example.com/" is refused: Apps Script allows only https:// prefixes (put the relay behind TLS).',
    );
  });

  it('refuses a file that is not the expected shape', () => {
    expect(() => readAddonConfig(project({ relayUrl: 'https://relay.example.com/' }))).toThrow(
      /unknown setting "relayUrl"/,
    );
    expect(() => readAddonConfig(project({ relayUrls: 'https://relay.example.com/' }))).toThrow(/must be a list/);
    expect(() => readAddonConfig(project(), 'missing.json')).toThrow(/missing\.json does not exist/);
  });

  it('adds its prefixes after the WeChat hosts in dist/appsscript.json, and tells the bundle', () => {
    const root = project({ relayUrls: ['https://relay.example.com/', 'https://relay.example.com/'] });
    expect(applyDeployConfig(root).relayUrls).toEqual(['https://relay.example.com/']);
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'appsscript.json'), 'utf8'));
    expect(manifest.urlFetchWhitelist).toEqual(['https://api.weixin.qq.com/', 'https://relay.example.com/']);
    expect(readFileSync(join(root, 'dist', 'Code.js'), 'utf8')).toBe(
      '// built\n"use strict";\nvar WECHAT_ANALYTICS_DEPLOYMENT = {"relayUrls":["https://relay.example.com/"]};\nvar App = 1;\n',
    );
  });

  it('keeps a prefix already in the manifest once', () => {
    const manifest = { urlFetchWhitelist: ['https://a.example.com/'] };
    expect(manifestWithRelays(manifest, ['https://a.example.com/']).urlFetchWhitelist).toEqual([
      'https://a.example.com/',
    ]);
  });

  it('never puts the prelude inside the code of a minified bundle that starts with a comment', () => {
    const minified = '/*! built */function onOpen(){}(()=>{const a="*/\\n";})();\n/* end */\n';
    expect(withPrelude(minified, [])).toBe(`var WECHAT_ANALYTICS_DEPLOYMENT = {"relayUrls":[]};\n${minified}`);
  });

  it('puts the prelude first in a bundle without comments or "use strict"', () => {
    expect(withPrelude('var App = 1;\n', [])).toBe(
      'var WECHAT_ANALYTICS_DEPLOYMENT = {"relayUrls":[]};\nvar App = 1;\n',
    );
  });
});
