import type { SimulationPlan } from './simulationPlan.js';

/**
 * The price index of every model and month in one trial, and what induced
 * demand needs to follow it cheaply. Index model * months + month.
 */
export interface TrialPrices {
  readonly logPrice: Float64Array;
  readonly priceIndex: Float64Array;
  /** 1 where a price event starts for a model. */
  readonly priceJump: Uint8Array;
  /** log(1 + annual change) / 12: the log price step of a month without events. */
  monthlyLogPrice: number;
}

export function createTrialPrices(plan: SimulationPlan): TrialPrices {
  const cells = plan.models.length * plan.months;
  return {
    logPrice: new Float64Array(cells),
    priceIndex: new Float64Array(cells),
    priceJump: new Uint8Array(cells),
    monthlyLogPrice: 0,
  };
}

/**
 * Prices one trial: every model's prices times (1 + annual change) ^ (m / 12),
 * times (1 + change) from each event's month on when the event happens in the
 * trial (its uniform below its probability). Cost: O(models * months).
 */
export function priceTrial(plan: SimulationPlan, values: Float64Array, prices: TrialPrices): void {
  const { logPrice, priceIndex, priceJump } = prices;
  const months = plan.months;
  const monthlyLog = Math.log1p(values[plan.annualChangeSlot]!) / 12;
  prices.monthlyLogPrice = monthlyLog;
  priceJump.fill(0);
  for (let model = 0; model < plan.models.length; model += 1) {
    for (let month = 0; month < months; month += 1) {
      logPrice[model * months + month] = month * monthlyLog;
    }
  }
  for (const event of plan.events) {
    if (!(values[event.occurrenceSlot]! < values[event.probabilitySlot]!)) continue;
    const step = Math.log1p(values[event.changeSlot]!);
    for (let model = 0; model < plan.models.length; model += 1) {
      if (event.modelMask[model] === 0) continue;
      priceJump[model * months + event.monthIndex] = 1;
      for (let month = event.monthIndex; month < months; month += 1) {
        logPrice[model * months + month]! += step;
      }
    }
  }
  for (let index = 0; index < logPrice.length; index += 1) {
    priceIndex[index] = Math.exp(logPrice[index]!);
  }
}
