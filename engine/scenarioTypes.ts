import type { CountFamily } from './distributions/countMoments.js';
import type { ScalarDistribution } from './distributions/scalarDistribution.js';
import type { ModelPrice } from './priceCatalog.js';

/**
 * A validated scenario: every number parsed, every distribution built and
 * checked, every model's price resolved. Month numbers are indices from 0, the
 * first month of the horizon.
 */
export interface Scenario {
  readonly name: string;
  /** Named params, in the order of the file; expressions in any numeric key read them. */
  readonly params?: ReadonlyMap<string, Value>;
  readonly description: string;
  /** First month, 'YYYY-MM'. */
  readonly start: string;
  readonly months: number;
  readonly currency: 'USD';
  readonly trials: number;
  readonly seed: number;
  /** Budget for the whole horizon, all workloads; null when none is set. */
  readonly budget: number | null;
  readonly perTokenVolume: 'grow' | 'flat';
  /** Prices of every model a step uses, per million tokens. */
  readonly prices: ReadonlyMap<string, ModelPrice>;
  readonly curve: PriceCurve;
  readonly workloads: readonly Workload[];
  /** Architecture options, each the scenario with some keys overridden; none when absent. */
  readonly options?: readonly ScenarioOption[];
  /** Options rolled out into a workload during the horizon, already merged into its steps. */
  readonly plannedChanges?: readonly PlannedChange[];
  /** Rank correlation between uncertain inputs, induced by Iman-Conover; none when absent. */
  readonly correlation?: Correlation;
}

/** An architecture option: the scenario as it would be with a few keys set otherwise. */
export interface ScenarioOption {
  readonly name: string;
  readonly description: string;
  /** The dotted key paths the option overrides. */
  readonly paths: readonly string[];
  /** The whole scenario under the option, validated like any scenario. */
  readonly scenario: Scenario;
}

/** A workload that switches to an option from a month, ramped over some months. */
export interface PlannedChange {
  readonly workload: string;
  readonly option: string;
  readonly fromMonth: number;
  readonly rampMonths: number;
  /** Share of the workload's tasks run the option's way, each month of the horizon. */
  readonly shares: readonly number[];
}

/** Inputs drawn together with a target rank correlation (a valid, positive definite matrix). */
export interface Correlation {
  /** The inputs, each uncertain and drawn once per trial. */
  readonly inputs: readonly Extract<Value, { kind: 'uncertain' }>[];
  /** Lower Cholesky factor of the k x k target, row-major. */
  readonly cholesky: Float64Array;
  /** Each pairing as the scenario writes it, for the reports' assumptions. */
  readonly pairs: readonly CorrelationPair[];
}

/** One entry of `correlations:`: two inputs and their target rank correlation. */
export interface CorrelationPair {
  /** The two inputs: key paths, or `params.<name>` for a param. */
  readonly between: readonly [string, string];
  /** The coefficient as written. */
  readonly rank: number;
  /** The target drawn towards: `rank`, or the nearest valid one when the set was impossible. */
  readonly appliedRank: number;
}

/**
 * A number that is either known or drawn. `path` names the key in the
 * scenario (e.g. `workloads.support.growth`); it keys the draw's random stream,
 * so the same key draws alike in every variant of a scenario.
 */
export type Value =
  | { readonly kind: 'fixed'; readonly value: number }
  | {
      readonly kind: 'uncertain';
      readonly dist: ScalarDistribution;
      /** 'trial': drawn once and held for the horizon; 'month': drawn again each month. */
      readonly per: 'trial' | 'month';
      readonly path: string;
    }
  | DerivedValue;

/**
 * A value computed from params by an expression (`system_prompt + 1.5 *
 * ticket`) where some param is uncertain: evaluated per trial, after the
 * draws, from the values of `inputs` in a row. The result is cut to
 * [lower, upper], the range of the key's kind.
 */
export interface DerivedValue {
  readonly kind: 'derived';
  readonly path: string;
  readonly text: string;
  readonly inputs: readonly Value[];
  /** Reads input i at row[offset + slots[i]]. */
  readonly evaluate: (row: Float64Array, slots: Int32Array, offset: number) => number;
  readonly lower: number;
  readonly upper: number;
}

export interface PriceCurve {
  /** Yearly change of every model's prices, applied monthly as (1 + c) ^ (m / 12). */
  readonly annualChange: Value;
  readonly events: readonly PriceEvent[];
}

export interface PriceEvent {
  readonly path: string;
  /** Month index from which the change applies. */
  readonly monthIndex: number;
  readonly probability: Value;
  readonly change: Value;
  /** Models the event applies to; null for all. */
  readonly models: readonly string[] | null;
}

export interface Workload {
  readonly name: string;
  readonly tasksPerMonth: Value;
  /** Monthly growth rate of tasks. */
  readonly growth: Value;
  /** Multiplier of tasks per calendar month, January first; 12 entries. */
  readonly seasonality: readonly number[];
  readonly steps: readonly Step[];
  readonly drifts: readonly Drift[];
}

export interface Calls {
  readonly family: CountFamily;
  readonly mean: Value;
  /** Only for negative_binomial. */
  readonly sd: Value | null;
  /** Censoring cap on the count; Infinity when none. */
  readonly max: number;
}

export interface Step {
  readonly name: string;
  readonly model: string;
  readonly calls: Calls;
  readonly inputTokens: Value;
  readonly outputTokens: Value;
  readonly reasoningTokens: Value;
  readonly contextGrowth: Value;
  readonly cachedShare: Value;
  readonly cacheWriteShare: Value;
  readonly batchShare: Value;
  readonly when: Value;
  readonly elasticity: Value;
  /** First month index in which the step runs. */
  readonly fromMonth: number;
  /** Months over which it ramps up to full `when`; 0 for at once. */
  readonly rampMonths: number;
  /**
   * Share of the step in force each month when set, in place of the one that
   * `fromMonth` and `rampMonths` give: a planned change splits a workload's
   * tasks between its old and new steps this way.
   */
  readonly activeShares?: readonly number[];
  /** Calls moving to a successor model during the horizon (`migrate:`), if any. */
  readonly migration?: Migration;
  /**
   * The choices between two ways of running that this step is one side of, set
   * where a planned change or a migration is lowered (its `activeShares` then
   * hold the blend). The forecast needs only the blend; single tasks draw each
   * choice once a task, so that a task runs one side of it, not both or neither.
   */
  readonly sides?: readonly ChoiceSide[];
}

/**
 * One side of a choice a task makes between two ways of running: a planned
 * change's old or new steps, or a migrating step's old or new model.
 */
export interface ChoiceSide {
  /** Names the choice within its workload; both sides carry the same key. */
  readonly key: string;
  /** Whether this step is on the new way's side, which a share `shares[m]` of tasks take. */
  readonly newWay: boolean;
  /** Share of tasks that take the new way, each month of the horizon. */
  readonly shares: readonly number[];
}

/**
 * A model migration: each month, `shares[m]` of a step's calls run on `to`
 * instead of the step's own model, with the same tokens, the same draws.
 */
export interface Migration {
  readonly to: string;
  readonly fromMonth: number;
  readonly rampMonths: number;
  /** Share of the step's calls on the successor model, each month of the horizon. */
  readonly shares: readonly number[];
}

export const DRIFT_FIELDS = [
  'calls',
  'input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'context_growth',
  'when',
] as const;
export type DriftField = (typeof DRIFT_FIELDS)[number];

export interface Drift {
  readonly path: string;
  readonly stepIndex: number;
  readonly field: DriftField;
  /** Total change reached at `byMonth`, a rate (+40% = 0.4). */
  readonly change: Value;
  readonly byMonth: number;
  readonly shape: 'linear' | 'compound';
}
