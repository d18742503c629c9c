/**
 * Rows of a run that spans several executions wait in a hidden sheet, one JSON row per cell (plain text, so
 * they come back exactly), until the run is complete and publishes them to the user's sheet in one write.
 */
import type { Cell } from '../table/types';
import { stagingSheetName } from './staging-name';

function sheetFor(dataSetId: string, create: boolean): GoogleAppsScript.Spreadsheet.Sheet | null {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const name = stagingSheetName(dataSetId);
  const existing = spreadsheet.getSheetByName(name);
  if (existing || !create) return existing;
  const sheet = spreadsheet.insertSheet(name);
  sheet.hideSheet();
  return sheet;
}

export function stageRows(dataSetId: string, rows: readonly Cell[][]): void {
  if (rows.length === 0) return;
  const sheet = sheetFor(dataSetId, true)!;
  const range = sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, 1);
  range.setNumberFormat('@');
  range.setValues(rows.map((row) => [JSON.stringify(row)]));
}

export function readStagedRows(dataSetId: string): Cell[][] {
  const sheet = sheetFor(dataSetId, false);
  if (!sheet || sheet.getLastRow() === 0) return [];
  return sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getValues()
    .map(([text]) => JSON.parse(String(text)) as Cell[]);
}

export function dropStaging(dataSetId: string): void {
  const sheet = sheetFor(dataSetId, false);
  if (sheet) SpreadsheetApp.getActiveSpreadsheet().deleteSheet(sheet);
}
