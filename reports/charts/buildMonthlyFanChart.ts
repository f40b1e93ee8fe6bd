/**
 * Monthly spend of all workloads as a fan: the per-task forecast's P10–P90
 * band and P50 line, with the per-token forecast's P50 line for comparison.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../engine/summaryTypes.js';
import { formatMoney, formatRatio } from '../formatMoney.js';
import {
  CHART_CONFIG,
  CHART_HEIGHT,
  CHART_WIDTH,
  MONEY_AXIS_LABEL,
  MONTH_TOOLTIP,
  MONTH_X,
  PER_TASK,
  PER_TASK_COLOR,
  PER_TOKEN,
  SERIES_COLOR_SCALE,
  SERIES_DASH_SCALE,
  lastMonthOf,
} from './chartTheme.js';

interface FanRow {
  readonly month: string;
  readonly perTaskP10: number;
  readonly perTaskP50: number;
  readonly perTaskP90: number;
  readonly perTokenP50: number;
  readonly perTaskP10Label: string;
  readonly perTaskP50Label: string;
  readonly perTaskP90Label: string;
  readonly perTokenP50Label: string;
}

function toFanRows(summary: Summary): FanRow[] {
  return summary.total.monthly.map((triple, monthIndex) => ({
    month: summary.months[monthIndex] ?? '',
    perTaskP10: triple.perTask.p10,
    perTaskP50: triple.perTask.p50,
    perTaskP90: triple.perTask.p90,
    perTokenP50: triple.perToken.p50,
    perTaskP10Label: formatMoney(triple.perTask.p10),
    perTaskP50Label: formatMoney(triple.perTask.p50),
    perTaskP90Label: formatMoney(triple.perTask.p90),
    perTokenP50Label: formatMoney(triple.perToken.p50),
  }));
}

/** Both P50 lines in long form, one row per month and series, each with every tooltip label. */
function toLineRows(rows: readonly FanRow[]): (FanRow & { series: string; p50: number })[] {
  return rows.flatMap((row) => [
    { ...row, series: PER_TASK, p50: row.perTaskP50 },
    { ...row, series: PER_TOKEN, p50: row.perTokenP50 },
  ]);
}

function titleOf(summary: Summary, rows: readonly FanRow[]): TopLevelSpec['title'] {
  const last = rows[rows.length - 1];
  if (last === undefined) throw new RangeError('a monthly fan needs at least one month');
  // A per-token forecast of nothing (every workload starts later) has no ratio to state.
  const ratio = last.perTokenP50 > 0 ? `, ${formatRatio(last.perTaskP50 / last.perTokenP50)}` : '';
  return {
    text:
      `Monthly spend in ${lastMonthOf(summary.months)}: per-task forecast ` +
      `${last.perTaskP50Label} vs per-token forecast ${last.perTokenP50Label} (P50)${ratio}`,
    subtitle:
      'All workloads. Per-task forecast: P50 line and P10–P90 band ' +
      `(${last.perTaskP10Label} to ${last.perTaskP90Label} in the last month). ` +
      'Per-token forecast: P50 line.',
  };
}

/** The monthly fan chart's Vega-Lite spec. Cost: one row per month. */
export function buildMonthlyFanChart(summary: Summary): TopLevelSpec {
  const rows = toFanRows(summary);
  const tooltip = [
    MONTH_TOOLTIP,
    { field: 'perTaskP10Label', title: 'Per-task forecast P10' },
    { field: 'perTaskP50Label', title: 'Per-task forecast P50' },
    { field: 'perTaskP90Label', title: 'Per-task forecast P90' },
    { field: 'perTokenP50Label', title: 'Per-token forecast P50' },
  ];
  const money = (field: string) =>
    ({
      field,
      type: 'quantitative',
      axis: { labelExpr: MONEY_AXIS_LABEL, title: 'Spend per month' },
    }) as const;
  // Colour and dash encode one field, so Vega-Lite draws one legend for both, each symbol
  // a short stroke drawn like its line: solid per task, dashed per token.
  const legend = { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 400 } as const;
  const series = { field: 'series', type: 'nominal', legend } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(summary, rows),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        // A fixed colour, not an encoded one, so that the legend shows the lines' strokes.
        mark: { type: 'area', opacity: 0.2, color: PER_TASK_COLOR },
        encoding: { x: MONTH_X, y: money('perTaskP10'), y2: { field: 'perTaskP90' }, tooltip },
      },
      {
        data: { values: toLineRows(rows) },
        mark: { type: 'line', point: true, strokeWidth: 2.5 },
        encoding: {
          x: MONTH_X,
          y: money('p50'),
          color: { ...series, scale: SERIES_COLOR_SCALE },
          strokeDash: { ...series, scale: SERIES_DASH_SCALE },
          tooltip,
        },
      },
    ],
  };
}
