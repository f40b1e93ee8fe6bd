import type { SimulationPlan } from './simulationPlan.js';

/**
 * The price index of every model and month for a chunk of trials, one column
 * of trials per cell: cell (model * months + month), trial t at
 * `cell * width + t`. What priceTrial computes for one trial, laid out so the
 * simulation's loops run over trials innermost.
 */
export interface PriceColumns {
  readonly width: number;
  readonly logPrice: Float64Array;
  readonly priceIndex: Float64Array;
  /** 1 where a price event starts for a model in that trial. */
  readonly priceJump: Uint8Array;
  /** Per trial, log(1 + annual change) / 12: the log price step of a month without events. */
  readonly monthlyLogPrice: Float64Array;
}

export function createPriceColumns(plan: SimulationPlan, width: number): PriceColumns {
  const cells = plan.models.length * plan.months * width;
  return {
    width,
    logPrice: new Float64Array(cells),
    priceIndex: new Float64Array(cells),
    priceJump: new Uint8Array(cells),
    monthlyLogPrice: new Float64Array(width),
  };
}

/**
 * Prices `count` trials whose values are columns of `columns` (slot s, trial t
 * at `s * width + t`): every model's prices times (1 + annual change) ^ (m / 12),
 * times (1 + change) from each event's month on when the event happens in the
 * trial. The same operations in the same order as priceTrial, so a trial's
 * prices are the same bits either way. Cost: O(models * months * count).
 */
export function priceColumns(
  plan: SimulationPlan,
  columns: Float64Array,
  count: number,
  prices: PriceColumns,
): void {
  const { logPrice, priceIndex, priceJump, monthlyLogPrice, width } = prices;
  const months = plan.months;
  const changeBase = plan.annualChangeSlot * width;
  for (let t = 0; t < count; t += 1) monthlyLogPrice[t] = Math.log1p(columns[changeBase + t]!) / 12;
  priceJump.fill(0);
  for (let model = 0; model < plan.models.length; model += 1) {
    for (let month = 0; month < months; month += 1) {
      const cell = (model * months + month) * width;
      for (let t = 0; t < count; t += 1) logPrice[cell + t] = month * monthlyLogPrice[t]!;
    }
  }
  for (const event of plan.events) addEvent(plan, columns, count, prices, event);
  const cells = plan.models.length * months;
  for (let cell = 0; cell < cells; cell += 1) {
    const base = cell * width;
    for (let t = 0; t < count; t += 1) priceIndex[base + t] = Math.exp(logPrice[base + t]!);
  }
}

function addEvent(
  plan: SimulationPlan,
  columns: Float64Array,
  count: number,
  prices: PriceColumns,
  event: SimulationPlan['events'][number],
): void {
  const { logPrice, priceJump, width } = prices;
  const months = plan.months;
  const occurrence = event.occurrenceSlot * width;
  const probability = event.probabilitySlot * width;
  const change = event.changeSlot * width;
  for (let t = 0; t < count; t += 1) {
    if (!(columns[occurrence + t]! < columns[probability + t]!)) continue;
    const step = Math.log1p(columns[change + t]!);
    for (let model = 0; model < plan.models.length; model += 1) {
      if (event.modelMask[model] === 0) continue;
      priceJump[(model * months + event.monthIndex) * width + t] = 1;
      for (let month = event.monthIndex; month < months; month += 1) {
        logPrice[(model * months + month) * width + t]! += step;
      }
    }
  }
}
