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

/**
 * driftFactor for every month at once, into `target`. The simulation calls
 * this for every drifting field of every trial; a call per month there cost
 * a twentieth of the benchmark.
 */
export function fillDriftFactors(target: Float64Array, drift: PlannedDrift, change: number): void {
  const ramp = drift.ramp;
  if (drift.compound) {
    const logFactor = Math.log1p(change);
    for (let month = 0; month < ramp.length; month += 1) {
      target[month] = Math.exp(ramp[month]! * logFactor);
    }
  } else {
    for (let month = 0; month < ramp.length; month += 1) target[month] = 1 + change * ramp[month]!;
  }
}
