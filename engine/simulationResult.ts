/**
 * Per-trial outputs of a simulation, laid out for the summary stage. Trial t
 * of series s sits at `s * trials + t`, so each series is one contiguous run.
 */
export interface SimulationResult {
  readonly trials: number;
  readonly months: number;
  readonly workloadCount: number;
  /** Monthly spend per workload: series (w * months + m). Float32 keeps large runs in memory. */
  readonly workloadPerTask: Float32Array;
  readonly workloadPerToken: Float32Array;
  /** Monthly spend of all workloads: series m. */
  readonly totalPerTask: Float64Array;
  readonly totalPerToken: Float64Array;
  /** Spend over the horizon per workload: series w. */
  readonly annualWorkloadPerTask: Float64Array;
  readonly annualWorkloadPerToken: Float64Array;
  /** Spend over the horizon, all workloads: one series. */
  readonly annualPerTask: Float64Array;
  readonly annualPerToken: Float64Array;
  /** Expected cost of one task in the first and the last month: series w. */
  readonly costPerTaskFirst: Float64Array;
  readonly costPerTaskLast: Float64Array;
  /** Spend per token and spend per task of all workloads, relative to month 0: series m. */
  readonly costPerTokenIndex: Float64Array;
  readonly costPerTaskIndex: Float64Array;
  /** Sums over trials of the dashboard fields: (w * months + m) * DASHBOARD_FIELDS + field. */
  readonly dashboardSums: Float64Array;
}

/** Fields summed per workload and month for the operator's dashboard. */
export const DASHBOARD = {
  tasks: 0,
  tokens: 1,
  inputPerTask: 2,
  outputPerTask: 3,
  reasoningPerTask: 4,
  costPerTask: 5,
  perTokenCostPerTask: 6,
} as const;
export const DASHBOARD_FIELDS = 7;

/** Allocates a result for the given shape, all zero. */
export function allocateResult(trials: number, months: number, workloadCount: number) {
  const series = (count: number) => new Float64Array(count * trials);
  const result: SimulationResult = {
    trials,
    months,
    workloadCount,
    workloadPerTask: new Float32Array(workloadCount * months * trials),
    workloadPerToken: new Float32Array(workloadCount * months * trials),
    totalPerTask: series(months),
    totalPerToken: series(months),
    annualWorkloadPerTask: series(workloadCount),
    annualWorkloadPerToken: series(workloadCount),
    annualPerTask: series(1),
    annualPerToken: series(1),
    costPerTaskFirst: series(workloadCount),
    costPerTaskLast: series(workloadCount),
    costPerTokenIndex: series(months),
    costPerTaskIndex: series(months),
    dashboardSums: new Float64Array(workloadCount * months * DASHBOARD_FIELDS),
  };
  return result;
}
