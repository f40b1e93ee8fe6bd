import type { Scenario } from '../scenarioTypes.js';
import type { SimulationResult } from '../simulationResult.js';
import { summarizeSample } from '../summarizeSample.js';
import type { OptionOutcome, OptionPair, OptionsComparison } from '../summaryTypes.js';
import { quantileOf } from './quantileOf.js';
import { simulateVariant, type VariantRun } from './simulateVariant.js';
import { SpendOutOfRangeError } from '../spendOutOfRangeError.js';

/** An architecture to compare: a scenario under a name. */
export interface Contender {
  readonly name: string;
  readonly description: string;
  readonly scenario: Scenario;
  /** Its simulation when already run (the forecast itself), on the same seed and trials. */
  readonly result?: SimulationResult;
}

/**
 * Runs every contender on the same seed and trials, so that inputs they share
 * draw alike, and compares each pair trial by trial: the distribution of the
 * difference in annual per-task spend and the share of trials in which the
 * first is cheaper. Cost: one simulation per contender not yet run.
 */
export function compareOptions(
  contenders: readonly Contender[],
  run: Omit<VariantRun, 'taskNoise'>,
): OptionsComparison {
  const results = contenders.map((contender) => contender.result ?? simulateOf(contender, run));
  const options = contenders.map((contender, i) => outcomeOf(contender, results[i]!));
  const pairs: OptionPair[] = [];
  for (let a = 0; a < contenders.length; a += 1) {
    for (let b = a + 1; b < contenders.length; b += 1) {
      pairs.push(pairOf(contenders[a]!.name, contenders[b]!.name, results[a]!, results[b]!));
    }
  }
  return { trials: run.trials, options, pairs };
}

/** A contender's simulation; a spend out of range is told as that contender's. */
function simulateOf(contender: Contender, run: Omit<VariantRun, 'taskNoise'>): SimulationResult {
  try {
    return simulateVariant(contender.scenario, run);
  } catch (error) {
    if (error instanceof SpendOutOfRangeError) throw error.inOption(contender.name);
    throw error;
  }
}

function outcomeOf(contender: Contender, result: SimulationResult): OptionOutcome {
  const scratch = new Float64Array(result.trials);
  const series = (values: Float64Array, w: number) =>
    values.subarray(w * result.trials, (w + 1) * result.trials);
  return {
    name: contender.name,
    description: contender.description,
    annual: summarizeSample(result.annualPerTask, scratch),
    costPerTask: contender.scenario.workloads.map((workload, w) => ({
      workload: workload.name,
      first: quantileOf(series(result.costPerTaskFirst, w), 0.5),
      last: quantileOf(series(result.costPerTaskLast, w), 0.5),
    })),
  };
}

/** Paired difference of annual spend, first minus second, trial by trial. */
export function pairOf(
  first: string,
  second: string,
  a: SimulationResult,
  b: SimulationResult,
): OptionPair {
  const trials = a.trials;
  const difference = new Float64Array(trials);
  let cheaper = 0;
  let equal = 0;
  for (let trial = 0; trial < trials; trial += 1) {
    const d = a.annualPerTask[trial]! - b.annualPerTask[trial]!;
    difference[trial] = d;
    if (d < 0) cheaper += 1;
    else if (d === 0) equal += 1;
  }
  return {
    first,
    second,
    difference: summarizeSample(difference, new Float64Array(trials)),
    probabilityFirstCheaper: cheaper / trials,
    probabilityEqual: equal / trials,
  };
}
