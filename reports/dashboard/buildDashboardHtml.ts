/**
 * The dashboard as one self-contained HTML page, like the forecast report: the
 * tables, the four charts drawn by the inlined Vega builds, no network.
 */
import { countOf } from '../../engine/countOf.js';
import type { Dashboard } from '../../engine/usage/buildDashboard.js';
import {
  chartSectionOf,
  CONTENT_SECURITY_POLICY,
  EMBED_CHARTS,
  type EmbedScripts,
} from '../buildHtml.js';
import { escapeHtml, escapeScriptText } from '../html/escapeHtml.js';
import { REPORT_STYLES } from '../html/reportStyles.js';
import { formatMoney } from '../formatMoney.js';
import { buildDashboardCharts } from './buildDashboardCharts.js';
import { buildDashboardNotes, buildDashboardTables, type TextTable } from './dashboardTables.js';

function tableHtml(table: TextTable): string {
  const head = table.header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const rows = table.rows.map(
    (row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`,
  );
  return (
    `<h2>${escapeHtml(table.title)}</h2>\n` +
    `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** The page. Pure: the caller reads the scripts and writes the file. */
export function buildDashboardHtml(
  dashboard: Dashboard,
  sources: readonly string[],
  scripts: EmbedScripts,
): string {
  const charts = buildDashboardCharts(dashboard).map(chartSectionOf);
  const notes = buildDashboardNotes(dashboard).map((note) => `<li>${escapeHtml(note)}</li>`);
  const script = (text: string) => `<script>${escapeScriptText(text)}</script>`;
  const range = `${dashboard.months[0] ?? '-'} to ${dashboard.months.at(-1) ?? '-'}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<title>pertask: usage dashboard</title>',
    `<style>${REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    '<h1>Usage dashboard</h1>',
    `<p class="description">${escapeHtml(
      `${formatMoney(dashboard.spendUsd)} from ${range} (months in ${dashboard.zone}), ` +
        `${countOf(dashboard.records, 'record')} from ${sources.join(', ')}.`,
    )}</p>`,
    ...charts,
    ...buildDashboardTables(dashboard).map(tableHtml),
    notes.length > 0 ? `<h2>Notes</h2>\n<ul>${notes.join('')}</ul>` : '',
    script(scripts.vega),
    script(scripts.vegaLite),
    script(scripts.vegaEmbed),
    script(EMBED_CHARTS),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
