/**
 * The headline chart: cost per token against cost per task, both 1.0 in the
 * first month, on a log axis so that ×2 and ×0.5 are the same distance from 1.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { IndexPoint, Summary } from '../../engine/summaryTypes.js';
import { formatRatio } from '../formatMoney.js';
import {
  CHART_CONFIG,
  CHART_HEIGHT,
  CHART_WIDTH,
  MONTH_TOOLTIP,
  MONTH_X,
  PER_TASK,
  PER_TOKEN,
  SERIES_COLOR_WITHOUT_LEGEND,
  SERIES_DASH_SCALE,
  lastMonthOf,
} from './chartTheme.js';
import { chooseLogTicks } from './chooseLogTicks.js';
import { countOf } from '../../engine/countOf.js';

interface IndexRow {
  readonly month: string;
  readonly series: string;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly p10Label: string;
  readonly p50Label: string;
  readonly p90Label: string;
  /** Written beside the last point only, naming the line and its last value. */
  readonly endLabel: string;
  /** Where the end label sits on the y scale: the P50, or nudged clear of the other label. */
  readonly endLabelY: number;
}

/** The end labels' font size, and the least distance between their centres. */
const END_LABEL_FONT_SIZE = 12;
const END_LABEL_HEIGHT_PX = 15;

/** What each series' line measures, for its end label: a unit cost, unlike the series' name. */
const UNIT_OF_SERIES: Readonly<Record<string, string>> = {
  [PER_TASK]: 'Cost per task',
  [PER_TOKEN]: 'Cost per token',
};

function toIndexRows(series: string, points: readonly IndexPoint[]): IndexRow[] {
  const unit = UNIT_OF_SERIES[series] ?? series;
  return points.map((point, position) => ({
    month: point.month,
    series,
    p10: point.p10,
    p50: point.p50,
    p90: point.p90,
    p10Label: formatRatio(point.p10),
    p50Label: formatRatio(point.p50),
    p90Label: formatRatio(point.p90),
    endLabel: position === points.length - 1 ? `${unit} ${formatRatio(point.p50)}` : '',
    endLabelY: point.p50,
  }));
}

/**
 * Pixels from the top of the plot for a value on the log y scale, and back:
 * the scale maps `high` to 0 and `low` to CHART_HEIGHT, linearly in log(value).
 */
function pixelOf(value: number, [low, high]: readonly [number, number]): number {
  return (CHART_HEIGHT * Math.log(high / value)) / Math.log(high / low);
}

function valueAtPixel(pixel: number, [low, high]: readonly [number, number]): number {
  return high * (low / high) ** (pixel / CHART_HEIGHT);
}

/**
 * Moves the two end labels apart when their lines end closer than a label's
 * height, as two curves falling a thousandfold over ten years do: each moves
 * half the shortfall away from the other, the higher line's label up, both
 * kept inside the plot. Cost: constant.
 */
function spreadEndLabels(rows: readonly IndexRow[], domain: readonly [number, number]): IndexRow[] {
  const ends = rows.filter((row) => row.endLabel !== '');
  const [first, second] = ends;
  if (ends.length !== 2 || first === undefined || second === undefined) return [...rows];
  const [upper, lower] = second.p50 > first.p50 ? [second, first] : [first, second];
  const upperPixel = pixelOf(upper.p50, domain);
  const lowerPixel = pixelOf(lower.p50, domain);
  if (lowerPixel - upperPixel >= END_LABEL_HEIGHT_PX) return [...rows];
  const middle = Math.min(
    Math.max((upperPixel + lowerPixel) / 2, END_LABEL_HEIGHT_PX),
    CHART_HEIGHT - END_LABEL_HEIGHT_PX,
  );
  const placed = new Map([
    [upper, valueAtPixel(middle - END_LABEL_HEIGHT_PX / 2, domain)],
    [lower, valueAtPixel(middle + END_LABEL_HEIGHT_PX / 2, domain)],
  ]);
  return rows.map((row) => ({ ...row, endLabelY: placed.get(row) ?? row.endLabelY }));
}

/** Last P50 over first P50: the index is 1.0 in the first month, but divide anyway. */
export function indexGrowthOf(points: readonly IndexPoint[]): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) {
    throw new RangeError('an index needs at least one month');
  }
  return last.p50 / first.p50;
}

function titleOf(summary: Summary): TopLevelSpec['title'] {
  const perTask = formatRatio(indexGrowthOf(summary.index.costPerTask));
  const perToken = formatRatio(indexGrowthOf(summary.index.costPerToken));
  const first = summary.months[0] ?? '';
  const last = lastMonthOf(summary.months);
  return {
    text: `Cost per task ${perTask} while cost per token ${perToken} by ${last}`,
    subtitle:
      `Both 1.0 in ${first}. Lines: P50; bands: P10–P90 over ` +
      `${countOf(summary.scenario.trials, 'trial')}. Log scale.`,
  };
}

function yScaleOf(rows: readonly IndexRow[]): { domain: [number, number]; ticks: number[] } {
  // The range always holds 1.0, the shared start, even when every band sits above it.
  const low = Math.min(1, ...rows.map((row) => row.p10)) / 1.08;
  const high = Math.max(1, ...rows.map((row) => row.p90)) * 1.08;
  return { domain: [low, high], ticks: chooseLogTicks(low, high) };
}

/** The index chart's Vega-Lite spec. Cost: one row per month and series. */
export function buildIndexChart(summary: Summary): TopLevelSpec {
  const unplaced = [
    ...toIndexRows(PER_TASK, summary.index.costPerTask),
    ...toIndexRows(PER_TOKEN, summary.index.costPerToken),
  ];
  const { domain, ticks } = yScaleOf(unplaced);
  const rows = spreadEndLabels(unplaced, domain);
  // No legend: each line is named at its end, next to its last value.
  const color = SERIES_COLOR_WITHOUT_LEGEND;
  const strokeDash = {
    field: 'series',
    type: 'nominal',
    scale: SERIES_DASH_SCALE,
    legend: null,
  } as const;
  const tooltip = [
    MONTH_TOOLTIP,
    { field: 'series', title: 'Forecast' },
    { field: 'p10Label', title: 'P10' },
    { field: 'p50Label', title: 'P50' },
    { field: 'p90Label', title: 'P90' },
  ];
  const y = {
    field: 'p50',
    type: 'quantitative',
    scale: { type: 'log', domain, nice: false },
    axis: {
      values: ticks,
      labelExpr: "'×' + format(datum.value, '.3~r')",
      title: 'Relative to the first month (log scale)',
      grid: true,
    },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(summary),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x: MONTH_X, y: { ...y, field: 'p10' }, y2: { field: 'p90' }, color, tooltip },
      },
      {
        data: { values: [{}] },
        mark: { type: 'rule', color: '#777', strokeDash: [4, 3] },
        encoding: { y: { datum: 1, type: 'quantitative' } },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 2.5 },
        encoding: { x: MONTH_X, y, color, strokeDash, tooltip },
      },
      {
        transform: [{ filter: "datum.endLabel !== ''" }],
        mark: {
          type: 'text',
          align: 'left',
          dx: 8,
          fontWeight: 'bold',
          fontSize: END_LABEL_FONT_SIZE,
        },
        encoding: {
          x: MONTH_X,
          y: { ...y, field: 'endLabelY' },
          color,
          text: { field: 'endLabel' },
          // Screen readers get the label itself, not the nudged position it is drawn at.
          description: { field: 'endLabel' },
        },
      },
    ],
  };
}
