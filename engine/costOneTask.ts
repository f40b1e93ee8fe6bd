import { writeCountMoments } from './distributions/countMoments.js';
import { fillDriftFactors } from './driftFactor.js';
import type { TrialPrices } from './priceTrial.js';
import {
  PRICE_STRIDE,
  type PlannedStep,
  type PlannedWorkload,
  type SimulationPlan,
} from './simulationPlan.js';

/**
 * The expected cost and tokens of one task of a workload in every month of a
 * trial, for both forecasts. The per-task forecast follows drift, induced
 * demand and steps that start during the horizon; the per-token forecast
 * freezes the first month's task and only follows prices.
 *
 * Expected tokens follow from the task-level distributions' moments: with C
 * calls per task, a step's input is C * input + growth * C(C-1) / 2, so its
 * mean is E[C] * input + growth * E[C(C-1)] / 2.
 */
export class TaskCoster {
  /** Per month: expected cost of one task, per-task and per-token forecasts. */
  readonly costPerTask: Float64Array;
  readonly perTokenCostPerTask: Float64Array;
  /** Input, output and reasoning tokens of one task: month * 3 + kind. */
  readonly tokensPerTask: Float64Array;
  private readonly moments = new Float64Array(2);
  private readonly factors: Float64Array[];
  private readonly ones: Float64Array;

  constructor(
    private readonly plan: SimulationPlan,
    private readonly values: Float64Array,
    private readonly prices: TrialPrices,
  ) {
    const months = plan.months;
    this.costPerTask = new Float64Array(months);
    this.perTokenCostPerTask = new Float64Array(months);
    this.tokensPerTask = new Float64Array(months * 3);
    this.factors = Array.from({ length: 6 }, () => new Float64Array(months));
    this.ones = new Float64Array(months).fill(1);
  }

  /** Fills the per-month arrays for one workload under the current trial's values. */
  costOneTask(workload: PlannedWorkload): void {
    this.costPerTask.fill(0);
    this.perTokenCostPerTask.fill(0);
    this.tokensPerTask.fill(0);
    for (const step of workload.steps) this.addStep(step);
  }

  /*
   * One long function on purpose: it is the simulation's inner loop, run for
   * every step of every trial. Split into a method per case (static, calls
   * only, changing), the same arithmetic measured 8% slower on the benchmark,
   * as V8 stopped inlining the count moments into the loops. The three cases
   * are marked below.
   */
  private addStep(step: PlannedStep): void {
    const { values, plan, moments } = this;
    const months = plan.months;
    const meanParameter = values[step.callsMeanSlot]!;
    const sdParameter = values[step.callsSdSlot]!;
    const { family, callsMax: cap } = step;
    writeCountMoments(family, meanParameter, sdParameter, cap, moments, 0);
    const callsMean = moments[0]!;
    const callsSquare = moments[1]!;
    const input = values[step.inputSlot]!;
    const output = values[step.outputSlot]!;
    const reasoning = values[step.reasoningSlot]!;
    const growth = values[step.contextGrowthSlot]!;
    const when = values[step.whenSlot]!;
    const elasticity = values[step.elasticitySlot]!;
    // The arithmetic of writeStepPrices, written out here: called from this
    // loop, that function measured a tenth slower on the benchmark.
    const priceBase = step.modelIndex * PRICE_STRIDE;
    const cached = values[step.cachedShareSlot]!;
    const written = Math.min(values[step.cacheWriteShareSlot]!, 1 - cached);
    const batch = 1 - values[step.batchShareSlot]! * plan.modelPrices[priceBase + 5]!;
    const blendedInput =
      (1 - cached - written) * plan.modelPrices[priceBase]! +
      cached * plan.modelPrices[priceBase + 1]! +
      written * plan.modelPrices[priceBase + 2]!;
    const inputPrice = (blendedInput * batch) / 1e6;
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
    const priceIndex = this.prices.priceIndex;
    // Case 1, static: the month-0 task at each month's prices, in both forecasts.
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
    // Case 2, only calls change.
    if (onlyCallsChange) {
      // The common case (induced demand, deeper loops): with every other field
      // fixed, a task's cost is a cost per call and per pair of calls, and the
      // loop reads a third as many arrays.
      const perCall = input * inputPrice + output * outputPrice + reasoning * reasoningPrice;
      const perPair = (growth * inputPrice) / 2;
      for (let month = 0; month < months; month += 1) {
        const k = callsF[month]!;
        if (deepens) writeCountMoments(family, k * meanParameter, k * sdParameter, cap, moments, 0);
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
    // Case 3, any field changes or the step starts during the horizon.
    for (let month = 0; month < months; month += 1) {
      const k = callsF[month]!;
      const runs = Math.min(1, when * whenF[month]!) * active[month]!;
      // Deeper loops multiply the count distribution's mean parameter (and a
      // negative binomial's sd) by k; its family and its cap stay, so a capped
      // loop never runs past its cap.
      if (deepens) writeCountMoments(family, k * meanParameter, k * sdParameter, cap, moments, 0);
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
    const monthlySlot = step.monthlySlots[field] ?? -1;
    const none = drift === null || drift === undefined;
    if (none && elasticity === 0 && monthlySlot < 0) return this.ones;
    const target = this.factors[field]!;
    if (none) {
      target.fill(1);
    } else {
      fillDriftFactors(target, drift, this.values[drift.changeSlot]!);
    }
    if (elasticity !== 0) this.applyElasticity(target, elasticity, priceOffset);
    // A field drawn every month: each month's draw against the first month's,
    // which the task's arithmetic already holds (validation keeps it above 0).
    if (monthlySlot >= 0) {
      const first = this.values[monthlySlot]!;
      for (let month = 0; month < this.plan.months; month += 1) {
        target[month]! *= this.values[monthlySlot + month]! / first;
      }
    }
    return target;
  }

  /**
   * Multiplies calls by (price(m) / price(0)) ^ -elasticity. Between price
   * events the ratio changes by the same monthly step, so one exponential per
   * event replaces one per month.
   */
  private applyElasticity(target: Float64Array, elasticity: number, priceOffset: number): void {
    const { logPrice, priceJump } = this.prices;
    const monthlyStep = Math.exp(-elasticity * this.prices.monthlyLogPrice);
    let factor = 1;
    for (let month = 1; month < this.plan.months; month += 1) {
      factor =
        priceJump[priceOffset + month] === 1
          ? Math.exp(-elasticity * (logPrice[priceOffset + month]! - logPrice[priceOffset]!))
          : factor * monthlyStep;
      target[month]! *= factor;
    }
  }
}
