/**
 * The Summary is what every report reads: the engine's last stage produces it
 * and nothing downstream recomputes the model. All money is in the scenario's
 * currency (USD); months are 'YYYY-MM' strings, index 0 being the first month
 * of the horizon.
 */

/** The quantile levels every distribution summary reports. */
export const QUANTILE_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

/** Mean, percentiles and Monte Carlo standard errors of one quantity over trials. */
export interface DistributionSummary {
  readonly mean: number;
  /** Standard error of the mean: sample sd / sqrt(trials). */
  readonly meanStandardError: number;
  readonly sd: number;
  readonly p5: number;
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly p95: number;
  /**
   * Standard error of P10, P50 and P90, from the order-statistic interval
   * (binomial count around the quantile, Hahn and Meeker), halved.
   */
  readonly p10StandardError: number;
  readonly p50StandardError: number;
  readonly p90StandardError: number;
}

/** Both forecasts and their paired gap (per-task minus per-token), trial by trial. */
export interface ForecastTriple {
  readonly perTask: DistributionSummary;
  readonly perToken: DistributionSummary;
  readonly gap: DistributionSummary;
}

/** Spend of one workload, or of all workloads together. */
export interface SpendSummary {
  /** One entry per month of the horizon. */
  readonly monthly: readonly ForecastTriple[];
  /** Sum over the horizon's months, summarised over trials. */
  readonly annual: ForecastTriple;
}

/** The operator's view of one workload per month, in the per-task forecast. */
export interface WorkloadMonth {
  readonly month: string;
  /** Mean over trials of tasks run that month. */
  readonly tasks: number;
  /** Mean over trials of tokens (input, output and reasoning) that month. */
  readonly tokens: number;
  /** Mean tokens of one task: input, output, reasoning and their total. */
  readonly inputTokensPerTask: number;
  readonly outputTokensPerTask: number;
  readonly reasoningTokensPerTask: number;
  readonly tokensPerTask: number;
  /** Mean over trials of the expected cost of one task. */
  readonly costPerTask: number;
  /** Same for the per-token forecast (tokens per task frozen at month 0). */
  readonly costPerTaskPerToken: number;
}

/** The cost of single tasks in one month, from tasks drawn one by one. */
export interface TaskCostSummary {
  readonly month: string;
  /** Tasks drawn. */
  readonly tasks: number;
  readonly mean: number;
  /** Standard deviation of one task's cost; it sizes the noise of small workloads. */
  readonly sd: number;
  readonly median: number;
  readonly p95: number;
  /** Share of tasks that cost more than the workload's threshold. */
  readonly shareAboveThreshold: number;
}

/**
 * Single tasks of a workload in the first and last month, every uncertain
 * input at its median; the threshold is twice the first month's median.
 */
export interface WorkloadTaskCosts {
  readonly threshold: number;
  readonly first: TaskCostSummary;
  readonly last: TaskCostSummary;
}

export interface WorkloadSummary extends SpendSummary {
  readonly name: string;
  readonly months: readonly WorkloadMonth[];
  /** Cost of one task in the first and the last month, over trials. */
  readonly costPerTaskFirst: DistributionSummary;
  readonly costPerTaskLast: DistributionSummary;
  /** What single tasks cost, as opposed to the expected cost of a task. */
  readonly taskCost: WorkloadTaskCosts;
}

/** A monthly index, 1.0 in the first month, with its spread over trials. */
export interface IndexPoint {
  readonly month: string;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface BudgetSummary {
  /** The budget for the whole horizon, all workloads. */
  readonly amount: number;
  /** Share of trials whose per-task annual spend exceeds the budget. */
  readonly exceedProbability: number;
  /** Binomial standard error of that share. */
  readonly exceedProbabilityStandardError: number;
  /** Same share for the per-token forecast, for comparison. */
  readonly perTokenExceedProbability: number;
}

export interface ScenarioEcho {
  readonly name: string;
  readonly description: string;
  readonly start: string;
  readonly months: number;
  readonly currency: string;
  readonly trials: number;
  readonly seed: number;
  readonly budget: number | null;
  /** 'grow': per-token volume follows task volume; 'flat': volume held at month 0. */
  readonly perTokenVolume: 'grow' | 'flat';
}

export interface Summary {
  /** Version of this document's shape, bumped when a field changes meaning. */
  readonly schemaVersion: 1;
  readonly scenario: ScenarioEcho;
  /** 'YYYY-MM' for each month of the horizon. */
  readonly months: readonly string[];
  readonly total: SpendSummary;
  readonly workloads: readonly WorkloadSummary[];
  readonly index: {
    /** Price of the first month's token mix (per-token spend per token), relative to month 0. */
    readonly costPerToken: readonly IndexPoint[];
    /** Spend per task over all workloads, relative to month 0. */
    readonly costPerTask: readonly IndexPoint[];
  };
  readonly budget: BudgetSummary | null;
  /** Prices used, per model, with the date each was read. */
  readonly prices: readonly {
    readonly model: string;
    readonly input: number;
    readonly cachedInput: number;
    readonly cacheWrite: number;
    readonly output: number;
    readonly reasoning: number;
    readonly batchDiscount: number;
    readonly asOf: string;
    readonly source: string;
  }[];
  readonly warnings: readonly string[];
  /**
   * The gap's parts by driver (Shapley attribution), largest first when
   * present; absent until attribution runs. The reports name the largest.
   */
  readonly gapAttribution?: readonly GapDriver[];
  /** Architecture options simulated on the same draws; absent when the scenario has none. */
  readonly options?: readonly OptionSummary[];
}

/** One driver's part of the gap between the per-task and the per-token forecast, in USD. */
export interface GapDriver {
  /** A stable key, e.g. 'loop-drift'. */
  readonly driver: string;
  /** Words for a reader, e.g. 'deeper review loops'. */
  readonly label: string;
  readonly mean: number;
  readonly p10?: number;
  readonly p90?: number;
}

/** One option's annual spend in the per-task forecast. */
export interface OptionSummary {
  readonly name: string;
  readonly annual: DistributionSummary;
}
