import type { CountFamily } from './distributions/countMoments.js';
import type { ScalarDistribution } from './distributions/scalarDistribution.js';

/**
 * What the simulation needs, flattened: every number a trial reads lives at a
 * slot of one Float64Array (fixed values pre-filled, uncertain ones drawn per
 * trial), so the inner loop reads typed arrays and never walks the scenario.
 */
export interface SimulationPlan {
  readonly months: number;
  readonly monthLabels: readonly string[];
  /** Size of the per-trial value array. */
  readonly slotCount: number;
  /** Initial value of every slot: fixed values, and 0 where a draw will go. */
  readonly fixedSlots: Float64Array;
  readonly inputs: readonly PlannedInput[];
  /**
   * Values computed from other slots by a scenario's expressions, in an order
   * where every input comes before its use; filled after each chunk's draws.
   */
  readonly derived: readonly PlannedDerived[];
  /**
   * Inputs (indices into `inputs`) whose draws are re-paired per block to a
   * target rank correlation (Iman-Conover), with the target's Cholesky factor.
   */
  readonly correlation: {
    readonly inputIndices: readonly number[];
    readonly cholesky: Float64Array;
  } | null;
  readonly models: readonly string[];
  /**
   * Per model, USD per million tokens: input, cached input, cache write, output,
   * reasoning; then the batch discount.
   */
  readonly modelPrices: Float64Array;
  readonly annualChangeSlot: number;
  readonly events: readonly PlannedEvent[];
  readonly workloads: readonly PlannedWorkload[];
  readonly perTokenVolume: 'grow' | 'flat';
}

/** Number of price fields per model in `modelPrices`. */
export const PRICE_STRIDE = 6;

/**
 * An uncertain input: `count` uniforms per trial (1, or the horizon's months
 * for `per: month`) turned into values at `slot`, `slot + 1`, ... by the
 * distribution's inverse. `transform` 'uniform' leaves the uniform as is (used
 * for whether a price event happens).
 */
export interface PlannedInput {
  readonly path: string;
  readonly dist: ScalarDistribution | null;
  readonly slot: number;
  readonly count: number;
}

/** An expression over other slots, cut to [lower, upper], the range of its key. */
export interface PlannedDerived {
  readonly slot: number;
  readonly inputSlots: Int32Array;
  readonly evaluate: (row: Float64Array, slots: Int32Array, offset: number) => number;
  readonly lower: number;
  readonly upper: number;
}

/** Fills the derived slots of one row of values (a trial's), in plan order. */
export function fillDerived(
  derived: readonly PlannedDerived[],
  row: Float64Array,
  offset: number,
): void {
  for (const entry of derived) {
    const value = entry.evaluate(row, entry.inputSlots, offset);
    row[offset + entry.slot] = Math.min(entry.upper, Math.max(entry.lower, value));
  }
}

export interface PlannedEvent {
  readonly monthIndex: number;
  readonly probabilitySlot: number;
  readonly changeSlot: number;
  /** Slot holding the uniform that decides whether the event happens. */
  readonly occurrenceSlot: number;
  /** 1 for each model (in plan order) the event applies to. */
  readonly modelMask: Uint8Array;
}

export interface PlannedWorkload {
  readonly name: string;
  readonly tasksSlot: number;
  /** Whether tasks in the first month are drawn again every month (slots tasksSlot..+months). */
  readonly tasksPerMonth: boolean;
  readonly growthSlot: number;
  /** Whether growth is drawn every month (slots growthSlot..+months). */
  readonly growthPerMonth: boolean;
  /** Seasonal multiplier of each month of the horizon. */
  readonly season: Float64Array;
  readonly steps: readonly PlannedStep[];
  /**
   * Per choice a task makes between two ways of running (see Step.sides),
   * the share of tasks that take the new way each month.
   */
  readonly choices: readonly Float64Array[];
}

/** Index of each drifting field in `PlannedStep.drifts`. */
export const DRIFT_INDEX = {
  calls: 0,
  input_tokens: 1,
  output_tokens: 2,
  reasoning_tokens: 3,
  context_growth: 4,
  when: 5,
} as const;

export interface PlannedDrift {
  readonly changeSlot: number;
  readonly compound: boolean;
  /** Share of the change reached in each month, from 0 to 1. */
  readonly ramp: Float64Array;
}

export interface PlannedStep {
  readonly name: string;
  readonly modelIndex: number;
  readonly family: CountFamily;
  readonly callsMeanSlot: number;
  readonly callsSdSlot: number;
  readonly callsMax: number;
  readonly inputSlot: number;
  readonly outputSlot: number;
  readonly reasoningSlot: number;
  readonly contextGrowthSlot: number;
  readonly cachedShareSlot: number;
  readonly cacheWriteShareSlot: number;
  readonly batchShareSlot: number;
  readonly whenSlot: number;
  readonly elasticitySlot: number;
  /** Share of `when` in force each month: 0 before `from`, ramping to 1. */
  readonly active: Float64Array;
  /** Whether `active` is 1 in every month. */
  readonly alwaysActive: boolean;
  /** Whether any field of the step drifts. */
  readonly drifted: boolean;
  /**
   * Per field (see DRIFT_INDEX), the first of its monthly slots when `per:
   * month` draws it every month; -1 when it is drawn once.
   */
  readonly monthlySlots: readonly number[];
  /** Drifts by field (see DRIFT_INDEX); null where the field does not drift. */
  readonly drifts: readonly (PlannedDrift | null)[];
  /** The sides of the workload's choices (indices into `choices`) this step is on. */
  readonly sides: readonly { readonly choice: number; readonly newWay: boolean }[];
}
