import { calendarMonth, monthLabels } from './monthIndex.js';
import type { DerivedValue, Scenario, Step, Value, Workload } from './scenarioTypes.js';
import {
  DRIFT_INDEX,
  PRICE_STRIDE,
  type PlannedDerived,
  type PlannedDrift,
  type PlannedInput,
  type PlannedStep,
  type PlannedWorkload,
  type SimulationPlan,
} from './simulationPlan.js';

/**
 * Lowers a validated Scenario to a SimulationPlan: assigns every value a slot,
 * lists the uncertain inputs in a stable order, and precomputes what does not
 * change between trials (ramps, seasonality, base prices). Cost: linear in the
 * size of the scenario.
 */
export function planSimulation(scenario: Scenario): SimulationPlan {
  const slots = new SlotAllocator(scenario.months);
  const models = [...new Set(scenario.workloads.flatMap((w) => w.steps.map((s) => s.model)))];
  const annualChangeSlot = slots.value(scenario.curve.annualChange);
  const events = scenario.curve.events.map((event) => ({
    monthIndex: event.monthIndex,
    probabilitySlot: slots.value(event.probability),
    changeSlot: slots.value(event.change),
    occurrenceSlot: slots.uniform(`${event.path}.happens`),
    modelMask: Uint8Array.from(models, (model) =>
      event.models === null || event.models.includes(model) ? 1 : 0,
    ),
  }));
  const workloads = scenario.workloads.map((workload) =>
    planWorkload(workload, scenario, slots, models),
  );
  return {
    months: scenario.months,
    monthLabels: monthLabels(scenario.start, scenario.months),
    slotCount: slots.size,
    fixedSlots: slots.fixedValues(),
    inputs: slots.inputs,
    derived: slots.derived,
    correlation: planCorrelation(scenario, slots),
    models,
    modelPrices: planPrices(scenario, models),
    annualChangeSlot,
    events,
    workloads,
    perTokenVolume: scenario.perTokenVolume,
  };
}

function planPrices(scenario: Scenario, models: readonly string[]): Float64Array {
  const prices = new Float64Array(models.length * PRICE_STRIDE);
  models.forEach((model, index) => {
    const price = scenario.prices.get(model)!;
    const fields = [
      price.input,
      price.cachedInput,
      price.cacheWrite,
      price.output,
      price.reasoning,
      price.batchDiscount,
    ];
    prices.set(fields, index * PRICE_STRIDE);
  });
  return prices;
}

function planWorkload(
  workload: Workload,
  scenario: Scenario,
  slots: SlotAllocator,
  models: readonly string[],
): PlannedWorkload {
  const season = Float64Array.from(
    { length: scenario.months },
    (_, month) => workload.seasonality[calendarMonth(scenario.start, month)]!,
  );
  const growthPerMonth = workload.growth.kind === 'uncertain' && workload.growth.per === 'month';
  // Each choice once, in the order its first side appears; both sides carry its shares.
  const choiceShares = new Map<string, readonly number[]>();
  for (const side of workload.steps.flatMap((step) => step.sides ?? [])) {
    if (!choiceShares.has(side.key)) choiceShares.set(side.key, side.shares);
  }
  const choiceKeys = [...choiceShares.keys()];
  const choices = [...choiceShares.values()].map((shares) =>
    Float64Array.from(shares.slice(0, scenario.months)),
  );
  return {
    name: workload.name,
    tasksSlot: slots.value(workload.tasksPerMonth),
    tasksPerMonth: isMonthly(workload.tasksPerMonth),
    growthSlot: slots.value(workload.growth),
    growthPerMonth,
    season,
    steps: workload.steps.map((step, index) => ({
      ...planStep(step, workload, index, scenario.months, slots, models),
      sides: (step.sides ?? []).map(({ key, newWay }) => ({
        choice: choiceKeys.indexOf(key),
        newWay,
      })),
    })),
    choices,
  };
}

function planStep(
  step: Step,
  workload: Workload,
  stepIndex: number,
  months: number,
  slots: SlotAllocator,
  models: readonly string[],
): Omit<PlannedStep, 'sides'> {
  const active = Float64Array.from(
    { length: months },
    (_, month) => step.activeShares?.[month] ?? activeShare(month, step.fromMonth, step.rampMonths),
  );
  const drifts: (PlannedDrift | null)[] = new Array<PlannedDrift | null>(6).fill(null);
  for (const drift of workload.drifts) {
    if (drift.stepIndex !== stepIndex) continue;
    drifts[DRIFT_INDEX[drift.field]] = {
      changeSlot: slots.value(drift.change),
      compound: drift.shape === 'compound',
      ramp: Float64Array.from({ length: months }, (_, month) =>
        drift.byMonth === 0 ? 1 : Math.min(1, month / drift.byMonth),
      ),
    };
  }
  const monthly = [
    null,
    step.inputTokens,
    step.outputTokens,
    step.reasoningTokens,
    step.contextGrowth,
    null,
  ];
  const monthlySlots = monthly.map((value) =>
    value !== null && isMonthly(value) ? slots.value(value) : -1,
  );
  return {
    name: step.name,
    modelIndex: models.indexOf(step.model),
    monthlySlots,
    family: step.calls.family,
    callsMeanSlot: slots.value(step.calls.mean),
    callsSdSlot: step.calls.sd === null ? slots.constant(0) : slots.value(step.calls.sd),
    callsMax: step.calls.max,
    inputSlot: slots.value(step.inputTokens),
    outputSlot: slots.value(step.outputTokens),
    reasoningSlot: slots.value(step.reasoningTokens),
    contextGrowthSlot: slots.value(step.contextGrowth),
    cachedShareSlot: slots.value(step.cachedShare),
    cacheWriteShareSlot: slots.value(step.cacheWriteShare),
    batchShareSlot: slots.value(step.batchShare),
    whenSlot: slots.value(step.when),
    elasticitySlot: slots.value(step.elasticity),
    active,
    alwaysActive: active.every((share) => share === 1),
    drifted: drifts.some((drift) => drift !== null) || monthlySlots.some((slot) => slot >= 0),
    drifts,
  };
}

/** Share of a step in force in a month: 0 before `from`, then rising by 1/ramp a month. */
function activeShare(month: number, fromMonth: number, rampMonths: number): number {
  if (month < fromMonth) return 0;
  if (rampMonths === 0) return 1;
  return Math.min(1, (month - fromMonth + 1) / rampMonths);
}

/**
 * Hands out slots. A value shared by several keys (a workload's elasticity that
 * its steps inherit) keeps one slot, so one draw serves them all.
 */
class SlotAllocator {
  readonly inputs: PlannedInput[] = [];
  readonly derived: PlannedDerived[] = [];
  private readonly fixed: number[] = [];
  private readonly bySource = new Map<Value, number>();

  constructor(private readonly months: number) {}

  get size(): number {
    return this.fixed.length;
  }

  value(value: Value): number {
    const known = this.bySource.get(value);
    if (known !== undefined) return known;
    const slot =
      value.kind === 'fixed'
        ? this.constant(value.value)
        : value.kind === 'derived'
          ? this.derive(value)
          : this.draw(value);
    this.bySource.set(value, slot);
    return slot;
  }

  constant(value: number): number {
    this.fixed.push(value);
    return this.fixed.length - 1;
  }

  uniform(path: string): number {
    const slot = this.constant(0);
    this.inputs.push({ path, dist: null, slot, count: 1 });
    return slot;
  }

  fixedValues(): Float64Array {
    return Float64Array.from(this.fixed);
  }

  /** A slot computed from its inputs' slots after each chunk's draws; inputs come first. */
  private derive(value: DerivedValue): number {
    const inputSlots = Int32Array.from(value.inputs, (input) => this.value(input));
    const slot = this.constant(0);
    this.derived.push({ slot, inputSlots, evaluate: value.evaluate, ...bounds(value) });
    return slot;
  }

  private draw(value: Extract<Value, { kind: 'uncertain' }>): number {
    const count = value.per === 'month' ? this.months : 1;
    const slot = this.fixed.length;
    for (let index = 0; index < count; index += 1) this.fixed.push(0);
    this.inputs.push({ path: value.path, dist: value.dist, slot, count });
    return slot;
  }
}

function bounds(value: DerivedValue): { lower: number; upper: number } {
  return { lower: value.lower, upper: value.upper };
}

function planCorrelation(scenario: Scenario, slots: SlotAllocator): SimulationPlan['correlation'] {
  const correlation = scenario.correlation;
  if (correlation === undefined) return null;
  // Inputs named only in `correlations` still need their slot and stream.
  for (const input of correlation.inputs) slots.value(input);
  const inputIndices = correlation.inputs.map((value) =>
    slots.inputs.findIndex((input) => input.path === value.path && input.dist === value.dist),
  );
  return { inputIndices, cholesky: correlation.cholesky };
}

function isMonthly(value: Value): boolean {
  return value.kind === 'uncertain' && value.per === 'month';
}
