import { createRandomStream } from './createRandomStream.js';
import { writeCountMoments } from './distributions/countMoments.js';
import {
  allocateResult,
  DASHBOARD,
  DASHBOARD_FIELDS,
  type SimulationResult,
} from './simulationResult.js';
import { PRICE_STRIDE, type PlannedStep, type SimulationPlan } from './simulationPlan.js';

/**
 * Trials are drawn in blocks of this size. Each block's random streams are
 * keyed by the seed, the block's index and the input's path, never by who
 * computes the block, so results do not depend on how blocks are scheduled.
 */
export const BLOCK_TRIALS = 1000;

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

  constructor(
    private readonly plan: SimulationPlan,
    private readonly result: SimulationResult,
  ) {
    const months = plan.months;
    this.values = Float64Array.from(plan.fixedSlots);
    this.draws = plan.inputs.map((input) => new Float64Array(BLOCK_TRIALS * input.count));
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
  }

  runBlock(seed: number, block: number, firstTrial: number, count: number): void {
    this.drawBlock(seed, block, count);
    this.blockDashboard.fill(0);
    for (let offset = 0; offset < count; offset += 1) {
      this.loadTrial(offset);
      this.priceTrial();
      this.runTrial(firstTrial + offset);
    }
    // Adding each block's partial sums in block order keeps the dashboard's
    // floating-point sums independent of how blocks are scheduled.
    const sums = this.result.dashboardSums;
    for (let index = 0; index < sums.length; index += 1)
      sums[index]! += this.blockDashboard[index]!;
  }

  private drawBlock(seed: number, block: number, count: number): void {
    this.plan.inputs.forEach((input, index) => {
      const stream = createRandomStream(seed, 'block', block, input.path);
      const target = this.draws[index]!;
      const dist = input.dist;
      const total = count * input.count;
      for (let position = 0; position < total; position += 1) {
        const u = stream.next();
        target[position] = dist === null ? u : dist.quantile(u);
      }
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
    for (let model = 0; model < plan.models.length; model += 1) {
      for (let month = 0; month < months; month += 1)
        logPrice[model * months + month] = month * monthlyLog;
    }
    for (const event of plan.events) {
      if (!(values[event.occurrenceSlot]! < values[event.probabilitySlot]!)) continue;
      const step = Math.log1p(values[event.changeSlot]!);
      for (let model = 0; model < plan.models.length; model += 1) {
        if (event.modelMask[model] === 0) continue;
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
    for (let month = 0; month < months; month += 1) {
      result.totalPerTask[month * trials + trial] = 0;
      result.totalPerToken[month * trials + trial] = 0;
    }
    for (let w = 0; w < plan.workloads.length; w += 1) {
      this.projectTasks(w);
      this.costOneTask(w);
      let workloadPerTask = 0;
      let workloadPerToken = 0;
      for (let month = 0; month < months; month += 1) {
        const perTask = this.tasks[month]! * this.costPerTask[month]!;
        const perToken = this.perTokenTasks[month]! * this.perTokenCostPerTask[month]!;
        const series = (w * months + month) * trials + trial;
        result.workloadPerTask[series] = perTask;
        result.workloadPerToken[series] = perToken;
        result.totalPerTask[month * trials + trial]! += perTask;
        result.totalPerToken[month * trials + trial]! += perToken;
        workloadPerTask += perTask;
        workloadPerToken += perToken;
        this.recordDashboard(w, month);
      }
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
    writeCountMoments(
      step.family,
      step.family === 'geometric'
        ? Math.max(1, values[step.callsMeanSlot]!)
        : values[step.callsMeanSlot]!,
      values[step.callsSdSlot]!,
      step.callsMax,
      moments,
      0,
    );
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
    const written = values[step.cacheWriteShareSlot]!;
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
    if (staticStep) {
      for (let month = 0; month < months; month += 1) {
        const cost = cost0 * this.priceIndex[priceOffset + month]!;
        this.costPerTask[month]! += cost;
        this.perTokenCostPerTask[month]! += cost;
        this.addTokens(month, input0, output0, reasoning0);
      }
      return;
    }
    this.fillFactors(step, elasticity, priceOffset);
    const factors = this.factors;
    const callsF = factors[0]!;
    const inputF = factors[1]!;
    const outputF = factors[2]!;
    const reasoningF = factors[3]!;
    const growthF = factors[4]!;
    const whenF = factors[5]!;
    // The per-token forecast freezes this month-0 cost; drift and ramps may
    // already act in month 0, so it is taken from the loop, not from cost0.
    let frozenCost = 0;
    for (let month = 0; month < months; month += 1) {
      const k = callsF[month]!;
      const runs = Math.min(1, when * whenF[month]!) * step.active[month]!;
      const calls = k * callsMean;
      // Scaling every task's count by k: E[kC(kC - 1)] = k^2 E[C^2] - k E[C].
      const pairs = k * k * callsSquare - calls;
      const inputTokens =
        runs * (calls * input * inputF[month]! + (growth * growthF[month]! * pairs) / 2);
      const outputTokens = runs * calls * output * outputF[month]!;
      const reasoningTokens = runs * calls * reasoning * reasoningF[month]!;
      const index = this.priceIndex[priceOffset + month]!;
      const cost =
        inputTokens * inputPrice + outputTokens * outputPrice + reasoningTokens * reasoningPrice;
      if (month === 0) frozenCost = cost;
      this.costPerTask[month]! += cost * index;
      this.perTokenCostPerTask[month]! += frozenCost * index;
      this.addTokens(month, inputTokens, outputTokens, reasoningTokens);
    }
  }

  /** Multipliers of each field per month from drift and, for calls, induced demand. */
  private fillFactors(step: PlannedStep, elasticity: number, priceOffset: number): void {
    const months = this.plan.months;
    for (let field = 0; field < 6; field += 1) {
      const target = this.factors[field]!;
      const drift = step.drifts[field];
      if (drift === null || drift === undefined) {
        target.fill(1);
        continue;
      }
      const change = this.values[drift.changeSlot]!;
      const logFactor = Math.log1p(change);
      for (let month = 0; month < months; month += 1) {
        const share = drift.ramp[month]!;
        target[month] = drift.compound ? Math.exp(share * logFactor) : 1 + change * share;
      }
    }
    if (elasticity === 0) return;
    const calls = this.factors[0]!;
    for (let month = 0; month < months; month += 1) {
      // (price(m) / price(0)) ^ -elasticity, from the log price index.
      const logRatio = this.logPrice[priceOffset + month]! - this.logPrice[priceOffset]!;
      calls[month]! *= Math.exp(-elasticity * logRatio);
    }
  }

  private addTokens(month: number, input: number, output: number, reasoning: number): void {
    const tokens = this.tokensPerTask;
    tokens[month * 3]! += input;
    tokens[month * 3 + 1]! += output;
    tokens[month * 3 + 2]! += reasoning;
  }

  private recordDashboard(w: number, month: number): void {
    const tasks = this.tasks[month]!;
    const input = this.tokensPerTask[month * 3]!;
    const output = this.tokensPerTask[month * 3 + 1]!;
    const reasoning = this.tokensPerTask[month * 3 + 2]!;
    const perTask = input + output + reasoning;
    const base = (w * this.plan.months + month) * DASHBOARD_FIELDS;
    const sums = this.blockDashboard;
    sums[base + DASHBOARD.tasks]! += tasks;
    sums[base + DASHBOARD.tokens]! += tasks * perTask;
    sums[base + DASHBOARD.inputPerTask]! += input;
    sums[base + DASHBOARD.outputPerTask]! += output;
    sums[base + DASHBOARD.reasoningPerTask]! += reasoning;
    sums[base + DASHBOARD.costPerTask]! += this.costPerTask[month]!;
    sums[base + DASHBOARD.perTokenCostPerTask]! += this.perTokenCostPerTask[month]!;
    this.totalTokens[month]! += tasks * perTask;
    this.totalTasks[month]! += tasks;
    const frozen = this.tokensPerTask[0]! + this.tokensPerTask[1]! + this.tokensPerTask[2]!;
    this.perTokenTokens[month]! += this.perTokenTasks[month]! * frozen;
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
