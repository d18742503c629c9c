import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { createEmulation, type Emulation, type EmulationOptions, virtualClock } from '../../dev/gas';
import { messageOf } from '../support/thrown';

const ROOT = path.resolve(__dirname, '../..');
const START = Date.UTC(2026, 10, 27, 2, 0, 0); // 2026-11-27 10:00 in Beijing

const open: Emulation[] = [];
function emulate(options: EmulationOptions = {}): Emulation {
  const emulation = createEmulation({ clock: virtualClock(START), ...options });
  open.push(emulation);
  return emulation;
}
afterEach(() => {
  for (const emulation of open.splice(0)) emulation.dispose();
});

describe('bundle loading', () => {
  it('runs the bundle in a context holding only Apps Script globals', () => {
    const ctx = emulate().loadBundle(`
      function probe() {
        return [typeof require, typeof process, typeof module, typeof Buffer, typeof setTimeout,
                typeof SpreadsheetApp, typeof UrlFetchApp, typeof LockService];
      }`);
    expect(ctx.call('probe')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'object',
      'object',
      'object',
    ]);
    expect(ctx.has('probe')).toBe(true);
    expect(ctx.has('missing')).toBe(false);
    expect(() => ctx.call('missing')).toThrow('Script function not found: missing');
  });

  it('gives the bundle a clock-driven Date whose local time is the script time zone', () => {
    const ctx = emulate({ scriptTimeZone: 'Asia/Shanghai' }).loadBundle(`
      function now() {
        const d = new Date();
        return [Date.now(), d.getHours(), new Date(2026, 10, 28).toISOString(), d instanceof Date, String(d)];
      }`);
    expect(ctx.call('now')).toEqual([
      START,
      10,
      '2026-11-27T16:00:00.000Z',
      true,
      'Fri Nov 27 2026 10:00:00 GMT+0800 (China Standard Time)',
    ]);
  });

  it('throws service errors as Exceptions of the bundle realm', () => {
    const ctx = emulate().loadBundle(`
      function fail() {
        try { SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 2, 2).setValues([[1, 2]]); }
        catch (e) { return [e instanceof Error, e.name, String(e)]; }
      }`);
    expect(ctx.call('fail')).toEqual([
      true,
      'Exception',
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    ]);
  });
});

describe('SpreadsheetApp', () => {
  const WRITE = `
    function write(a1, rows, format) {
      const range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange(a1);
      if (format) range.setNumberFormat(format);
      range.setValues(rows);
      return range.getValues();
    }
    function datesAreDates(a1) {
      return SpreadsheetApp.getActive().getRange(a1).getValues()[0].map(function (v) { return v instanceof Date; });
    }`;

  it('parses strings like typing: formulas, numbers, booleans, dates, apostrophes', () => {
    const emu = emulate();
    const values = emu
      .loadBundle(WRITE)
      .call<unknown[][]>('write', 'A1:I1', [
        ["=HYPERLINK('x')", '123', '+5', '-3.2', '1e3', 'TRUE', '007', "'=x", '+86 138'],
      ]);
    const sheet = emu.spreadsheet.sheet('Sheet1');
    expect(values[0]?.slice(1, 8)).toEqual([123, 5, -3.2, 1000, true, 7, '=x']);
    expect(sheet.cell('A1').formula).toBe("=HYPERLINK('x')");
    expect(sheet.cell('A1').value).toBe('#ERROR!');
    expect(sheet.cell('I1').formula).toBe('=+86 138');
    expect(sheet.cell('B1').raw).toBe(123);
  });

  it("stores every string exactly as given in plain-text ('@') cells", () => {
    const emu = emulate();
    const values = emu
      .loadBundle(WRITE)
      .call<unknown[][]>('write', 'A1:D1', [['=1+1', '007', "'quoted", '2026-11-27']], '@');
    expect(values).toEqual([['=1+1', '007', "'quoted", '2026-11-27']]);
    expect(emu.spreadsheet.sheet('Sheet1').formulas('A1:D1')).toEqual([['', '', '', '']]);
  });

  it('round-trips dates: typed and JS dates come back as Dates at the spreadsheet time zone', () => {
    const emu = emulate({ spreadsheetTimeZone: 'America/New_York', scriptTimeZone: 'Asia/Shanghai' });
    const ctx = emu.loadBundle(`${WRITE}
      function roundTrip() {
        const range = SpreadsheetApp.getActive().getRange('A2:B2');
        const written = new Date(Date.UTC(2026, 0, 15, 17, 30));
        range.setValues([[written, '2026-11-27']]);
        const back = range.getValues()[0];
        return [back[0].getTime() === written.getTime(), back[1].toISOString(), range.getDisplayValues()[0]];
      }`);
    expect(ctx.call('roundTrip')).toEqual([true, '2026-11-27T05:00:00.000Z', ['1/15/2026 12:30:00', '2026-11-27']]);
    expect(ctx.call('datesAreDates', 'A2:B2')).toEqual([true, true]);
    const cell = emu.spreadsheet.sheet('Sheet1').cell('B2');
    expect(cell.numberFormat).toBe('yyyy-mm-dd');
    expect(cell.raw).toBe(46353);
    expect(cell.value).toEqual(new Date('2026-11-27T05:00:00.000Z'));
  });

  it('rejects data whose size does not match the range and leaves the sheet unchanged', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(WRITE);
    expect(() => ctx.call('write', 'A1:B2', [[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(() => ctx.call('write', 'A1:B2', [[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(emu.spreadsheet.sheet('Sheet1').lastRow).toBe(0);
  });

  it('grows a sheet written past its edge but refuses to cross 10,000,000 cells', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(`
      function grow() { SpreadsheetApp.getActive().getSheets()[0].getRange(1500, 30).setValue('x'); }
      function huge() { SpreadsheetApp.getActive().getSheets()[0].insertRowsAfter(1, 400000); }
      function addSheet(name) { return SpreadsheetApp.getActive().insertSheet(name).getMaxRows(); }`);
    ctx.call('grow');
    const sheet = emu.spreadsheet.sheet('Sheet1');
    expect([sheet.maxRows, sheet.maxColumns, sheet.lastRow, sheet.lastColumn]).toEqual([1500, 30, 1500, 30]);
    expect(() => ctx.call('huge')).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    expect(emu.spreadsheet.totalCells).toBe(45_000);
    expect(ctx.call('addSheet', 'Data')).toBe(1000);
    expect(() => ctx.call('addSheet', 'data')).toThrow(
      'A sheet with the name "data" already exists. Please enter another name.',
    );
  });

  it('keeps number formats, displays them, freezes rows and records font weights', () => {
    const emu = emulate();
    emu
      .loadBundle(`
      function table() {
        const sheet = SpreadsheetApp.getActive().insertSheet('Report');
        sheet.getRange(1, 1, 1, 3).setValues([['Day', 'Users', 'Rate']]).setFontWeight('bold');
        sheet.getRange(2, 3, 2, 1).setNumberFormat('0.00%');
        sheet.getRange(2, 2, 2, 1).setNumberFormat('#,##0');
        sheet.getRange(2, 1, 2, 3).setValues([['2026-11-25', 12345, 0.1234], ['2026-11-26', 7, 1]]);
        sheet.setFrozenRows(1);
      }`)
      .call('table');
    const sheet = emu.spreadsheet.sheet('Report');
    expect(sheet.displayValues()).toEqual([
      ['Day', 'Users', 'Rate'],
      ['2026-11-25', '12,345', '12.34%'],
      ['2026-11-26', '7', '100.00%'],
    ]);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.fontWeights('A1:C1')).toEqual([['bold', 'bold', 'bold']]);
    expect(emu.spreadsheet.activeSheetName).toBe('Report');
  });
});

describe('PropertiesService and CacheService', () => {
  const PROPS = `
    function set(store, key, value) { PropertiesService[store]().setProperty(key, value); }
    function get(store, key) { return PropertiesService[store]().getProperty(key); }
    function fill(n, size) {
      const p = PropertiesService.getDocumentProperties();
      for (let i = 0; i < n; i++) p.setProperty('k' + i, 'x'.repeat(size));
    }`;

  it('enforces 9 KB per property and 500 KB per store, and stores strings', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(PROPS);
    ctx.call('set', 'getDocumentProperties', 'n', 42);
    expect(ctx.call('get', 'getDocumentProperties', 'n')).toBe('42');
    expect(() => ctx.call('set', 'getDocumentProperties', 'big', 'x'.repeat(9 * 1024))).toThrow(
      'Argument too large: value',
    );
    ctx.call('set', 'getDocumentProperties', 'ok', 'x'.repeat(9 * 1024 - 2));
    expect(() => ctx.call('fill', 60, 9000)).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
  });

  it('keeps user properties per user', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(PROPS);
    ctx.call('set', 'getUserProperties', 'token', 'alice-token');
    emu.setUser('bob@example.com');
    expect(ctx.call('get', 'getUserProperties', 'token')).toBeNull();
    expect(emu.properties.user('owner@example.com')).toEqual({ token: 'alice-token' });
  });

  it('expires cache entries on the emulation clock and enforces the limits', () => {
    const clock = virtualClock(START);
    const emu = emulate({ clock });
    const ctx = emu.loadBundle(`
      function put(key, value, s) { CacheService.getScriptCache().put(key, value, s); }
      function get(key) { return CacheService.getScriptCache().get(key); }`);
    ctx.call('put', 'a', '1', 60);
    clock.advance(59_000);
    expect(ctx.call('get', 'a')).toBe('1');
    clock.advance(1_000);
    expect(ctx.call('get', 'a')).toBeNull();
    expect(() => ctx.call('put', 'k'.repeat(251), '1', 60)).toThrow('Argument too large: key');
    expect(() => ctx.call('put', 'big', 'x'.repeat(100 * 1024 + 1), 60)).toThrow('Argument too large: value');
    expect(() => ctx.call('put', 'long', '1', 21_601)).toThrow();
  });
});

describe('LockService across contexts', () => {
  const LOCKING = `
    function hold() { LockService.getDocumentLock().waitLock(1000); return 'held'; }
    function tryIt(ms) { const lock = LockService.getDocumentLock(); return [lock.tryLock(ms), lock.hasLock(), Date.now()]; }
    function waitIt(ms) { LockService.getDocumentLock().waitLock(ms); }
    function userLock() { return LockService.getUserLock().tryLock(0); }`;

  it('lets one execution hold the document lock while another waits and times out', () => {
    const emu = emulate();
    const a = emu.loadBundle(LOCKING);
    const b = emu.loadBundle(LOCKING);
    expect(a.begin('hold')).toBe('held');
    expect(b.call('tryIt', 5000)).toEqual([false, false, START + 5000]);
    expect(() => b.call('waitIt', 30_000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    a.end();
    expect(b.call<unknown[]>('tryIt', 0).slice(0, 2)).toEqual([true, true]);
  });

  it('releases the locks a call left held when the execution ends', () => {
    const emu = emulate();
    const a = emu.loadBundle(LOCKING);
    const b = emu.loadBundle(LOCKING);
    a.call('hold');
    expect(b.call<unknown[]>('tryIt', 0)[0]).toBe(true);
  });

  it('keeps user locks private to each user', () => {
    const emu = emulate();
    const a = emu.loadBundle(LOCKING, 'Code.js', { user: 'alice@example.com' });
    const b = emu.loadBundle(LOCKING, 'Code.js', { user: 'bob@example.com' });
    const c = emu.loadBundle(LOCKING, 'Code.js', { user: 'alice@example.com' });
    expect(a.begin('userLock')).toBe(true);
    expect(b.call('userLock')).toBe(true);
    expect(c.call('userLock')).toBe(false);
  });
});

describe('ScriptApp triggers', () => {
  const TRIGGERS = `
    function install(hours) { return ScriptApp.newTrigger('refresh').timeBased().everyHours(hours).create().getUniqueId(); }
    function everyFive() { ScriptApp.newTrigger('refresh').timeBased().everyMinutes(5).create(); }
    function mine() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map(function (t) { return t.getHandlerFunction(); }); }
    function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
    function refresh(e) {
      PropertiesService.getDocumentProperties().setProperty('ran-by', Session.getActiveUser().getEmail() + ' ' + e.authMode + ' ' + e.hour);
      SpreadsheetApp.getUi();
    }`;

  it('allows one time-driven trigger per user per document, at most hourly', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(TRIGGERS);
    ctx.call('install', 1);
    expect(() => ctx.call('install', 2)).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    expect(() => ctx.call('everyFive')).toThrow('once per hour');
    expect(() => ctx.call('install', 3)).toThrow('everyHours');
    emu.setUser('bob@example.com');
    ctx.call('install', 1);
    expect(ctx.call('mine')).toEqual(['refresh']);
    ctx.call('removeAll');
    expect(emu.triggers().map((t) => t.user)).toEqual(['owner@example.com']);
  });

  it('fires due triggers as their owner, in a fresh execution without a Ui', () => {
    const clock = virtualClock(START);
    const emu = emulate({ clock });
    emu.loadBundle(TRIGGERS).call('install', 1);
    emu.setUser('someone-else@example.com');
    expect(emu.fireTimeTriggers()).toBe(0);
    clock.advance(3_600_000);
    expect(emu.fireTimeTriggers()).toBe(1);
    expect(emu.properties.document()['ran-by']).toBe('owner@example.com FULL 3');
    expect(emu.triggerRuns[0]?.error).toBe('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
    expect(emu.triggers()[0]?.nextRunAt).toBe(START + 2 * 3_600_000);
  });
});

describe('Utilities, Session, HtmlService, Ui, MailApp, logging', () => {
  it('formats dates with Java patterns in any time zone and computes signed digests', () => {
    const ctx = emulate().loadBundle(`
      function run() {
        const d = new Date(Date.UTC(2026, 0, 31, 18, 5, 9));
        return [
          Utilities.formatDate(d, 'Asia/Shanghai', "yyyy-MM-dd'T'HH:mm:ss XXX"),
          Utilities.formatDate(d, 'America/New_York', 'EEE, d MMM yyyy h:mm a Z'),
          Utilities.formatDate(d, 'GMT+8', 'yyyyMMdd'),
          Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc').slice(0, 4),
          Utilities.base64EncodeWebSafe('??>'),
          Utilities.newBlob(Utilities.base64Decode('5Lit5paH')).getDataAsString(),
        ];
      }
      function sleepTooLong() { Utilities.sleep(300001); }
      function overrun() { for (let i = 0; i < 5; i++) Utilities.sleep(100000); }`);
    expect(ctx.call('run')).toEqual([
      '2026-02-01T02:05:09 +08:00',
      'Sat, 31 Jan 2026 1:05 PM -0500',
      '20260201',
      [-112, 1, 80, -104],
      'Pz8-',
      '中文',
    ]);
    expect(() => ctx.call('sleepTooLong')).toThrow();
    expect(() => ctx.call('overrun')).toThrow('Exceeded maximum execution time');
  });

  it('records menus, sidebars, toasts, mail and logs', () => {
    const emu = emulate({ files: { sidebar: '<p>Hi</p>' } });
    const ctx = emu.loadBundle(`
      function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addSeparator().addToUi(); }
      function showSidebar() {
        SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar').setTitle('WeChat Analytics'));
        SpreadsheetApp.getActive().toast('Done', 'Refresh');
        MailApp.sendEmail('a@example.com', 'Subject', 'Body');
        console.log('rows', 3);
        Logger.log('%s users', 12);
      }
      function missing() { HtmlService.createHtmlOutputFromFile('nope'); }`);
    ctx.call('onOpen');
    ctx.call('showSidebar');
    expect(emu.ui.menus).toEqual([
      {
        caption: '',
        addon: true,
        items: [{ kind: 'item', caption: 'Open', functionName: 'showSidebar' }, { kind: 'separator' }],
      },
    ]);
    expect(emu.ui.sidebars).toEqual([{ title: 'WeChat Analytics', html: '<p>Hi</p>' }]);
    expect(emu.ui.toasts).toEqual([{ message: 'Done', title: 'Refresh', timeoutSeconds: 5 }]);
    expect(emu.mail).toEqual([{ to: 'a@example.com', subject: 'Subject', body: 'Body' }]);
    expect(emu.logs).toEqual(['rows 3', '12 users']);
    expect(() => ctx.call('missing')).toThrow('No HTML file named nope was found.');
    expect(emu.calls.count('Ui.showSidebar')).toBe(1);
    emu.calls.reset();
    expect(emu.calls.total()).toBe(0);
  });
});

// A loopback HTTP server in another process: UrlFetch blocks this thread, so it could not answer from here.
const SERVER = `
const http = require('http');
const gathered = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const reply = (status, payload, headers) => {
      res.writeHead(status, Object.assign({ 'Content-Type': 'application/json; charset=utf-8' }, headers));
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    if (url.pathname === '/redirect') return reply(302, '', { Location: '/echo?from=redirect' });
    if (url.pathname === '/status') return reply(Number(url.searchParams.get('code')), url.searchParams.get('body') || '');
    if (url.pathname === '/gather') {
      // Holds each request until \`n\` are in flight together (or 5 s pass), then answers how many were: a
      // sequential fetchAll can never gather more than one, however fast or slow the machine is.
      const wanted = Number(url.searchParams.get('n'));
      const release = () => {
        const together = gathered.splice(0);
        together.forEach((answer) => answer(together.length));
      };
      gathered.push((together) => reply(200, { path: req.url, together }));
      if (gathered.length >= wanted) release();
      else setTimeout(release, 5000);
      return;
    }
    setTimeout(() => reply(200, { method: req.method, path: req.url, host: req.headers.host,
      contentType: req.headers['content-type'] || null, body, remote: req.socket.remoteAddress }),
      Number(url.searchParams.get('delay') || 0));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

describe('UrlFetchApp over real HTTP', () => {
  let server: ChildProcess;
  let origin = '';
  let closedPort = 0;

  beforeAll(async () => {
    buildSync({
      entryPoints: [path.join(ROOT, 'dev/gas/urlfetch-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: path.join(ROOT, '.build/dev/urlfetch-worker.js'),
      logLevel: 'warning',
    });
    server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((resolve) =>
      server.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
    );
    origin = `http://127.0.0.1:${port}`;
    closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
  });
  afterAll(() => {
    server.kill();
  });

  const FETCH = `
    function get(url, params) {
      const r = UrlFetchApp.fetch(url, params || {});
      return { code: r.getResponseCode(), json: r.getContentText() ? JSON.parse(r.getContentText()) : null,
               type: r.getHeaders()['Content-Type'] };
    }
    function all(urls) {
      return UrlFetchApp.fetchAll(urls.map(function (u) { return { url: u, muteHttpExceptions: true }; }))
        .map(function (r) { return JSON.parse(r.getContentText()); });
    }
    function text(url) { return UrlFetchApp.fetch(url, { muteHttpExceptions: true }).getContentText(); }`;

  it('fetches synchronously, posts payloads and follows redirects', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(FETCH);
    const posted = ctx.call<{ code: number; json: Record<string, unknown> }>('get', `${origin}/echo`, {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify({ begin_date: '2026-11-20' }),
    });
    expect(posted.code).toBe(200);
    expect(posted.json).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      body: '{"begin_date":"2026-11-20"}',
    });
    const form = ctx.call<{ json: Record<string, unknown> }>('get', `${origin}/echo`, {
      method: 'post',
      payload: { a: 1, b: 'x y' },
    });
    expect(form.json).toMatchObject({ contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=x+y' });
    expect(ctx.call<{ json: { path: string } }>('get', `${origin}/redirect`).json.path).toBe('/echo?from=redirect');
    expect(emu.urlFetchLog[0]).toMatchObject({ url: `${origin}/echo`, method: 'POST', status: 200 });
  });

  it('runs fetchAll in parallel and returns responses in request order', () => {
    const emu = emulate();
    const urls = Array.from({ length: 10 }, (_, i) => `${origin}/gather?n=10&i=${i}`);
    const answers = emu.loadBundle(FETCH).call<{ path: string; together: number }[]>('all', urls);
    expect(answers.map((answer) => answer.path)).toEqual(urls.map((u) => u.slice(origin.length)));
    expect(answers.map((answer) => answer.together)).toEqual(urls.map(() => 10));
    expect(emu.calls.count('UrlFetchApp.fetchAll')).toBe(1);
  });

  it('serves emulated hosts from a local origin with the original Host header and source address', () => {
    const emu = emulate({ urlFetch: { hosts: { 'api.weixin.qq.com': origin }, localAddress: '127.0.0.2' } });
    const reply = emu
      .loadBundle(FETCH)
      .call<{ json: Record<string, unknown> }>(
        'get',
        'https://api.weixin.qq.com/datacube/getusersummary?access_token=T',
      );
    expect(reply.json).toMatchObject({
      host: 'api.weixin.qq.com',
      path: '/datacube/getusersummary?access_token=T',
      remote: '127.0.0.2',
    });
    expect(emu.urlFetchLog[0]?.headers.Host).toBe('api.weixin.qq.com');
  });

  it('throws like Apps Script for HTTP errors, timeouts, DNS failures and refused connections', () => {
    const emu = emulate({ urlFetch: { timeoutMs: 1500, unreachableHosts: ['api2.weixin.qq.com'] } });
    const ctx = emu.loadBundle(FETCH);
    const failing = `${origin}/status?code=500&body=${'e'.repeat(150)}`;
    expect(messageOf(() => ctx.call('get', failing))).toBe(
      `Exception: Request failed for ${failing} returned code 500. Truncated server response: ${'e'.repeat(100)}... ` +
        '(use muteHttpExceptions option to examine full response)',
    );
    expect(ctx.call('text', `${origin}/status?code=404&body=gone`)).toBe('gone');
    expect(messageOf(() => ctx.call('get', `${origin}/echo?delay=3000`))).toBe(
      `Exception: Timeout: ${origin}/echo?delay=3000`,
    );
    expect(messageOf(() => ctx.call('get', 'https://api2.weixin.qq.com/cgi-bin/token'))).toBe(
      'Exception: DNS error: https://api2.weixin.qq.com/cgi-bin/token',
    );
    expect(messageOf(() => ctx.call('get', `http://127.0.0.1:${closedPort}/x`))).toBe(
      `Exception: Address unavailable: http://127.0.0.1:${closedPort}/x`,
    );
    expect(() => ctx.call('all', [`${origin}/echo`, `http://127.0.0.1:${closedPort}/y`])).toThrow(
      'Address unavailable',
    );
    expect(() => ctx.call('get', `${origin}/echo?q=${'x'.repeat(2100)}`)).toThrow(
      'Limit Exceeded: URLFetch URL Length.',
    );
    expect(emu.urlFetchLog.map((e) => e.error ?? e.status)).toEqual([
      expect.stringContaining('Request failed'),
      404,
      `Timeout: ${origin}/echo?delay=3000`,
      'DNS error: https://api2.weixin.qq.com/cgi-bin/token',
      `Address unavailable: http://127.0.0.1:${closedPort}/x`,
      200,
      `Address unavailable: http://127.0.0.1:${closedPort}/y`,
    ]);
  });
});
