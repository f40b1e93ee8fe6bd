/**
 * The horizon's spend by workload: the per-task P50 as a bar with P10–P90
 * whiskers, and the per-token P50 as a diamond on the same axis, so the
 * distance from diamond to bar end is each workload's share of the gap.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary, WorkloadSummary } from '../../engine/summaryTypes.js';
import { formatMoney, formatSignedMoney, isMoneyNoise } from '../formatMoney.js';
import {
  CHART_CONFIG,
  CHART_WIDTH,
  MONEY_AXIS_LABEL,
  PER_TASK,
  PER_TOKEN,
  PER_TOKEN_COLOR,
  SERIES_COLOR_SCALE,
  horizonNameOf,
} from './chartTheme.js';

interface WorkloadRow {
  readonly workload: string;
  readonly perTaskP10: number;
  readonly perTaskP50: number;
  readonly perTaskP90: number;
  readonly perTokenP50: number;
  readonly perTaskP10Label: string;
  readonly perTaskP50Label: string;
  readonly perTaskP90Label: string;
  readonly perTokenP50Label: string;
  readonly gapP50Label: string;
  /** Written under each diamond, so it cannot be taken for a whisker's end. */
  readonly perTokenP50Text: string;
}

function toWorkloadRow(workload: WorkloadSummary): WorkloadRow {
  const { perTask, perToken, gap } = workload.annual;
  return {
    workload: workload.name,
    perTaskP10: perTask.p10,
    perTaskP50: perTask.p50,
    perTaskP90: perTask.p90,
    perTokenP50: perToken.p50,
    perTaskP10Label: formatMoney(perTask.p10),
    perTaskP50Label: formatMoney(perTask.p50),
    perTaskP90Label: formatMoney(perTask.p90),
    perTokenP50Label: formatMoney(perToken.p50),
    gapP50Label: formatSignedMoney(gap.p50),
    perTokenP50Text: `per-token P50 ${formatMoney(perToken.p50)}`,
  };
}

/** The workload whose paired gap has the largest median size, in either direction. */
export function widestGapWorkloadOf(summary: Summary): WorkloadSummary {
  const [first, ...rest] = summary.workloads;
  if (first === undefined) throw new RangeError('a Summary needs at least one workload');
  return rest.reduce(
    (widest, w) => (Math.abs(w.annual.gap.p50) > Math.abs(widest.annual.gap.p50) ? w : widest),
    first,
  );
}

function titleOf(summary: Summary): TopLevelSpec['title'] {
  const widestWorkload = widestGapWorkloadOf(summary);
  const widest = toWorkloadRow(widestWorkload);
  const legendLine =
    `${horizonNameOf(summary.months)} spend by workload. Bar: per-task P50; thin line ` +
    'with end ticks: per-task P10 to P90; diamond: per-token P50, labelled below.';
  // The widest of gaps that are all $0 is no finding (a one-month horizon, where tokens per
  // task and prices have not moved yet): naming a workload would point at nothing.
  if (isMoneyNoise(widestWorkload.annual.gap.p50)) {
    return {
      text:
        summary.workloads.length > 1
          ? `No workload has a gap: the paired gap's P50 is ${widest.gapP50Label} in each`
          : `No gap: ${widest.workload}'s paired gap has a P50 of ${widest.gapP50Label}`,
      subtitle: [legendLine, 'Paired gap: per-task minus per-token forecast, trial by trial.'],
    };
  }
  // "Widest" compares workloads: with one there is nothing to compare it with.
  const lead = summary.workloads.length > 1 ? 'Widest gap' : 'Gap';
  return {
    text:
      `${lead}: ${widest.workload}, per-task forecast ${widest.perTaskP50Label} vs ` +
      `per-token forecast ${widest.perTokenP50Label} (P50)`,
    subtitle: [
      legendLine,
      `Its paired gap (per-task minus per-token forecast, trial by trial) has a P50 of ` +
        `${widest.gapP50Label}.`,
    ],
  };
}

/**
 * The series as one field in colour and shape, so Vega-Lite draws a single
 * legend whose symbols are the marks: a square for the bars, a diamond.
 */
const SERIES_SHAPE_SCALE = { domain: [PER_TASK, PER_TOKEN], range: ['square', 'diamond'] };
const legend = { symbolSize: 120 } as const;
const series = { field: 'series', type: 'nominal', legend } as const;
const seriesColor = { ...series, scale: SERIES_COLOR_SCALE } as const;

/** Ticks asked of the money axis; Vega rounds the step, so it may give a few fewer. */
export const BY_WORKLOAD_TICKS = 8;

/** A generous width per character of the 11 px bold diamond labels, for placing them. */
const LABEL_PIXELS_PER_CHARACTER = 6.5;

/**
 * Each diamond named below its bar, where no whisker or bar end can be
 * mistaken for it: centred under the diamond, or starting or ending at it
 * when centring would push the text past an end of the axis, onto the
 * workload names. The axis is taken to end at the largest value drawn.
 */
function diamondLabelLayers(rows: readonly WorkloadRow[]) {
  const axisEnd = Math.max(...rows.flatMap((r) => [r.perTaskP90, r.perTaskP50, r.perTokenP50]));
  const sideOf = (row: WorkloadRow): 'left' | 'center' | 'right' => {
    const halfWidth = (row.perTokenP50Text.length * LABEL_PIXELS_PER_CHARACTER) / 2 / CHART_WIDTH;
    const position = axisEnd > 0 ? row.perTokenP50 / axisEnd : 0;
    if (position < halfWidth) return 'left';
    return position > 1 - halfWidth ? 'right' : 'center';
  };
  return (['left', 'center', 'right'] as const)
    .map((align) => ({ align, values: rows.filter((row) => sideOf(row) === align) }))
    .filter((side) => side.values.length > 0)
    .map((side) => ({
      data: { values: side.values },
      mark: {
        type: 'text',
        align: side.align,
        baseline: 'top',
        dy: 17,
        fontSize: 11,
        fontWeight: 'bold',
      } as const,
    }));
}

/** The by-workload chart's Vega-Lite spec. Cost: one row per workload. */
export function buildByWorkloadChart(summary: Summary): TopLevelSpec {
  const rows = summary.workloads.map(toWorkloadRow);
  const perTaskRows = rows.map((row) => ({ ...row, series: PER_TASK }));
  const perTokenRows = rows.map((row) => ({ ...row, series: PER_TOKEN }));
  // Largest per-task spend on top; an explicit order, since each layer has its own x field.
  const order = [...rows].sort((a, b) => b.perTaskP50 - a.perTaskP50).map((r) => r.workload);
  const y = { field: 'workload', type: 'nominal', title: null, sort: order } as const;
  const money = (field: string) =>
    ({
      field,
      type: 'quantitative',
      axis: {
        labelExpr: MONEY_AXIS_LABEL,
        title: `${horizonNameOf(summary.months)} spend`,
        // Vega's default of a tick per 40 px crowds five-character labels ("$150k").
        tickCount: BY_WORKLOAD_TICKS,
      },
    }) as const;
  const tooltip = [
    { field: 'workload', title: 'Workload' },
    { field: 'perTaskP10Label', title: 'Per-task forecast P10' },
    { field: 'perTaskP50Label', title: 'Per-task forecast P50' },
    { field: 'perTaskP90Label', title: 'Per-task forecast P90' },
    { field: 'perTokenP50Label', title: 'Per-token forecast P50' },
    { field: 'gapP50Label', title: 'Gap P50' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(summary),
    width: CHART_WIDTH,
    height: { step: 64 },
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        data: { values: perTaskRows },
        mark: { type: 'bar', size: 30, opacity: 0.9 },
        encoding: { x: money('perTaskP50'), y, color: seriesColor, tooltip },
      },
      {
        mark: { type: 'errorbar', ticks: { size: 14 }, color: '#333' },
        encoding: { x: money('perTaskP10'), x2: { field: 'perTaskP90' }, y, tooltip },
      },
      {
        // Larger than the whisker's end ticks and ringed in white, so it is never read as one.
        data: { values: perTokenRows },
        mark: { type: 'point', filled: true, size: 260, opacity: 1, stroke: 'white' },
        encoding: {
          x: money('perTokenP50'),
          y,
          color: seriesColor,
          shape: { ...series, scale: SERIES_SHAPE_SCALE },
          tooltip,
        },
      },
      ...diamondLabelLayers(perTokenRows).map((layer) => ({
        ...layer,
        encoding: {
          x: money('perTokenP50'),
          y,
          color: { value: PER_TOKEN_COLOR },
          text: { field: 'perTokenP50Text' },
        },
      })),
    ],
  };
}
