/**
 * Cumulative per-task spend month by month (P50 and the P10–P90 band) against
 * the budget's straight line, so a budget holder sees when the year is likely
 * to run ahead of plan.
 */
import type { TopLevelSpec } from 'vega-lite';
import type {
  BudgetPlan,
  BudgetSummary,
  CumulativePoint,
  Summary,
} from '../../engine/summaryTypes.js';
import { formatMoney, formatPercent } from '../formatMoney.js';
import {
  CHART_CONFIG,
  CHART_HEIGHT,
  CHART_WIDTH,
  MONEY_AXIS_LABEL,
  MONTH_TOOLTIP,
  MONTH_X,
  oneTrialBudgetVerbOf,
  PER_TASK_COLOR,
} from './chartTheme.js';

/**
 * What the budget sentences call the cumulative spend they follow: its P50 of
 * trials, or at one trial that trial's own spend, since one draw has no P50
 * of trials. The chart, the page and the terminal share the words; `midSentence`
 * gives them without a capital.
 */
export function cumulativeLeadOf(trials: number, midSentence = false): string {
  const lead = trials === 1 ? "Cumulative spend of the run's one trial" : 'Cumulative P50';
  return midSentence ? `c${lead.slice(1)}` : lead;
}

/**
 * When the cumulative P50 runs ahead of the budget's straight line, as a
 * sentence without its full stop: "Cumulative P50 first runs ahead of the
 * budget's straight line in 2023-12 and stays ahead from 2024-06". A run
 * ahead only in the last month is said so, not "from 2024-12 to the end"; a
 * run that ends within the line names every month it was ahead (aheadStretchOf).
 * The chart, the report and the terminal all say it so, each with its own
 * subject (`lead`): "Cumulative P50", "cumulative P50" mid-sentence, "it".
 */
export function crossingSentenceOf(plan: BudgetPlan, lead = 'Cumulative P50'): string {
  const oneMonth = plan.cumulative.length === 1;
  // Over one month the line is the budget itself: no slope for "straight" to describe.
  const line = oneMonth ? 'the budget' : "the budget's straight line";
  const first = plan.cumulative.find((point) => point.p50 > point.budgetLine)?.month;
  const stays = plan.firstMonthAboveLine;
  const last = plan.cumulative.at(-1)?.month;
  if (first === undefined && oneMonth)
    return `${lead} stays within ${line} in the horizon's one month`;
  if (first === undefined) return `${lead} stays within ${line} all through the horizon`;
  if (stays === null)
    return `${lead} runs ahead of ${line} ${aheadStretchOf(plan)}, but ends within it`;
  if (first === stays && stays === last) {
    const which = oneMonth ? "the horizon's one month" : 'the last month';
    return `${lead} runs ahead of ${line} in ${stays}, ${which}`;
  }
  if (first === stays) return `${lead} runs ahead of ${line} from ${stays} to the end`;
  if (stays === last) {
    const again = `is ahead again in ${stays}, the last month`;
    return `${lead} first runs ahead of ${line} in ${first} and ${again}`;
  }
  return `${lead} first runs ahead of ${line} in ${first} and stays ahead from ${stays}`;
}

/**
 * The months the cumulative P50 is above the line, for a run that ends within
 * it: "in 2027-01", "from 2027-01 to 2027-05" when they run unbroken, else
 * "in 7 of 12 months, last in 2027-09", so a stretch that falls back and runs
 * ahead again is not passed off as one month or one stretch.
 */
function aheadStretchOf(plan: BudgetPlan): string {
  const ahead = plan.cumulative.flatMap((point, index) =>
    point.p50 > point.budgetLine ? [{ month: point.month, index }] : [],
  );
  const first = ahead[0]!;
  const last = ahead.at(-1)!;
  if (ahead.length === 1) return `in ${first.month}`;
  if (last.index - first.index + 1 === ahead.length) return `from ${first.month} to ${last.month}`;
  return `in ${ahead.length} of ${plan.cumulative.length} months, last in ${last.month}`;
}

/**
 * The title's finding in numbers: where the cumulative P50 (`lead`, see
 * cumulativeLeadOf) ends against the budget, "Cumulative P50 ends at $132k,
 * 110% of the $120k budget;".
 */
export function budgetEndSentenceOf(
  plan: BudgetPlan,
  amount: number,
  lead = 'Cumulative P50',
): string {
  const end = plan.cumulative.at(-1)?.p50 ?? 0;
  const share = amount > 0 ? `, ${formatPercent(end / amount)} of the` : ', against the';
  return `${lead} ends at ${formatMoney(end)}${share} ${formatMoney(amount)} budget`;
}

/**
 * The budget's odds in a run of one trial, without its full stop: that trial
 * exceeds the budget (by its overrun) or stays within it, and a share of
 * trials, over the budget or under a P80 or P90, is not given, as it would
 * read as a certainty. The HTML page and the chart say it alike.
 */
export function oneTrialBudgetSentenceOf(budget: BudgetSummary, plan: BudgetPlan): string {
  const verb = oneTrialBudgetVerbOf(budget.exceedProbability);
  const by = verb === 'exceeds' ? `, by ${formatMoney(plan.expectedOverrun)}` : '';
  return (
    `Budget ${formatMoney(budget.amount)}: per-task spend ${verb} it in the run's one ` +
    `trial${by}; one trial gives no chance of exceeding it and no budget that covers 80% ` +
    'or 90% of trials'
  );
}

function oddsSentenceOf(budget: BudgetSummary, plan: BudgetPlan): string {
  const { coversP80, coversP90 } = plan;
  // Null exactly at one trial (analyzeBudget), whose one figure covers no share of trials.
  if (coversP80 === null || coversP90 === null) {
    return `${oneTrialBudgetSentenceOf(budget, plan)}.`;
  }
  return (
    `Budget ${formatMoney(budget.amount)}: exceeded in ` +
    `${formatPercent(budget.exceedProbability)} ` +
    `of trials, expected overrun ${formatMoney(plan.expectedOverrun)}; ` +
    `${formatMoney(coversP80)} covers 80% of trials, ` +
    `${formatMoney(coversP90)} covers 90%.`
  );
}

function titleOf(summary: Summary): TopLevelSpec['title'] {
  const budget = summary.budget!;
  const plan = budget.plan!;
  const crossing = crossingSentenceOf(plan, 'it');
  return {
    text: [
      `${budgetEndSentenceOf(plan, budget.amount, cumulativeLeadOf(summary.scenario.trials))};`,
      `${crossing}.`,
    ],
    subtitle: [oddsSentenceOf(budget, plan), keyOf(summary)],
  };
}

/** What each mark is; one trial's P10 to P90 is that trial, so no band or bar is named. */
function keyOf(summary: Summary): string {
  const oneTrial = summary.scenario.trials === 1;
  if (summary.months.length === 1) {
    return (
      (oneTrial ? "Dot: per-task spend of the run's one trial; " : 'Dot: per-task P50; ') +
      (oneTrial ? '' : 'bar: P10 to P90; ') +
      'dashed: the budget.'
    );
  }
  return (
    (oneTrial
      ? "Line: per-task cumulative spend of the run's one trial; "
      : 'Line: per-task cumulative P50; band: P10 to P90; ') +
    'dashed: the budget spread evenly over the months.'
  );
}

/** The budget chart's Vega-Lite spec; undefined without a budget plan. */
export function buildBudgetChart(summary: Summary): TopLevelSpec | undefined {
  const plan = summary.budget?.plan;
  if (plan === undefined) return undefined;
  const oneMonth = summary.months.length === 1;
  const rows = plan.cumulative.map((point) => ({
    ...point,
    month: `${point.month}-01`,
    p10Label: formatMoney(point.p10),
    p50Label: formatMoney(point.p50),
    p90Label: formatMoney(point.p90),
    lineLabel: formatMoney(point.budgetLine),
    // The one-month chart labels its dot in place (oneMonthLayersOf).
    ...(oneMonth ? { dotLabel: dotLabelOf(point, summary.scenario.trials === 1) } : {}),
  }));
  const axis = { labelExpr: MONEY_AXIS_LABEL, title: 'Cumulative spend' };
  // One trial's P10 and P90 are that trial: its spend once, under its own name.
  const tooltip =
    summary.scenario.trials === 1
      ? [
          MONTH_TOOLTIP,
          { field: 'p50Label', title: cumulativeLeadOf(1) },
          { field: 'lineLabel', title: 'Budget line' },
        ]
      : [
          MONTH_TOOLTIP,
          { field: 'p50Label', title: 'Cumulative P50' },
          { field: 'p10Label', title: 'P10' },
          { field: 'p90Label', title: 'P90' },
          { field: 'lineLabel', title: 'Budget line' },
        ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(summary),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values: rows },
    // One month's budget rule spans the chart, so there the layers place themselves on x.
    ...(oneMonth ? {} : { encoding: { x: MONTH_X } }),
    layer: oneMonth
      ? oneMonthLayersOf(summary, axis, tooltip)
      : [
          {
            mark: { type: 'area', color: PER_TASK_COLOR, opacity: 0.2 },
            encoding: { y: { ...moneyOf('p10'), axis }, y2: { field: 'p90' }, tooltip },
          },
          {
            mark: {
              type: 'line',
              color: PER_TASK_COLOR,
              strokeWidth: 2.5,
              point: { color: PER_TASK_COLOR },
            },
            encoding: { y: moneyOf('p50'), tooltip },
          },
          {
            mark: { type: 'line', color: '#333', strokeDash: [6, 4], strokeWidth: 1.5 },
            encoding: { y: moneyOf('budgetLine'), tooltip },
          },
        ],
  };
}

/** One layer of a layered chart, as Vega-Lite types it. */
type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

type Tooltip = { field: string; title: string }[];

const moneyOf = (field: string) => ({ field, type: 'quantitative' }) as const;

/** The figures beside the dot: "P50 $2.67k (P10 $1.75k to P90 $3.93k)". */
function dotLabelOf(point: CumulativePoint, oneTrial: boolean): string {
  // One trial's P10 and P90 are that trial: its spend alone.
  if (oneTrial) return formatMoney(point.p50);
  const range = `P10 ${formatMoney(point.p10)} to P90 ${formatMoney(point.p90)}`;
  return `P50 ${formatMoney(point.p50)} (${range})`;
}

/**
 * One month as marks that draw with one point, where an area or a line draws
 * nothing: a dot at the P50, a bar with end ticks from P10 to P90, and the
 * budget as a dashed rule across the chart, each labelled with its figure.
 */
function oneMonthLayersOf(
  summary: Summary,
  axis: { labelExpr: string; title: string },
  tooltip: Tooltip,
): Layer[] {
  const y = { ...moneyOf('p50'), axis };
  const rule: Layer = {
    mark: { type: 'rule', color: '#333', strokeDash: [6, 4], strokeWidth: 1.5 },
    encoding: { y: { ...moneyOf('budgetLine'), axis }, tooltip },
  };
  const budgetLabel: Layer = {
    mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -4, fontSize: 12 },
    encoding: {
      x: { value: CHART_WIDTH },
      y: moneyOf('budgetLine'),
      text: { value: `Budget ${formatMoney(summary.budget!.amount)}` },
    },
  };
  const dot: Layer = {
    mark: { type: 'point', filled: true, size: 140, color: PER_TASK_COLOR, opacity: 1 },
    encoding: { x: MONTH_X, y, tooltip },
  };
  const label: Layer = {
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 14, fontSize: 12 },
    encoding: { x: MONTH_X, y, text: { field: 'dotLabel' } },
  };
  // One trial's P10 and P90 are that trial: no bar to draw.
  if (summary.scenario.trials === 1) return [rule, budgetLabel, dot, label];
  const bar: Layer = {
    mark: { type: 'errorbar', color: PER_TASK_COLOR, ticks: true, thickness: 2 },
    encoding: { x: MONTH_X, y: { ...moneyOf('p10'), axis }, y2: { field: 'p90' }, tooltip },
  };
  return [rule, budgetLabel, bar, dot, label];
}
