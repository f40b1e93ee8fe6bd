/**
 * The few plain sentences that open the report: what the horizon will cost in
 * each forecast, how far apart they are, and the budget's odds. Plain text,
 * so the CLI can print them as they are and the page escapes them.
 */
import type { Summary } from '../../engine/summaryTypes.js';
import { indexGrowthOf } from '../charts/buildIndexChart.js';
import { formatMoney, formatPercent, formatRatio } from '../formatMoney.js';

function horizonPhraseOf(summary: Summary): string {
  const first = summary.months[0] ?? '';
  const last = summary.months[summary.months.length - 1] ?? '';
  return summary.months.length === 12
    ? `Over the year from ${first} to ${last}`
    : `Over the ${summary.months.length} months from ${first} to ${last}`;
}

function spendSentenceOf(summary: Summary): string {
  const { perTask, perToken } = summary.total.annual;
  const frozen =
    summary.scenario.perTokenVolume === 'flat'
      ? "today's tokens per task and today's task volume"
      : "today's tokens per task";
  return (
    `${horizonPhraseOf(summary)}, the per-task forecast puts spend at ` +
    `${formatMoney(perTask.p50)} (P50) and ${formatMoney(perTask.p90)} (P90). ` +
    `The per-token forecast, which keeps ${frozen}, puts it at ` +
    `${formatMoney(perToken.p50)} and ${formatMoney(perToken.p90)}.`
  );
}

function gapSentenceOf(summary: Summary): string {
  const gap = summary.total.annual.gap;
  const direction = gap.p50 >= 0 ? 'higher' : 'lower';
  return (
    `Trial by trial, the per-task forecast is ${direction} by ` +
    `${formatMoney(Math.abs(gap.p50))} at the median (P10 to P90 of the gap: ` +
    `${formatMoney(gap.p10)} to ${formatMoney(gap.p90)}).`
  );
}

function indexSentenceOf(summary: Summary): string {
  const last = summary.months[summary.months.length - 1] ?? '';
  const perTask = formatRatio(indexGrowthOf(summary.index.costPerTask));
  const perToken = formatRatio(indexGrowthOf(summary.index.costPerToken));
  return (
    `By ${last}, cost per task moves ${perTask} while cost per token moves ${perToken} ` +
    '(P50, first month = 1).'
  );
}

function budgetSentenceOf(summary: Summary): string | null {
  if (summary.budget === null) return null;
  const budget = summary.budget;
  return (
    `Against the budget of ${formatMoney(budget.amount)}, per-task spend exceeds it in ` +
    `${formatPercent(budget.exceedProbability)} of trials; the per-token forecast would ` +
    `exceed it in ${formatPercent(budget.perTokenExceedProbability)}.`
  );
}

/**
 * The report's opening sentences, numbers computed from the Summary.
 * Cost: constant.
 */
export function buildHeadline(summary: Summary): string[] {
  const sentences = [
    spendSentenceOf(summary),
    gapSentenceOf(summary),
    budgetSentenceOf(summary),
    indexSentenceOf(summary),
  ];
  return sentences.filter((sentence): sentence is string => sentence !== null);
}
