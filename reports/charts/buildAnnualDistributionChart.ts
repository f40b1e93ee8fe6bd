/**
 * The distribution of the horizon's total spend in both forecasts, drawn only
 * from the percentiles the Summary holds: a box from P25 to P75, whiskers from
 * P5 to P95 and ticks at P10, P50 and P90. No density is drawn because the
 * Summary keeps no more than those seven points of each distribution.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DistributionSummary, Summary } from '../../engine/summaryTypes.js';
import { formatMoney, formatPercent } from '../formatMoney.js';
import {
  CHART_CONFIG,
  CHART_WIDTH,
  MONEY_AXIS_LABEL,
  PER_TASK,
  PER_TOKEN,
  SERIES_COLOR_WITHOUT_LEGEND,
  horizonNameOf,
  oneTrialBudgetVerbOf,
} from './chartTheme.js';

const PERCENTILES = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;

type DistributionRow = Record<string, string | number>;

function toDistributionRow(series: string, distribution: DistributionSummary): DistributionRow {
  const row: DistributionRow = { series };
  for (const key of PERCENTILES) {
    row[key] = distribution[key];
    row[`${key}Label`] = formatMoney(distribution[key]);
  }
  return row;
}

function titleOf(summary: Summary): TopLevelSpec['title'] {
  const annual = summary.total.annual;
  // "$9.26k per task" would read as the price of one task: the figures are totals,
  // so the title names the forecast each comes from.
  const lead =
    `${horizonNameOf(summary.months)} spend P50: per-task forecast ` +
    `${formatMoney(annual.perTask.p50)} vs per-token forecast ${formatMoney(annual.perToken.p50)}`;
  // One trial's percentiles are all that trial: a box and whiskers would claim a spread.
  const shape =
    summary.scenario.trials === 1
      ? "Tick: the run's one trial, which is its every percentile, so no box or whiskers."
      : 'Box: P25–P75; whiskers: P5–P95; ticks at P10, P50 (thick) and P90.';
  if (summary.budget === null) {
    return { text: `${lead}; per-task P90 ${formatMoney(annual.perTask.p90)}`, subtitle: shape };
  }
  const budget = summary.budget;
  if (summary.scenario.trials === 1) {
    const verb = oneTrialBudgetVerbOf;
    return {
      text:
        `${lead}; the one trial ${verb(budget.exceedProbability)} ` + formatMoney(budget.amount),
      subtitle: [
        shape,
        `In the run's one trial, per-task spend ${verb(budget.exceedProbability)} the budget ` +
          `and per-token spend ${verb(budget.perTokenExceedProbability)} it; ` +
          'one trial gives no chance of exceeding it.',
      ],
    };
  }
  const error =
    budget.exceedProbabilityStandardError === null
      ? 'standard error not estimated'
      : `±${formatPercent(budget.exceedProbabilityStandardError)} standard error`;
  return {
    text:
      `${lead}; ${formatPercent(budget.exceedProbability)} chance of exceeding ` +
      `${formatMoney(budget.amount)}`,
    subtitle: [
      shape,
      `The budget of ${formatMoney(budget.amount)} is exceeded in ` +
        `${formatPercent(budget.exceedProbability)} of per-task trials ` +
        `(${error}) and ` +
        `${formatPercent(budget.perTokenExceedProbability)} of per-token trials.`,
    ],
  };
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** Pixels between a P50 tick and the near end of its value label. */
const LABEL_GAP = 6;

/** A P50 label's position encoding: the rows' x, y and colour channels. */
type LabelEncoding = Record<'x' | 'y' | 'color', object>;

/**
 * Each P50's value label, below its box. With a budget the label starts at
 * its tick and runs away from the budget: left of the tick when the budget is
 * at or right of P50, else right of it. The budget's rule passes through the
 * tick's x or beyond it, so it can never cross the label's text, however long.
 */
function p50LabelLayers(
  summary: Summary,
  rows: readonly DistributionRow[],
  encoding: LabelEncoding,
): Layer[] {
  const full = { ...encoding, text: { field: 'p50Label', type: 'nominal' } };
  const mark = { type: 'text', baseline: 'top', dy: 20, fontWeight: 'bold', fontSize: 12 } as const;
  const budget = summary.budget;
  if (budget === null) return [{ mark: { ...mark, align: 'center' }, encoding: full } as Layer];
  const sides = [
    {
      rows: rows.filter((row) => Number(row.p50) <= budget.amount),
      align: 'right',
      dx: -LABEL_GAP,
    },
    { rows: rows.filter((row) => Number(row.p50) > budget.amount), align: 'left', dx: LABEL_GAP },
  ];
  return sides
    .filter((side) => side.rows.length > 0)
    .map(
      (side) =>
        ({
          data: { values: side.rows },
          mark: { ...mark, align: side.align, dx: side.dx },
          encoding: full,
        }) as Layer,
    );
}

/**
 * The budget as a vertical rule, labelled at the top with the share of trials
 * above it. Drawn before the boxes, so that it passes behind them.
 */
function budgetLayers(summary: Summary): Layer[] {
  if (summary.budget === null) return [];
  const { amount, exceedProbability } = summary.budget;
  // One trial is above the budget or not: a share of "100%" would claim a certainty.
  const share =
    summary.scenario.trials === 1
      ? `the one trial ${exceedProbability > 0 ? 'above' : 'within'}`
      : `${formatPercent(exceedProbability)} of per-task trials above`;
  const label = `Budget ${formatMoney(amount)}: ${share}`;
  const data = { values: [{ amount, label }] };
  const x = { field: 'amount', type: 'quantitative' } as const;
  return [
    {
      data,
      mark: { type: 'rule', color: '#222', strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: { x },
    },
    {
      data,
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 0, fontSize: 12 },
      encoding: { x, text: { field: 'label' } },
    },
  ];
}

/** The annual distribution chart's Vega-Lite spec. Cost: two rows. */
export function buildAnnualDistributionChart(summary: Summary): TopLevelSpec {
  const rows = [
    toDistributionRow(PER_TASK, summary.total.annual.perTask),
    toDistributionRow(PER_TOKEN, summary.total.annual.perToken),
  ];
  const y = { field: 'series', type: 'nominal', title: null, sort: [PER_TASK, PER_TOKEN] } as const;
  const color = SERIES_COLOR_WITHOUT_LEGEND;
  const money = (field: string) =>
    ({
      field,
      type: 'quantitative',
      scale: { zero: true },
      axis: {
        labelExpr: MONEY_AXIS_LABEL,
        tickCount: 8,
        title: `${horizonNameOf(summary.months)} spend, all workloads`,
      },
    }) as const;
  const tooltip = [
    { field: 'series', title: 'Forecast' },
    ...PERCENTILES.map((key) => ({ field: `${key}Label`, title: key.toUpperCase() })),
  ];
  const tick = (field: string, size: number, thickness: number) =>
    ({
      mark: { type: 'tick', size, thickness },
      encoding: { x: money(field), y, color, tooltip },
    }) as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(summary),
    width: CHART_WIDTH,
    height: { step: 70 },
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      ...budgetLayers(summary),
      {
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: { x: money('p5'), x2: { field: 'p95' }, y, color, tooltip },
      },
      {
        mark: { type: 'bar', size: 26, opacity: 0.3 },
        encoding: { x: money('p25'), x2: { field: 'p75' }, y, color, tooltip },
      },
      tick('p10', 26, 2),
      tick('p90', 26, 2),
      tick('p50', 40, 4),
      // Below the box, so that the budget's label along the top never covers them.
      ...p50LabelLayers(summary, rows, { x: money('p50'), y, color }),
    ],
  };
}
