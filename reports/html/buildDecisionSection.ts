/**
 * The report's decision section, in tables beside the charts: the gap split by
 * driver, the budget plan by quarter, the options side by side, the inputs to
 * research first, and the Monte Carlo standard error of each headline figure.
 * Each part appears only when the Summary holds its figures.
 */
import {
  cheaperCellOf,
  ONE_TRIAL_CHEAPER_HEADING,
  ONE_TRIAL_PAIRS_LEAD,
  oneTrialCheaperCellOf,
} from '../cheaperShareOf.js';
import { countOf } from '../../engine/countOf.js';
import { isGapPartNoise } from '../../engine/gapOf.js';
import type {
  DistributionSummary,
  GapPart,
  OptionOutcome,
  Summary,
} from '../../engine/summaryTypes.js';
import { firstAndLastOf, horizonNameOf, horizonWordOf } from '../charts/chartTheme.js';
import {
  crossingSentenceOf,
  cumulativeLeadOf,
  oneTrialBudgetSentenceOf,
} from '../charts/buildBudgetChart.js';
import { researchFirstSentenceOf } from '../charts/buildTornadoChart.js';
import { formatMoney, formatPercent, formatSignedMoney } from '../formatMoney.js';
import { describeGapShares, NOISE_PART_TEXT } from '../describeGapShares.js';
import { spreadFiguresOf, spreadHeadingsOf } from '../spreadFiguresOf.js';
import { escapeHtml } from './escapeHtml.js';

const cell = (text: string): string => `<td>${escapeHtml(text)}</td>`;
const rowOf = (head: string, cells: readonly string[]): string =>
  `<tr><th scope="row">${escapeHtml(head)}</th>${cells.map(cell).join('')}</tr>`;
const headOf = (names: readonly string[]): string =>
  `<thead><tr>${names.map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('')}` +
  '</tr></thead>';
const tableOf = (names: readonly string[], rows: readonly string[], kind: string): string =>
  `<table class="${kind}">${headOf(names)}<tbody>${rows.join('')}</tbody></table>`;

function gapTableOf(summary: Summary): string {
  const parts = summary.gapAttribution;
  if (parts === undefined) return '';
  const gap = summary.total.annual.gap;
  // A part within float noise of the spends (isGapPartNoise) is no finding: its row says so
  // in place of figures, as the terminal does, and it takes no share.
  const noise = (part: GapPart) => isGapPartNoise(part.mean, summary.total.annual);
  const shares = describeGapShares(
    parts.filter((part) => !noise(part)),
    gap.mean,
  );
  // Over one trial a part's mean, P10 and P90 are one figure: it is given once.
  const attributionTrials = summary.gapAttributionTrials ?? summary.scenario.trials;
  const one = attributionTrials === 1;
  const rows = parts.map((part) => {
    if (noise(part)) return rowOf(part.label, [NOISE_PART_TEXT, ...(one ? [''] : ['', '', ''])]);
    const share = shares.shareOf(part);
    const spread = [part.p10, part.p90].map((p) => (p === undefined ? '' : formatSignedMoney(p)));
    return rowOf(part.label, [
      formatSignedMoney(part.mean),
      ...(one ? [] : spread),
      share === null ? '' : formatPercent(share),
    ]);
  });
  // The net gap is 100% of itself, but not of the parts' sizes when they pull both ways,
  // and a gap of $0 is no share at all: its parts have none either (describeGapShares).
  const gapShare = shares.basis === 'net' && gap.mean !== 0 ? '100%' : '';
  rows.push(
    rowOf('Gap, per-task minus per-token forecast', [
      formatSignedMoney(gap.mean),
      ...(one ? [] : ['', '']),
      gapShare,
    ]),
  );
  const bothWays =
    shares.basis === 'sizes'
      ? ' Some parts raise spend and others lower it, so each share is of the sum of the ' +
        "parts' sizes (signs ignored), not of the net gap, which would run past 100%."
      : '';
  const trials = countOf(attributionTrials, 'trial');
  const heading = one
    ? ['Driver', 'In the one trial', shares.heading.replace('mean gap', 'the gap')]
    : ['Driver', 'Mean', 'P10', 'P90', shares.heading];
  return (
    '<h3>The gap, driver by driver</h3>' +
    `<p>Shapley parts of the ${escapeHtml(horizonWordOf(summary.months))} gap ` +
    `over ${trials}; in every trial they sum to that trial's gap.` +
    `${escapeHtml(bothWays)}</p>` +
    tableOf(heading, rows, 'decision')
  );
}

function budgetTableOf(summary: Summary): string {
  const plan = summary.budget?.plan;
  if (summary.budget === null || plan === undefined) return '';
  const trials = summary.scenario.trials;
  const rows = plan.quarters.map((quarter) =>
    rowOf(quarter.quarter, spreadFiguresOf(quarter.perTask, trials).map(formatMoney)),
  );
  const crossing = `${crossingSentenceOf(plan, cumulativeLeadOf(summary.scenario.trials))}.`;
  const { coversP80, coversP90 } = plan;
  // Null exactly at one trial (analyzeBudget), whose one figure covers no share of trials.
  const odds =
    coversP80 === null || coversP90 === null
      ? `${oneTrialBudgetSentenceOf(summary.budget, plan)}.`
      : `Budget ${formatMoney(summary.budget.amount)}: exceeded in ` +
        `${formatPercent(summary.budget.exceedProbability)} of trials, expected overrun ` +
        `${formatMoney(plan.expectedOverrun)}. A budget of ${formatMoney(coversP80)} ` +
        `covers 80% of trials and ${formatMoney(coversP90)} covers 90%.`;
  return (
    '<h3>Budget</h3>' +
    `<p>${escapeHtml(`${odds} ${crossing}`)}</p>` +
    tableOf(['Quarter', ...spreadHeadingsOf(trials)], rows, 'decision')
  );
}

function optionsTableOf(summary: Summary): string {
  const comparison = summary.options;
  if (comparison === undefined) return '';
  // Over one month the first and last month are one: its cost once, not "$x → $x".
  const oneMonth = summary.months.length === 1;
  const costOf = (c: OptionOutcome['costPerTask'][number]) =>
    firstAndLastOf(summary.months, formatMoney(c.first), formatMoney(c.last)).join(' → ');
  // At one trial each spend is that trial's, in one column (spreadFiguresOf), and the pairs'
  // last column names the option cheaper in it, not a share of trials.
  const { trials } = comparison;
  const oneTrial = trials === 1;
  const rows = comparison.options.map((option) => {
    const costs = option.costPerTask.map((c) => `${c.workload} ${costOf(c)}`).join('; ');
    const spend = spreadFiguresOf(option.annual, trials).map(formatMoney);
    return rowOf(option.name, [option.description, ...spend, costs]);
  });
  const pairRows = comparison.pairs.map((pair) =>
    rowOf(`${pair.first} − ${pair.second}`, [
      ...spreadFiguresOf(pair.difference, trials).map(formatSignedMoney),
      oneTrial ? oneTrialCheaperCellOf(pair) : cheaperCellOf(pair),
    ]),
  );
  const [pairsLead, cheaperHead] = oneTrial
    ? [`${ONE_TRIAL_PAIRS_LEAD}:`, ONE_TRIAL_CHEAPER_HEADING]
    : ['Differences trial by trial, on common draws:', 'P(first cheaper)'];
  return (
    '<h3>Options</h3>' +
    tableOf(
      [
        'Option',
        'What changes',
        ...spreadHeadingsOf(trials),
        oneMonth
          ? `Cost per task, ${summary.months[0] ?? ''} (P50)`
          : 'Cost per task, first → last month (P50)',
      ],
      rows,
      'decision',
    ) +
    `<p>${escapeHtml(pairsLead)}</p>` +
    tableOf(['First − second', ...spreadHeadingsOf(trials), cheaperHead], pairRows, 'decision')
  );
}

function sensitivityOf(summary: Summary): string {
  const sentence = researchFirstSentenceOf(summary);
  if (sentence === undefined) return '';
  return `<h3>What to research first</h3><p>${escapeHtml(sentence)}</p>`;
}

type ErrorKey = (typeof FIGURES)[number][2];

/** Each figure and its standard error. */
const FIGURES = [
  ['Mean', 'mean', 'meanStandardError'],
  ['P5', 'p5', 'p5StandardError'],
  ['P10', 'p10', 'p10StandardError'],
  ['P25', 'p25', 'p25StandardError'],
  ['P50', 'p50', 'p50StandardError'],
  ['P75', 'p75', 'p75StandardError'],
  ['P90', 'p90', 'p90StandardError'],
  ['P95', 'p95', 'p95StandardError'],
] as const;

/** The precision note: what --precision asked and what it reached, or why it could not. */
function precisionNoteOf(summary: Summary): string {
  const precision = summary.precision;
  if (precision === undefined) return '';
  const asked = ` Asked: P90 stable to ${formatPercent(precision.target)}; `;
  if (precision.neededTrials !== undefined) {
    return (
      `${asked}the ceiling of ${precision.ceiling.toLocaleString('en-US')} trials is too few ` +
      `to estimate its error, which needs ${precision.neededTrials.toLocaleString('en-US')}.`
    );
  }
  const reached =
    precision.achieved === null ? 'its error is not estimated' : formatPercent(precision.achieved);
  return (
    `${asked}reached ${reached} with ` +
    `${precision.trials.toLocaleString('en-US')} trials` +
    (precision.met ? '.' : ` (the ceiling of ${precision.ceiling.toLocaleString('en-US')} trials).`)
  );
}

/** The Monte Carlo error section's sentence for a run of one trial, in place of its table. */
export const ONE_TRIAL_ERROR_SENTENCE =
  'One trial gives no Monte Carlo error: a standard error needs two trials or more, and ' +
  "a percentile's needs more on either side of it (11 for P90); run 1,000 trials or more " +
  'to read the figures with their errors.';

function precisionTableOf(summary: Summary): string {
  if (summary.scenario.trials === 1) {
    // Every figure of one trial is that trial, and none has an error to give.
    return (
      '<h3>Monte Carlo error</h3>' +
      `<p>${escapeHtml(ONE_TRIAL_ERROR_SENTENCE + precisionNoteOf(summary))}</p>`
    );
  }
  const { perTask, perToken, gap } = summary.total.annual;
  const forecasts = [perTask, perToken, gap];
  // With few trials a figure's error interval runs past the extreme trials: the engine
  // gives it no error (null), and such figures show no ±.
  const pair = (d: DistributionSummary, value: keyof DistributionSummary, error: ErrorKey) => {
    const se = d[error];
    return se === null || se === undefined
      ? formatMoney(d[value]!)
      : `${formatMoney(d[value]!)} ± ${formatMoney(se)}`;
  };
  const rows = FIGURES.map(([name, value, error]) =>
    rowOf(
      name,
      forecasts.map((d) => pair(d, value, error)),
    ),
  );
  const missing = FIGURES.some(([, , error]) => forecasts.some((d) => d[error] == null))
    ? ' A figure without ± has too few trials on either side to estimate its error.'
    : '';
  const note = `${missing}${precisionNoteOf(summary)}`;
  return (
    '<h3>Monte Carlo error</h3>' +
    `<p>${escapeHtml(
      `${horizonNameOf(summary.months)} spend with the standard error of each figure ` +
        `(${countOf(summary.scenario.trials, 'trial')}).${note}`,
    )}</p>` +
    tableOf(['Figure', 'Per-task forecast', 'Per-token forecast', 'Gap'], rows, 'decision')
  );
}

/** The section as an HTML fragment. Cost: a row per driver, quarter, option and figure. */
export function buildDecisionSection(summary: Summary): string {
  return [
    gapTableOf(summary),
    budgetTableOf(summary),
    optionsTableOf(summary),
    sensitivityOf(summary),
    precisionTableOf(summary),
  ]
    .filter((part) => part !== '')
    .join('\n');
}
