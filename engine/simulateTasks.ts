import { createRandomStream } from './createRandomStream.js';
import { sampleCount } from './distributions/sampleCount.js';
import { driftFactor } from './driftFactor.js';
import { createTrialPrices, priceTrial, type TrialPrices } from './priceTrial.js';
import {
  DRIFT_INDEX,
  fillDerived,
  type PlannedStep,
  type SimulationPlan,
} from './simulationPlan.js';
import type { TaskCostSummary, WorkloadTaskCosts } from './summaryTypes.js';
import { writeStepPrices } from './writeStepPrices.js';

/** Tasks drawn per workload and month to show what single tasks cost. */
export const SIMULATED_TASKS = 10_000;

/**
 * What individual tasks cost, beside the expected cost the forecast uses: for
 * each workload, SIMULATED_TASKS tasks drawn one by one in the first and the
 * last month, every uncertain input at its median (events happen when their
 * probability is above one half). A task draws whether each step runs (its
 * `when`) and how many calls it makes; call i of a step sends its input plus
 * i times the context growth. The threshold for "expensive" is twice the first
 * month's median, the same in both months, so its share shows the tail grow;
 * null (and the shares with it) when that median is $0.
 * Where a workload's tasks are split between two ways of running (a planned
 * change's old and new steps, a migrating step's two models), each task first
 * draws which way it runs, with the month's share, and then runs only the
 * steps of that way: a task never runs both sides, or neither, of one choice.
 *
 * Cost: O(workloads * tasks * steps * calls per task).
 */
export function simulateTasks(plan: SimulationPlan, seed: number): WorkloadTaskCosts[] {
  const values = medianValues(plan);
  const prices = createTrialPrices(plan);
  priceTrial(plan, values, prices);
  const costs = new Float64Array(SIMULATED_TASKS);
  const stepPrices = new Float64Array(3);
  const last = plan.months - 1;
  return plan.workloads.map((workload) => {
    const summaries = [0, last].map((month) => {
      const terms = workload.steps.map((step) => {
        writeStepPrices(plan, values, step, stepPrices);
        const share = ownShare(workload.choices, step, month);
        return stepTermsAt(plan, values, prices, step, month, stepPrices, share);
      });
      const shares = workload.choices.map((choice) => choice[month]!);
      const takesNewWay = new Uint8Array(shares.length);
      // The same stream in both months (common random numbers): when nothing
      // changes over the year, the two months' tasks come out identical.
      const stream = createRandomStream(seed, 'tasks', workload.name);
      for (let task = 0; task < SIMULATED_TASKS; task += 1) {
        for (let choice = 0; choice < shares.length; choice += 1) {
          takesNewWay[choice] = stream.next() < shares[choice]! ? 1 : 0;
        }
        let cost = 0;
        for (const term of terms) {
          if (!term.sides.every((side) => (takesNewWay[side.choice] === 1) === side.newWay))
            continue;
          if (!(stream.next() < term.runs)) continue;
          const calls = sampleCount(term.family, term.mean, term.sd, term.cap, stream);
          cost += calls * term.perCall + calls * (calls - 1) * term.perPair;
        }
        costs[task] = cost;
      }
      const sorted = Float64Array.from(costs).sort();
      return { month, sorted, stats: describeSorted(sorted) };
    });
    // A workload whose steps start later costs nothing in the first month: twice a median
    // of $0 would call every later task expensive, so it gets no threshold and no share.
    const firstMedian = summaries[0]!.stats.p50;
    const threshold = firstMedian > 0 ? 2 * firstMedian : null;
    const describe = ({ month, sorted, stats }: (typeof summaries)[number]): TaskCostSummary => ({
      month: plan.monthLabels[month]!,
      tasks: SIMULATED_TASKS,
      mean: stats.mean,
      sd: stats.sd,
      median: stats.p50,
      p95: stats.p95,
      shareAboveThreshold: threshold === null ? null : shareAbove(sorted, threshold),
    });
    return { threshold, first: describe(summaries[0]!), last: describe(summaries[1]!) };
  });
}

/** What a step of a task is in a month, before the task draws whether it runs and its calls. */
interface StepTerms {
  /** The sides of the workload's choices the step is on: it runs only on those. */
  readonly sides: PlannedStep['sides'];
  /** Chance that the step runs in a task on its sides of every choice. */
  readonly runs: number;
  readonly family: PlannedStep['family'];
  readonly mean: number;
  readonly sd: number;
  readonly cap: number;
  /** USD of one call, at the month's prices. */
  readonly perCall: number;
  /** USD of the context one pair of calls re-sends: call i re-sends i growths. */
  readonly perPair: number;
}

function stepTermsAt(
  plan: SimulationPlan,
  values: Float64Array,
  prices: TrialPrices,
  step: PlannedStep,
  month: number,
  stepPrices: Float64Array,
  share: number,
): StepTerms {
  const factor = (field: keyof typeof DRIFT_INDEX): number => {
    const drift = step.drifts[DRIFT_INDEX[field]] ?? null;
    return drift === null ? 1 : driftFactor(drift, values[drift.changeSlot]!, month);
  };
  const priceAt = step.modelIndex * plan.months;
  const index = prices.priceIndex[priceAt + month]!;
  const logRatio = prices.logPrice[priceAt + month]! - prices.logPrice[priceAt]!;
  // Deeper loops scale the count distribution's mean (and sd), as in the forecast.
  const k = factor('calls') * Math.exp(-values[step.elasticitySlot]! * logRatio);
  const inputPrice = stepPrices[0]!;
  const perCall =
    values[step.inputSlot]! * factor('input_tokens') * inputPrice +
    values[step.outputSlot]! * factor('output_tokens') * stepPrices[1]! +
    values[step.reasoningSlot]! * factor('reasoning_tokens') * stepPrices[2]!;
  const growth = values[step.contextGrowthSlot]! * factor('context_growth');
  return {
    sides: step.sides,
    runs: Math.min(1, values[step.whenSlot]! * factor('when')) * share,
    family: step.family,
    mean: k * values[step.callsMeanSlot]!,
    sd: k * values[step.callsSdSlot]!,
    cap: step.callsMax,
    perCall: perCall * index,
    perPair: ((growth * inputPrice) / 2) * index,
  };
}

/**
 * Share of a step in force in a month among the tasks on its sides of every
 * choice: its blended share over the shares of tasks on those sides. 0 where a
 * side is never taken, since no task runs it then.
 */
function ownShare(choices: readonly Float64Array[], step: PlannedStep, month: number): number {
  let sidesShare = 1;
  for (const { choice, newWay } of step.sides) {
    const share = choices[choice]![month]!;
    sidesShare *= newWay ? share : 1 - share;
  }
  return sidesShare > 0 ? step.active[month]! / sidesShare : 0;
}

/** Every slot at its median: fixed values as they are, uncertain ones at quantile 1/2. */
function medianValues(plan: SimulationPlan): Float64Array {
  const values = Float64Array.from(plan.fixedSlots);
  for (const input of plan.inputs) {
    const median = input.dist === null ? 0.5 : input.dist.quantile(0.5);
    values.fill(median, input.slot, input.slot + input.count);
  }
  fillDerived(plan.derived, values, 0);
  return values;
}

/** Share of a sorted sample strictly above a threshold. */
function shareAbove(sorted: Float64Array, threshold: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= threshold) low = middle + 1;
    else high = middle;
  }
  return (sorted.length - low) / sorted.length;
}

/**
 * Mean, sd, median and P95 (R's type 7) of a sorted sample. Sorting 10,000
 * costs is cheap, and the share above the threshold needs the order anyway.
 */
function describeSorted(sorted: Float64Array): {
  mean: number;
  sd: number;
  p50: number;
  p95: number;
} {
  const n = sorted.length;
  let sum = 0;
  for (const value of sorted) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const low = Math.floor(h);
    const high = Math.min(n - 1, low + 1);
    return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
  };
  return { mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0, p50: at(0.5), p95: at(0.95) };
}
