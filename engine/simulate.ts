import { createRandomStream, type RandomStream } from './createRandomStream.js';
import { writeCountMoments } from './distributions/countMoments.js';
import { drawMany } from './distributions/drawMany.js';
import {
  allocateResult,
  DASHBOARD,
  DASHBOARD_FIELDS,
  TILE_SHIFT,
  TILE_TRIALS,
  type SimulationResult,
} from './simulationResult.js';
import { PRICE_STRIDE, type PlannedStep, type SimulationPlan } from './simulationPlan.js';

/**
 * Trials are drawn in blocks of this size. Each block's random streams are
 * keyed by the seed, the block's index and the input's path, never by who
 * computes the block, so results do not depend on how blocks are scheduled.
 */
export const BLOCK_TRIALS = 1000;

/** Trials whose draws are made together within a block; a cache-sized batch. */
const CHUNK_TRIALS = 32;

export interface SimulationRequest {
  readonly seed: number;
  readonly trials: number;
}

/**
 * Runs every trial of a plan: draws the trial's uncertain inputs, then for each
 * workload and month the expected cost of one task (from the task-level
 * distributions' moments) times the tasks that month, for the per-task
 * forecast and, on the same draws, for the per-token forecast.
 *
 * Cost: O(trials * (inputs + steps * months)); memory O(trials * workloads *
 * months) for the per-trial series the summary needs.
 */
export function simulate(plan: SimulationPlan, request: SimulationRequest): SimulationResult {
  const result = allocateResult(request.trials, plan.months, plan.workloads.length);
  const kernel = new TrialKernel(plan, result);
  const blocks = Math.ceil(request.trials / BLOCK_TRIALS);
  for (let block = 0; block < blocks; block += 1) {
    const first = block * BLOCK_TRIALS;
    const count = Math.min(BLOCK_TRIALS, request.trials - first);
    kernel.runBlock(request.seed, block, first, count);
  }
  return result;
}

/** Per-plan scratch space, allocated once so the trial loop allocates nothing. */
class TrialKernel {
  private readonly values: Float64Array;
  private readonly draws: Float64Array[];
  private readonly logPrice: Float64Array;
  private readonly priceIndex: Float64Array;
  private readonly tasks: Float64Array;
  private readonly perTokenTasks: Float64Array;
  private readonly costPerTask: Float64Array;
  private readonly perTokenCostPerTask: Float64Array;
  private readonly tokensPerTask: Float64Array;
  private readonly blockDashboard: Float64Array;
  private readonly totalTokens: Float64Array;
  private readonly totalTasks: Float64Array;
  private readonly perTokenTokens: Float64Array;
  private readonly moments = new Float64Array(2);
  private readonly factors: Float64Array[];
  private readonly ones: Float64Array;
  /** 1 where a price event starts for a model: index model * months + month. */
  private readonly priceJump: Uint8Array;
  private monthlyLogPrice = 0;

  constructor(
    private readonly plan: SimulationPlan,
    private readonly result: SimulationResult,
  ) {
    const months = plan.months;
    this.values = Float64Array.from(plan.fixedSlots);
    this.draws = plan.inputs.map((input) => new Float64Array(CHUNK_TRIALS * input.count));
    this.logPrice = new Float64Array(plan.models.length * months);
    this.priceIndex = new Float64Array(plan.models.length * months);
    this.tasks = new Float64Array(months);
    this.perTokenTasks = new Float64Array(months);
    this.costPerTask = new Float64Array(months);
    this.perTokenCostPerTask = new Float64Array(months);
    this.tokensPerTask = new Float64Array(months * 3);
    this.blockDashboard = new Float64Array(result.dashboardSums.length);
    this.totalTokens = new Float64Array(months);
    this.totalTasks = new Float64Array(months);
    this.perTokenTokens = new Float64Array(months);
    this.factors = Array.from({ length: 6 }, () => new Float64Array(months));
    this.ones = new Float64Array(months).fill(1);
    this.priceJump = new Uint8Array(plan.models.length * months);
  }

  runBlock(seed: number, block: number, firstTrial: number, count: number): void {
    const streams = this.plan.inputs.map((input) =>
      createRandomStream(seed, 'block', block, input.path),
    );
    this.blockDashboard.fill(0);
    for (let chunk = 0; chunk < count; chunk += CHUNK_TRIALS) {
      const chunkCount = Math.min(CHUNK_TRIALS, count - chunk);
      this.drawChunk(streams, chunkCount);
      for (let offset = 0; offset < chunkCount; offset += 1) {
        this.loadTrial(offset);
        this.priceTrial();
        this.runTrial(firstTrial + chunk + offset);
      }
    }
    // Adding each block's partial sums in block order keeps the dashboard's
    // floating-point sums independent of how blocks are scheduled.
    const sums = this.result.dashboardSums;
    for (let index = 0; index < sums.length; index += 1)
      sums[index]! += this.blockDashboard[index]!;
  }

  /**
   * Draws the next few trials of every input. Drawing a chunk at a time keeps
   * all inputs' draws for those trials in cache while the trials read them;
   * each input still draws from its own stream in trial order.
   */
  private drawChunk(streams: readonly RandomStream[], count: number): void {
    this.plan.inputs.forEach((input, index) => {
      drawMany(input.dist, streams[index]!, this.draws[index]!, 0, count * input.count);
    });
  }

  private loadTrial(offset: number): void {
    const inputs = this.plan.inputs;
    for (let index = 0; index < inputs.length; index += 1) {
      const input = inputs[index]!;
      const source = this.draws[index]!;
      const start = offset * input.count;
      for (let k = 0; k < input.count; k += 1) this.values[input.slot + k] = source[start + k]!;
    }
  }

  /** Price index of every model and month: annual change, then events that happened. */
  private priceTrial(): void {
    const { plan, values, logPrice, priceIndex } = this;
    const months = plan.months;
    const monthlyLog = Math.log1p(values[plan.annualChangeSlot]!) / 12;
    this.monthlyLogPrice = monthlyLog;
    this.priceJump.fill(0);
    for (let model = 0; model < plan.models.length; model += 1) {
      for (let month = 0; month < months; month += 1)
        logPrice[model * months + month] = month * monthlyLog;
    }
    for (const event of plan.events) {
      if (!(values[event.occurrenceSlot]! < values[event.probabilitySlot]!)) continue;
      const step = Math.log1p(values[event.changeSlot]!);
      for (let model = 0; model < plan.models.length; model += 1) {
        if (event.modelMask[model] === 0) continue;
        this.priceJump[model * months + event.monthIndex] = 1;
        for (let month = event.monthIndex; month < months; month += 1) {
          logPrice[model * months + month]! += step;
        }
      }
    }
    for (let index = 0; index < logPrice.length; index += 1)
      priceIndex[index] = Math.exp(logPrice[index]!);
  }

  private runTrial(trial: number): void {
    const { plan, result } = this;
    const months = plan.months;
    const trials = result.trials;
    this.totalTokens.fill(0);
    this.totalTasks.fill(0);
    this.perTokenTokens.fill(0);
    let annualPerTask = 0;
    let annualPerToken = 0;
    const seriesCount = plan.workloads.length * months;
    for (let month = 0; month < months; month += 1) {
      result.totalPerTask[month * trials + trial] = 0;
      result.totalPerToken[month * trials + trial] = 0;
    }
    for (let w = 0; w < plan.workloads.length; w += 1) {
      this.projectTasks(w);
      this.costOneTask(w);
      const [workloadPerTask, workloadPerToken] = this.recordWorkload(w, trial, seriesCount);
      result.annualWorkloadPerTask[w * trials + trial] = workloadPerTask;
      result.annualWorkloadPerToken[w * trials + trial] = workloadPerToken;
      result.costPerTaskFirst[w * trials + trial] = this.costPerTask[0]!;
      result.costPerTaskLast[w * trials + trial] = this.costPerTask[months - 1]!;
      annualPerTask += workloadPerTask;
      annualPerToken += workloadPerToken;
    }
    result.annualPerTask[trial] = annualPerTask;
    result.annualPerToken[trial] = annualPerToken;
    this.recordIndices(trial);
  }

  /** Tasks per month: N0 * prod(1 + g) * season, and the per-token forecast's volume. */
  private projectTasks(w: number): void {
    const workload = this.plan.workloads[w]!;
    const { values, tasks, perTokenTasks } = this;
    const first = values[workload.tasksSlot]!;
    let growth = 1;
    for (let month = 0; month < this.plan.months; month += 1) {
      if (month > 0) {
        const slot = workload.growthPerMonth ? workload.growthSlot + month : workload.growthSlot;
        growth *= 1 + values[slot]!;
      }
      tasks[month] = first * growth * workload.season[month]!;
      perTokenTasks[month] = this.plan.perTokenVolume === 'grow' ? tasks[month]! : tasks[0]!;
    }
  }

  /** Expected cost and tokens of one task in every month, both forecasts. */
  private costOneTask(w: number): void {
    this.costPerTask.fill(0);
    this.perTokenCostPerTask.fill(0);
    this.tokensPerTask.fill(0);
    for (const step of this.plan.workloads[w]!.steps) this.addStep(step);
  }

  private addStep(step: PlannedStep): void {
    const { values, plan, moments } = this;
    const months = plan.months;
    const meanParameter = values[step.callsMeanSlot]!;
    const sdParameter = values[step.callsSdSlot]!;
    writeCountMoments(step.family, meanParameter, sdParameter, step.callsMax, moments, 0);
    const callsMean = moments[0]!;
    const callsSquare = moments[1]!;
    const input = values[step.inputSlot]!;
    const output = values[step.outputSlot]!;
    const reasoning = values[step.reasoningSlot]!;
    const growth = values[step.contextGrowthSlot]!;
    const when = values[step.whenSlot]!;
    const elasticity = values[step.elasticitySlot]!;
    // Blended USD per token of this step's input, output and reasoning at base prices.
    const priceBase = step.modelIndex * PRICE_STRIDE;
    const cached = values[step.cachedShareSlot]!;
    // Capped at what the cached share leaves: the two are parts of one input.
    const written = Math.min(values[step.cacheWriteShareSlot]!, 1 - cached);
    const batch = 1 - values[step.batchShareSlot]! * plan.modelPrices[priceBase + 5]!;
    const inputPrice =
      (((1 - cached - written) * plan.modelPrices[priceBase]! +
        cached * plan.modelPrices[priceBase + 1]! +
        written * plan.modelPrices[priceBase + 2]!) *
        batch) /
      1e6;
    const outputPrice = (plan.modelPrices[priceBase + 3]! * batch) / 1e6;
    const reasoningPrice = (plan.modelPrices[priceBase + 4]! * batch) / 1e6;
    const priceOffset = step.modelIndex * months;
    const staticStep = step.alwaysActive && elasticity === 0 && !step.drifted;
    // The month-0 task, which the per-token forecast freezes: E[input] is
    // E[C] * input + growth * E[C(C-1)] / 2, by linearity over calls.
    const input0 =
      when * step.active[0]! * (callsMean * input + (growth * (callsSquare - callsMean)) / 2);
    const output0 = when * step.active[0]! * callsMean * output;
    const reasoning0 = when * step.active[0]! * callsMean * reasoning;
    const cost0 = input0 * inputPrice + output0 * outputPrice + reasoning0 * reasoningPrice;
    const costPerTask = this.costPerTask;
    const perTokenCostPerTask = this.perTokenCostPerTask;
    const tokens = this.tokensPerTask;
    const priceIndex = this.priceIndex;
    if (staticStep) {
      for (let month = 0; month < months; month += 1) {
        const cost = cost0 * priceIndex[priceOffset + month]!;
        costPerTask[month]! += cost;
        perTokenCostPerTask[month]! += cost;
        tokens[month * 3]! += input0;
        tokens[month * 3 + 1]! += output0;
        tokens[month * 3 + 2]! += reasoning0;
      }
      return;
    }
    const callsF = this.factorOf(step, 0, elasticity, priceOffset);
    const inputF = this.factorOf(step, 1, 0, priceOffset);
    const outputF = this.factorOf(step, 2, 0, priceOffset);
    const reasoningF = this.factorOf(step, 3, 0, priceOffset);
    const growthF = this.factorOf(step, 4, 0, priceOffset);
    const whenF = this.factorOf(step, 5, 0, priceOffset);
    const active = step.active;
    // The per-token forecast freezes this month-0 cost; drift and ramps may
    // already act in month 0, so it is taken from the loop, not from cost0.
    let frozenCost = 0;
    const deepens = callsF !== this.ones;
    const ones = this.ones;
    const onlyCallsChange =
      step.alwaysActive &&
      inputF === ones &&
      outputF === ones &&
      reasoningF === ones &&
      growthF === ones &&
      whenF === ones;
    if (onlyCallsChange) {
      // The common case (induced demand, deeper loops): with every other field
      // fixed, a task's cost is a cost per call and per pair of calls, and the
      // loop reads a third as many arrays.
      const perCall = input * inputPrice + output * outputPrice + reasoning * reasoningPrice;
      const perPair = (growth * inputPrice) / 2;
      for (let month = 0; month < months; month += 1) {
        const k = callsF[month]!;
        if (deepens) {
          writeCountMoments(
            step.family,
            k * meanParameter,
            k * sdParameter,
            step.callsMax,
            moments,
            0,
          );
        }
        const calls = moments[0]!;
        const pairs = moments[1]! - calls;
        const cost = when * (calls * perCall + pairs * perPair);
        const index = priceIndex[priceOffset + month]!;
        if (month === 0) frozenCost = cost;
        costPerTask[month]! += cost * index;
        perTokenCostPerTask[month]! += frozenCost * index;
        tokens[month * 3]! += when * (calls * input + (growth * pairs) / 2);
        tokens[month * 3 + 1]! += when * calls * output;
        tokens[month * 3 + 2]! += when * calls * reasoning;
      }
      return;
    }
    for (let month = 0; month < months; month += 1) {
      const k = callsF[month]!;
      const runs = Math.min(1, when * whenF[month]!) * active[month]!;
      // Deeper loops multiply the count distribution's mean parameter (and a
      // negative binomial's sd) by k; its family and its cap stay, so a capped
      // loop never runs past its cap.
      if (deepens) {
        writeCountMoments(
          step.family,
          k * meanParameter,
          k * sdParameter,
          step.callsMax,
          moments,
          0,
        );
      }
      const calls = moments[0]!;
      const pairs = moments[1]! - calls;
      const inputTokens =
        runs * (calls * input * inputF[month]! + (growth * growthF[month]! * pairs) / 2);
      const outputTokens = runs * calls * output * outputF[month]!;
      const reasoningTokens = runs * calls * reasoning * reasoningF[month]!;
      const index = priceIndex[priceOffset + month]!;
      const cost =
        inputTokens * inputPrice + outputTokens * outputPrice + reasoningTokens * reasoningPrice;
      if (month === 0) frozenCost = cost;
      costPerTask[month]! += cost * index;
      perTokenCostPerTask[month]! += frozenCost * index;
      tokens[month * 3]! += inputTokens;
      tokens[month * 3 + 1]! += outputTokens;
      tokens[month * 3 + 2]! += reasoningTokens;
    }
  }

  /**
   * Multipliers of one field per month: its drift and, for calls, induced
   * demand. A field that neither drifts nor reacts shares one array of ones.
   */
  private factorOf(
    step: PlannedStep,
    field: number,
    elasticity: number,
    priceOffset: number,
  ): Float64Array {
    const drift = step.drifts[field];
    if ((drift === null || drift === undefined) && elasticity === 0) return this.ones;
    const months = this.plan.months;
    const target = this.factors[field]!;
    if (drift === null || drift === undefined) {
      target.fill(1);
    } else {
      const change = this.values[drift.changeSlot]!;
      const ramp = drift.ramp;
      if (drift.compound) {
        const logFactor = Math.log1p(change);
        for (let month = 0; month < months; month += 1) {
          target[month] = Math.exp(ramp[month]! * logFactor);
        }
      } else {
        for (let month = 0; month < months; month += 1) target[month] = 1 + change * ramp[month]!;
      }
    }
    if (elasticity !== 0) this.applyElasticity(target, elasticity, priceOffset);
    return target;
  }

  /**
   * Multiplies calls by (price(m) / price(0)) ^ -elasticity. Between price
   * events the ratio changes by the same monthly step, so one exponential per
   * event replaces one per month.
   */
  private applyElasticity(target: Float64Array, elasticity: number, priceOffset: number): void {
    const logPrice = this.logPrice;
    const monthlyStep = Math.exp(-elasticity * this.monthlyLogPrice);
    let factor = 1;
    for (let month = 1; month < this.plan.months; month += 1) {
      factor =
        this.priceJump[priceOffset + month] === 1
          ? Math.exp(-elasticity * (logPrice[priceOffset + month]! - logPrice[priceOffset]!))
          : factor * monthlyStep;
      target[month]! *= factor;
    }
  }

  /**
   * Spend of one workload in every month of this trial, written to the result,
   * with the dashboard's sums and the totals the indices need. Returns the
   * workload's spend over the horizon, per task and per token. Every array is
   * held in a local: property loads in this loop cost more than its arithmetic.
   */
  private recordWorkload(w: number, trial: number, seriesCount: number): [number, number] {
    const months = this.plan.months;
    const trials = this.result.trials;
    const { tasks, perTokenTasks, costPerTask, perTokenCostPerTask, tokensPerTask } = this;
    const { totalTokens, totalTasks, perTokenTokens } = this;
    const { workloadPerTask, workloadPerToken, totalPerTask, totalPerToken } = this.result;
    const sums = this.blockDashboard;
    const frozenTokens = tokensPerTask[0]! + tokensPerTask[1]! + tokensPerTask[2]!;
    const tileBase =
      ((trial >>> TILE_SHIFT) * seriesCount + w * months) * TILE_TRIALS +
      (trial & (TILE_TRIALS - 1));
    let spendPerTask = 0;
    let spendPerToken = 0;
    for (let month = 0; month < months; month += 1) {
      const taskCount = tasks[month]!;
      const perTask = taskCount * costPerTask[month]!;
      const perToken = perTokenTasks[month]! * perTokenCostPerTask[month]!;
      workloadPerTask[tileBase + month * TILE_TRIALS] = perTask;
      workloadPerToken[tileBase + month * TILE_TRIALS] = perToken;
      totalPerTask[month * trials + trial]! += perTask;
      totalPerToken[month * trials + trial]! += perToken;
      spendPerTask += perTask;
      spendPerToken += perToken;
      const input = tokensPerTask[month * 3]!;
      const output = tokensPerTask[month * 3 + 1]!;
      const reasoning = tokensPerTask[month * 3 + 2]!;
      const tokens = input + output + reasoning;
      const base = (w * months + month) * DASHBOARD_FIELDS;
      sums[base + DASHBOARD.tasks]! += taskCount;
      sums[base + DASHBOARD.tokens]! += taskCount * tokens;
      sums[base + DASHBOARD.inputPerTask]! += input;
      sums[base + DASHBOARD.outputPerTask]! += output;
      sums[base + DASHBOARD.reasoningPerTask]! += reasoning;
      sums[base + DASHBOARD.costPerTask]! += costPerTask[month]!;
      sums[base + DASHBOARD.perTokenCostPerTask]! += perTokenCostPerTask[month]!;
      totalTokens[month]! += taskCount * tokens;
      totalTasks[month]! += taskCount;
      perTokenTokens[month]! += perTokenTasks[month]! * frozenTokens;
    }
    return [spendPerTask, spendPerToken];
  }

  /**
   * The headline indices, relative to month 0. Cost per token is the price of
   * the first month's token mix (per-token spend over per-token tokens): what
   * the vendors' price curve does to a fixed basket. Cost per task is per-task
   * spend over tasks, all workloads together.
   */
  private recordIndices(trial: number): void {
    const result = this.result;
    const trials = result.trials;
    const perToken0 = result.totalPerToken[trial]! / this.perTokenTokens[0]!;
    const perTask0 = result.totalPerTask[trial]! / this.totalTasks[0]!;
    for (let month = 0; month < this.plan.months; month += 1) {
      const series = month * trials + trial;
      const tokenPrice = result.totalPerToken[series]! / this.perTokenTokens[month]!;
      result.costPerTokenIndex[series] = tokenPrice / perToken0;
      const taskCost = result.totalPerTask[series]! / this.totalTasks[month]!;
      result.costPerTaskIndex[series] = taskCost / perTask0;
    }
  }
}
