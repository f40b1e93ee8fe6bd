import { isGapPartNoise } from '../engine/gapOf.js';
import type { BudgetPlan, OptionPair, Summary } from '../engine/summaryTypes.js';
import { crossingSentenceOf, cumulativeLeadOf } from '../reports/charts/buildBudgetChart.js';
import { researchFirstSentenceOf } from '../reports/charts/buildTornadoChart.js';
import { cheaperInOneTrialOf, horizonSpanOf } from '../reports/charts/chartTheme.js';
import { formatMoney, formatSignedMoney } from '../reports/formatMoney.js';
import { NOISE_PART_TEXT } from '../reports/describeGapShares.js';
import { precisionSentenceOf } from '../reports/precisionSentenceOf.js';
import {
  cheaperShareOf,
  isSameInEveryTrial,
  secondCheaperShareOf,
} from '../reports/cheaperShareOf.js';

/**
 * The decision analyses in a few terminal lines: the gap by driver, the
 * budget plan, the options against the scenario as written, the inputs to
 * research first, and the precision reached when it was asked for.
 */
export function formatDecisionLines(summary: Summary): string[] {
  const lines: string[] = [];
  const parts = summary.gapAttribution;
  if (parts !== undefined && parts.length > 0) {
    // Largest first, as the report's table and headline order them. A part within float
    // noise of the spends is no finding, so it is named apart rather than stated as $0.
    const sorted = [...parts].sort((a, b) => Math.abs(b.mean) - Math.abs(a.mean));
    const noise = (mean: number) => isGapPartNoise(mean, summary.total.annual);
    const told = sorted
      .filter((part) => !noise(part.mean))
      .map((part) => `${part.label.toLowerCase()} ${formatSignedMoney(part.mean)}`);
    const untold = sorted.filter((part) => noise(part.mean)).map((p) => p.label.toLowerCase());
    const mean = formatSignedMoney(summary.total.annual.gap.mean);
    const rest = untold.length === 0 ? '' : `; ${NOISE_PART_TEXT}: ${untold.join(', ')}`;
    const list = told.length === 0 ? `every part ${NOISE_PART_TEXT}` : told.join(', ');
    const tail = told.length === 0 ? '' : rest;
    lines.push(`The mean gap of ${mean} by driver (Shapley parts): ${list}${tail}.`);
  }
  const plan = summary.budget?.plan;
  if (plan !== undefined) {
    const crossing = crossingSentenceOf(plan, cumulativeLeadOf(summary.scenario.trials, true));
    lines.push(`Budget plan: ${planOddsOf(plan)}; ${crossing}.`);
  }
  for (const pair of summary.options?.pairs.filter((p) => p.first === 'base') ?? []) {
    lines.push(optionLineOf(pair, summary));
  }
  const research = researchFirstSentenceOf(summary);
  if (research !== undefined) lines.push(research);
  const precision = precisionSentenceOf(summary);
  if (precision !== undefined) lines.push(precision);
  return lines;
}

/** The plan's overrun and the budgets that cover P80 and P90 of trials. */
function planOddsOf(plan: BudgetPlan): string {
  const { coversP80, coversP90 } = plan;
  // Null exactly at one trial (analyzeBudget), whose one figure covers no share of trials.
  if (coversP80 === null || coversP90 === null) {
    // One trial's P80 and P90 are that trial: no budget covers a share of trials.
    const overrun =
      plan.expectedOverrun > 0 ? `overrun ${formatMoney(plan.expectedOverrun)}` : 'no overrun';
    return `${overrun} in the run's one trial, which gives no budget that covers P80 or P90`;
  }
  return (
    `expected overrun ${formatMoney(plan.expectedOverrun)}; ` +
    `${formatMoney(coversP80)} covers P80, ${formatMoney(coversP90)} covers P90`
  );
}

/** What an option saves against the scenario as written, and how often it is the cheaper. */
function optionLineOf(pair: OptionPair, summary: Summary): string {
  // The pair is base minus option: above 0, the option saves.
  const median = pair.difference.p50;
  const effect =
    median >= 0 ? `saves ${formatMoney(median)}` : `costs ${formatMoney(-median)} more`;
  const span = horizonSpanOf(summary.months);
  if (summary.scenario.trials === 1) {
    // One draw: what it saved there, not a share of trials that would read as a certainty.
    const what =
      cheaperInOneTrialOf(pair) === null ? 'costs the same as the scenario' : `${effect} ${span}`;
    return (
      `Option ${pair.second} ${what} in the run's one trial (paired); one trial gives no ` +
      'share of trials in which it is the cheaper.'
    );
  }
  if (isSameInEveryTrial(pair)) {
    return `Option ${pair.second} costs the same as the scenario in every trial (paired).`;
  }
  const cheaper = secondCheaperShareOf(pair);
  return (
    `Option ${pair.second} ${effect} ${span} at P50 (paired) ` +
    `and is the cheaper ${cheaperShareOf(cheaper, pair.probabilityEqual)}.`
  );
}
