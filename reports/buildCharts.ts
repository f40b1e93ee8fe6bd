/**
 * The report's four charts as Vega-Lite specs, each named for its file
 * (`index.svg`, `index.vl.json`) and its place in the HTML page.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../engine/summaryTypes.js';
import { buildAnnualDistributionChart } from './charts/buildAnnualDistributionChart.js';
import { buildByWorkloadChart } from './charts/buildByWorkloadChart.js';
import { buildIndexChart } from './charts/buildIndexChart.js';
import { buildMonthlyFanChart } from './charts/buildMonthlyFanChart.js';

export interface ChartSpec {
  /** A file-name-safe identifier: 'index', 'monthly-fan', 'annual-distribution', 'by-workload'. */
  readonly name: string;
  readonly spec: TopLevelSpec;
}

/**
 * Builds every chart of the report from a Summary, in page order. Pure; the
 * titles state each chart's finding with numbers computed from the Summary.
 * Cost: proportional to months times workloads, a few milliseconds.
 */
export function buildCharts(summary: Summary): ChartSpec[] {
  return [
    { name: 'index', spec: buildIndexChart(summary) },
    { name: 'monthly-fan', spec: buildMonthlyFanChart(summary) },
    { name: 'annual-distribution', spec: buildAnnualDistributionChart(summary) },
    { name: 'by-workload', spec: buildByWorkloadChart(summary) },
  ];
}
