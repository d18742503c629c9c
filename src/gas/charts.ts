/**
 * Native Sheets charts through EmbeddedChartBuilder: a dashboard's charts inserted once, then updated in place
 * (modify → updateChart) on every refresh, so a sheet never collects a second set. Charts are told apart by the
 * id Sheets gives them (EmbeddedChart.getChartId, stable within the spreadsheet); the user's own charts on the
 * sheet are left alone.
 */
import type { ChartSpec } from '../table/dashboard';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

function configure(sheet: Sheet, builder: Builder, spec: ChartSpec): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  builder.setChartType(Charts.ChartType[spec.type]);
  for (const a1 of spec.ranges) builder.addRange(sheet.getRange(a1));
  builder.setNumHeaders(1).setPosition(spec.anchorRow, spec.anchorColumn, spec.offsetX, spec.offsetY);
  for (const [option, value] of Object.entries(spec.options)) builder.setOption(option, value);
  return builder.build();
}

/** Applies `specs` to the sheet's charts; returns chart key → chart id for the next refresh. */
export function syncCharts(
  sheet: Sheet,
  specs: readonly ChartSpec[],
  known: Readonly<Record<string, number>>,
): Record<string, number> {
  const existing = new Map<number, GoogleAppsScript.Spreadsheet.EmbeddedChart>();
  for (const chart of sheet.getCharts()) {
    const id = chart.getChartId();
    if (id !== null) existing.set(id, chart);
  }
  const before = new Set(existing.keys());
  const ids: Record<string, number> = {};
  const inserted: string[] = [];
  for (const spec of specs) {
    const id = known[spec.key];
    const current = id === undefined ? undefined : existing.get(id);
    if (current && id !== undefined) {
      sheet.updateChart(configure(sheet, current.modify().clearRanges(), spec));
      ids[spec.key] = id;
      existing.delete(id);
    } else {
      sheet.insertChart(configure(sheet, sheet.newChart(), spec));
      inserted.push(spec.key);
    }
  }
  // Charts of ours whose block now shows a message instead.
  for (const id of Object.values(known)) {
    const stale = existing.get(id);
    if (stale) sheet.removeChart(stale);
  }
  if (inserted.length > 0) {
    const fresh = sheet
      .getCharts()
      .map((chart) => chart.getChartId())
      .filter((id): id is number => id !== null && !before.has(id));
    inserted.forEach((key, index) => {
      const id = fresh[index];
      if (id !== undefined) ids[key] = id;
    });
  }
  return ids;
}
