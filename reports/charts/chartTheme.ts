/**
 * What every chart shares: the two series' names and colours, the size, the
 * month axis and the money axis labels, so the four charts read as one set.
 */
import type { Config } from 'vega-lite';
import type { OptionPair } from '../../engine/summaryTypes.js';

/**
 * The two series are forecasts of total spend, named as such: "Per task" next
 * to "$9.26k" reads as what one task costs, which it is not.
 */
export const PER_TASK = 'Per-task forecast';
export const PER_TOKEN = 'Per-token forecast';

/** Okabe-Ito vermillion and blue: told apart with every common colour-vision deficiency. */
export const PER_TASK_COLOR = '#D55E00';
export const PER_TOKEN_COLOR = '#0072B2';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 280;

/** Both series on one colour scale, so every chart's legend agrees. */
export const SERIES_COLOR_SCALE = {
  domain: [PER_TASK, PER_TOKEN],
  range: [PER_TASK_COLOR, PER_TOKEN_COLOR],
};

/**
 * Per task solid, per token dashed, in every chart with lines: the dash tells
 * the two apart where colour cannot (a grey print, a colour-blind reader).
 */
export const SERIES_DASH_SCALE = {
  domain: [PER_TASK, PER_TOKEN],
  range: [
    [1, 0],
    [6, 3],
  ],
};

export const CHART_CONFIG: Config = {
  font: 'Helvetica, Arial, sans-serif',
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: 12, subtitleColor: '#555' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  // No label limit: the series' names ('Per-task forecast') are cut at the default 160px.
  legend: { orient: 'top', title: null, labelFontSize: 12, labelLimit: 0 },
  view: { stroke: null },
};

/**
 * A Vega expression that labels a money axis like formatMoney: "$250k",
 * "$1.5M", "$2e17", with `digits` significant figures (trailing zeros
 * dropped). Axis ticks are round numbers, so three never cut a digit there
 * unless the axis spans a sliver of its values (moneyAxisDigitsOf).
 */
export function moneyAxisLabelOf(digits: number): string {
  const r = `'.${digits}~r'`;
  return [
    "(datum.value < 0 ? '-' : '') + '$' + (",
    `abs(datum.value) >= 1e15 ? replace(format(abs(datum.value), '.${digits}~e'), 'e+', 'e') : `,
    `abs(datum.value) >= 1e12 ? format(abs(datum.value) / 1e12, ${r}) + 'T' : `,
    `abs(datum.value) >= 1e9 ? format(abs(datum.value) / 1e9, ${r}) + 'B' : `,
    `abs(datum.value) >= 1e6 ? format(abs(datum.value) / 1e6, ${r}) + 'M' : `,
    `abs(datum.value) >= 1e3 ? format(abs(datum.value) / 1e3, ${r}) + 'k' : `,
    `format(abs(datum.value), ${r}))`,
  ].join('');
}

/** The money axis label with three significant figures, for axes that start near $0. */
export const MONEY_AXIS_LABEL = moneyAxisLabelOf(3);

/**
 * Significant figures that tell apart the ticks of an axis from `low` to
 * `high` with about `ticks` ticks: three, or more when the span is a sliver of
 * the values ($3.71000 to $3.71005 needs seven, "$3.7100" to "$3.71005", not
 * seven ticks of "$3.71"). The tick step is at least span / ticks rounded down
 * to a power of ten, so the figures down to that power are enough; at most 15,
 * a double's worth.
 */
export function moneyAxisDigitsOf(low: number, high: number, ticks: number): number {
  const largest = Math.max(Math.abs(low), Math.abs(high));
  const span = high - low;
  if (!(span > 0) || !(largest > 0)) return 3;
  const digits = Math.floor(Math.log10(largest)) - Math.floor(Math.log10(span / ticks)) + 1;
  return Math.min(15, Math.max(3, digits));
}

/** The month field as a UTC month, so a reader west of Greenwich still sees January. */
export const MONTH_X = {
  field: 'month',
  type: 'temporal',
  timeUnit: 'utcyearmonth',
  title: null,
  axis: { format: '%b %Y', labelAngle: 0, tickCount: 6 },
} as const;

export const MONTH_TOOLTIP = {
  field: 'month',
  type: 'temporal',
  timeUnit: 'utcyearmonth',
  title: 'Month',
  format: '%Y-%m',
} as const;

/** The last month of the horizon, as written in titles ("by 2027-12"). */
export function lastMonthOf(months: readonly string[]): string {
  const last = months[months.length - 1];
  if (last === undefined) throw new RangeError('a Summary needs at least one month to chart');
  return last;
}

/**
 * "Annual" for a 12-month horizon, else "18-month": the span every annual
 * figure sums. Takes the horizon's month labels or its length.
 */
export function horizonNameOf(months: readonly string[] | number): string {
  const count = typeof months === 'number' ? months : months.length;
  return count === 12 ? 'Annual' : `${count}-month`;
}

/** "annual" or "18-month", inside a sentence. */
export function horizonWordOf(months: readonly string[] | number): string {
  return horizonNameOf(months).toLowerCase();
}

/**
 * What a run of one trial says of the budget: that trial "exceeds" it or
 * "stays within" it, never a "100% chance", which would claim a certainty
 * one draw lacks. `share` is the share of trials over the budget.
 */
export function oneTrialBudgetVerbOf(share: number): 'exceeds' | 'stays within' {
  return share > 0 ? 'exceeds' : 'stays within';
}

/**
 * Which of a pair costs less in a run of one trial: its name, or null when
 * both cost the same. One draw says which was cheaper in it, never "cheaper
 * in 100% of trials", the certainty that `oneTrialBudgetVerbOf` also avoids.
 * Read from the pair's shares, which at one trial are each 0 or 1.
 */
export function cheaperInOneTrialOf(pair: OptionPair): string | null {
  if (pair.probabilityFirstCheaper > 0) return pair.first;
  return pair.probabilityEqual > 0 ? null : pair.second;
}

/**
 * "a year" for a 12-month horizon, "over the one month" for one, else "over the
 * 24 months": the span a total covers.
 */
export function horizonSpanOf(months: readonly string[] | number): string {
  const count = typeof months === 'number' ? months : months.length;
  if (count === 1) return 'over the one month';
  return count === 12 ? 'a year' : `over the ${count} months`;
}

/**
 * A figure of the first month and of the last, or the one month's alone over
 * a horizon of one month, where first and last are the same month: the rule
 * every table and cost line follows, so none shows one month twice.
 */
export function firstAndLastOf<T>(months: readonly string[] | number, first: T, last: T): T[] {
  const count = typeof months === 'number' ? months : months.length;
  return count === 1 ? [first] : [first, last];
}

/** "2027-01 to 2027-12", or "2027-01" alone when the months are one, never "2027-01 to 2027-01". */
export function monthRangeOf(months: readonly string[]): string {
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? first;
  return first === last ? first : `${first} to ${last}`;
}

/** Colour by series where the chart names its series itself, so it needs no legend. */
export const SERIES_COLOR_WITHOUT_LEGEND = {
  field: 'series',
  type: 'nominal',
  scale: SERIES_COLOR_SCALE,
  legend: null,
} as const;
