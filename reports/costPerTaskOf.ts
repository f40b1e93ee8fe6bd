/**
 * A workload's cost per task (P50) in its first or last month, or "no tasks"
 * when no task runs in that month (`tasks_per_month: 0`). The expected cost
 * of one task is defined even then, but a table that prints it beside the
 * other workloads implies tasks that never run; every report that shows
 * cost per task by workload (terminal, page, Markdown, workbook) says so alike.
 */
import type { WorkloadSummary } from '../engine/summaryTypes.js';

/** What the cost-per-task cell of a month without tasks reads. */
export const NO_TASKS = 'no tasks';

/** Whether no task runs in the workload's first or last month. */
export function runsNoTaskIn(workload: WorkloadSummary, which: 'first' | 'last'): boolean {
  const month = which === 'first' ? workload.months[0] : workload.months.at(-1);
  return month !== undefined && !(month.tasks > 0);
}

export function costPerTaskOf(
  workload: WorkloadSummary,
  which: 'first' | 'last',
): number | typeof NO_TASKS {
  if (runsNoTaskIn(workload, which)) return NO_TASKS;
  return (which === 'first' ? workload.costPerTaskFirst : workload.costPerTaskLast).p50;
}

/** The cell as text: the cost through `format`, or "no tasks". */
export function costPerTaskTextOf(
  workload: WorkloadSummary,
  which: 'first' | 'last',
  format: (usd: number) => string,
): string {
  const cost = costPerTaskOf(workload, which);
  return cost === NO_TASKS ? NO_TASKS : format(cost);
}
