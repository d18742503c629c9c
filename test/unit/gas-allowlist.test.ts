/**
 * The emulation enforces the manifest's urlFetchWhitelist as Apps Script does: a fetch (or one request of a
 * fetchAll) outside it throws Apps Script's message before anything is sent; no urlFetchWhitelist, no limit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createEmulation, type Emulation, type EmulationOptions, virtualClock } from '../../dev/gas';

const START = Date.UTC(2026, 10, 27, 2, 0, 0);
const SERVER = `
const server = require('http').createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ host: req.headers.host, path: req.url }));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
const FETCH = `
  function get(url) { return JSON.parse(UrlFetchApp.fetch(url).getContentText()).path; }
  function all(urls) {
    return UrlFetchApp.fetchAll(urls).map(function (r) { return JSON.parse(r.getContentText()).path; });
  }`;
const WHITELIST = ['https://api.weixin.qq.com/', 'https://*.relay.test/wechat'];

let server: ChildProcess;
let origin = '';
const open: Emulation[] = [];

function emulate(options: EmulationOptions): Emulation {
  const hosts = {
    'api.weixin.qq.com': origin,
    'other.example.com': origin,
    'a.relay.test': origin,
    'relay.test': origin,
  };
  const emulation = createEmulation({ clock: virtualClock(START), urlFetch: { hosts }, ...options });
  open.push(emulation);
  return emulation;
}

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) =>
    server.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
  );
  origin = `http://127.0.0.1:${port}`;
});
afterEach(() => {
  for (const emulation of open.splice(0)) emulation.dispose();
});
afterAll(() => {
  server.kill();
});

describe('UrlFetchApp under the manifest’s urlFetchWhitelist', () => {
  it('fetches URLs a prefix covers: the prefix itself, its children, subdomains of a wildcard', () => {
    const ctx = emulate({ manifest: { urlFetchWhitelist: WHITELIST } }).loadBundle(FETCH);
    expect(ctx.call('get', 'https://api.weixin.qq.com/datacube/getusersummary?access_token=T')).toBe(
      '/datacube/getusersummary?access_token=T',
    );
    expect(ctx.call('get', 'https://a.relay.test/wechat')).toBe('/wechat');
    expect(ctx.call('all', ['https://a.relay.test/wechat/accounts', 'https://api.weixin.qq.com/x'])).toEqual([
      '/wechat/accounts',
      '/x',
    ]);
  });

  it.each([
    'https://other.example.com/',
    'http://api.weixin.qq.com/cgi-bin/stable_token',
    'https://relay.test/wechat/accounts',
    'https://a.relay.test/wechatx',
    'https://a.relay.test/WeChat/accounts',
  ])('throws Apps Script’s message for %s, and sends nothing', (url) => {
    const emu = emulate({ manifest: { urlFetchWhitelist: WHITELIST } });
    expect(() => emu.loadBundle(FETCH).call('get', url)).toThrow(
      expect.objectContaining({
        name: 'Exception',
        message: `Request to ${url} failed because the URL has not been whitelisted in the script manifest.`,
      }),
    );
    expect(emu.urlFetchLog).toEqual([
      expect.objectContaining({ url, error: expect.stringMatching(/not been whitelisted/), durationMs: 0 }),
    ]);
    expect(emu.urlFetchLog[0]?.status).toBeUndefined();
  });

  it('fails a whole fetchAll when one of its URLs is outside, before sending any', () => {
    const emu = emulate({ manifest: { urlFetchWhitelist: WHITELIST } });
    expect(() =>
      emu.loadBundle(FETCH).call('all', ['https://api.weixin.qq.com/x', 'https://other.example.com/y']),
    ).toThrow('Request to https://other.example.com/y failed because the URL has not been whitelisted');
    expect(emu.urlFetchLog.map((entry) => entry.status ?? entry.error)).toEqual([
      expect.stringMatching(/not been whitelisted/),
    ]);
  });

  it('fetches anything when the manifest has no urlFetchWhitelist', () => {
    const ctx = emulate({ manifest: {} }).loadBundle(FETCH);
    expect(ctx.call('get', 'https://other.example.com/free')).toBe('/free');
  });

  it('refuses a manifest with more than one wildcard, or one that is not the leading label', () => {
    expect(() => emulate({ manifest: { urlFetchWhitelist: ['https://*.*.example.com/foo'] } })).toThrow(
      /single wildcard/,
    );
    expect(() => emulate({ manifest: { urlFetchWhitelist: ['https://subdomain.*.example.com/foo'] } })).toThrow(
      /leading label/,
    );
  });
});
