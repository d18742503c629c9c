/**
 * SpreadsheetApp adapter for one report table at A1 of its sheet: read it back, and write it in one batch (number
 * formats, values, bold header: a number of range calls that does not grow with the rows; the formats take one
 * call, or one per format of the table). Cells outside the table's columns are never touched.
 *
 * A merge need not read or rewrite a whole table: it can ask for the rows' key cells only (`keyRows`), and the
 * writer then leaves in place the leading rows that stay where they are, rewriting from the first row that
 * changes. An Append that adds days at the end of a 100,000-row table reads a few key columns and writes the
 * last days only.
 */
import type { Said } from '../messages/codes';
import { say } from '../messages/en';
import { headersMatch } from '../table/rows';
import { fromSheetValue, NUMBER_FORMATS, type SheetValue, toSheetValue } from '../table/sheet-values';
import type { Cell, SheetTable, TableColumn, TableExtent } from '../table/types';

export const SPREADSHEET_CELL_LIMIT = 10_000_000;

/** The sheet cannot take the table: user content in its way, or the spreadsheet's cell limit. */
export class SheetWriteError extends Error {
  readonly said: Said<'table_blocked' | 'cell_limit'>;

  constructor(said: Said<'table_blocked' | 'cell_limit'>) {
    super(said.message);
    this.said = said;
    this.name = 'SheetWriteError';
  }

  get code(): string {
    return this.said.code;
  }
}

function spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The active spreadsheet's name and URL. */
export function spreadsheetIdentity(): { name: string; url: string } {
  const book = spreadsheet();
  return { name: book.getName(), url: book.getUrl() };
}

export function findSheet(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
  return spreadsheet().getSheetByName(name);
}

/**
 * What one execution learns of the spreadsheet, so it asks Sheets once: its tabs by name (one getSheets for every
 * table of a tick), its time zone, and the last row of each tab it looked at (until it writes there). Made anew
 * for every server call: another execution, or the user, may change the spreadsheet between two.
 */
export class SheetBook {
  private byName?: Map<string, GoogleAppsScript.Spreadsheet.Sheet>;
  private zone?: string;
  private readonly lastRows = new Map<string, number>();

  find(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
    return this.tabs().get(name) ?? null;
  }

  /** Every tab of the spreadsheet. */
  sheets(): GoogleAppsScript.Spreadsheet.Sheet[] {
    return [...this.tabs().values()];
  }

  /** A tab this execution inserted. */
  added(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    this.byName?.set(sheet.getName(), sheet);
  }

  private tabs(): Map<string, GoogleAppsScript.Spreadsheet.Sheet> {
    this.byName ??= new Map(
      spreadsheet()
        .getSheets()
        .map((sheet) => [sheet.getName(), sheet]),
    );
    return this.byName;
  }

  timeZone(): string {
    this.zone ??= spreadsheet().getSpreadsheetTimeZone();
    return this.zone;
  }

  /** The tab's last row with content (0 when there is no such tab). */
  lastRow(name: string): number {
    let row = this.lastRows.get(name);
    if (row === undefined) {
      row = this.find(name)?.getLastRow() ?? 0;
      this.lastRows.set(name, row);
    }
    return row;
  }

  /** This execution wrote to the tab, or wants it as it is now: its last row is asked again. */
  forget(name: string): void {
    this.lastRows.delete(name);
  }
}

/** Brings the sheet to the front; false when no sheet has that name. */
export function activateSheetNamed(name: string): boolean {
  const sheet = findSheet(name);
  if (!sheet) return false;
  sheet.activate();
  return true;
}

function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}

function hasContent(row: readonly unknown[]): boolean {
  for (const value of row) if (!isBlank(value)) return true;
  return false;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

type Obstacle = SheetTable['obstacle'];

interface FullRead {
  rows: Cell[][];
  height: number;
  obstacle: Obstacle;
}

/** Date cells come back as Dates; the many rows of one day share one formatted date. */
function dateFormatter(timeZone: string): (date: Date) => string {
  const formatted = new Map<number, string>();
  let lastTime = Number.NaN;
  let lastText = '';
  return (date) => {
    const time = date.getTime();
    if (time === lastTime) return lastText;
    let text = formatted.get(time);
    if (text === undefined) {
      text = Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
      formatted.set(time, text);
    }
    lastTime = time;
    lastText = text;
    return text;
  };
}

/**
 * The table at A1: from row 1 down to the first row that is empty in the table's columns. Reads lazily: the
 * header at once, the rest only as far as it is asked for.
 */
class TableReader implements SheetTable {
  private full?: FullRead;
  /** Every row from 2 to the sheet's last row has content in the table's columns: no gap, nothing below. */
  private solid?: boolean;
  /** What `keyRows` handed out: entry i is sheet row i + 2, shorter than the table (its key cells only). */
  private keyRowList?: Cell[][];

  constructor(
    private readonly sheet: GoogleAppsScript.Spreadsheet.Sheet,
    private readonly columns: readonly TableColumn[],
    private readonly lastRow: number,
    readonly header: string[],
    private readonly formatDate: (date: Date) => string,
    private readonly hourOf: (date: Date) => number,
  ) {}

  get rows(): Cell[][] {
    return this.read().rows;
  }

  get height(): number {
    if (this.full) return this.full.height;
    return this.isSolid() ? this.lastRow : this.read().height;
  }

  get obstacle(): Obstacle {
    if (this.full) return this.full.obstacle;
    return this.isSolid() ? undefined : this.read().obstacle;
  }

  /**
   * The whole table as one read already returned it (row 1 to the last row): nothing more is read, and its rows
   * serve as the key rows, so a write still leaves in place the leading rows that stay where they are.
   */
  prefill(values: unknown[][]): void {
    this.full = this.parse(values);
    this.keyRowList = this.full.rows;
  }

  keyRows(indexes: readonly number[]): Cell[][] {
    if (this.full || indexes.length === 0) return this.rows;
    const wanted = [...new Set(indexes)];
    const width = Math.max(...wanted) + 1;
    const values = width < this.columns.length ? this.probe(width) : undefined;
    if (!values) return this.rows;
    // The rows of values become the key rows in place (a 100,000-row table allocates nothing more).
    const convert = this.columns.slice(0, width).map((column, index) => (wanted.includes(index) ? column.type : null));
    const rows = values as Cell[][];
    for (const row of rows) {
      for (let index = 0; index < width; index++) {
        const type = convert[index];
        const value = row[index];
        // A number in a number column is already its cell (most key cells: hours, codes).
        if (type && type !== 'date' && typeof value === 'number') continue;
        row[index] = type ? fromSheetValue(value ?? null, type, this.formatDate, this.hourOf) : null;
      }
    }
    this.keyRowList = rows;
    return rows;
  }

  /** How many of `rows`, from the first, are the rows `keyRows` read at their own places. */
  rowsUnmoved(rows: readonly Cell[][]): number {
    const list = this.keyRowList;
    if (!list) return 0;
    let count = 0;
    while (count < rows.length && count < list.length && rows[count] === list[count]) count++;
    return count;
  }

  /** `rows` with every row `keyRows` read (its key cells only) completed from its sheet row. */
  complete(rows: readonly Cell[][]): readonly Cell[][] {
    const width = this.columns.length;
    if (!this.keyRowList || rows.every((row) => row.length >= width)) return rows;
    const sheetRowOf = new Map(this.keyRowList.map((row, offset) => [row, offset + 2]));
    const wanted = rows.flatMap((row) => sheetRowOf.get(row) ?? []);
    if (wanted.length === 0) return rows;
    // A loop, not Math.min(...): a re-sorted table may put 100,000 rows here.
    let first = wanted[0]!;
    let last = first;
    for (const sheetRow of wanted) {
      if (sheetRow < first) first = sheetRow;
      if (sheetRow > last) last = sheetRow;
    }
    const values = this.sheet.getRange(first, 1, last - first + 1, width).getValues();
    return rows.map((row) => {
      const sheetRow = sheetRowOf.get(row);
      if (sheetRow === undefined) return row;
      const raw = values[sheetRow - first]!;
      return this.columns.map((column, index) => fromSheetValue(raw[index], column.type, this.formatDate, this.hourOf));
    });
  }

  /** The first `width` columns of rows 2…last, if none of those rows is empty there (else the table has a gap). */
  private probe(width: number): unknown[][] | undefined {
    if (this.solid === false || this.lastRow < 2 || this.header.every((cell) => cell === '')) {
      this.solid = false;
      return undefined;
    }
    const values = this.sheet.getRange(2, 1, this.lastRow - 1, width).getValues();
    this.solid = values.every(hasContent);
    return this.solid ? values : undefined;
  }

  private isSolid(): boolean {
    if (this.solid === undefined) this.probe(1);
    return this.solid === true;
  }

  private read(): FullRead {
    if (this.full) return this.full;
    this.full = this.parse(this.sheet.getRange(1, 1, this.lastRow, this.columns.length).getValues());
    return this.full;
  }

  private parse(values: unknown[][]): FullRead {
    let height = values.findIndex((row) => row.every(isBlank));
    if (height === -1) height = values.length;
    const rows = values
      .slice(1, height)
      .map((row) =>
        this.columns.map((column, index) => fromSheetValue(row[index], column.type, this.formatDate, this.hourOf)),
      );
    let obstacle: Obstacle;
    for (let row = height; row < values.length && !obstacle; row++) {
      const column = values[row]!.findIndex((value) => !isBlank(value));
      if (column >= 0)
        obstacle = { row: row + 1, a1: `${columnLetters(column + 1)}${row + 1}`, value: String(values[row]![column]) };
    }
    return { rows, height, obstacle };
  }
}

/** A table this small is read whole in one call: its cells cost no more than a second read would (about 50 ms). */
const WHOLE_READ_CELLS = 5_000;

/** Reads the table: its columns, from row 1 down to the first row that is empty in those columns. */
export function readTable(
  sheetName: string,
  columns: readonly TableColumn[],
  book: SheetBook = new SheetBook(),
): SheetTable {
  const sheet = book.find(sheetName);
  if (!sheet) return { header: [], rows: [], height: 0 };
  const lastRow = book.lastRow(sheetName);
  if (lastRow === 0) return { header: [], rows: [], height: 0 };
  const whole = lastRow * columns.length <= WHOLE_READ_CELLS;
  const values = sheet.getRange(1, 1, whole ? lastRow : 1, columns.length).getValues();
  const header = values[0]!.map((value) => (isBlank(value) ? '' : String(value)));
  const timeZone = book.timeZone();
  const hourOf = (date: Date) => Number(Utilities.formatDate(date, timeZone, 'H'));
  const reader = new TableReader(sheet, columns, lastRow, header, dateFormatter(timeZone), hourOf);
  if (whole) reader.prefill(values);
  return reader;
}

/**
 * Sheet rows at the top that already hold what `rows` puts there: the header when unchanged, then the rows
 * `keyRows` read that stay at their places. 0 = write from row 1.
 */
function rowsInPlace(current: SheetTable, columns: readonly TableColumn[], rows: readonly Cell[][]): number {
  if (!(current instanceof TableReader) || !headersMatch(columns, current.header)) return 0;
  return 1 + current.rowsUnmoved(rows);
}

/** Cells of every tab but `except` (maxRows × maxColumns, what Sheets counts against its limit). */
function cellsInUse(book: SheetBook, except: GoogleAppsScript.Spreadsheet.Sheet | null): number {
  return book
    .sheets()
    .filter((sheet) => !except || sheet.getSheetId() !== except.getSheetId())
    .reduce((total, sheet) => total + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
}

/** A new tab's grid in Sheets: 1,000 rows × 26 columns. */
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;

/**
 * What one Sheets call costs, in format strings sent cell by cell: a call is about 100 ms, a format string in a
 * per-cell array about 50 µs of payload. A write sends its number formats the way that costs less: one
 * `setNumberFormats` with a string per cell, or one format per same-format group of columns (a few calls whatever
 * the row count; a year of Article Summary is 48,000 format strings).
 */
export const FORMAT_CELLS_PER_CALL = 2_000;

interface FormatRun {
  column: number;
  width: number;
  format: string;
}

/** Adjacent columns of the same number format, left to right (`column` is 1-based). */
function formatRuns(formatRow: readonly string[]): FormatRun[] {
  const runs: FormatRun[] = [];
  formatRow.forEach((format, index) => {
    const last = runs[runs.length - 1];
    if (last && last.format === format) last.width++;
    else runs.push({ column: index + 1, width: 1, format });
  });
  return runs;
}

interface FormatBlock {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

function a1Of(block: FormatBlock): string {
  const last = `${columnLetters(block.column + block.numColumns - 1)}${block.row + block.numRows - 1}`;
  return `${columnLetters(block.column)}${block.row}:${last}`;
}

/**
 * The formats of a write by group: the rightmost run of columns first, on its own (it spans the write's last row
 * and column, so it is the call that grows the grid), then one call per format for the other runs, the header row
 * (text) joining the text columns. Non-adjacent blocks of one format go in one `RangeList` call.
 */
function formatGroups(top: number, withHeader: boolean, bodyRows: number, formatRow: readonly string[]) {
  const runs = formatRuns(formatRow);
  const body = top + (withHeader ? 1 : 0);
  const blockOf = (run: FormatRun): FormatBlock => ({
    row: body,
    column: run.column,
    numRows: bodyRows,
    numColumns: run.width,
  });
  const last = runs[runs.length - 1]!;
  const groups = new Map<string, FormatBlock[]>();
  const add = (format: string, block: FormatBlock) => groups.set(format, [...(groups.get(format) ?? []), block]);
  for (const run of runs.slice(0, -1)) add(run.format, blockOf(run));
  if (withHeader) add('@', { row: top, column: 1, numRows: 1, numColumns: formatRow.length });
  return { first: { format: last.format, block: blockOf(last) }, rest: [...groups] };
}

/**
 * Number formats of the rows written from sheet row `top`: the header row as text (when written), then the body.
 * Formats go before values: a text cell must be text before Sheets parses what is written into it. The first call
 * reaches the write's last row and column, so it is the one that grows the grid (and the only one that can fail
 * on the cell limit, before anything else is written).
 */
function writeFormats(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  top: number,
  withHeader: boolean,
  bodyRows: number,
  formatRow: readonly string[],
): void {
  const width = formatRow.length;
  const headerRows = withHeader ? 1 : 0;
  const groups = bodyRows > 0 ? formatGroups(top, withHeader, bodyRows, formatRow) : undefined;
  if (!groups || (headerRows + bodyRows) * width <= groups.rest.length * FORMAT_CELLS_PER_CALL) {
    const formats: (readonly string[])[] = withHeader ? [formatRow.map(() => '@')] : [];
    for (let row = 0; row < bodyRows; row++) formats.push(formatRow);
    sheet.getRange(top, 1, formats.length, width).setNumberFormats(formats as string[][]);
    return;
  }
  const { block } = groups.first;
  sheet.getRange(block.row, block.column, block.numRows, block.numColumns).setNumberFormat(groups.first.format);
  for (const [format, blocks] of groups.rest) {
    const [only] = blocks;
    if (blocks.length === 1 && only) {
      sheet.getRange(only.row, only.column, only.numRows, only.numColumns).setNumberFormat(format);
    } else sheet.getRangeList(blocks.map(a1Of)).setNumberFormat(format);
  }
}

/**
 * Writes header + rows at A1 (and `note` on A1: when and by whom it was refreshed), clearing the table's own old
 * rows below them, and every cell of `previous` (the extent this DataSet wrote last time: a wider or longer table
 * of another report) the new table does not cover. Fails before touching the sheet when the table would grow over
 * the user's own content below it, or the spreadsheet would go over Sheets' cell limit.
 *
 * The grid's size is not asked up front: only a write that grows the grid can cross the limit, and Sheets refuses
 * such a write whole. The first write (the formats) is the one that grows it; when it fails, the cells of every tab
 * tell whether the limit was the cause, and a tab this write had just inserted is deleted again.
 */
export function writeTable(
  sheetName: string,
  columns: readonly TableColumn[],
  rows: readonly Cell[][],
  current: SheetTable,
  previous?: TableExtent,
  note?: string,
  book: SheetBook = new SheetBook(),
): TableExtent {
  const existing = book.find(sheetName);
  const height = rows.length + 1;
  const previousHeight = current.height;
  if (current.obstacle && height >= current.obstacle.row) {
    throw new SheetWriteError(
      say('table_blocked', {
        sheet: sheetName,
        height,
        cell: current.obstacle.a1,
        value: current.obstacle.value.slice(0, 40),
        column: columnLetters(columns.length),
      }),
    );
  }
  const writeHeight = Math.max(height, previousHeight);
  const width = columns.length;
  // The table's own header in row 1 spans its columns, so the grid has them.
  const ownHeader = existing !== null && current.header.length === width && headersMatch(columns, current.header);
  let maxColumns: number | undefined;
  const gridWidth = (sheet: GoogleAppsScript.Spreadsheet.Sheet): number => {
    maxColumns ??= sheet.getMaxColumns();
    return maxColumns;
  };
  const inPlace = existing ? rowsInPlace(current, columns, rows) : 0;
  const formatRow = columns.map((column) => NUMBER_FORMATS[column.type]);
  const blankRow: SheetValue[] = columns.map(() => '');
  const values: SheetValue[][] = inPlace === 0 ? [columns.map((column) => column.header)] : [];
  const toWrite = rows.slice(Math.max(0, inPlace - 1));
  for (const row of current instanceof TableReader ? current.complete(toWrite) : toWrite)
    values.push(columns.map((column, index) => toSheetValue(row[index] ?? null, column.type)));
  for (let index = height; index < writeHeight; index++) values.push(blankRow);

  let sheet = existing;
  try {
    sheet ??= spreadsheet().insertSheet(sheetName);
    if (values.length > 0)
      writeFormats(sheet, inPlace + 1, inPlace === 0, values.length - (inPlace === 0 ? 1 : 0), formatRow);
  } catch (error) {
    if (sheet && !existing) spreadsheet().deleteSheet(sheet);
    const gridRows = Math.max(existing ? existing.getMaxRows() : NEW_SHEET_ROWS, writeHeight);
    const gridColumns = Math.max(existing ? gridWidth(existing) : NEW_SHEET_COLUMNS, width);
    const total = cellsInUse(book, existing) + gridRows * gridColumns;
    if (total <= SPREADSHEET_CELL_LIMIT) throw error;
    throw new SheetWriteError(
      say('cell_limit', { rows: height, columns: width, total, limit: SPREADSHEET_CELL_LIMIT }),
    );
  }
  if (!existing) book.added(sheet);
  book.forget(sheetName);
  if (values.length > 0) sheet.getRange(inPlace + 1, 1, values.length, width).setValues(values);
  if (inPlace === 0) sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  // A new table's columns fit their headers (Sheets would keep 100 px); widths the user set later stay.
  if (!headersMatch(columns, current.header)) sheet.autoResizeColumns(1, width);
  // When, by whom and which dates: on the header's first cell, so it takes no cell of the table.
  if (note) sheet.getRange(1, 1).setNote(note);
  if (existing && previous) {
    // The grid's size matters only where the old table was longer or wider than the new one.
    const gridRows = previous.rows > writeHeight ? Math.max(existing.getMaxRows(), writeHeight) : writeHeight;
    const gridColumns = ownHeader && previous.columns <= width ? width : Math.max(gridWidth(existing), width);
    clearBeyond(sheet, { rows: writeHeight, columns: width }, previous, { rows: gridRows, columns: gridColumns });
  }
  // Freeze the header when it is written (a new tab has no frozen row); a user who froze more rows (or unfroze it
  // since) keeps their choice.
  if (inPlace === 0 && (!existing || sheet.getFrozenRows() === 0)) sheet.setFrozenRows(1);
  return { rows: height, columns: width };
}

/** Clears the cells of `previous` outside `written` (both anchored at A1): the columns right of it, the rows below. */
function clearBeyond(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  written: TableExtent,
  previous: TableExtent,
  grid: TableExtent,
): void {
  const lastRow = Math.min(previous.rows, grid.rows);
  const lastColumn = Math.min(previous.columns, grid.columns);
  if (lastColumn > written.columns && lastRow > 0)
    sheet.getRange(1, written.columns + 1, lastRow, lastColumn - written.columns).clear();
  const sharedColumns = Math.min(written.columns, lastColumn);
  if (lastRow > written.rows && sharedColumns > 0)
    sheet.getRange(written.rows + 1, 1, lastRow - written.rows, sharedColumns).clear();
}
