import { GasError } from '../errors';

/** Sheets' widest grid: column ZZZ. */
export const MAX_COLUMNS = 18_278;

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnToLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(rect: GridRect): string {
  const start = `${columnToLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnToLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

const REF = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

interface Ref {
  column?: number;
  row?: number;
}

function parseRef(text: string): Ref | undefined {
  const match = REF.exec(text.trim());
  if (!match || (!match[1] && !match[2])) return undefined;
  const ref: Ref = {};
  if (match[1]) ref.column = lettersToColumn(match[1]);
  if (match[2]) ref.row = Number(match[2]);
  if (ref.row === 0) return undefined;
  return ref;
}

/** Splits "'My sheet'!A1:B2" into sheet name and range text. */
export function splitSheetName(a1: string): { sheetName?: string; range: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { range: a1 };
  let sheetName = a1.slice(0, bang);
  if (sheetName.startsWith("'") && sheetName.endsWith("'")) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  return { sheetName, range: a1.slice(bang + 1) };
}

/** Parses A1 notation ('B2', 'A1:C3', 'A:C', '2:5', 'A2:C') against a grid of the given size. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): GridRect {
  const [startText, endText, extra] = a1.split(':');
  const start = startText === undefined ? undefined : parseRef(startText);
  const end = endText === undefined ? start : parseRef(endText);
  if (!start || !end || extra !== undefined) throw new GasError('Range not found');
  const wholeRows = start.column === undefined && end.column === undefined;
  const wholeColumns = start.row === undefined && end.row === undefined;
  if ((start.column === undefined || end.column === undefined) && !wholeRows) throw new GasError('Range not found');
  const c1 = start.column ?? 1;
  const c2 = end.column ?? (wholeRows ? maxColumns : c1);
  const r1 = start.row ?? 1;
  const r2 = end.row ?? (wholeColumns || endText !== undefined ? maxRows : r1);
  const rect = {
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numColumns: Math.abs(c2 - c1) + 1,
  };
  if (rect.column + rect.numColumns - 1 > MAX_COLUMNS) throw new GasError('Range not found');
  return rect;
}
