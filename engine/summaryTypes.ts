/**
 * The Summary is what every report reads: the engine's last stage produces it
 * and nothing downstream recomputes the model. All money is in the scenario's
 * currency (USD); months are 'YYYY-MM' strings, index 0 being the first month
 * of the horizon.
 */

import type { CorrelationPair } from './scenarioTypes.js';

/** The quantile levels every distribution summary reports. */
export const QUANTILE_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

/**
 * Mean, percentiles and Monte Carlo standard errors of one quantity over trials.
 * A spread or error that the trials cannot estimate is null, never 0: one
 * trial has no sd, and a percentile whose one-sigma order-statistic interval
 * runs past the smallest or largest trial has no standard error (0 would read
 * as an exact figure).
 */
export interface DistributionSummary {
  readonly mean: number;
  /** Standard error of the mean: sample sd / sqrt(trials); null below two trials. */
  readonly meanStandardError: number | null;
  /** Sample sd (n - 1 in the denominator); null below two trials. */
  readonly sd: number | null;
  readonly p5: number;
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly p95: number;
  /**
   * Standard error of P10, P50 and P90, from the order-statistic interval
   * (binomial count around the quantile, Hahn and Meeker), halved; null when
   * that interval does not fit inside the trials (isErrorEstimable).
   */
  readonly p10StandardError: number | null;
  readonly p50StandardError: number | null;
  readonly p90StandardError: number | null;
  /**
   * Standard errors of the other percentiles, by the same rule; always set by
   * the engine (optional only so that hand-made summaries may leave them out).
   */
  readonly p5StandardError?: number | null;
  readonly p25StandardError?: number | null;
  readonly p75StandardError?: number | null;
  readonly p95StandardError?: number | null;
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
  /** Share of tasks that cost more than the workload's threshold; null without one. */
  readonly shareAboveThreshold: number | null;
}

/**
 * Single tasks of a workload in the first and last month, every uncertain
 * input at its median; the threshold is twice the first month's median, or
 * null when that median is $0 (steps that start later in the horizon).
 */
export interface WorkloadTaskCosts {
  readonly threshold: number | null;
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
  /** Binomial standard error of that share; null below two trials. */
  readonly exceedProbabilityStandardError: number | null;
  /** Same share for the per-token forecast, for comparison. */
  readonly perTokenExceedProbability: number;
  /** What the budget holder plans with; see BudgetPlan. */
  readonly plan?: BudgetPlan;
}

/** The per-task forecast against the budget, over the same trials. */
export interface BudgetPlan {
  /** Mean over trials of max(0, annual spend - budget). */
  readonly expectedOverrun: number;
  /**
   * The budget that 80% and 90% of trials stay within: P80 and P90 of annual
   * spend; null for one trial, whose P80 and P90 would be that trial alone.
   */
  readonly coversP80: number | null;
  readonly coversP90: number | null;
  /** Spend per calendar quarter of the horizon. */
  readonly quarters: readonly QuarterSpend[];
  /** Cumulative spend each month, with the budget's straight line. */
  readonly cumulative: readonly CumulativePoint[];
  /**
   * First month from which the cumulative P50 stays above the straight line
   * to the end of the horizon; null if it ends on or below the line.
   */
  readonly firstMonthAboveLine: string | null;
}

export interface QuarterSpend {
  /** 'YYYY-Qn'. */
  readonly quarter: string;
  readonly months: readonly string[];
  readonly perTask: DistributionSummary;
}

export interface CumulativePoint {
  readonly month: string;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  /** budget * (months so far) / months of the horizon. */
  readonly budgetLine: number;
}

/**
 * One driver's share of the gap (per-task minus per-token annual spend): its
 * Shapley value, the mean over orders of switching drivers on of what it
 * adds, computed trial by trial on common draws. The parts of a trial sum to
 * that trial's gap.
 */
export interface GapPart {
  /** Stable id: 'volume', 'loop-drift', 'context-growth', ... */
  readonly driver: string;
  readonly label: string;
  readonly mean: number;
  readonly p10?: number;
  readonly p90?: number;
}

/** One uncertain input of the tornado. */
export interface TornadoInput {
  /** Key path of the input in the scenario. */
  readonly input: string;
  /** The input's own P10 and P90, where it was pinned. */
  readonly lowValue: number;
  readonly highValue: number;
  /** Annual per-task P50 with the input pinned at its P10, and at its P90. */
  readonly p50AtLow: number;
  readonly p50AtHigh: number;
  /** |p50AtHigh - p50AtLow|. */
  readonly swing: number;
  /**
   * First-order share of the variance of annual spend: Var(E[spend | input])
   * / Var(spend), estimated by binning the trials on the input's draw.
   */
  readonly varianceShare: number;
}

export interface SensitivitySummary {
  /** Trials of each pinned run (the forecast's first ones). */
  readonly trials: number;
  /** Annual per-task P50 of those trials with nothing pinned. */
  readonly baseP50: number;
  /** Pinned inputs by swing, widest first: those with the largest variance shares. */
  readonly inputs: readonly TornadoInput[];
  /** Trials the variance shares were estimated on (the forecast's first ones). */
  readonly varianceTrials?: number;
  /** Inputs with smaller variance shares, not pinned, by share. */
  readonly notPinned?: readonly { readonly input: string; readonly varianceShare: number }[];
  /**
   * Present when the forecast had too few trials to estimate variance shares
   * (some inputs are uncertain, but nothing was pinned or ranked): the fewest
   * trials that can. `inputs` is then empty.
   */
  readonly neededTrials?: number;
}

/** One architecture: the scenario as written ('base') or an option. */
export interface OptionOutcome {
  readonly name: string;
  readonly description: string;
  readonly annual: DistributionSummary;
  /** Expected cost of one task in the first and last month, P50 over trials, per workload. */
  readonly costPerTask: readonly {
    readonly workload: string;
    readonly first: number;
    readonly last: number;
  }[];
}

/** Two options' annual spend compared trial by trial on common draws. */
export interface OptionPair {
  readonly first: string;
  readonly second: string;
  /** first minus second, per trial. */
  readonly difference: DistributionSummary;
  /** Share of trials in which first costs less than second. */
  readonly probabilityFirstCheaper: number;
  /** Share of trials in which both cost exactly the same (an option identical to the other). */
  readonly probabilityEqual: number;
}

export interface OptionsComparison {
  readonly trials: number;
  readonly options: readonly OptionOutcome[];
  readonly pairs: readonly OptionPair[];
}

/** How stable the run's P90 of annual spend is, when `--precision` asked for it. */
export interface PrecisionReport {
  /** Asked standard error of annual P90, as a share of it. */
  readonly target: number;
  /** Reached standard error of annual P90, as a share of it; null when not estimable. */
  readonly achieved: number | null;
  readonly trials: number;
  /** The most trials the run would add up to. */
  readonly ceiling: number;
  readonly met: boolean;
  /**
   * Present when the ceiling left too few trials to estimate the error at all
   * (its interval runs past the largest trial): the fewest that can. `achieved`
   * is then null, and `met` is false.
   */
  readonly neededTrials?: number;
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
  /**
   * Whether trials can differ: some drawn input can take more than one value,
   * or single tasks vary (which moves months with few tasks). False: every
   * trial gives the same figures, however many were run. Reports decide
   * "certain" by this, not by an sd, which one trial cannot estimate.
   */
  readonly uncertain: boolean;
  /**
   * The scenario's `correlations:`, each pair of inputs with the rank
   * correlation as written and as drawn towards; absent when it has none.
   */
  readonly correlations?: readonly CorrelationPair[];
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
    /**
     * Present only when some trials spend nothing in the first month, which
     * gives them no base: the number of trials both indices are over (0, with
     * both lists empty, when no trial has a base).
     */
    readonly trials?: number;
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
  /** The gap of annual spend split among its drivers; absent when nothing drives a gap. */
  readonly gapAttribution?: readonly GapPart[];
  /** Trials the attribution ran on (the first ones of the forecast). */
  readonly gapAttributionTrials?: number;
  /** Which uncertain inputs move annual spend most. */
  readonly sensitivity?: SensitivitySummary;
  /** The scenario against its options, on common draws; absent without options. */
  readonly options?: OptionsComparison;
  /** Planned changes the forecast follows. */
  readonly plannedChanges?: readonly {
    readonly workload: string;
    readonly option: string;
    readonly from: string;
    readonly rampMonths: number;
  }[];
  readonly precision?: PrecisionReport;
  /**
   * Present when the run was too large to keep every workload's monthly spend
   * trial by trial: `workloads[].monthly` percentiles (and their standard
   * errors) then come from quantile sketches, each order statistic within
   * `relativeError` of the exact one, or within `absoluteError` (USD) of it
   * near zero (means and sds stay exact). Totals, annual figures and indices
   * are always exact.
   */
  readonly workloadMonthlySketch?: {
    readonly relativeError: number;
    readonly absoluteError: number;
  };
}
