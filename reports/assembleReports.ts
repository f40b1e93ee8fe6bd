import type { Assumption } from '../engine/describeAssumptions.js';
import type { ScheduledChange } from '../engine/describeScheduledChanges.js';
import type { Summary } from '../engine/summaryTypes.js';
import { buildCharts } from './buildCharts.js';
import { buildHtml, type EmbedScripts } from './buildHtml.js';
import { buildMarkdown } from './buildMarkdown.js';
import { buildMonthlyCsv } from './buildMonthlyCsv.js';
import { buildWorkbook } from './buildWorkbook.js';
import { ALL_REPORT_FORMATS, type ReportFormat } from './reportFormats.js';
import { renderPng } from './renderPng.js';
import { renderSvg, type WarningHandler } from './renderSvg.js';

export interface ReportRequest {
  readonly summary: Summary;
  readonly scripts: EmbedScripts;
  /** The scenario's inputs for the assumptions table (describeAssumptions). */
  readonly assumptions?: readonly Assumption[];
  /** The scenario's migrations and planned changes (describeScheduledChanges). */
  readonly changes?: readonly ScheduledChange[];
  /** Which outputs to build; all of them when absent. */
  readonly formats?: ReadonlySet<ReportFormat>;
  readonly onWarning?: WarningHandler;
}

/**
 * Every output file of one scenario, by file name, built in memory so that the
 * CLI can write them all or none: report.html, summary.json, monthly.csv,
 * summary.md, report.xlsx, and a `.vl.json` spec, an `.svg` drawing and a
 * `.png` picture per chart, each only when its format is asked for.
 */
export async function assembleReports(
  request: ReportRequest,
): Promise<Map<string, string | Uint8Array>> {
  const { summary, scripts, assumptions, onWarning } = request;
  const changes = request.changes ?? [];
  const formats = request.formats ?? new Set(ALL_REPORT_FORMATS);
  const charts = buildCharts(summary);
  const files = new Map<string, string | Uint8Array>();
  if (formats.has('html'))
    files.set('report.html', buildHtml(summary, charts, scripts, assumptions, changes));
  if (formats.has('json')) files.set('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  if (formats.has('csv')) files.set('monthly.csv', buildMonthlyCsv(summary));
  if (formats.has('md')) files.set('summary.md', buildMarkdown(summary, assumptions, changes));
  if (formats.has('xlsx')) {
    files.set('report.xlsx', await buildWorkbook(summary, assumptions, request.changes));
  }
  for (const chart of charts) {
    if (formats.has('vl')) {
      files.set(`${chart.name}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    }
    if (!formats.has('svg') && !formats.has('png')) continue;
    const svg = await renderSvg(chart.spec, onWarning);
    if (formats.has('svg')) files.set(`${chart.name}.svg`, svg);
    if (formats.has('png')) files.set(`${chart.name}.png`, renderPng(svg));
  }
  return files;
}
