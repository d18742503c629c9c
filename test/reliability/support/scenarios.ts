/**
 * Shared by the reliability suites: scenario counting (each suite prints one line: how many scenarios it ran
 * and how many passed their assertions), the add-on against any WeChat origin, and sheet/run helpers.
 */
import type { VirtualClock } from '../../../dev/gas';
import type { RunRecord } from '../../../src/datasets/types';
import type { DateSpec } from '../../../src/dates';
import type { RunOutcome as Outcome } from '../../../src/refresh/outcome';
import { type Addon, runHistory } from '../../support/addon';

export type { Outcome, RunRecord };

/**
 * `scenario(name, fn)` is `it(name, fn)` that counts: a scenario passes when its function returned after all its
 * expectations. `afterAll` prints `reliability/<suite>: N scenarios, M passed`.
 */
export function scenarioSuite(suite: string): {
  scenario: (name: string, fn: () => unknown, timeoutMs?: number) => void;
  scenarioEach: <T extends unknown[]>(cases: readonly T[], name: string, fn: (...args: T) => unknown) => void;
} {
  let registered = 0;
  let passed = 0;
  afterAll(() => {
    process.stdout.write(`reliability/${suite}: ${registered} scenarios, ${passed} passed\n`);
  });
  const scenario = (name: string, fn: () => unknown, timeoutMs?: number) => {
    registered++;
    it(
      name,
      async () => {
        await fn();
        passed++;
      },
      timeoutMs,
    );
  };
  const scenarioEach = <T extends unknown[]>(cases: readonly T[], name: string, fn: (...args: T) => unknown) => {
    for (const args of cases) {
      const title = name.replace('%s', String(args[0]));
      scenario(title, () => fn(...args));
    }
  };
  return { scenario, scenarioEach };
}

export interface Problem {
  field: string;
  code: string;
  message: string;
}

/** The built add-on with every WeChat host pointed at `origin` (the simulator, or the scripted stub). */
export function spreadsheetApp(addon: Addon): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return (addon.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
}

export function documentProperties(addon: Addon): GoogleAppsScript.Properties.Properties {
  return (addon.emu.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
}

/** Values, formulas and number formats of a sheet: equal snapshots mean the sheet was not touched. */
export function sheetSnapshot(addon: Addon, name: string): string {
  if (!addon.emu.spreadsheet.hasSheet(name)) return 'no sheet';
  const sheet = addon.emu.spreadsheet.sheet(name);
  return JSON.stringify({
    values: sheet.values(),
    formulas: sheet.formulas(),
    formats: sheet.numberFormats(),
    weights: sheet.fontWeights(),
  });
}

/** Every sheet, by name. */
export function workbookSnapshot(addon: Addon): Record<string, string> {
  return Object.fromEntries(addon.emu.spreadsheet.sheetNames().map((name) => [name, sheetSnapshot(addon, name)]));
}

/** The row keys (first `keyColumns` display values) of a table: a duplicate row shows as a repeated key. */
export function rowKeys(addon: Addon, name: string, keyColumns: number): string[] {
  return addon.emu.spreadsheet
    .sheet(name)
    .displayValues()
    .slice(1)
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => row.slice(0, keyColumns).join('|'));
}

export function expectNoDuplicateRows(addon: Addon, name: string, keyColumns: number): void {
  const keys = rowKeys(addon, name, keyColumns);
  expect(keys.length - new Set(keys).size).toBe(0);
}

export function history(addon: Addon, dataSetId: string): RunRecord[] {
  return runHistory(addon, dataSetId);
}

export function saveDataSet(addon: Addon, fields: Record<string, unknown>): string {
  const result = addon.call('saveDataSet', {
    updateMethod: 'replace',
    ...fields,
  });
  if (!result.ok) throw new Error(`saveDataSet: ${JSON.stringify(result.problems)}`);
  return result.dataSet.id;
}

export function range(start: string, end: string): DateSpec {
  return { mode: 'range', start: { kind: 'date', date: start }, end: { kind: 'date', date: end } };
}

/** Runs "Run now" again while the run says it continues (the sidebar does the same). */
export function runToEnd(addon: Addon, dataSetId: string, maxCalls = 50): Outcome[] {
  const outcomes = [addon.call('runDataSet', dataSetId)];
  while (outcomes.at(-1)!.status === 'running' && outcomes.length < maxCalls) {
    outcomes.push(addon.call('runDataSet', dataSetId));
  }
  return outcomes;
}

/** A virtual clock whose every sleep (network time included) can be made slower: a spell of slow network. */
export interface SlowableClock extends VirtualClock {
  /** Adds `extraMs` to every sleep from now on (0: back to normal). */
  slow(extraMs: number): void;
}

export function slowableClock(startMs: number): SlowableClock {
  let current = startMs;
  let extra = 0;
  return {
    now: () => current,
    sleep: (ms) => {
      if (ms > 0) current += ms + extra;
    },
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
    slow: (extraMs) => {
      extra = extraMs;
    },
  };
}
