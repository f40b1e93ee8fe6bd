/**
 * Options compared trial by trial: for each pair, the distribution of the
 * difference in annual spend (first minus second) on common draws, drawn from
 * its percentiles: a box from P25 to P75, whiskers from P5 to P95, a tick at
 * P50, and a rule at zero. Left of zero the first option is the cheaper.
 */
import {
  cheaperCellOf,
  isSameInEveryTrial,
  ONE_TRIAL_CHEAPER_HEADING,
  secondCheaperShareOf,
} from '../cheaperShareOf.js';
import type { TopLevelSpec } from 'vega-lite';
import type { OptionPair, OptionsComparison } from '../../engine/summaryTypes.js';
import { formatPercent, formatSignedMoney } from '../formatMoney.js';
import { countOf } from '../../engine/countOf.js';
import {
  CHART_CONFIG,
  CHART_WIDTH,
  cheaperInOneTrialOf,
  MONEY_AXIS_LABEL,
  PER_TASK_COLOR,
} from './chartTheme.js';

/**
 * The pair one of whose options is the cheaper in the largest share of trials,
 * either way round; a pair that costs alike in every trial comes last.
 */
function clearestPair(pairs: readonly OptionPair[]): OptionPair {
  const certainty = (pair: OptionPair) =>
    Math.max(pair.probabilityFirstCheaper, secondCheaperShareOf(pair));
  return [...pairs].sort((a, b) => certainty(b) - certainty(a))[0]!;
}

/** The finding of the clearest pair: how often one costs less, or in one trial whether it did. */
function findingOf(comparison: OptionsComparison): string {
  const pair = clearestPair(comparison.pairs);
  const firstCheaper = pair.probabilityFirstCheaper >= 0.5;
  const [cheaper, dearer] = firstCheaper ? [pair.first, pair.second] : [pair.second, pair.first];
  const share = firstCheaper ? pair.probabilityFirstCheaper : secondCheaperShareOf(pair);
  const by = formatSignedMoney(firstCheaper ? -pair.difference.p50 : pair.difference.p50);
  if (isSameInEveryTrial(pair)) {
    return `${pair.first} and ${pair.second} cost the same in every trial`;
  }
  if (comparison.trials === 1) {
    return cheaperInOneTrialOf(pair) === null
      ? `${pair.first} and ${pair.second} cost the same in the run's one trial`
      : `${cheaper} costs less than ${dearer} in the run's one trial, by ${by.replace('+', '')}`;
  }
  return (
    `${cheaper} costs less than ${dearer} in ${formatPercent(share)} of trials, ` +
    `by ${by.replace('+', '')} at the median`
  );
}

function titleOf(comparison: OptionsComparison, horizon: string): TopLevelSpec['title'] {
  return {
    text: findingOf(comparison),
    subtitle: [
      `${horizon} per-task spend, first option minus second, trial by trial on common draws ` +
        `(${countOf(comparison.trials, 'trial')}).`,
      'Box: P25–P75; whiskers: P5–P95; tick: P50. ' +
        'Left of the zero line the first option is cheaper.',
    ],
  };
}

/** The paired-difference chart's Vega-Lite spec; undefined with fewer than two options. */
export function buildPairedDifferenceChart(
  comparison: OptionsComparison | undefined,
  horizon = 'Annual',
): TopLevelSpec | undefined {
  if (comparison === undefined || comparison.pairs.length === 0) return undefined;
  const rows = comparison.pairs.map((pair) => ({
    pair: `${pair.first} − ${pair.second}`,
    ...pair.difference,
    p50Label: formatSignedMoney(pair.difference.p50),
    p5Label: formatSignedMoney(pair.difference.p5),
    p95Label: formatSignedMoney(pair.difference.p95),
    cheaperLabel:
      comparison.trials === 1 ? (cheaperInOneTrialOf(pair) ?? 'neither') : cheaperCellOf(pair),
  }));
  const y = {
    field: 'pair',
    type: 'nominal',
    title: null,
    sort: null,
    axis: { labelLimit: 320 },
  } as const;
  const money = (field: string) =>
    ({
      field,
      type: 'quantitative',
      axis: { labelExpr: MONEY_AXIS_LABEL, title: `Difference in ${horizon.toLowerCase()} spend` },
    }) as const;
  const tooltip = [
    { field: 'pair', title: 'First − second' },
    { field: 'p50Label', title: 'P50' },
    { field: 'p5Label', title: 'P5' },
    { field: 'p95Label', title: 'P95' },
    {
      field: 'cheaperLabel',
      title: comparison.trials === 1 ? ONE_TRIAL_CHEAPER_HEADING : 'P(first cheaper)',
    },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(comparison, horizon),
    width: CHART_WIDTH,
    height: { step: 48 },
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rule', color: '#333' },
        encoding: { x: money('p5'), x2: { field: 'p95' }, y, tooltip },
      },
      {
        mark: { type: 'bar', size: 22, color: PER_TASK_COLOR, opacity: 0.8 },
        encoding: { x: money('p25'), x2: { field: 'p75' }, y, tooltip },
      },
      {
        mark: { type: 'tick', size: 30, thickness: 3, color: '#222' },
        encoding: { x: money('p50'), y, tooltip },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#333', strokeDash: [4, 3] },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}
