import type { DistributionSummary, Summary, WorkloadSummary } from '../engine/summaryTypes.js';
import {
  formatChange,
  formatMoney,
  formatPercent,
  formatSignedMoney,
} from '../reports/formatMoney.js';
import { costPerTaskOf, costPerTaskTextOf, runsNoTaskIn } from '../reports/costPerTaskOf.js';
import { horizonWordOf, monthRangeOf, oneTrialBudgetVerbOf } from '../reports/charts/chartTheme.js';
import { formatDecisionLines } from './formatDecisionLines.js';
import {
  indexScopeOf,
  indexTrialsPhraseOf,
  NO_INDEX_SENTENCE,
} from '../reports/charts/buildIndexChart.js';
import { countOf } from '../engine/countOf.js';
import { gapHeadingOf, spreadFiguresOf, spreadHeadingsOf } from '../reports/spreadFiguresOf.js';

/**
 * The run's summary for the terminal: per workload and in total, annual P10,
 * P50 and P90 of both forecasts (at one trial, that trial's spend) and the
 * paired gap, cost per task in the first and last month, and the chance of
 * exceeding the budget.
 */
export function formatRunSummary(summary: Summary): string {
  const { scenario } = summary;
  const lines = [
    `${scenario.name}: ${monthRangeOf(summary.months)}, ` +
      `${countOf(scenario.trials, 'trial')}, ` +
      `seed ${scenario.seed}`,
    '',
  ];
  const trials = scenario.trials;
  const header = [
    `${horizonWordOf(scenario.months)} spend`,
    ...spreadHeadingsOf(trials, 'per-task forecast'),
    ...spreadHeadingsOf(trials, 'per-token forecast'),
    gapHeadingOf(trials, 'gap'),
  ];
  const rows = summary.workloads.map((workload) =>
    spendRow(workload.name, workload.annual, trials),
  );
  rows.push(spendRow('total', summary.total.annual, trials));
  lines.push(...alignColumns([header, ...rows]));
  lines.push('');
  lines.push(...costTableOf(summary));
  lines.push('');
  for (const workload of summary.workloads) lines.push(taskCostLine(workload));
  lines.push('');
  // One month has nothing to compare its costs with: no index line.
  if (summary.months.length > 1) lines.push(indexLine(summary));
  if (summary.budget !== null) {
    const { amount, exceedProbability, perTokenExceedProbability } = summary.budget;
    const verb = (share: number) => `${oneTrialBudgetVerbOf(share)} it`;
    if (scenario.trials === 1) {
      lines.push(
        `Budget ${formatMoney(amount)}: in the one trial the per-task forecast ` +
          `${verb(exceedProbability)} (per-token forecast: ${verb(perTokenExceedProbability)}).`,
      );
    } else
      lines.push(
        `Budget ${formatMoney(amount)}: ${formatPercent(exceedProbability)} chance the per-task ` +
          `forecast exceeds it (per-token forecast: ${formatPercent(perTokenExceedProbability)}).`,
      );
  }
  const decisions = formatDecisionLines(summary);
  if (decisions.length > 0) lines.push('', ...decisions);
  return `${lines.join('\n')}\n`;
}

function spendRow(
  name: string,
  annual: { perTask: DistributionSummary; perToken: DistributionSummary; gap: DistributionSummary },
  trials: number,
): string[] {
  return [
    name,
    ...spreadFiguresOf(annual.perTask, trials).map((usd) => formatMoney(usd)),
    ...spreadFiguresOf(annual.perToken, trials).map((usd) => formatMoney(usd)),
    formatSignedMoney(annual.gap.p50),
  ];
}

/**
 * Cost per task in the first and last month and the change between them; one
 * column, and no change, over a horizon of one month.
 */
function costTableOf(summary: Summary): string[] {
  const first = summary.months[0] ?? summary.scenario.start;
  const last = summary.months[summary.months.length - 1] ?? first;
  if (first === last) {
    const rows = summary.workloads.map((w) => [w.name, costPerTaskTextOf(w, 'first', formatMoney)]);
    return alignColumns([['cost per task (P50)', first], ...rows]);
  }
  const costRows = summary.workloads.map((workload) => {
    const [start, final] = [costPerTaskOf(workload, 'first'), costPerTaskOf(workload, 'last')];
    // A month without tasks has no cost per task to compare.
    const change =
      typeof start === 'number' && typeof final === 'number'
        ? costChangeOf(start, final)
        : NO_CHANGE;
    const [startText, finalText] = (['first', 'last'] as const).map((which) =>
      costPerTaskTextOf(workload, which, formatMoney),
    );
    return [workload.name, startText!, finalText!, change];
  });
  const header = ['cost per task (P50)', first, last, 'change of P50s'];
  const notes = [...newCostNotesOf(summary), ...noCostNotesOf(summary, first, last)];
  return [...alignColumns([header, ...costRows]), ...notes];
}

/**
 * The change between two P50s of cost per task: a percentage from a cost above
 * $0, "new" from $0 to a cost, and a dash (as the reports show) from $0 to $0,
 * which has no percentage either way (0 / 0).
 */
function costChangeOf(start: number, final: number): string {
  if (start > 0) return changeOf(start, final);
  return final === 0 ? NO_CHANGE : 'new';
}

/** What the cost table shows for a workload that costs $0 at P50 in both months. */
const NO_CHANGE = '–';

/** A note under the cost table for each workload marked with the dash. */
function noCostNotesOf(summary: Summary, first: string, last: string): string[] {
  return summary.workloads.flatMap((workload) => {
    const [none, noneLast] = [runsNoTaskIn(workload, 'first'), runsNoTaskIn(workload, 'last')];
    if (none || noneLast) {
      const months = none && noneLast ? `${first} or ${last}` : none ? first : last;
      return [`${NO_CHANGE}: ${workload.name} runs no task in ${months}, so no change to give.`];
    }
    if (workload.costPerTaskFirst.p50 > 0 || workload.costPerTaskLast.p50 !== 0) return [];
    return [
      `${NO_CHANGE}: tasks of ${workload.name} cost $0 at P50 in both ${first} and ${last}, ` +
        'so there is no change to give.',
    ];
  });
}

/**
 * A note under the cost table for each workload marked "new": a change from a
 * first-month cost of $0 has no percentage, so the note says when costs begin.
 */
function newCostNotesOf(summary: Summary): string[] {
  return summary.workloads
    .filter((w) => !(w.costPerTaskFirst.p50 > 0) && w.costPerTaskLast.p50 !== 0)
    .map((workload) => {
      const start = workload.months.find((month) => month.costPerTask > 0)?.month;
      const since = start === undefined ? '' : ` and first cost something in ${start}`;
      return (
        `new: tasks of ${workload.name} cost $0 at P50 in ${summary.months[0]}${since}; ` +
        'a change from $0 has no percentage.'
      );
    });
}

/** What single tasks cost in the last month, beside the expected cost above. */
function taskCostLine(workload: WorkloadSummary): string {
  const { threshold, first, last } = workload.taskCost;
  // Single tasks drawn for a month that runs none would describe tasks that never happen.
  if (runsNoTaskIn(workload, 'last')) {
    return `Single tasks of ${workload.name}: none run in ${last.month}.`;
  }
  const lead =
    `Single tasks of ${workload.name} in ${last.month}: median ${formatMoney(last.median)}, ` +
    `P95 ${formatMoney(last.p95)}`;
  if (threshold === null || last.shareAboveThreshold === null) {
    return `${lead}; no threshold for expensive tasks, as the ${first.month} median is $0.`;
  }
  // Over one month the line is already about that month's median.
  const median = first.month === last.month ? 'that median' : `the ${first.month} median`;
  return (
    `${lead}; ${formatPercent(last.shareAboveThreshold)} cost more than ` +
    `${formatMoney(threshold)} (twice ${median}).`
  );
}

function indexLine(summary: Summary): string {
  const tokenIndex = summary.index.costPerToken[summary.index.costPerToken.length - 1];
  const taskIndex = summary.index.costPerTask[summary.index.costPerTask.length - 1];
  if (tokenIndex === undefined || taskIndex === undefined) return NO_INDEX_SENTENCE;
  // The median of the trials' own changes, which need not equal the change of the two
  // months' P50s in the table above: each trial's ratio first, then the middle one.
  return (
    `By ${tokenIndex.month}, against ${summary.months[0]}, cost per token changes by ` +
    `${changeOf(1, tokenIndex.p50)} and cost per task by ${changeOf(1, taskIndex.p50)} ` +
    `(${indexScopeOf(summary)}; the median of the trials' own changes, where the table ` +
    'compares P50s' +
    `${indexTrialsPhraseOf(summary)}).`
  );
}

function changeOf(from: number, to: number): string {
  return formatChange(to / from - 1);
}

/** Pads columns to a common width: the first left-aligned, the rest right-aligned. */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) => (index === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[index]!)))
      .join('  ')
      .trimEnd(),
  );
}
