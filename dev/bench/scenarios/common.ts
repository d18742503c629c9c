/** What every scenario child shares: its configuration, the nine classic reports, and reading sheets back. */
import type { Emulation } from '../../gas';
import type { SimAccount } from '../../simulator/simulator';
import type { Measured, NetworkSetting } from '../addon';
import { formatWritesByColumn, rangeWrites, sheetsCalls, topCalls } from '../counters';
import { formulaIdealMs, idealMs } from '../minimum';
import type { ScenarioResult } from '../types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** 2026-11-28 12:00 in Beijing: yesterday's data is ready. */
export const NOON_BEIJING = Date.UTC(2026, 10, 28, 4, 0, 0);

/** The nine reports a BI connector offers (DESIGN.md, Reports). */
export const CLASSIC_REPORTS = [
  'article_summary',
  'article_total',
  'interface_summary',
  'upstream_msg',
  'upstream_msg_dist',
  'user_cumulate',
  'user_read',
  'user_share',
  'user_summary',
] as const;

export interface ScenarioConfig {
  network: NetworkSetting;
  account: SimAccount;
  backfillDays: number;
  mergeRows: number;
  mergeDays: number;
  tickDataSets: number;
  dailyDataSets: number;
  severalDays: number;
  tickRepeats: number;
  naive: boolean;
}

/** The ideal figures of a scenario: whole round trips after the token, and the bare fraction. */
export function ideals(
  config: ScenarioConfig,
  minimumPerRun: readonly number[],
  tokenCalls: number,
): { idealMs: number; formulaIdealMs: number } {
  const model = { latencyMs: config.network.latencyMs, concurrency: config.network.concurrency };
  const total = minimumPerRun.reduce((sum, calls) => sum + calls, 0);
  return { idealMs: idealMs(total, tokenCalls, model), formulaIdealMs: formulaIdealMs(total, model) };
}

/**
 * The figures of DataSet runs that share their executions (one tick, one Refresh all, or one runDataSets called
 * again while any is running): WeChat calls of one account against the minimum, the measured call's service counts and times, and the
 * per-run Sheets figures as the executions' total ÷ runs.
 */
export function sharedRunFigures(
  config: ScenarioConfig,
  run: Measured<unknown>,
  runs: number,
  minimumPerRun: readonly number[],
  counted: { datacube: number; token: number },
): Pick<
  ScenarioResult,
  | 'wechatCalls'
  | 'minimumCalls'
  | 'tokenCalls'
  | 'accounts'
  | 'maxTokenCallsPerRun'
  | 'wallMs'
  | 'idealMs'
  | 'formulaIdealMs'
  | 'wallTarget'
  | 'rangeWritesPerRun'
  | 'rangeWritesExact'
  | 'formatWritesPerRun'
  | 'sheetsCallsPerRun'
  | 'cpuMs'
  | 'serviceCpuMs'
  | 'services'
  | 'modelled'
  | 'topCalls'
> {
  const { calls } = run;
  return {
    wechatCalls: counted.datacube,
    minimumCalls: minimumPerRun.reduce((total, count) => total + count, 0),
    tokenCalls: counted.token,
    accounts: 1,
    maxTokenCallsPerRun: counted.token,
    wallMs: run.wallMs,
    ...ideals(config, minimumPerRun, 1),
    wallTarget: true,
    rangeWritesPerRun: rangeWrites(calls) / runs,
    rangeWritesExact: false,
    formatWritesPerRun: formatWritesByColumn(calls) / runs,
    sheetsCallsPerRun: sheetsCalls(calls) / runs,
    cpuMs: run.cpuMs,
    serviceCpuMs: run.serviceCpuMs,
    services: run.services,
    modelled: run.modelled,
    topCalls: topCalls(calls),
  };
}

function sheetNamed(emu: Emulation, sheetName: string): GoogleAppsScript.Spreadsheet.Sheet | null {
  const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return app.getActiveSpreadsheet().getSheetByName(sheetName);
}

/** The sheet's data rows (header excluded), read outside the measured calls. */
export function dataRows(emu: Emulation, sheetName: string): unknown[][] {
  return sheetNamed(emu, sheetName)?.getDataRange().getValues().slice(1) ?? [];
}

/** Values and number formats of the whole sheet, to compare two tables. */
export function sheetFingerprint(emu: Emulation, sheetName: string): string {
  const range = sheetNamed(emu, sheetName)?.getDataRange();
  return JSON.stringify(range ? [range.getValues(), range.getNumberFormats()] : null);
}

/** A date cell read back (a Date at midnight in the spreadsheet's zone, Asia/Shanghai) as YYYY-MM-DD. */
export function beijingDateOf(value: unknown): string | undefined {
  if (!(value instanceof Date)) return undefined;
  return new Date(value.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);
}
