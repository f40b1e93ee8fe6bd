import type { PlannedDrift } from './simulationPlan.js';

/**
 * The multiplier a drift puts on its field in a month, for a drawn change:
 * linear 1 + change * r(m), or compound (1 + change) ^ r(m), where r rises from
 * 0 to 1 by the drift's month (see planSimulation).
 */
export function driftFactor(drift: PlannedDrift, change: number, month: number): number {
  const share = drift.ramp[month]!;
  return drift.compound ? Math.exp(share * Math.log1p(change)) : 1 + change * share;
}
