/**
 * The few plain sentences that open the report: what the horizon will cost in
 * each forecast, how far apart they are, and the budget's odds. Plain text,
 * so the CLI can print them as they are and the page escapes them.
 */
import { isGapNoise, isGapPartNoise } from '../../engine/gapOf.js';
import type { DistributionSummary, Summary } from '../../engine/summaryTypes.js';
import {
  indexGrowthOf,
  indexScopeOf,
  indexTrialsPhraseOf,
  NO_INDEX_SENTENCE,
} from '../charts/buildIndexChart.js';
import { oneTrialBudgetVerbOf } from '../charts/chartTheme.js';
import { formatMoney, formatPercent, formatRatio, formatSignedMoney } from '../formatMoney.js';

function horizonPhraseOf(summary: Summary): string {
  const first = summary.months[0] ?? '';
  const last = summary.months[summary.months.length - 1] ?? '';
  if (summary.months.length === 1) return `In ${first}, the horizon's one month`;
  return summary.months.length === 12
    ? `Over the year from ${first} to ${last}`
    : `Over the ${summary.months.length} months from ${first} to ${last}`;
}

/**
 * True when no trial can differ from another: no input of the scenario is
 * uncertain. Decided from the scenario, not from the trials' sd, which one
 * trial cannot estimate (an sd of 0 there says nothing about the inputs).
 */
function isCertain(summary: Summary): boolean {
  return !summary.scenario.uncertain;
}

/** True for a run of one trial of uncertain inputs: one draw, no spread to show. */
function isOneDraw(summary: Summary): boolean {
  return summary.scenario.uncertain && summary.scenario.trials === 1;
}

/** "$607k (P50) and $778k (P90)", or one figure where P50 and P90 print alike. */
function medianAndHighOf(distribution: DistributionSummary, tagged: boolean): string {
  const median = formatMoney(distribution.p50);
  const high = formatMoney(distribution.p90);
  if (median === high) return `${median} (P50 and P90 alike)`;
  return tagged ? `${median} (P50) and ${high} (P90)` : `${median} and ${high}`;
}

function spendSentenceOf(summary: Summary): string {
  const { perTask, perToken } = summary.total.annual;
  const frozen =
    summary.scenario.perTokenVolume === 'flat'
      ? "the first month's tokens per task and the first month's task volume"
      : "the first month's tokens per task";
  const opening = `${horizonPhraseOf(summary)}, the per-task forecast puts spend at `;
  const perTokenLead = `The per-token forecast, which keeps ${frozen}, puts it at `;
  const figures =
    `${opening}${formatMoney(perTask.p50)}. ` + `${perTokenLead}${formatMoney(perToken.p50)}.`;
  const trials = summary.scenario.trials;
  if (isCertain(summary)) {
    const every =
      trials === 1 ? 'its one trial gives' : `all ${trials.toLocaleString('en-US')} trials give`;
    return `${figures} No input of this scenario is uncertain, so ${every} these same figures.`;
  }
  if (isOneDraw(summary)) {
    return (
      `${figures} This run has one trial: these figures are one draw of the uncertain inputs, ` +
      'not a median, and their spread and standard errors are not estimated.'
    );
  }
  return (
    `${opening}${medianAndHighOf(perTask, true)}. ` +
    `${perTokenLead}${medianAndHighOf(perToken, false)}.`
  );
}

function gapSentenceOf(summary: Summary): string {
  const gap = summary.total.annual.gap;
  const direction = gap.p50 >= 0 ? 'higher' : 'lower';
  const size = formatMoney(Math.abs(gap.p50));
  // The engine's rule for noise: a gap it summarised is 0 already, this keeps any other.
  const { perTask, perToken } = summary.total.annual;
  const equal = isGapNoise(gap.p50, perTask.p50, perToken.p50);
  if (isCertain(summary)) {
    return equal
      ? 'The per-task and per-token forecasts are equal.'
      : `The per-task forecast is ${direction} by ${size}.`;
  }
  if (isOneDraw(summary)) {
    return equal
      ? 'In that trial the per-task and per-token forecasts are equal.'
      : `In that trial the per-task forecast is ${direction} by ${size}.`;
  }
  if (equal) {
    return (
      'Trial by trial, the per-task and per-token forecasts are equal at the median ' +
      `(P10 to P90 of the gap: ${formatMoney(gap.p10)} to ${formatMoney(gap.p90)}).`
    );
  }
  return (
    `Trial by trial, the per-task forecast is ${direction} by ${size} at the median ` +
    `(P10 to P90 of the gap: ${formatMoney(gap.p10)} to ${formatMoney(gap.p90)}).`
  );
}

/** How many drivers the headline names: a sentence, not a table. */
const DRIVERS_NAMED = 3;

/**
 * "Of the mean gap of +$38.9k, the largest parts are deeper loops (+$24.5k),
 * ...": the attribution splits the mean gap, not its median, so the sentence
 * names the mean it splits. From the gap's attribution when the Summary
 * carries one; null otherwise, since
 * without attribution the report does not guess at causes.
 */
export function driversSentenceOf(summary: Summary): string | null {
  const drivers = [...(summary.gapAttribution ?? [])]
    // A part within float noise of the spends (isGapPartNoise) is no finding: left out.
    .filter((driver) => !isGapPartNoise(driver.mean, summary.total.annual))
    .sort((a, b) => Math.abs(b.mean) - Math.abs(a.mean))
    .slice(0, DRIVERS_NAMED);
  if (drivers.length === 0) return null;
  const parts = drivers.map((d) => `${d.label.toLowerCase()} (${formatSignedMoney(d.mean)})`);
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const mean = formatSignedMoney(summary.total.annual.gap.mean);
  const lead = drivers.length === 1 ? 'the largest part is' : 'the largest parts are';
  return `Of the mean gap of ${mean}, ${lead} ${list}.`;
}

/**
 * How cost per task and per token move by the last month; null over one
 * month, where both are ×1 by definition.
 */
function indexSentenceOf(summary: Summary): string | null {
  if (summary.months.length === 1) return null;
  if (summary.index.costPerTask.length === 0) return NO_INDEX_SENTENCE;
  const last = summary.months[summary.months.length - 1] ?? '';
  const perTask = formatRatio(indexGrowthOf(summary.index.costPerTask));
  const perToken = formatRatio(indexGrowthOf(summary.index.costPerToken));
  return (
    `By ${last}, cost per task moves ${perTask} while cost per token moves ${perToken} ` +
    `(${indexScopeOf(summary)}; the median of the trials' own ratios to the first month` +
    `${indexTrialsPhraseOf(summary)}).`
  );
}

function budgetSentenceOf(summary: Summary): string | null {
  if (summary.budget === null) return null;
  const budget = summary.budget;
  if (summary.scenario.trials === 1) {
    const verb = (share: number) => `${oneTrialBudgetVerbOf(share)} it`;
    return (
      `Against the budget of ${formatMoney(budget.amount)}, per-task spend ` +
      `${verb(budget.exceedProbability)} in the run's one trial; per-token spend ` +
      `${verb(budget.perTokenExceedProbability)}. One trial gives no chance of exceeding it.`
    );
  }
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
    driversSentenceOf(summary),
    budgetSentenceOf(summary),
    indexSentenceOf(summary),
  ];
  return sentences.filter((sentence): sentence is string => sentence !== null);
}
