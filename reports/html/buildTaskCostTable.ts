/**
 * The single-task table of the HTML report: what one task of each workload
 * costs when tasks are drawn one by one (median and P95), and the share that
 * costs more than twice the first month's median, in the first and last month.
 * The forecast itself uses the expected cost of a task; this shows the spread
 * behind it, which an engineer sizing timeouts or alerts needs.
 */
import type { Summary, TaskCostSummary, WorkloadSummary } from '../../engine/summaryTypes.js';
import { runsNoTaskIn } from '../costPerTaskOf.js';
import { formatMoney, formatPercent } from '../formatMoney.js';
import { escapeHtml } from './escapeHtml.js';

const cell = (text: string): string => `<td>${escapeHtml(text)}</td>`;

/** A dash where the workload has no threshold: its first month's median task costs $0. */
const NO_THRESHOLD = '–';

/** What a month reads for a workload that runs no task in it. */
const NONE_RUN = 'none run';

function monthCells(month: TaskCostSummary, hasThreshold: boolean): string[] {
  const share = hasThreshold ? month.shareAboveThreshold : null;
  return [
    formatMoney(month.median),
    formatMoney(month.p95),
    share === null ? NO_THRESHOLD : formatPercent(share),
  ];
}

/**
 * A month's three cells, or one cell across them when the workload runs no
 * task that month (`tasks_per_month: 0`): tasks drawn for it would describe
 * tasks that never happen, as the terminal says ("none run") too.
 */
function monthCellsOf(
  workload: WorkloadSummary,
  which: 'first' | 'last',
  hasThreshold: boolean,
): string {
  if (runsNoTaskIn(workload, which)) {
    return `<td colspan="3">${escapeHtml(NONE_RUN)}</td>`;
  }
  return monthCells(workload.taskCost[which], hasThreshold).map(cell).join('');
}

const isIdleFirst = (workload: WorkloadSummary): boolean => runsNoTaskIn(workload, 'first');

function rowOf(workload: WorkloadSummary, oneMonth: boolean): string {
  const { threshold } = workload.taskCost;
  // Twice the median of a first month that runs no task is no threshold either.
  const idleFirst = isIdleFirst(workload);
  const hasThreshold = threshold !== null && !idleFirst;
  const thresholdCell = cell(hasThreshold ? formatMoney(threshold) : NO_THRESHOLD);
  const months =
    monthCellsOf(workload, 'first', hasThreshold) +
    (oneMonth ? '' : monthCellsOf(workload, 'last', hasThreshold));
  return `<tr><th scope="row">${escapeHtml(workload.name)}</th>${thresholdCell}${months}</tr>`;
}

/** Whether the workload runs no task in its first or its last month. */
function isIdleSomeMonth(workload: WorkloadSummary): boolean {
  return (['first', 'last'] as const).some((which) => runsNoTaskIn(workload, which));
}

/** The table as an HTML fragment, with a sentence saying how it was made. */
export function buildTaskCostTable(summary: Summary): string {
  const first = summary.workloads[0]?.taskCost.first;
  const last = summary.workloads[0]?.taskCost.last;
  if (first === undefined || last === undefined) return '';
  // Over one month the first and last month are one: its columns once, its median the base.
  const oneMonth = first.month === last.month;
  const columns = '<th>Median</th><th>P95</th><th>Share above threshold</th>';
  const header =
    '<thead><tr><th rowspan="2" scope="col">Workload</th>' +
    `<th rowspan="2" scope="col">Threshold (twice the ${oneMonth ? '' : 'first '}median)</th>` +
    `<th colspan="3">${escapeHtml(first.month)}</th>` +
    (oneMonth ? '' : `<th colspan="3">${escapeHtml(last.month)}</th>`) +
    `</tr><tr>${columns}${oneMonth ? '' : columns}</tr></thead>`;
  const note =
    `<p class="note">${first.tasks.toLocaleString('en-US')} tasks drawn one by one per ` +
    'workload and month, every uncertain input at its median, so without the ' +
    "scenario's uncertainty: how many calls each task makes and whether each step runs " +
    'vary from task to task. Half the tasks cost less than the median, one in twenty more ' +
    'than the P95. The cost per task above is the average task, which a few long tasks ' +
    'pull above the typical one.' +
    (summary.workloads.some((w) => w.taskCost.threshold === null && !isIdleFirst(w))
      ? ` A dash: the median task of ${escapeHtml(first.month)} costs $0 (its steps start ` +
        'later, or mostly do not run), so twice it is no threshold for expensive tasks.'
      : '') +
    (summary.workloads.some(isIdleSomeMonth)
      ? ' None run: the workload runs no task that month (tasks_per_month: 0), so no single ' +
        'task is shown for it, and when that is the first month its threshold is a dash.'
      : '') +
    '</p>';
  const rows = summary.workloads.map((workload) => rowOf(workload, oneMonth)).join('');
  return `<table class="tasks">${header}<tbody>${rows}</tbody></table>${note}`;
}
