/**
 * The built add-on (dist/Code.js) in the Apps Script emulation, under its own manifest (dist/appsscript.json: a
 * fetch outside its urlFetchWhitelist throws, as in Apps Script), with UrlFetchApp's WeChat hosts pointed at a
 * simulator process and test relays (https://<name>.relay.test/) at local relay processes. Tests drive it only
 * through its top-level functions, as Apps Script would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEntry, EntryName, EntryPoints } from '../../dev/entry-points';
import { type BundleContext, createEmulation, type Emulation, type VirtualClock, virtualClock } from '../../dev/gas';
import type { SimAccount } from '../../dev/simulator/simulator';
import type { RunRecord } from '../../src/datasets/types';
import { type SimulatorProcess, startSimulator } from './simulator-process';

const root = join(__dirname, '..', '..');
export const bundleCode = (): string => readFileSync(join(root, 'dist', 'Code.js'), 'utf8');
export const sidebarHtml = (): string => readFileSync(join(root, 'dist', 'sidebar.html'), 'utf8');
export const builtManifest = (): { urlFetchWhitelist?: string[] } =>
  JSON.parse(readFileSync(join(root, 'dist', 'appsscript.json'), 'utf8'));

/** The URL the add-on uses for a test relay (inside the tests' allowlist, https://*.relay.test/). */
export const relayUrlFor = (name: string): string => `https://${name}.relay.test`;

/** 2026-11-28 12:00 in Beijing: yesterday's data is ready. */
export const NOON_BEIJING = Date.UTC(2026, 10, 28, 4, 0, 0);

/** The emulation stamps its virtual time on every request; the simulator follows it (one clock for both). */
export const CLOCK_HEADER = 'x-emulation-clock';

/**
 * The address the emulation's UrlFetch calls from. New AppSecrets have the IP whitelist on, so an account a test
 * reaches Direct must list it (the simulator admits nobody by default).
 */
export const ADDON_IP = '127.0.0.1';

export const CHINA_ACCOUNT: SimAccount = {
  appid: 'wx0123456789abcdef',
  secret: 'S3cretS3cretS3cretS3cretS3cret01',
  type: 'china',
  whitelist: [ADDON_IP],
};

export interface AddonOptions {
  nowMs?: number;
  timeoutMs?: number;
  spreadsheetTimeZone?: string;
  localAddress?: string;
  unreachableHosts?: string[];
  /** Network time of each fetch/fetchAll on the virtual clock. */
  latencyMs?: number;
  /** A clock to share with another emulation (another user's execution); a new one at nowMs otherwise. */
  clock?: VirtualClock;
  /** Test relays by name: `https://<name>.relay.test/…` reaches the relay at this origin. */
  relays?: Record<string, string>;
  /** Another manifest than dist/appsscript.json (e.g. one whose allowlist misses a host). */
  manifest?: { urlFetchWhitelist?: string[] };
  /** Default: GAS_COST_PROFILE from the environment, else 'realistic' (Apps Script's published costs). */
  costProfile?: 'free' | 'realistic';
  /** The user's locale (the language of Apps Script's exception messages). Default 'en'. */
  locale?: string;
}

/**
 * The cost profile the bundle and reliability suites run under: 'realistic' unless GAS_COST_PROFILE says
 * otherwise (GAS_COST_PROFILE=free runs them with service calls costing nothing, as before).
 */
export function testCostProfile(): 'free' | 'realistic' {
  const chosen = process.env.GAS_COST_PROFILE ?? 'realistic';
  if (chosen !== 'free' && chosen !== 'realistic')
    throw new Error(`GAS_COST_PROFILE must be free or realistic: ${chosen}`);
  return chosen;
}

export interface Addon {
  emu: Emulation;
  ctx: BundleContext;
  clock: VirtualClock;
  /** A server function by name, typed as src/main.ts exports it. */
  call: CallEntry;
  /** As google.script.run may call it, with anything as arguments (robustness tests); the result typed. */
  callUnchecked<K extends EntryName>(name: K, ...args: unknown[]): ReturnType<EntryPoints[K]>;
  dispose(): void;
}

/** The built bundle in a fresh emulation whose WeChat hosts all lead to the simulator at `simulator.origin`. */
export function loadAddon(simulator: Pick<SimulatorProcess, 'origin'>, options: AddonOptions = {}): Addon {
  const clock = options.clock ?? virtualClock(options.nowMs ?? NOON_BEIJING);
  const emu = createEmulation({
    clock,
    costProfile: options.costProfile ?? testCostProfile(),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
    spreadsheetTimeZone: options.spreadsheetTimeZone ?? 'Asia/Shanghai',
    files: { sidebar: sidebarHtml() },
    manifest: options.manifest ?? builtManifest(),
    urlFetch: {
      hosts: {
        'api.weixin.qq.com': simulator.origin,
        'api2.weixin.qq.com': simulator.origin,
        'api.wechat.com': simulator.origin,
        ...Object.fromEntries(
          Object.entries(options.relays ?? {}).map(([name, origin]) => [new URL(relayUrlFor(name)).host, origin]),
        ),
      },
      unreachableHosts: options.unreachableHosts,
      localAddress: options.localAddress,
      timeoutMs: options.timeoutMs ?? 8000,
      clockHeader: CLOCK_HEADER,
      simulatedLatencyMs: options.latencyMs ?? 0,
    },
  });
  const ctx = emu.loadBundle(bundleCode(), 'Code.js');
  return {
    emu,
    ctx,
    clock,
    call: (name, ...args) => ctx.call(name, ...args),
    callUnchecked: (name, ...args) => ctx.call(name, ...args),
    dispose: () => emu.dispose(),
  };
}

export async function startSimulatorAt(
  nowMs: number,
  accounts: SimAccount[] = [CHINA_ACCOUNT],
): Promise<SimulatorProcess> {
  return startSimulator({ accounts, clock: { nowMs }, clockHeader: CLOCK_HEADER });
}

export interface SavedAccount {
  id: string;
}

export function saveDirectAccount(addon: Addon, account: SimAccount = CHINA_ACCOUNT, name = 'Main account'): string {
  const result = addon.call('saveAccount', {
    name,
    appId: account.appid,
    type: account.type,
    connection: 'direct',
    secret: account.secret,
  });
  if (!result.ok) throw new Error(`saveAccount failed: ${JSON.stringify(result.problems)}`);
  return result.account.id;
}

export function saveRangeDataSet(
  addon: Addon,
  accountId: string,
  reportId: string,
  start: string,
  end: string,
  extra: Record<string, unknown> = {},
): string {
  const result = addon.call('saveDataSet', {
    name: extra.name ?? reportId,
    accountId,
    reportId,
    dates: { mode: 'range', start: { kind: 'date', date: start }, end: { kind: 'date', date: end } },
    updateMethod: 'replace',
    ...extra,
  });
  if (!result.ok) throw new Error(`saveDataSet failed: ${JSON.stringify(result.problems)}`);
  return result.dataSet.id;
}

/** The UrlFetch round trips the emulation counted since its call counter was last reset (a fetchAll is one). */
export function roundTrips(addon: Addon): number {
  const calls = addon.emu.calls.snapshot();
  return (calls['UrlFetchApp.fetch'] ?? 0) + (calls['UrlFetchApp.fetchAll'] ?? 0);
}

/** A result that must have succeeded (`{ ok: true, … }`), narrowed; throws with the whole result otherwise. */
export function succeeded<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** A DataSet's run history, newest first (a test's ids are always text, so never the invalid_argument answer). */
export function runHistory(addon: Addon, dataSetId: string): RunRecord[] {
  const answer = addon.call('getRunHistory', dataSetId);
  if (!Array.isArray(answer)) throw new Error(`getRunHistory refused ${dataSetId}: ${answer.message}`);
  return answer;
}
