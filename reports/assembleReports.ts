import type { Summary } from '../engine/summaryTypes.js';
import { buildCharts } from './buildCharts.js';
import { buildHtml, type EmbedScripts } from './buildHtml.js';
import { buildMonthlyCsv } from './buildMonthlyCsv.js';
import { renderSvg, type WarningHandler } from './renderSvg.js';

/**
 * Every output file of one scenario, by file name, built in memory so that the
 * CLI can write them all or none: report.html, summary.json, monthly.csv, and a
 * `.vl.json` spec and an `.svg` drawing per chart.
 */
export async function assembleReports(
  summary: Summary,
  scripts: EmbedScripts,
  onWarning?: WarningHandler,
): Promise<Map<string, string>> {
  const charts = buildCharts(summary);
  const files = new Map<string, string>();
  files.set('report.html', buildHtml(summary, charts, scripts));
  files.set('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  files.set('monthly.csv', buildMonthlyCsv(summary));
  for (const chart of charts) {
    files.set(`${chart.name}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    files.set(`${chart.name}.svg`, await renderSvg(chart.spec, onWarning));
  }
  return files;
}
