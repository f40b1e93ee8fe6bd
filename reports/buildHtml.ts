/**
 * The HTML report: one self-contained file that opens offline and prints
 * cleanly. Vega, Vega-Lite and vega-embed are inlined, each chart's spec sits
 * in a JSON script element, and a content security policy blocks every
 * network request, so a report forwarded by mail shows the same thing.
 */
import type { Assumption } from '../engine/describeAssumptions.js';
import type { ScheduledChange } from '../engine/describeScheduledChanges.js';
import type { Summary } from '../engine/summaryTypes.js';
import type { ChartSpec } from './buildCharts.js';
import {
  formatScheduledChange,
  SCHEDULED_CHANGES_NOTE,
  SCHEDULED_CHANGES_TITLE,
} from './formatScheduledChange.js';
import {
  CORRELATIONS_NOTE,
  CORRELATIONS_TITLE,
  describeCorrelations,
} from './describeCorrelation.js';
import { buildAssumptionsTable } from './html/buildAssumptionsTable.js';
import { buildDecisionSection } from './html/buildDecisionSection.js';
import { buildHeadline } from './html/buildHeadline.js';
import { buildMethodNote } from './html/buildMethodNote.js';
import { buildTaskCostTable } from './html/buildTaskCostTable.js';
import { buildWorkloadTable } from './html/buildWorkloadTable.js';
import { escapeHtml, escapeScriptText, serializeJsonForScript } from './html/escapeHtml.js';
import { REPORT_STYLES } from './html/reportStyles.js';

/** The minified browser builds to inline, read by loadEmbedScripts. */
export interface EmbedScripts {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

/*
 * Vega compiles its expressions with Function, hence 'unsafe-eval'; the
 * export menu draws PNGs from data: and blob: URLs. Nothing may be fetched.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; " +
  "style-src 'unsafe-inline'; img-src data: blob:";

/** Finds each chart's spec by its data-chart attribute and draws it as SVG. */
export const EMBED_CHARTS = `
for (const source of document.querySelectorAll('script[data-chart]')) {
  const target = document.getElementById('chart-' + source.dataset.chart);
  const options = {
    renderer: 'svg',
    actions: { export: true, source: false, compiled: false, editor: false },
  };
  vegaEmbed(target, JSON.parse(source.textContent), options).catch((error) => {
    target.textContent = 'This chart could not be drawn: ' + error.message;
  });
}
`;

export function chartSectionOf(chart: ChartSpec): string {
  const name = escapeHtml(chart.name);
  return (
    `<figure class="chart"><div id="chart-${name}"></div></figure>\n` +
    `<script type="application/json" data-chart="${name}">` +
    `${serializeJsonForScript(chart.spec)}</script>`
  );
}

function warningsSectionOf(summary: Summary): string {
  if (summary.warnings.length === 0) return '';
  const items = summary.warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`);
  return `<h2>Warnings</h2>\n<ul class="warnings">${items.join('')}</ul>`;
}

/** The migrations and planned changes the forecast follows, as a list under the assumptions. */
function scheduledChangesOf(changes: readonly ScheduledChange[]): string {
  if (changes.length === 0) return '';
  const items = changes.map((change) => `<li>${escapeHtml(formatScheduledChange(change))}</li>`);
  return (
    `<h3>${SCHEDULED_CHANGES_TITLE}</h3>\n` +
    `<p class="note">${escapeHtml(SCHEDULED_CHANGES_NOTE)}</p>\n` +
    `<ul class="changes">${items.join('')}</ul>`
  );
}

/** The scenario's correlated inputs, as a list under the assumptions. */
function correlationsOf(summary: Summary): string {
  const pairs = describeCorrelations(summary);
  if (pairs.length === 0) return '';
  const items = pairs.map((pair) => `<li>${escapeHtml(pair)}</li>`);
  return (
    `<h3>${CORRELATIONS_TITLE}</h3>\n` +
    `<p class="note">${escapeHtml(CORRELATIONS_NOTE)}</p>\n` +
    `<ul class="correlations">${items.join('')}</ul>`
  );
}

const inlineScript = (javascript: string): string =>
  `<script>${escapeScriptText(javascript)}</script>`;

function bodyOf(
  summary: Summary,
  charts: readonly ChartSpec[],
  assumptions: readonly Assumption[] | undefined,
  changes: readonly ScheduledChange[],
): string {
  const headline = buildHeadline(summary).map((s) => `<p>${escapeHtml(s)}</p>`);
  const correlated = correlationsOf(summary);
  return [
    `<h1>${escapeHtml(summary.scenario.name)}</h1>`,
    `<p class="description">${escapeHtml(summary.scenario.description)}</p>`,
    `<section class="headline">${headline.join('\n')}</section>`,
    warningsSectionOf(summary),
    '<h2>Charts</h2>',
    ...charts.map(chartSectionOf),
    '<h2>By workload</h2>',
    buildWorkloadTable(summary),
    '<h2>Single tasks</h2>',
    buildTaskCostTable(summary),
    '<h2>Decisions</h2>',
    buildDecisionSection(summary),
    assumptions === undefined && changes.length === 0 && correlated === ''
      ? ''
      : '<h2>Assumptions</h2>',
    assumptions === undefined ? '' : buildAssumptionsTable(assumptions),
    correlated,
    scheduledChangesOf(changes),
    '<h2>Method</h2>',
    `<section class="method">${buildMethodNote(summary)}</section>`,
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/**
 * Assembles the report page from a Summary, its chart specs, the three
 * library builds and, when given, the scenario's assumptions (a table after
 * the single tasks) and its scheduled changes (describeScheduledChanges).
 * Charts appear in the order given, so a new chart is one more entry in the
 * list. Pure: the caller reads the scripts
 * (loadEmbedScripts) and writes the file. Cost: linear in the inlined
 * scripts, about 0.8 MB.
 */
export function buildHtml(
  summary: Summary,
  charts: readonly ChartSpec[],
  scripts: EmbedScripts,
  assumptions?: readonly Assumption[],
  changes: readonly ScheduledChange[] = [],
): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`pertask: ${summary.scenario.name}`)}</title>`,
    `<style>${REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    bodyOf(summary, charts, assumptions, changes),
    inlineScript(scripts.vega),
    inlineScript(scripts.vegaLite),
    inlineScript(scripts.vegaEmbed),
    inlineScript(EMBED_CHARTS),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
