/** Sheets service calls, from the emulation's per-method call counter (`Class.method` → count). */

export type CallSnapshot = Record<string, number>;

const SHEETS_CLASSES = ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.'];

export function callsBetween(before: CallSnapshot, after: CallSnapshot): CallSnapshot {
  const diff: CallSnapshot = {};
  for (const [name, count] of Object.entries(after)) {
    const delta = count - (before[name] ?? 0);
    if (delta !== 0) diff[name] = delta;
  }
  return diff;
}

function sum(calls: CallSnapshot, keep: (name: string) => boolean): number {
  return Object.entries(calls).reduce((total, [name, count]) => (keep(name) ? total + count : total), 0);
}

/** Every call to the spreadsheet services. */
export function sheetsCalls(calls: CallSnapshot): number {
  return sum(calls, (name) => SHEETS_CLASSES.some((prefix) => name.startsWith(prefix)));
}

const WRITES = ['Range.set', 'Range.clear', 'Sheet.appendRow', 'Sheet.clear'];

/** Writes to cells: Range.setValues, setNumberFormats, setFontWeight(s), every other Range.set* / clear*, appendRow. */
export function rangeWrites(calls: CallSnapshot): number {
  return sum(calls, (name) => WRITES.some((prefix) => name.startsWith(prefix)));
}
