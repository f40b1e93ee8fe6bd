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
  // A value below the domain (a cost of $0, ×0) is drawn on the bottom edge.
  return (CHART_HEIGHT * Math.log(high / Math.max(value, low))) / Math.log(high / low);
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

/**
 * What the indices cover, to open their sentence's parenthesis: all workloads,
 * and with more than one, that each is weighted by its tasks in the first month
 * (simulate's recordIndices), so a reader does not take a shift of volume
 * between workloads for a change of cost: "all workloads, each weighted by its
 * tasks in 2027-01".
 */
export function indexScopeOf(summary: Summary): string {
  if (summary.workloads.length === 1) return 'all workloads';
  return `all workloads, each weighted by its tasks in ${summary.months[0] ?? 'the first month'}`;
}

/**
 * How many trials the indices are over, when not all, to end their sentence's
 * parenthesis: "; over the 40 of 100 trials with tasks and spend in every
 * month"; '' when every trial has them (see summarizeIndex).
 */
export function indexTrialsPhraseOf(summary: Summary): string {
  const based = summary.index.trials;
  if (based === undefined) return '';
  const [some, all] = [based, summary.scenario.trials].map((n) => n.toLocaleString('en-US'));
  return `; over the ${some} of ${all} trials ${INDEX_TRIALS_CONDITION}`;
}

/** Which trials the indices are over when not all: those with a base in the first month. */
const INDEX_TRIALS_CONDITION = 'with tasks and spend in the first month';

/** The sentence for a run in which no trial has a ratio in every month. */
export const NO_INDEX_SENTENCE =
  'No trial has tasks and spend in the first month, so cost per task and per token have ' +
  'nothing to be followed from.';

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
      `Both 1.0 in ${first}. ${linesOf(summary)}. Log scale` +
      (hasZero(summary) ? '; ×0 (a cost of $0) sits on the bottom edge.' : '.'),
  };
}

/** What the lines and bands are: one trial has no band, its P10 to P90 being that trial. */
function linesOf(summary: Summary): string {
  if (summary.scenario.trials === 1) return "Lines: the run's one trial, which gives no band";
  return `Lines: P50; bands: P10–P90 over ${trialsOf(summary)}`;
}

/** The trials the bands are over: all, or those with a ratio in every month. */
function trialsOf(summary: Summary): string {
  const based = summary.index.trials;
  if (based === undefined) return countOf(summary.scenario.trials, 'trial');
  return `the ${countOf(based, 'trial')} ${INDEX_TRIALS_CONDITION}`;
}

/** Whether some index reaches 0: a cost per task (or token) that falls to $0. */
function hasZero(summary: Summary): boolean {
  const points = [...summary.index.costPerTask, ...summary.index.costPerToken];
  return points.some((point) => point.p10 <= 0);
}

/**
 * The log scale's domain and ticks. A log scale has no 0, so a value of 0
 * (a step migrated to a free model) is left out of the domain, which then
 * reaches a tenth further down, and the scale clamps it to the bottom edge.
 */
function yScaleOf(rows: readonly IndexRow[]): { domain: [number, number]; ticks: number[] } {
  const positive = rows.map((row) => row.p10).filter((value) => value > 0);
  // The range always holds 1.0, the shared start, even when every band sits above it.
  const lowest = Math.min(1, ...positive) / 1.08;
  const low = positive.length < rows.length ? lowest / 10 : lowest;
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
    // Only a value of 0 lies outside the domain; clamped, it is drawn on the bottom edge.
    scale: { type: 'log', domain, nice: false, ...(hasZero(summary) ? { clamp: true } : {}) },
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
