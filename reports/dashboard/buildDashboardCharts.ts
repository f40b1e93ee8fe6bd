/**
 * The dashboard's charts as Vega-Lite specs: spend by month and workload, cost
 * per task by quarter, the price paid per million tokens by vendor, and the
 * reported cost beside the catalog's. Each title states its finding in numbers.
 * Money axes and tooltips read as the forecast's charts do ("$1.5k", "$0.26").
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Dashboard } from '../../engine/usage/buildDashboard.js';
import type { ChartSpec } from '../buildCharts.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, MONEY_AXIS_LABEL } from '../charts/chartTheme.js';
import { formatChange, formatMoney, formatPercent } from '../formatMoney.js';
import { periodLabelOf } from './periodLabelOf.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A quantitative money field whose axis is labelled in dollars, under `title`. */
function money(field: string, title: string) {
  return { field, type: 'quantitative', axis: { labelExpr: MONEY_AXIS_LABEL, title } } as const;
}

/** Ticks on a horizontal money axis: few, so labels such as "$0.42" do not run together. */
const ACROSS_TICKS = 6;

/**
 * A money field along x: its labels run side by side, so there are few ticks
 * and a label that would touch its neighbour is dropped, as on the tornado.
 */
function moneyAcross(field: string, title: string) {
  const { axis, ...rest } = money(field, title);
  return {
    ...rest,
    axis: { ...axis, tickCount: ACROSS_TICKS, labelOverlap: 'greedy', labelSeparation: 8 },
  } as const;
}

function base(title: string, subtitle: string) {
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
  };
}

function buildSpendChart(dashboard: Dashboard): TopLevelSpec {
  const values = dashboard.workloads.flatMap((workload) =>
    workload.months.map((month) => ({
      month: month.period,
      workload: workload.name,
      spend: month.spendUsd,
      spendLabel: formatMoney(month.spendUsd),
    })),
  );
  const last = dashboard.monthlySpendUsd[dashboard.monthlySpendUsd.length - 1];
  const title = `${formatMoney(dashboard.spendUsd)} over ${dashboard.months.length} months; ${
    last === undefined ? 'no usage' : `${formatMoney(last.spendUsd)} in ${last.month}`
  }`;
  return {
    ...base(title, 'Spend by month and workload (reported cost, else the catalog price)'),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: null },
      y: { ...money('spend', 'Spend per month'), stack: 'zero' },
      color: { field: 'workload', type: 'nominal' },
      tooltip: [
        { field: 'month', title: 'Month' },
        { field: 'workload', title: 'Workload' },
        { field: 'spendLabel', title: 'Spend' },
      ],
    },
  } as TopLevelSpec;
}

function buildCostPerTaskChart(dashboard: Dashboard): TopLevelSpec {
  const values = dashboard.workloads.flatMap((workload) =>
    workload.quarters.flatMap((quarter) => {
      const cost = quarter.costPerTaskUsd;
      if (cost === null) return [];
      return [
        {
          quarter: periodLabelOf(quarter),
          workload: workload.name,
          cost,
          costLabel: formatMoney(cost),
        },
      ];
    }),
  );
  const changes = dashboard.workloads.flatMap((workload) => {
    const known = workload.quarters.filter(
      (q) => q.costPerTaskUsd !== null && q.costPerTaskUsd > 0,
    );
    const first = known[0];
    const last = known[known.length - 1];
    if (first === undefined || last === undefined || first === last) return [];
    const change = (last.costPerTaskUsd ?? 0) / (first.costPerTaskUsd ?? 1) - 1;
    const sign = change >= 0 ? '+' : '';
    const span = `${periodLabelOf(first)} to ${periodLabelOf(last)}`;
    return [`${workload.name} ${sign}${formatPercent(change)} ${span}`];
  });
  const title =
    values.length === 0
      ? 'No tasks named in the logs: cost per task unknown'
      : changes.length > 0
        ? `Cost per task: ${changes.join('; ')}`
        : 'Cost per task by quarter';
  return {
    ...base(title, 'Spend over distinct tasks, by quarter'),
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'quarter', type: 'ordinal', title: null },
      y: money('cost', 'Cost per task'),
      color: { field: 'workload', type: 'nominal' },
      tooltip: [
        { field: 'quarter', title: 'Quarter' },
        { field: 'workload', title: 'Workload' },
        { field: 'costLabel', title: 'Cost per task' },
      ],
    },
  } as TopLevelSpec;
}

function buildVendorPriceChart(dashboard: Dashboard): TopLevelSpec {
  const values = dashboard.vendors.flatMap(({ vendor, usdPerMillionTokens: price }) =>
    price === null ? [] : [{ vendor, price, priceLabel: formatMoney(price) }],
  );
  const sorted = [...values].sort((a, b) => b.price - a.price);
  const top = sorted[0];
  const title =
    top === undefined
      ? 'No tokens logged'
      : `Highest average price paid: ${top.vendor}, ${top.priceLabel} per million tokens`;
  return {
    ...base(
      title,
      'Spend over all tokens (input, cached, cache writes, output, reasoning), by vendor',
    ),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'vendor', type: 'nominal', title: null, sort: '-x' },
      x: moneyAcross('price', 'Price per million tokens'),
      tooltip: [
        { field: 'vendor', title: 'Vendor' },
        { field: 'priceLabel', title: 'Price per million tokens' },
      ],
    },
  } as TopLevelSpec;
}

/**
 * The billing chart's finding: the largest gap between bill and catalog, or,
 * when even that rounds to 0% (formatChange), that the bill matches the
 * catalog: "+0%" would name a gap that is not there.
 */
function billingTitleOf(worst: Dashboard['billing'][number] | undefined): string {
  if (worst === undefined) return 'No reported cost to check against the catalog';
  const change = formatChange(worst.difference ?? 0);
  if (change === '0%') return 'The bill matches the catalog price in every month';
  return `Largest gap between bill and catalog: ${worst.vendor} ${worst.month}, ${change}`;
}

function buildBillingChart(dashboard: Dashboard): TopLevelSpec {
  const values = dashboard.billing.flatMap((row) =>
    [
      { source: 'Reported', cost: row.reportedUsd },
      { source: 'Catalog price', cost: row.recomputedUsd },
    ].map(({ source, cost }) => ({
      period: `${row.month} ${row.vendor}`,
      source,
      cost,
      costLabel: formatMoney(cost),
    })),
  );
  const worst = [...dashboard.billing]
    .filter((row) => row.difference !== null)
    .sort((a, b) => Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0))[0];
  return {
    ...base(
      billingTitleOf(worst),
      'Cost reported by the source beside the same tokens at catalog prices',
    ),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: null },
      xOffset: { field: 'source' },
      y: money('cost', 'Cost'),
      color: { field: 'source', type: 'nominal' },
      tooltip: [
        { field: 'period', title: 'Month and vendor' },
        { field: 'source', title: 'Source' },
        { field: 'costLabel', title: 'Cost' },
      ],
    },
  } as TopLevelSpec;
}

/**
 * The dashboard's charts, in page order, leaving out a chart that would be empty
 * (no tasks named, no reported cost). Pure.
 */
export function buildDashboardCharts(dashboard: Dashboard): ChartSpec[] {
  const hasTasks = dashboard.workloads.some((w) =>
    w.quarters.some((q) => q.costPerTaskUsd !== null),
  );
  const hasTokens = dashboard.vendors.some((v) => v.usdPerMillionTokens !== null);
  return [
    { name: 'spend', spec: buildSpendChart(dashboard) },
    ...(hasTasks ? [{ name: 'cost-per-task', spec: buildCostPerTaskChart(dashboard) }] : []),
    ...(hasTokens ? [{ name: 'vendor-price', spec: buildVendorPriceChart(dashboard) }] : []),
    ...(dashboard.billing.length > 0
      ? [{ name: 'billing', spec: buildBillingChart(dashboard) }]
      : []),
  ];
}
