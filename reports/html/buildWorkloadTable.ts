/**
 * The per-workload table of the HTML report: the horizon's spend in both
 * forecasts, then what one task costs and how many tokens it burns in the
 * first and last month, which is where the two forecasts part.
 */
import type { DistributionSummary, Summary, WorkloadSummary } from '../../engine/summaryTypes.js';
import { costPerTaskTextOf } from '../costPerTaskOf.js';
import { formatCount, formatMoney } from '../formatMoney.js';
import { firstAndLastOf, horizonNameOf } from '../charts/chartTheme.js';
import { spreadFiguresOf, spreadHeadingsOf } from '../spreadFiguresOf.js';
import { escapeHtml } from './escapeHtml.js';

/** A spend's P10, P50 and P90, or at one trial that trial's spend (spreadFiguresOf). */
const spreadCells = (distribution: DistributionSummary, trials: number): string[] =>
  spreadFiguresOf(distribution, trials).map((usd) => formatMoney(usd));

const cell = (text: string): string => `<td>${escapeHtml(text)}</td>`;

function workloadRowOf(workload: WorkloadSummary, summary: Summary): string {
  const { months, scenario } = summary;
  const first = workload.months[0];
  const last = workload.months[workload.months.length - 1];
  const count = (month: number | undefined) => (month === undefined ? '' : formatCount(month));
  const monthCells = (start: string, end: string) => firstAndLastOf(months, start, end);
  const cells = [
    ...spreadCells(workload.annual.perTask, scenario.trials),
    ...spreadCells(workload.annual.perToken, scenario.trials),
    ...monthCells(
      costPerTaskTextOf(workload, 'first', formatMoney),
      costPerTaskTextOf(workload, 'last', formatMoney),
    ),
    ...monthCells(count(first?.tokensPerTask), count(last?.tokensPerTask)),
    ...monthCells(count(first?.tasks), count(last?.tasks)),
  ];
  return `<tr><th scope="row">${escapeHtml(workload.name)}</th>${cells.map(cell).join('')}</tr>`;
}

function totalRowOf(summary: Summary, oneMonth: boolean): string {
  const cells = [
    ...spreadCells(summary.total.annual.perTask, summary.scenario.trials),
    ...spreadCells(summary.total.annual.perToken, summary.scenario.trials),
  ];
  // Cost and tokens per task of the whole are a mix of workloads, left to the index chart;
  // tasks of different workloads are different things and are not added up.
  return (
    `<tr class="total"><th scope="row">All workloads</th>${cells.map(cell).join('')}` +
    `${'<td></td>'.repeat(oneMonth ? 3 : 6)}</tr>`
  );
}

/**
 * Two header rows. Cost per task is a distribution over trials, so it shows
 * its median; tokens per task is kept only as a mean over trials, so it shows
 * that. Each header names its statistic, and both name the same two months.
 */
function headerOf(summary: Summary, oneMonth: boolean): string {
  const horizon = escapeHtml(horizonNameOf(summary.months));
  const first = escapeHtml(summary.months[0] ?? '');
  const last = escapeHtml(summary.months[summary.months.length - 1] ?? '');
  const headings = spreadHeadingsOf(summary.scenario.trials);
  const spread = headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join('');
  const spendSpan = headings.length;
  // Over one month, first and last are the same month: named once, not twice.
  const months = oneMonth
    ? `<th>${first}</th>`
    : `<th>First month<br>${first}</th><th>Last month<br>${last}</th>`;
  const span = oneMonth ? 1 : 2;
  return (
    '<thead><tr><th rowspan="2" scope="col">Workload</th>' +
    `<th colspan="${spendSpan}" class="per-task">${horizon} spend, per-task forecast</th>` +
    `<th colspan="${spendSpan}" class="per-token">${horizon} spend, per-token forecast</th>` +
    `<th colspan="${span}">Cost per task, P50 of trials</th>` +
    `<th colspan="${span}">Tokens per task, mean of trials</th>` +
    `<th colspan="${span}">Tasks per month, mean of trials</th></tr>` +
    `<tr>${spread}${spread}${months}${months}${months}</tr></thead>`
  );
}

/** The table as an HTML fragment. Cost: one row per workload. */
export function buildWorkloadTable(summary: Summary): string {
  const oneMonth = summary.months.length === 1;
  const rows = [
    ...summary.workloads.map((workload) => workloadRowOf(workload, summary)),
    totalRowOf(summary, oneMonth),
  ];
  const header = headerOf(summary, oneMonth);
  return `<table class="workloads">${header}<tbody>${rows.join('')}</tbody></table>`;
}
