import { SKETCH_RELATIVE_ERROR, SKETCH_ZERO, type QuantileSketch } from './quantileSketch.js';
import type { Scenario } from './scenarioTypes.js';
import {
  DASHBOARD,
  DASHBOARD_FIELDS,
  readTiledSeries,
  SERIES_SUMS,
  type SimulationResult,
} from './simulationResult.js';
import { canVary } from './canVary.js';
import { FEW_TASKS } from './simulate.js';
import { gapOf } from './gapOf.js';
import type { SimulationPlan } from './simulationPlan.js';
import { SampleMoments, summarizeSample, summarizeWithMoments } from './summarizeSample.js';
import { summarizeIndex } from './summarizeIndex.js';
import { summarizeSketch } from './summarizeSketch.js';
import type {
  BudgetSummary,
  DistributionSummary,
  ForecastTriple,
  Summary,
  WorkloadMonth,
  WorkloadSummary,
  WorkloadTaskCosts,
} from './summaryTypes.js';

/**
 * Turns per-trial results into the Summary that reports read: percentiles with
 * their standard errors for every series, the indices, the dashboard and the
 * budget figures. Cost: O(series * trials), with one scratch buffer.
 */
export function summarize(
  scenario: Scenario,
  plan: SimulationPlan,
  result: SimulationResult,
  warnings: readonly string[],
  taskCosts: readonly WorkloadTaskCosts[],
): Summary {
  const reader = new SeriesReader(result);
  const months = plan.monthLabels;
  const total = {
    monthly: months.map((_, month) =>
      reader.triple(result.totalPerTask, result.totalPerToken, month),
    ),
    annual: reader.triple(result.annualPerTask, result.annualPerToken, 0),
  };
  const workloads = plan.workloads.map((workload, w) =>
    summarizeWorkload(workload.name, w, reader, result, months, taskCosts[w]!),
  );
  return {
    schemaVersion: 1,
    scenario: {
      name: scenario.name,
      description: scenario.description,
      start: scenario.start,
      months: scenario.months,
      currency: scenario.currency,
      trials: result.trials,
      seed: scenario.seed,
      budget: scenario.budget,
      perTokenVolume: scenario.perTokenVolume,
      uncertain: canTrialsDiffer(plan, taskCosts, workloads),
      ...(scenario.correlation === undefined ? {} : { correlations: scenario.correlation.pairs }),
    },
    months,
    total,
    workloads,
    index: summarizeIndex(result, months),
    budget: scenario.budget === null ? null : summarizeBudget(result, scenario.budget),
    prices: [...scenario.prices.values()].map((price) => ({
      model: price.model,
      input: price.input,
      cachedInput: price.cachedInput,
      cacheWrite: price.cacheWrite,
      output: price.output,
      reasoning: price.reasoning,
      batchDiscount: price.batchDiscount,
      asOf: price.asOf,
      source: price.source,
    })),
    warnings: [...warnings],
    ...(result.workloadSketches === null
      ? {}
      : {
          workloadMonthlySketch: {
            relativeError: SKETCH_RELATIVE_ERROR,
            absoluteError: SKETCH_ZERO,
          },
        }),
  };
}

/** Both forecasts and their gap for one sketched per-workload monthly series. */
function sketchTriple(result: SimulationResult, series: number): ForecastTriple {
  const sketches = result.workloadSketches!;
  const sums = result.seriesSums;
  const one = (sketch: QuantileSketch, forecast: number): DistributionSummary => {
    const at = (series * SERIES_SUMS.forecasts + forecast) * 2;
    return summarizeSketch(sketch, sums[at]!, sums[at + 1]!);
  };
  return {
    perTask: one(sketches.perTask[series]!, SERIES_SUMS.perTask),
    perToken: one(sketches.perToken[series]!, SERIES_SUMS.perToken),
    gap: one(sketches.gap[series]!, SERIES_SUMS.gap),
  };
}

function summarizeWorkload(
  name: string,
  w: number,
  reader: SeriesReader,
  result: SimulationResult,
  months: readonly string[],
  taskCost: WorkloadTaskCosts,
): WorkloadSummary {
  const monthCount = months.length;
  return {
    name,
    monthly: months.map((_, month) =>
      result.workloadSketches === null
        ? reader.tiledTriple(w * monthCount + month)
        : sketchTriple(result, w * monthCount + month),
    ),
    annual: reader.triple(result.annualWorkloadPerTask, result.annualWorkloadPerToken, w),
    months: months.map((label, month) => dashboardMonth(result, w, month, label)),
    costPerTaskFirst: reader.single(result.costPerTaskFirst, w),
    costPerTaskLast: reader.single(result.costPerTaskLast, w),
    taskCost,
  };
}

function dashboardMonth(
  result: SimulationResult,
  w: number,
  month: number,
  label: string,
): WorkloadMonth {
  const base = (w * result.months + month) * DASHBOARD_FIELDS;
  const mean = (field: number): number => result.dashboardSums[base + field]! / result.trials;
  const input = mean(DASHBOARD.inputPerTask);
  const output = mean(DASHBOARD.outputPerTask);
  const reasoning = mean(DASHBOARD.reasoningPerTask);
  return {
    month: label,
    tasks: mean(DASHBOARD.tasks),
    tokens: mean(DASHBOARD.tokens),
    inputTokensPerTask: input,
    outputTokensPerTask: output,
    reasoningTokensPerTask: reasoning,
    tokensPerTask: input + output + reasoning,
    costPerTask: mean(DASHBOARD.costPerTask),
    costPerTaskPerToken: mean(DASHBOARD.perTokenCostPerTask),
  };
}

function summarizeBudget(result: SimulationResult, budget: number): BudgetSummary {
  const over = (values: Float64Array): number => {
    let count = 0;
    for (let index = 0; index < values.length; index += 1) if (values[index]! > budget) count += 1;
    return count / values.length;
  };
  const probability = over(result.annualPerTask);
  return {
    amount: budget,
    exceedProbability: probability,
    // One trial cannot estimate how often the budget is exceeded: no error, not 0.
    exceedProbabilityStandardError:
      result.trials < 2 ? null : Math.sqrt((probability * (1 - probability)) / result.trials),
    perTokenExceedProbability: over(result.annualPerToken),
  };
}

/** Reads series out of the result's flat arrays into summaries, sharing one scratch buffer. */
class SeriesReader {
  private readonly scratch: Float64Array;
  private readonly gap: Float64Array;
  // Float64 although the tiles are Float32: every sample summarised is then
  // the same array type, so V8 keeps summarizeSample's loops monomorphic.
  private readonly tiledTask: Float64Array;
  private readonly tiledToken: Float64Array;

  constructor(private readonly result: SimulationResult) {
    this.scratch = new Float64Array(result.trials);
    this.gap = new Float64Array(result.trials);
    this.tiledTask = new Float64Array(result.trials);
    this.tiledToken = new Float64Array(result.trials);
  }

  single(values: Float64Array, series: number): DistributionSummary {
    return summarizeSample(this.slice(values, series), this.scratch);
  }

  /** Both forecasts and their paired gap, trial by trial. */
  triple(perTask: Float64Array, perToken: Float64Array, series: number): ForecastTriple {
    const task = this.slice(perTask, series);
    const token = this.slice(perToken, series);
    const taskMoments = new SampleMoments(task[0] ?? 0);
    const tokenMoments = new SampleMoments(token[0] ?? 0);
    const gapMoments = new SampleMoments(gapOf(task[0] ?? 0, token[0] ?? 0));
    for (let trial = 0; trial < this.result.trials; trial += 1) {
      const taskValue = task[trial]!;
      const tokenValue = token[trial]!;
      const gap = gapOf(taskValue, tokenValue);
      this.gap[trial] = gap;
      taskMoments.add(taskValue);
      tokenMoments.add(tokenValue);
      gapMoments.add(gap);
    }
    return {
      perTask: summarizeWithMoments(task, taskMoments, this.scratch),
      perToken: summarizeWithMoments(token, tokenMoments, this.scratch),
      gap: summarizeWithMoments(this.gap, gapMoments, this.scratch),
    };
  }

  /** The triple of a per-workload monthly series, gathered from its tiles. */
  tiledTriple(series: number): ForecastTriple {
    const count = this.result.workloadCount * this.result.months;
    readTiledSeries(this.result.workloadPerTask, series, count, this.tiledTask);
    readTiledSeries(this.result.workloadPerToken, series, count, this.tiledToken);
    return this.triple(this.tiledTask, this.tiledToken, 0);
  }

  private slice(values: Float64Array, series: number): Float64Array {
    const trials = this.result.trials;
    return values.subarray(series * trials, (series + 1) * trials);
  }
}

/**
 * Whether two trials can give different figures: an input drawn from a
 * distribution with some spread (or an event that may or may not happen), or
 * single tasks whose cost varies in a workload with a month of fewer than
 * FEW_TASKS tasks, which carries task-to-task noise. With every input fixed
 * a month's tasks are the same in every trial, so their mean is that count.
 */
function canTrialsDiffer(
  plan: SimulationPlan,
  taskCosts: readonly WorkloadTaskCosts[],
  workloads: readonly WorkloadSummary[],
): boolean {
  if (plan.inputs.some((input) => canVary(plan, input))) return true;
  return taskCosts.some(
    (costs, w) =>
      (hasSpread(costs.first) || hasSpread(costs.last)) &&
      (workloads[w]?.months ?? []).some((month) => month.tasks > 0 && month.tasks < FEW_TASKS),
  );
}

/**
 * Whether single tasks' costs spread: an sd above rounding. 10,000 equal costs
 * summed in floating point leave an sd of about 1e-17 on a cost of 2e-4, which
 * is no spread; a month of no tasks carries no noise at all (checked above).
 */
function hasSpread(costs: { readonly mean: number; readonly sd: number }): boolean {
  return costs.sd > 1e-9 * Math.abs(costs.mean);
}
