/**
 * The charting library the playground draws a sheet's embedded charts with: Chart.js (canvas, well kept, line /
 * column / bar / stacked out of the box). Served to the playground page only; it is a devDependency and never
 * part of dist/ (the add-on's charts are native Sheets charts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHART_LIBRARY = '/vendor/chart.umd.min.js';

let cached: string | undefined;

export function chartLibrary(root: string): string {
  cached ??= readFileSync(join(root, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'), 'utf8');
  return cached;
}
