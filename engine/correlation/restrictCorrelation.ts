import type { PlannedInput, SimulationPlan } from '../simulationPlan.js';
import { choleskyLower } from './repairCorrelation.js';

/**
 * The plan's correlation once some inputs are no longer drawn (the tornado
 * pins an input at a quantile): the remaining inputs keep their target rank
 * correlations with each other, the submatrix of the target, and their
 * indices follow the shorter input list. Null when fewer than two remain.
 */
export function restrictCorrelation(
  correlation: SimulationPlan['correlation'],
  before: readonly PlannedInput[],
  after: readonly PlannedInput[],
): SimulationPlan['correlation'] {
  if (correlation === null) return null;
  const k = correlation.inputIndices.length;
  const kept: number[] = [];
  const indices: number[] = [];
  correlation.inputIndices.forEach((index, j) => {
    const position = after.indexOf(before[index]!);
    if (position < 0) return;
    kept.push(j);
    indices.push(position);
  });
  if (kept.length === k) return { ...correlation, inputIndices: indices };
  if (kept.length < 2) return null;
  // The target is L L^T; a principal submatrix of a positive definite matrix is one too.
  const lower = correlation.cholesky;
  const n = kept.length;
  const target = new Float64Array(n * n);
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      let sum = 0;
      for (let m = 0; m < k; m += 1) sum += lower[kept[r]! * k + m]! * lower[kept[c]! * k + m]!;
      target[r * n + c] = sum;
    }
  }
  const cholesky = choleskyLower(target, n);
  if (cholesky === undefined) return null;
  return { inputIndices: indices, cholesky };
}
