/**
 * Whether a planned input can take more than one value, which the summary
 * (is anything uncertain?) and the sensitivity analysis (what to pin) both ask.
 */
import type { PlannedInput, SimulationPlan } from './simulationPlan.js';

/** The price event whose occurrence an input's uniform decides, if it is one. */
export function eventOf(plan: SimulationPlan, input: PlannedInput) {
  return input.dist === null
    ? plan.events.find((event) => event.occurrenceSlot === input.slot)
    : undefined;
}

/** A slot's value when no input or expression fills it, else undefined. */
function fixedValueOf(plan: SimulationPlan, slot: number): number | undefined {
  const drawn = plan.inputs.some((i) => slot >= i.slot && slot < i.slot + i.count);
  if (drawn || plan.derived.some((entry) => entry.slot === slot)) return undefined;
  return plan.fixedSlots[slot];
}

/**
 * Whether an input can take more than one value: not a distribution squeezed
 * to one point, not the occurrence of an event whose probability is 0 or 1.
 */
export function canVary(plan: SimulationPlan, input: PlannedInput): boolean {
  const event = eventOf(plan, input);
  if (event !== undefined) {
    const probability = fixedValueOf(plan, event.probabilitySlot);
    return probability === undefined || (probability > 0 && probability < 1);
  }
  if (input.dist === null) return true;
  return input.dist.quantile(1e-9) < input.dist.quantile(1 - 1e-9);
}
