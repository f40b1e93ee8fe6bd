/**
 * Monthly spend as CSV for spreadsheets: one row per month, scope (all
 * workloads, then each workload) and forecast (per-task, per-token, gap),
 * with the mean and the seven percentiles. RFC 4180: comma separated, CRLF
 * line ends, a field quoted when it holds a comma, a quote or a line break.
 * Numbers are written in full (shortest round-trip form), not rounded, so the
 * file reads back to the Summary's values exactly.
 */
import type { DistributionSummary, ForecastTriple, Summary } from '../engine/summaryTypes.js';

const STATISTICS = ['mean', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;
const FORECASTS = [
  ['per-task', 'perTask'],
  ['per-token', 'perToken'],
  ['gap', 'gap'],
] as const;

export const MONTHLY_CSV_HEADER = ['month', 'scope', 'forecast', ...STATISTICS] as const;

/**
 * The scope written for the sum of all workloads. A workload named "total"
 * would share it and its rows could not be told apart from the sum's.
 */
export const TOTAL_SCOPE = 'total';

/** One field, quoted when RFC 4180 requires it (section 2, rules 5 to 7). */
export function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function statisticFields(distribution: DistributionSummary): string[] {
  return STATISTICS.map((statistic) => {
    const value = distribution[statistic];
    if (!Number.isFinite(value)) {
      throw new RangeError(`cannot write ${String(value)} as ${statistic} in the monthly CSV`);
    }
    return String(value);
  });
}

function rowsOf(month: string, scope: string, triple: ForecastTriple): string[][] {
  return FORECASTS.map(([label, key]) => [month, scope, label, ...statisticFields(triple[key])]);
}

/**
 * The CSV text, header first and a CRLF after every row. Row count:
 * months * (1 + workloads) * 3. Throws on a non-finite number rather than
 * writing NaN.
 */
export function buildMonthlyCsv(summary: Summary): string {
  const scopes = [
    { name: TOTAL_SCOPE, monthly: summary.total.monthly },
    ...summary.workloads.map((w) => ({ name: w.name, monthly: w.monthly })),
  ];
  const rows: string[][] = [[...MONTHLY_CSV_HEADER]];
  summary.months.forEach((month, monthIndex) => {
    for (const scope of scopes) {
      const triple = scope.monthly[monthIndex];
      if (triple === undefined) {
        throw new RangeError(`scope ${scope.name} has no spend for month ${month}`);
      }
      rows.push(...rowsOf(month, scope.name, triple));
    }
  });
  return rows.map((row) => `${row.map(quoteCsvField).join(',')}\r\n`).join('');
}
