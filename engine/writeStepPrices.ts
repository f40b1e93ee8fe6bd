import { PRICE_STRIDE, type PlannedStep, type SimulationPlan } from './simulationPlan.js';

/**
 * Writes a step's USD per token of input, output and reasoning, at the base
 * prices, to out[0..2]: input blended from uncached, cached and cache-written
 * parts (each token priced once, at its rate), all of it discounted for the
 * share sent through the batch API. Writing into an array keeps the
 * simulation loop free of allocation.
 */
export function writeStepPrices(
  plan: SimulationPlan,
  values: Float64Array,
  step: PlannedStep,
  out: Float64Array,
): void {
  const prices = plan.modelPrices;
  const base = step.modelIndex * PRICE_STRIDE;
  const cached = values[step.cachedShareSlot]!;
  // Capped at what the cached share leaves: the two are parts of one input.
  const written = Math.min(values[step.cacheWriteShareSlot]!, 1 - cached);
  const batch = 1 - values[step.batchShareSlot]! * prices[base + 5]!;
  const blendedInput =
    (1 - cached - written) * prices[base]! +
    cached * prices[base + 1]! +
    written * prices[base + 2]!;
  out[0] = (blendedInput * batch) / 1e6;
  out[1] = (prices[base + 3]! * batch) / 1e6;
  out[2] = (prices[base + 4]! * batch) / 1e6;
}
