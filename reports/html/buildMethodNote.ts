/**
 * The method note at the foot of the report: how the numbers were made, in
 * words a finance reader can check, with what is needed to reproduce them.
 */
import { horizonWordOf } from '../charts/chartTheme.js';
import type { Summary } from '../../engine/summaryTypes.js';
import { describeCorrelations } from '../describeCorrelation.js';
import { formatMoney } from '../formatMoney.js';
import { escapeHtml } from './escapeHtml.js';

function perTokenMeaningOf(summary: Summary): string {
  const volume =
    summary.scenario.perTokenVolume === 'flat'
      ? 'with the token volume of the first month held flat'
      : 'with task volume growing as in the per-task forecast';
  return (
    "The per-token forecast is the usual budget: the first month's tokens per task, " +
    `priced along the same price curve, ${volume}.`
  );
}

const PER_TASK_MEANING =
  'The per-task forecast models each task instead: how many tasks ' +
  'each workload runs, how many tokens one task burns as agent loops deepen, context grows ' +
  'and verification passes are added, and what each token costs that month.';

function samplingSentenceOf(summary: Summary): string {
  const { trials, seed } = summary.scenario;
  const p50Error = summary.total.annual.perTask.p50StandardError;
  const trialsText =
    trials === 1
      ? 'the same single random trial'
      : `the same ${trials.toLocaleString('en-US')} random trials`;
  const error =
    p50Error === null
      ? 'The Monte Carlo standard error of the per-task P50 of the total spend is not ' +
        'estimated: too few trials'
      : 'The per-task P50 of the total spend has a Monte Carlo standard error of ' +
        formatMoney(p50Error);
  // One trial has no median and no middle 80%: its P10, P50 and P90 are that trial.
  const percentiles =
    trials === 1
      ? 'With one trial, its P10, P50 and P90 are that trial alone.'
      : 'P50 is the median trial; P10 to P90 holds the middle 80% of trials.';
  return (
    `Both forecasts run on ${trialsText} ` +
    `(seed ${seed}), so their gap is computed trial by trial. ${percentiles} ` +
    `${error}; rerunning with the same seed gives the same numbers.`
  );
}

function pricesSentenceOf(summary: Summary): string {
  const models = summary.prices.map((price) => `${price.model} as of ${price.asOf}`);
  const list = models.length === 0 ? 'none listed' : models.join(', ');
  return `Money is in ${summary.scenario.currency}. Prices used: ${list}.`;
}

/** Said only of a run large enough that per-workload monthly spend was sketched. */
function sketchSentenceOf(summary: Summary): string[] {
  const sketch = summary.workloadMonthlySketch;
  if (sketch === undefined) return [];
  const percent = (sketch.relativeError * 100).toFixed(1);
  const horizon = horizonWordOf(summary.months);
  return [
    "This run was too large to keep every workload's monthly spend trial by trial, so the " +
      "percentiles of each workload's monthly spend are read from quantile sketches, " +
      `each within ` +
      `${percent}% of the exact value (or a cent, near zero); totals, ${horizon} figures and ` +
      'means are exact.',
  ];
}

/** Said only of a scenario with `correlations:`: its draws are not all independent. */
function correlationSentenceOf(summary: Summary): string[] {
  const pairs = describeCorrelations(summary);
  if (pairs.length === 0) return [];
  return [
    'Inputs are drawn independently, except these, whose trials are paired to reach a rank ' +
      `correlation (Iman and Conover, 1982): ${pairs.join('; ')}.`,
  ];
}

/** The note as an HTML fragment. Cost: one entry per priced model. */
export function buildMethodNote(summary: Summary): string {
  const sentences = [
    perTokenMeaningOf(summary),
    PER_TASK_MEANING,
    samplingSentenceOf(summary),
    ...correlationSentenceOf(summary),
    ...sketchSentenceOf(summary),
    pricesSentenceOf(summary),
  ];
  return sentences.map((sentence) => `<p>${escapeHtml(sentence)}</p>`).join('\n');
}
