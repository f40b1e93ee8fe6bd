/**
 * How the dashboard names a quarter: "2026-Q3" when the window covers all of
 * it, "2026-Q4 (1 month)" when the window starts or ends inside it, so a
 * reader does not set a full quarter's cost per task beside a partial one's
 * unawares (the chart and the table both name it so).
 */
import { countOf } from '../../engine/countOf.js';
import type { WorkloadPeriod } from '../../engine/usage/buildDashboard.js';

/** Months in a whole quarter. */
const QUARTER_MONTHS = 3;

/** The period's name, with the months it covers when it is a partial quarter. */
export function periodLabelOf(period: Pick<WorkloadPeriod, 'period' | 'monthsCovered'>): string {
  const partial = /-Q\d$/.test(period.period) && period.monthsCovered < QUARTER_MONTHS;
  return partial ? `${period.period} (${countOf(period.monthsCovered, 'month')})` : period.period;
}
