/** The printed table and the JSON report. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type BudgetFigures, budgetFigures } from './budget';
import { ADDON_BATCH_SIZE } from './minimum';
import { informationLines, modelledLines } from './targets';
import type { BenchReport, ScenarioResult } from './types';

const s = (ms: number) => (ms / 1000).toFixed(2);
const s3 = (ms: number) => (ms / 1000).toFixed(3);
const round = (value: number) => String(Math.round(value * 10) / 10);

function textTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function scenarioRow(scenario: ScenarioResult): string[] {
  const naive = scenario.naive;
  return [
    scenario.id,
    String(scenario.runs),
    String(scenario.rows),
    `${scenario.wechatCalls}/${scenario.minimumCalls}`,
    String(scenario.tokenCalls),
    s3(scenario.wallMs),
    scenario.idealMs > 0 ? s3(scenario.idealMs) : '-',
    scenario.idealMs > 0 ? (scenario.wallMs / scenario.idealMs).toFixed(2) : '-',
    scenario.formulaIdealMs > 0 ? s3(scenario.formulaIdealMs) : '-',
    naive ? s(naive.wallMs) : '-',
    naive ? `${(naive.wallMs / scenario.wallMs).toFixed(1)}×` : '-',
    round(scenario.rangeWritesPerRun),
    round(scenario.sheetsCallsPerRun),
    `${s(scenario.cpuMs - scenario.serviceCpuMs)}/${s(scenario.cpuMs)}`,
    round(scenario.memory.peakRssMb),
    round(scenario.memory.peakHeapUsedMb),
  ];
}

const HEADER = [
  'scenario',
  'runs',
  'rows',
  'calls/min',
  'token',
  'wall s',
  'ideal s',
  '×ideal',
  'calls÷c×lat s',
  'naive s',
  'vs naive',
  'writes/run',
  'sheets/run',
  'cpu s add-on/all',
  'peak RSS MB',
  'heap MB',
];

const LEGEND = [
  '  calls/min: datacube calls made / the minimum the spans allow for the dates the engine must fetch',
  '  ideal: calls ÷ concurrency × latency in whole fetchAll round trips (all calls of the scenario in one queue), after the token fetch',
  '  calls÷c×lat: the same as a bare fraction (no token, partial rounds), which no client can reach; naive: see Details',
  '  writes/run: Range.set*/clear* (and appendRow) per DataSet run; sheets/run: every Sheets service call per run',
  "  cpu: the add-on's own code / the whole process (all threads, the emulated services included) during the measured calls",
  '  peak RSS: the scenario process high-water mark (set-up included); heap: largest heapUsed between measured calls',
];

const SERVICE_HEADER = [
  'scenario',
  'runs',
  'service calls',
  'Properties',
  'P writes',
  'Sheets',
  'S writes',
  'Lock',
  'Cache',
  'round trips',
  'other',
  'cells read',
  'cells written',
];

function serviceRow(scenario: ScenarioResult): string[] {
  const { services } = scenario;
  return [
    scenario.id,
    String(scenario.runs),
    String(services.calls),
    String(services.byKind.properties),
    String(services.propertyWrites),
    String(services.byKind.sheets),
    String(services.sheetsWrites),
    String(services.locks),
    String(services.byKind.cache),
    String(services.rounds),
    String(services.byKind.other),
    String(services.cellsRead),
    String(services.cellsWritten),
  ];
}

const SERVICE_LEGEND = [
  '  service calls: calls that reach a Google server (store, lock and cache handles, Range handles, Utilities not counted);',
  '  Lock: acquisitions (tryLock/waitLock); round trips: UrlFetchApp.fetch/fetchAll; cells: of Sheets reads and writes.',
  '  Counts are exact: the same run gives the same figures on any machine, under any load.',
];

function meaning(budget: BudgetFigures | undefined): string[] {
  if (!budget) return [];
  const lines = [
    'What it means (modelled Apps Script time, the realistic cost profile):',
    `  a daily-refreshed DataSet costs ${s(budget.perDataSetMs)} s of trigger time; 24 idle ticks cost ${s(budget.idleTicksPerDayMs)} s a day;`,
    `  so about ${budget.consumerDataSets.toLocaleString('en-US')} daily DataSets fit in a consumer account's 90 trigger-minutes a day (${budget.workspaceDataSets.toLocaleString('en-US')} in Workspace's 6 hours).`,
  ];
  if (budget.backfillShareOfConsumerBudget !== undefined)
    lines.push(
      `  the year-long backfill of nine reports uses ${(budget.backfillShareOfConsumerBudget * 100).toFixed(1)}% of a consumer's daily trigger budget.`,
    );
  return lines;
}

export function formatReport(report: BenchReport): string {
  const latencyMs = Number(report.options.latencyMs);
  const targets = report.targets.map(
    (target) => `  ${target.pass ? 'PASS' : 'MISS'}  ${target.name}: ${target.measured} (target ${target.limit})`,
  );
  const details = report.scenarios.flatMap((scenario) => [
    `  ${scenario.id} — ${scenario.title}`,
    ...Object.entries(scenario.extra).map(([key, value]) => `      ${key}: ${value}`),
    `      where the service calls go: ${scenario.topCalls.map(([name, count]) => `${name} ${count}`).join(', ')}`,
    ...(scenario.naive
      ? [
          `      naive: ${scenario.naive.calls} sequential calls, ${scenario.naive.rows} appendRow, network alone ${s(scenario.naive.floorMs)} s`,
        ]
      : []),
  ]);
  const busiest = Math.max(report.loadAverage.start, report.loadAverage.end);
  const loadLine =
    busiest > report.cpus
      ? [
          `WARNING: load average ${report.loadAverage.start} → ${report.loadAverage.end} on ${report.cpus} CPUs: other processes competed for the CPUs, wall times are inflated. Run again on a quiet machine.`,
        ]
      : [];
  return [
    `WeChat Analytics benchmark — latency ${latencyMs} ms, fetchAll concurrency ${report.options.concurrency} (the add-on sends ${ADDON_BATCH_SIZE} per fetchAll), Node ${report.node}, ${report.cpus} CPUs, load ${report.loadAverage.start} → ${report.loadAverage.end}`,
    ...loadLine,
    '',
    'Service calls (the measured part of each scenario; what the targets judge):',
    textTable(SERVICE_HEADER, report.scenarios.map(serviceRow)),
    ...SERVICE_LEGEND,
    '',
    'Modelled Apps Script time (counts × the realistic cost profile, dev/gas/costs.ts; exact, judged):',
    ...modelledLines(report.scenarios).map((line) => `  ${line}`),
    '',
    `Times on this machine (information, not judged; load ${report.loadAverage.start} → ${report.loadAverage.end} on ${report.cpus} CPUs):`,
    textTable(HEADER, report.scenarios.map(scenarioRow)),
    ...LEGEND,
    ...informationLines(report.scenarios).map((line) => `  ${line}`),
    '',
    `dist/Code.js ${(report.sizes.codeJsBytes / 1000).toFixed(1)} KB, dist/sidebar.html ${(report.sizes.sidebarHtmlBytes / 1000).toFixed(1)} KB`,
    '',
    'Targets:',
    ...targets,
    '',
    ...meaning(budgetFigures(report.scenarios)),
    '',
    'Details:',
    ...details,
    '',
    `Finished in ${s(report.durationMs)} s.`,
  ].join('\n');
}

export function writeJson(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  const budget = budgetFigures(report.scenarios);
  writeFileSync(path, `${JSON.stringify({ ...report, ...(budget ? { budget } : {}) }, null, 2)}\n`);
}
