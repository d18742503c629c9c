/**
 * The emulation is as harsh as Apps Script: service calls cost time (the cost profile), a hung fetch costs its
 * 60 s timeout, the 6-minute limit ends an execution without the script being able to catch it, daily quotas,
 * burst throttling and the trigger runtime budget fail with Apps Script's messages (in the user's locale), and
 * getDocumentLock() can answer null.
 */
import net from 'node:net';
import path from 'node:path';
import { buildSync } from 'esbuild';
import {
  createEmulation,
  type Emulation,
  type EmulationOptions,
  REALISTIC_PROFILE,
  type VirtualClock,
  virtualClock,
} from '../../dev/gas';
import { messageOf } from '../support/thrown';

const ROOT = path.resolve(__dirname, '../..');
const START = Date.UTC(2026, 10, 27, 2, 0, 0);

const open: Emulation[] = [];
function emulate(options: EmulationOptions = {}): { emu: Emulation; clock: VirtualClock } {
  const clock = virtualClock(START);
  const emu = createEmulation({ clock, costProfile: 'realistic', ...options });
  open.push(emu);
  return { emu, clock };
}
afterEach(() => {
  for (const emulation of open.splice(0)) emulation.dispose();
});

describe('cost profile', () => {
  const SCRIPT = `
    function props() {
      const p = PropertiesService.getDocumentProperties();
      p.getProperty('a'); p.getProperty('b'); p.setProperty('a', '1');
      return Date.now();
    }
    function cells() {
      SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 100, 10).setValues(
        Array.from({ length: 100 }, function () { return Array.from({ length: 10 }, function () { return 1; }); }));
    }
    function rangeList() {
      const sheet = SpreadsheetApp.getActive().getSheets()[0];
      sheet.getRangeList(['A1:A2000', 'C1:D2000', 'F5']).setNumberFormat('0.00%');
      return sheet.getRangeList(['A1', 'B1']).getRanges().map(function (range) { return range.getA1Notation(); });
    }
    function badRangeList() { SpreadsheetApp.getActive().getSheets()[0].getRangeList(['A1', 'nowhere']); }
    function cache() { const c = CacheService.getDocumentCache(); c.put('k', 'v'); c.get('k'); }
    function lock() { const l = LockService.getDocumentLock(); l.tryLock(1000); l.releaseLock(); }
    function chart() {
      const sheet = SpreadsheetApp.getActive().getSheets()[0];
      const built = sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B3'))
        .setPosition(1, 1, 0, 0).build();
      sheet.insertChart(built);
      const [inserted] = sheet.getCharts();
      sheet.updateChart(inserted.modify().setOption('title', 't').build());
      sheet.removeChart(inserted);
    }`;

  it('charges each execution its start-up and each Properties read 30 ms, write 60 ms, on the clock', () => {
    const { emu, clock } = emulate();
    const ctx = emu.loadBundle(SCRIPT);
    const before = clock.now();
    const inside = ctx.call<number>('props');
    expect(inside - before).toBe(REALISTIC_PROFILE.bundleStartMs + 30 + 30 + 60);
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 120);
    expect(emu.costs.snapshot().byKind.properties).toBe(120);
  });

  it('charges a Sheets write per call and per cell, Cache and Lock per call', () => {
    const { emu, clock } = emulate();
    const ctx = emu.loadBundle(SCRIPT);
    emu.costs.reset();
    let before = clock.now();
    ctx.call('cells');
    // getActive (0) + getSheets (50) + getRange (0) + setValues (100 + 1000 cells × 0.05).
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 50 + 100 + 50);
    before = clock.now();
    ctx.call('cache');
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 93 + 4);
    before = clock.now();
    ctx.call('lock');
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 60 + 60);
  });

  it('charges the chart writes (insertChart, updateChart, removeChart) as Sheets writes', () => {
    const { emu, clock } = emulate();
    const ctx = emu.loadBundle(SCRIPT);
    const before = clock.now();
    ctx.call('chart');
    // getSheets, newChart, getCharts (50 each: reads); insertChart, updateChart, removeChart (100 each: writes).
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 3 * 50 + 3 * 100);
  });

  it('charges a RangeList setter as one Sheets write whatever its ranges, and applies it to each range', () => {
    const { emu, clock } = emulate();
    const ctx = emu.loadBundle(SCRIPT);
    const before = clock.now();
    expect(ctx.call('rangeList')).toEqual(['A1', 'B1']);
    // getActive (0) + getSheets (50) + getRangeList (0) + setNumberFormat (100, one value: no per-cell cost).
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 50 + 100);
    expect(emu.calls.count('RangeList.setNumberFormat')).toBe(1);
    expect(emu.calls.count('Range.setNumberFormat')).toBe(0);
    const sheet = emu.spreadsheet.sheet('Sheet1');
    expect(sheet.numberFormats('A2000:E2000')).toEqual([['0.00%', 'General', '0.00%', '0.00%', 'General']]);
    expect(sheet.numberFormats('F4:F6')).toEqual([['General'], ['0.00%'], ['General']]);
    expect(() => ctx.call('badRangeList')).toThrow('Range not found');
  });

  it('the free profile charges nothing', () => {
    const { emu, clock } = emulate({ costProfile: 'free' });
    emu.loadBundle(SCRIPT).call('props');
    expect(clock.now()).toBe(START);
  });
});

describe('UrlFetchApp costs and quotas', () => {
  let silent: net.Server;
  let silentUrl = '';
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    buildSync({
      entryPoints: [path.join(ROOT, 'dev/gas/urlfetch-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: path.join(ROOT, '.build/dev/urlfetch-worker.js'),
      logLevel: 'warning',
    });
    // Accepts connections (the kernel does, even while this thread waits) and never answers.
    silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/hang`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const FETCH = `
    function one(url) { return UrlFetchApp.fetch(url, { muteHttpExceptions: true }).getResponseCode(); }
    function batch(url) { return UrlFetchApp.fetchAll([url, url, url].map(function (u) { return { url: u }; })).length; }
    function guarded(url) {
      try { UrlFetchApp.fetch(url); } catch (e) { return String(e); }
      return 'no error';
    }`;

  it('a hung fetch costs the 60 s timeout on the clock; a hung fetchAll costs one timeout, not one per request', () => {
    const { emu, clock } = emulate({ urlFetch: { timeoutMs: 300 } });
    const ctx = emu.loadBundle(FETCH);
    let before = clock.now();
    expect(messageOf(() => ctx.call('one', silentUrl))).toContain(`Timeout: ${silentUrl}`);
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 60_000);
    before = clock.now();
    expect(messageOf(() => ctx.call('batch', silentUrl))).toContain('Timeout');
    expect(clock.now() - before).toBe(REALISTIC_PROFILE.bundleStartMs + 60_000);
  });

  it('throws the daily quota message once the day’s 20,000 fetches are used (100,000 on Workspace), sending nothing', () => {
    const { emu } = emulate();
    const ctx = emu.loadBundle(FETCH);
    emu.limits.setUsed('urlfetch', emu.user, 20_000);
    expect(ctx.call('guarded', silentUrl)).toBe('Exception: Service invoked too many times for one day: urlfetch.');
    expect(emu.urlFetchLog).toHaveLength(0);
    const workspace = emulate({ accountKind: 'workspace' }).emu;
    workspace.limits.setUsed('urlfetch', workspace.user, 99_998);
    expect(messageOf(() => workspace.loadBundle(FETCH).call('batch', silentUrl))).toContain(
      'Service invoked too many times for one day: urlfetch.',
    );
  });

  it('counts every request of a fetchAll against the quota and resets it 24 h after the first call', () => {
    const { emu, clock } = emulate({ urlFetch: { timeoutMs: 100 } });
    const ctx = emu.loadBundle(FETCH);
    messageOf(() => ctx.call('batch', silentUrl));
    expect(emu.limits.used('urlfetch', emu.user)).toBe(3);
    clock.advance(86_400_000);
    expect(emu.limits.used('urlfetch', emu.user)).toBe(0);
  });

  it('throttles bursts with Apps Script’s message, and speaks the user’s language (zh-CN)', () => {
    const { emu } = emulate();
    emu.limits.throttle('urlfetch', 1);
    expect(emu.loadBundle(FETCH).call('guarded', silentUrl)).toBe(
      'Exception: Service invoked too many times in a short time: urlfetch. Try Utilities.sleep(1000) between calls.',
    );
    const zh = emulate({ locale: 'zh-CN' }).emu;
    zh.limits.throttle('urlfetch', 1);
    const ctx = zh.loadBundle(FETCH);
    expect(ctx.call('guarded', silentUrl)).toBe(
      'Exception: 短时间内调用服务的次数过多：urlfetch。请尝试在两次调用之间使用 Utilities.sleep(1000)。',
    );
    zh.limits.setUsed('urlfetch', zh.user, 20_000);
    expect(ctx.call('guarded', silentUrl)).toBe('Exception: 一天内调用服务的次数过多：urlfetch。');
  });
});

describe('Properties quota, document lock', () => {
  it('throws the Properties daily quota message after 50,000 reads and writes', () => {
    const { emu } = emulate();
    const ctx = emu.loadBundle(`function read() { return PropertiesService.getUserProperties().getProperty('x'); }`);
    expect(ctx.call('read')).toBeNull();
    emu.limits.setUsed('properties', emu.user, 50_000);
    expect(messageOf(() => ctx.call('read'))).toBe(
      'Exception: Service invoked too many times for one day: properties.',
    );
  });

  it('getDocumentLock() answers null when made to', () => {
    const { emu } = emulate();
    const ctx = emu.loadBundle(`function lock() { return LockService.getDocumentLock() === null; }`);
    expect(ctx.call('lock')).toBe(false);
    emu.limits.documentLockNull = true;
    expect(ctx.call('lock')).toBe(true);
  });
});

describe('the 6-minute limit', () => {
  const SCRIPT = `
    function work() {
      const p = PropertiesService.getDocumentProperties();
      try {
        for (let i = 0; i < 10; i++) Utilities.sleep(60000);
        p.setProperty('finished', 'yes');
      } catch (e) {
        p.setProperty('caught', String(e));
      } finally {
        p.setProperty('finally', 'ran');
      }
      return 'returned';
    }
    function quick() { return PropertiesService.getDocumentProperties().getProperty('caught'); }`;

  it('ends the execution: the script’s catch and finally blocks reach no service, and the caller sees the end', () => {
    const { emu } = emulate();
    const ctx = emu.loadBundle(SCRIPT);
    expect(messageOf(() => ctx.call('work'))).toBe('ExecutionTerminated: Exceeded maximum execution time');
    expect(emu.properties.document()).toEqual({});
    // The next execution starts fresh.
    expect(ctx.call('quick')).toBeNull();
  });

  it('speaks the user’s language', () => {
    const { emu } = emulate({ locale: 'zh-CN' });
    expect(messageOf(() => emu.loadBundle(SCRIPT).call('work'))).toBe('ExecutionTerminated: 超出了最长执行时间');
  });

  it('a trigger past the day’s runtime budget (90 min consumer, 6 h Workspace) does not start', () => {
    for (const [accountKind, budget] of [
      ['consumer', 90 * 60_000],
      ['workspace', 6 * 3_600_000],
    ] as const) {
      const { emu, clock } = emulate({ accountKind });
      const ctx = emu.loadBundle(`
        function install() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
        function tick() { PropertiesService.getDocumentProperties().setProperty('ticked', String(Date.now())); }`);
      ctx.call('install');
      clock.advance(3_600_000);
      expect(emu.fireTimeTriggers()).toBe(1);
      expect(emu.triggerRuns[0]).toMatchObject({ runtimeMs: REALISTIC_PROFILE.bundleStartMs + 60 });
      expect(emu.limits.triggerRuntimeUsed(emu.user)).toBe(REALISTIC_PROFILE.bundleStartMs + 60);
      emu.limits.setTriggerRuntimeUsed(emu.user, budget);
      const ticked = emu.properties.document().ticked;
      clock.advance(3_600_000);
      emu.fireTimeTriggers();
      expect(emu.triggerRuns[1]).toMatchObject({
        error: 'Exception: Service using too much computer time for one day',
      });
      expect(emu.properties.document().ticked).toBe(ticked);
    }
  });
});
