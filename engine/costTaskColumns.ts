import { writeCountMoments } from './distributions/countMoments.js';
import type { PriceColumns } from './priceColumns.js';
import {
  PRICE_STRIDE,
  type PlannedDrift,
  type PlannedStep,
  type PlannedWorkload,
  type SimulationPlan,
} from './simulationPlan.js';

/**
 * The expected cost and tokens of one task of a workload in every month, for a
 * chunk of trials at once, in both forecasts. The per-task forecast follows
 * drift, induced demand and steps that start during the horizon; the per-token
 * forecast freezes the first month's task and only follows prices.
 *
 * Expected tokens follow from the task-level distributions' moments: with C
 * calls per task, a step's input is C * input + growth * C(C-1) / 2, so its
 * mean is E[C] * input + growth * E[C(C-1)] / 2.
 *
 * Every array is a set of columns: month m of trial t at `m * width + t`, and
 * every loop runs over the chunk's trials innermost, so one step's arithmetic
 * for a month is one pass over a short contiguous array. Each trial gets the
 * same operations in the same order as when trials were costed one by one.
 */
export class TaskColumnCoster {
  /** Expected cost of one task, per-task and per-token forecasts. */
  readonly costPerTask: Float64Array;
  readonly perTokenCostPerTask: Float64Array;
  /** Input, output and reasoning tokens of one task. */
  readonly inputTokens: Float64Array;
  readonly outputTokens: Float64Array;
  readonly reasoningTokens: Float64Array;
  private readonly moments = new Float64Array(2);
  /** Scratch: a deepened step's E[C] and E[C^2] per cell (see writeDeepenedMoments). */
  private readonly deepened: Float64Array;
  /** Per-month multipliers of each drifting field (see DRIFT_INDEX), per trial. */
  private readonly factors: Float64Array[];
  private readonly ones: Float64Array;
  /** Per-trial scratch: base moments and prices per token. */
  private readonly callsMean: Float64Array;
  private readonly callsSquare: Float64Array;
  private readonly inputPrice: Float64Array;
  private readonly outputPrice: Float64Array;
  private readonly reasoningPrice: Float64Array;
  private readonly running: Float64Array;
  private readonly monthlyStep: Float64Array;
  /** Whether each slot is drawn; a fixed slot holds the same value in every trial. */
  private readonly drawn: Uint8Array;

  constructor(
    private readonly plan: SimulationPlan,
    private readonly columns: Float64Array,
    private readonly prices: PriceColumns,
  ) {
    const cells = plan.months * prices.width;
    const column = (): Float64Array => new Float64Array(cells);
    const trials = (): Float64Array => new Float64Array(prices.width);
    this.costPerTask = column();
    this.perTokenCostPerTask = column();
    this.inputTokens = column();
    this.outputTokens = column();
    this.reasoningTokens = column();
    this.factors = Array.from({ length: 6 }, column);
    this.ones = column().fill(1);
    this.deepened = new Float64Array(2 * cells);
    this.callsMean = trials();
    this.callsSquare = trials();
    this.inputPrice = trials();
    this.outputPrice = trials();
    this.reasoningPrice = trials();
    this.running = trials();
    this.monthlyStep = trials();
    this.drawn = new Uint8Array(plan.slotCount);
    for (const input of plan.inputs) this.drawn.fill(1, input.slot, input.slot + input.count);
  }

  /** Fills the columns for one workload under the first `count` trials' values. */
  costOneTask(workload: PlannedWorkload, count: number): void {
    this.costPerTask.fill(0);
    this.perTokenCostPerTask.fill(0);
    this.inputTokens.fill(0);
    this.outputTokens.fill(0);
    this.reasoningTokens.fill(0);
    for (const step of workload.steps) {
      this.writeStepBasics(step, count);
      const elastic =
        this.drawn[step.elasticitySlot] === 1 || this.at(step.elasticitySlot, 0) !== 0;
      if (step.alwaysActive && !elastic && !step.drifted) this.addStaticStep(step, count);
      else this.addChangingStep(step, elastic, count);
    }
  }

  private at(slot: number, trial: number): number {
    return this.columns[slot * this.prices.width + trial]!;
  }

  /** Per trial: the count's base moments and USD per token of input, output and reasoning. */
  private writeStepBasics(step: PlannedStep, count: number): void {
    const { columns, moments, plan } = this;
    const width = this.prices.width;
    const prices = plan.modelPrices;
    const priceBase = step.modelIndex * PRICE_STRIDE;
    const mean = step.callsMeanSlot * width;
    const sd = step.callsSdSlot * width;
    const cachedBase = step.cachedShareSlot * width;
    const writeBase = step.cacheWriteShareSlot * width;
    const batchBase = step.batchShareSlot * width;
    for (let t = 0; t < count; t += 1) {
      writeCountMoments(
        step.family,
        columns[mean + t]!,
        columns[sd + t]!,
        step.callsMax,
        moments,
        0,
      );
      this.callsMean[t] = moments[0]!;
      this.callsSquare[t] = moments[1]!;
      // Each input token priced once, at its rate; the write share is capped at
      // what the cached share leaves, since the two are parts of one input.
      const cached = columns[cachedBase + t]!;
      const written = Math.min(columns[writeBase + t]!, 1 - cached);
      const batch = 1 - columns[batchBase + t]! * prices[priceBase + 5]!;
      const blendedInput =
        (1 - cached - written) * prices[priceBase]! +
        cached * prices[priceBase + 1]! +
        written * prices[priceBase + 2]!;
      this.inputPrice[t] = (blendedInput * batch) / 1e6;
      this.outputPrice[t] = (prices[priceBase + 3]! * batch) / 1e6;
      this.reasoningPrice[t] = (prices[priceBase + 4]! * batch) / 1e6;
    }
  }

  /** A step that never changes: the month-0 task at each month's prices, in both forecasts. */
  private addStaticStep(step: PlannedStep, count: number): void {
    const { columns, costPerTask, perTokenCostPerTask } = this;
    const { inputTokens, outputTokens, reasoningTokens, callsMean, callsSquare } = this;
    const { inputPrice, outputPrice, reasoningPrice } = this;
    const width = this.prices.width;
    const priceIndex = this.prices.priceIndex;
    const months = this.plan.months;
    const active0 = step.active[0]!;
    const [inputBase, outputBase, reasoningBase, growthBase, whenBase] = this.bases(step);
    for (let t = 0; t < count; t += 1) {
      const when = columns[whenBase + t]!;
      const mean = callsMean[t]!;
      const input0 =
        when *
        active0 *
        (mean * columns[inputBase + t]! +
          (columns[growthBase + t]! * (callsSquare[t]! - mean)) / 2);
      const output0 = when * active0 * mean * columns[outputBase + t]!;
      const reasoning0 = when * active0 * mean * columns[reasoningBase + t]!;
      const cost0 =
        input0 * inputPrice[t]! + output0 * outputPrice[t]! + reasoning0 * reasoningPrice[t]!;
      for (let month = 0; month < months; month += 1) {
        const cell = month * width + t;
        const cost = cost0 * priceIndex[(step.modelIndex * months + month) * width + t]!;
        costPerTask[cell]! += cost;
        perTokenCostPerTask[cell]! += cost;
        inputTokens[cell]! += input0;
        outputTokens[cell]! += output0;
        reasoningTokens[cell]! += reasoning0;
      }
    }
  }

  /** Column offsets of a step's input, output, reasoning, context growth and when. */
  private bases(step: PlannedStep): [number, number, number, number, number] {
    const width = this.prices.width;
    return [
      step.inputSlot * width,
      step.outputSlot * width,
      step.reasoningSlot * width,
      step.contextGrowthSlot * width,
      step.whenSlot * width,
    ];
  }

  /*
   * A step whose calls, tokens or share in force change over the horizon. The
   * two shapes of loop below are the former one-trial kernel's cases 2 and 3:
   * with only calls changing, a task's cost is a cost per call and per pair of
   * calls, and the loop reads a third as many arrays. A trial whose drawn
   * elasticity is exactly 0 is costed here rather than as a static step, which
   * differs from it only in rounding.
   */
  private addChangingStep(step: PlannedStep, elastic: boolean, count: number): void {
    const calls = this.factorOf(step, 0, elastic, count);
    const deepens = calls !== this.ones;
    const others = [1, 2, 3, 4, 5].map((field) => this.factorOf(step, field, false, count));
    if (step.alwaysActive && others.every((factor) => factor === this.ones)) {
      this.addCallsChangingStep(step, calls, deepens, count);
    } else {
      this.addAnyChangingStep(step, calls, deepens, others, count);
    }
  }

  private addCallsChangingStep(
    step: PlannedStep,
    callsFactor: Float64Array,
    deepens: boolean,
    count: number,
  ): void {
    const { columns, costPerTask, perTokenCostPerTask } = this;
    const { inputTokens, outputTokens, reasoningTokens, callsMean, callsSquare } = this;
    const { inputPrice, outputPrice, reasoningPrice } = this;
    const width = this.prices.width;
    const priceIndex = this.prices.priceIndex;
    const months = this.plan.months;
    const [inputBase, outputBase, reasoningBase, growthBase, whenBase] = this.bases(step);
    const meanBase = step.callsMeanSlot * width;
    const { family, callsMax: cap } = step;
    const priceOffset = step.modelIndex * months * width;
    const plainPoisson = deepens && family === 'poisson' && cap === Infinity;
    if (deepens && !plainPoisson) this.writeDeepenedMoments(step, callsFactor, count);
    const deepened = this.deepened;
    for (let t = 0; t < count; t += 1) {
      const input = columns[inputBase + t]!;
      const output = columns[outputBase + t]!;
      const reasoning = columns[reasoningBase + t]!;
      const growth = columns[growthBase + t]!;
      const when = columns[whenBase + t]!;
      const meanParameter = columns[meanBase + t]!;
      const perCall =
        input * inputPrice[t]! + output * outputPrice[t]! + reasoning * reasoningPrice[t]!;
      const perPair = (growth * inputPrice[t]!) / 2;
      let callCount = callsMean[t]!;
      let square = callsSquare[t]!;
      let frozen = 0;
      for (let month = 0; month < months; month += 1) {
        const cell = month * width + t;
        if (plainPoisson) {
          // writeCountMoments of an uncapped Poisson, written out: E[C] = mean,
          // E[C^2] = mean + mean^2, the same operations without the call.
          callCount = callsFactor[cell]! * meanParameter;
          square = callCount + callCount * callCount;
        } else if (deepens) {
          callCount = deepened[2 * cell]!;
          square = deepened[2 * cell + 1]!;
        }
        const pairs = square - callCount;
        const cost = when * (callCount * perCall + pairs * perPair);
        const index = priceIndex[priceOffset + cell]!;
        if (month === 0) frozen = cost;
        costPerTask[cell]! += cost * index;
        perTokenCostPerTask[cell]! += frozen * index;
        inputTokens[cell]! += when * (callCount * input + (growth * pairs) / 2);
        outputTokens[cell]! += when * callCount * output;
        reasoningTokens[cell]! += when * callCount * reasoning;
      }
    }
  }

  /**
   * E[C] and E[C^2] of a step's deepened calls in every month, cell c at 2c
   * and 2c + 1 of `deepened`: a loop of its own, since the moments' divisions
   * overlap better without the cost arithmetic between them.
   */
  private writeDeepenedMoments(step: PlannedStep, callsFactor: Float64Array, count: number): void {
    const { columns, deepened } = this;
    const width = this.prices.width;
    const meanBase = step.callsMeanSlot * width;
    const sdBase = step.callsSdSlot * width;
    const { family, callsMax: cap } = step;
    for (let month = 0; month < this.plan.months; month += 1) {
      const row = month * width;
      for (let t = 0; t < count; t += 1) {
        const k = callsFactor[row + t]!;
        const mean = k * columns[meanBase + t]!;
        writeCountMoments(family, mean, k * columns[sdBase + t]!, cap, deepened, 2 * (row + t));
      }
    }
  }

  private addAnyChangingStep(
    step: PlannedStep,
    callsFactor: Float64Array,
    deepens: boolean,
    others: readonly Float64Array[],
    count: number,
  ): void {
    const { columns, costPerTask, perTokenCostPerTask } = this;
    const { inputTokens, outputTokens, reasoningTokens, callsMean, callsSquare } = this;
    const { inputPrice, outputPrice, reasoningPrice } = this;
    const [inputF, outputF, reasoningF, growthF, whenF] = others as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const width = this.prices.width;
    const priceIndex = this.prices.priceIndex;
    const months = this.plan.months;
    const [inputBase, outputBase, reasoningBase, growthBase, whenBase] = this.bases(step);
    const meanBase = step.callsMeanSlot * width;
    const { family, callsMax: cap, active } = step;
    const priceOffset = step.modelIndex * months * width;
    const plainPoisson = deepens && family === 'poisson' && cap === Infinity;
    if (deepens && !plainPoisson) this.writeDeepenedMoments(step, callsFactor, count);
    const deepened = this.deepened;
    for (let t = 0; t < count; t += 1) {
      const input = columns[inputBase + t]!;
      const output = columns[outputBase + t]!;
      const reasoning = columns[reasoningBase + t]!;
      const growth = columns[growthBase + t]!;
      const when = columns[whenBase + t]!;
      const meanParameter = columns[meanBase + t]!;
      const toInput = inputPrice[t]!;
      const toOutput = outputPrice[t]!;
      const toReasoning = reasoningPrice[t]!;
      let callCount = callsMean[t]!;
      let square = callsSquare[t]!;
      let frozen = 0;
      for (let month = 0; month < months; month += 1) {
        const cell = month * width + t;
        const runs = Math.min(1, when * whenF[cell]!) * active[month]!;
        // Deeper loops multiply the count distribution's mean parameter (and a
        // negative binomial's sd) by k; its family and its cap stay, so a capped
        // loop never runs past its cap.
        if (plainPoisson) {
          // writeCountMoments of an uncapped Poisson, written out: E[C] = mean,
          // E[C^2] = mean + mean^2, the same operations without the call.
          callCount = callsFactor[cell]! * meanParameter;
          square = callCount + callCount * callCount;
        } else if (deepens) {
          callCount = deepened[2 * cell]!;
          square = deepened[2 * cell + 1]!;
        }
        const pairs = square - callCount;
        const inputTokensOfStep =
          runs * (callCount * input * inputF[cell]! + (growth * growthF[cell]! * pairs) / 2);
        const outputTokensOfStep = runs * callCount * output * outputF[cell]!;
        const reasoningTokensOfStep = runs * callCount * reasoning * reasoningF[cell]!;
        const index = priceIndex[priceOffset + cell]!;
        const cost =
          inputTokensOfStep * toInput +
          outputTokensOfStep * toOutput +
          reasoningTokensOfStep * toReasoning;
        if (month === 0) frozen = cost;
        costPerTask[cell]! += cost * index;
        perTokenCostPerTask[cell]! += frozen * index;
        inputTokens[cell]! += inputTokensOfStep;
        outputTokens[cell]! += outputTokensOfStep;
        reasoningTokens[cell]! += reasoningTokensOfStep;
      }
    }
  }

  /**
   * Multipliers of one field per month and trial: its drift and, for calls,
   * induced demand. A field that neither drifts nor reacts shares one array of
   * ones. This is the seam where other per-month factors of a field join.
   */
  private factorOf(
    step: PlannedStep,
    field: number,
    elastic: boolean,
    count: number,
  ): Float64Array {
    const drift = step.drifts[field] ?? null;
    const monthlySlot = step.monthlySlots[field] ?? -1;
    if (drift === null && !elastic && monthlySlot < 0) return this.ones;
    const target = this.factors[field]!;
    // Induced demand alone writes its factors outright rather than times ones.
    const demandAlone = drift === null && elastic;
    if (drift === null && !elastic) target.fill(1);
    else if (drift !== null) this.fillDriftFactors(target, drift, count);
    if (elastic) this.applyElasticity(target, step, count, demandAlone);
    if (monthlySlot >= 0) this.applyMonthlyDraws(target, monthlySlot, count);
    return target;
  }
  /**
   * A field drawn every month (`per: month`): each month's draw against the
   * first month's, which the task's arithmetic already holds (validation keeps
   * the draws above 0).
   */
  private applyMonthlyDraws(target: Float64Array, monthlySlot: number, count: number): void {
    const { columns } = this;
    const width = this.prices.width;
    const firstBase = monthlySlot * width;
    for (let month = 0; month < this.plan.months; month += 1) {
      const base = (monthlySlot + month) * width;
      const row = month * width;
      for (let t = 0; t < count; t += 1) {
        target[row + t]! *= columns[base + t]! / columns[firstBase + t]!;
      }
    }
  }

  /**
   * Linear 1 + change * r(m), or compound (1 + change) ^ r(m), where r rises
   * from 0 to 1 by the drift's month (see planSimulation and driftFactor).
   */
  private fillDriftFactors(target: Float64Array, drift: PlannedDrift, count: number): void {
    const { columns } = this;
    const width = this.prices.width;
    const ramp = drift.ramp;
    const changeBase = drift.changeSlot * width;
    if (drift.compound) {
      for (let t = 0; t < count; t += 1) {
        const logFactor = Math.log1p(columns[changeBase + t]!);
        for (let month = 0; month < ramp.length; month += 1) {
          target[month * width + t] = Math.exp(ramp[month]! * logFactor);
        }
      }
      return;
    }
    for (let month = 0; month < ramp.length; month += 1) {
      const share = ramp[month]!;
      const row = month * width;
      for (let t = 0; t < count; t += 1) target[row + t] = 1 + columns[changeBase + t]! * share;
    }
  }

  /**
   * Multiplies calls by (price(m) / price(0)) ^ -elasticity, or with `alone`
   * (no other factor) writes it. Between price events the ratio changes by the
   * same monthly step, so one exponential per event replaces one per month.
   */
  private applyElasticity(
    target: Float64Array,
    step: PlannedStep,
    count: number,
    alone: boolean,
  ): void {
    const { columns, running, monthlyStep } = this;
    const { logPrice, priceJump, monthlyLogPrice, width } = this.prices;
    const months = this.plan.months;
    const priceOffset = step.modelIndex * months * width;
    const elasticityBase = step.elasticitySlot * width;
    for (let t = 0; t < count; t += 1) {
      monthlyStep[t] = Math.exp(-columns[elasticityBase + t]! * monthlyLogPrice[t]!);
      running[t] = 1;
      if (alone) target[t] = 1;
    }
    for (let month = 1; month < months; month += 1) {
      const cell = priceOffset + month * width;
      for (let t = 0; t < count; t += 1) {
        const factor =
          priceJump[cell + t] === 1
            ? Math.exp(
                -columns[elasticityBase + t]! * (logPrice[cell + t]! - logPrice[priceOffset + t]!),
              )
            : running[t]! * monthlyStep[t]!;
        running[t] = factor;
        // 1 * factor is factor exactly, so writing it gives what multiplying ones did.
        if (alone) target[month * width + t] = factor;
        else target[month * width + t]! *= factor;
      }
    }
  }
}
