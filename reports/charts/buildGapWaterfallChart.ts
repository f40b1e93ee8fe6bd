/**
 * From the per-token forecast to the per-task forecast, driver by driver: a
 * waterfall of the mean annual spend whose steps are the drivers' Shapley
 * parts of the gap. The parts sum to the gap, so the last step lands on the
 * per-task bar exactly.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { GapPart, Summary } from '../../engine/summaryTypes.js';
import { partsPullBothWays } from '../describeGapShares.js';
import { formatMoney, formatPercent, formatSignedMoney } from '../formatMoney.js';
import {
  CHART_CONFIG,
  CHART_WIDTH,
  CHART_HEIGHT,
  MONEY_AXIS_LABEL,
  PER_TASK,
  PER_TASK_COLOR,
  PER_TOKEN,
  PER_TOKEN_COLOR,
  horizonWordOf,
} from './chartTheme.js';
import { countOf } from '../../engine/countOf.js';

/** Okabe-Ito grey for a driver that adds spend, bluish green for one that saves. */
const ADDS_COLOR = '#999999';
const SAVES_COLOR = '#009E73';

interface WaterfallRow {
  readonly step: string;
  readonly from: number;
  readonly to: number;
  readonly kind: string;
  readonly amountLabel: string;
  /** The bar's upper end, where its label sits: above a saving's bar, not inside it. */
  readonly top: number;
}

/** The end bars' names: the waterfall walks means, not the P50s of the headline. */
export const PER_TOKEN_MEAN = `${PER_TOKEN} mean`;
export const PER_TASK_MEAN = `${PER_TASK} mean`;

/** The bars: per token, each driver from where the last one ended, per task. */
export function waterfallRows(summary: Summary, parts: readonly GapPart[]): WaterfallRow[] {
  const perToken = summary.total.annual.perToken.mean;
  const rows: WaterfallRow[] = [
    {
      step: PER_TOKEN_MEAN,
      from: 0,
      to: perToken,
      kind: PER_TOKEN,
      amountLabel: `mean ${formatMoney(perToken)}`,
      top: perToken,
    },
  ];
  let level = perToken;
  for (const part of parts) {
    const kind = part.mean >= 0 ? 'adds' : 'saves';
    rows.push({
      step: part.label,
      from: level,
      to: level + part.mean,
      kind,
      amountLabel: formatSignedMoney(part.mean),
      top: Math.max(level, level + part.mean),
    });
    level += part.mean;
  }
  const perTask = summary.total.annual.perTask.mean;
  rows.push({
    step: PER_TASK_MEAN,
    from: 0,
    to: perTask,
    kind: PER_TASK,
    amountLabel: `mean ${formatMoney(perTask)}`,
    top: perTask,
  });
  return rows;
}

/**
 * "(62% of it)": a share reads well only when every part pulls the gap's way
 * (describeGapShares), and then only for a part within it.
 */
function shareOfGapOf(largest: GapPart, gap: number): string {
  const share = largest.mean / gap;
  return share > 0 && share <= 1 ? ` (${formatPercent(share)} of it)` : '';
}

/**
 * "; in all the parts add +$1.68k and save $530": with parts pulling both
 * ways, a share of the net gap would overstate the parts on its side (97% of
 * a gap they exceed), so the title gives both sums instead.
 */
function offsetPhraseOf(parts: readonly GapPart[]): string {
  const sumOf = (keep: (mean: number) => boolean) =>
    parts.filter((part) => keep(part.mean)).reduce((sum, part) => sum + part.mean, 0);
  const added = formatSignedMoney(sumOf((mean) => mean > 0));
  const saved = formatMoney(-sumOf((mean) => mean < 0));
  return `; in all the parts add ${added} and save ${saved}`;
}

function titleOf(summary: Summary, parts: readonly GapPart[]): TopLevelSpec['title'] {
  const gap = summary.total.annual.gap.mean;
  const largest = [...parts].sort((a, b) => Math.abs(b.mean) - Math.abs(a.mean))[0]!;
  const ofGap = partsPullBothWays(parts) ? offsetPhraseOf(parts) : shareOfGapOf(largest, gap);
  const trials = summary.gapAttributionTrials ?? summary.scenario.trials;
  return {
    text:
      `Largest part of the mean gap of ${formatSignedMoney(gap)}: ` +
      `${largest.label.toLowerCase()}, ` +
      `${formatSignedMoney(largest.mean)}${ofGap}`,
    subtitle: [
      `Mean ${horizonWordOf(summary.months)} spend, from the per-token to the ` +
        "per-task forecast; each step is a driver's Shapley part of the mean gap,",
      `its average effect over every order of switching the drivers on, on common draws ` +
        `(${countOf(trials, 'trial')}). The parts sum to the gap.`,
    ],
  };
}

/** The waterfall's Vega-Lite spec; undefined when the Summary has no attribution. */
export function buildGapWaterfallChart(summary: Summary): TopLevelSpec | undefined {
  const parts = summary.gapAttribution;
  if (parts === undefined || parts.length === 0) return undefined;
  const rows = waterfallRows(summary, parts);
  // Driver names on two or three short lines, so that seven steps fit side by side.
  const x = {
    field: 'step',
    type: 'nominal',
    sort: null,
    title: null,
    axis: { labelAngle: 0, labelExpr: "split(datum.label, ' ')", labelLimit: 120 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(summary, parts),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values: rows },
    encoding: { x },
    layer: [
      {
        mark: { type: 'bar', size: 44 },
        encoding: {
          y: {
            field: 'from',
            type: 'quantitative',
            axis: {
              labelExpr: MONEY_AXIS_LABEL,
              title: `Mean ${horizonWordOf(summary.months)} spend`,
            },
          },
          y2: { field: 'to' },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: {
              domain: [PER_TOKEN, 'adds', 'saves', PER_TASK],
              range: [PER_TOKEN_COLOR, ADDS_COLOR, SAVES_COLOR, PER_TASK_COLOR],
            },
            legend: null,
          },
          tooltip: [
            { field: 'step', title: 'Step' },
            { field: 'amountLabel', title: 'Amount' },
          ],
        },
      },
      {
        mark: { type: 'text', dy: -8, fontSize: 11 },
        encoding: { y: { field: 'top', type: 'quantitative' }, text: { field: 'amountLabel' } },
      },
    ],
  };
}
