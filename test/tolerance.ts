import { expect } from 'vitest';

/**
 * Asserts that a Monte Carlo estimate lies within `k` standard errors of the
 * exact value. Four standard errors fail a correct estimate about once in
 * 16,000 runs; seeds are fixed, so a pass is reproducible.
 */
export function expectWithinStandardErrors(
  estimate: number,
  exact: number,
  standardError: number | null,
  k = 4,
): void {
  // A null error (too few trials to estimate one) fails here rather than passing vacuously.
  if (standardError === null) throw new Error('the standard error was not estimated');
  expect(standardError).toBeGreaterThan(0);
  const distance = Math.abs(estimate - exact) / standardError;
  expect(distance, `estimate ${estimate} vs exact ${exact}, se ${standardError}`).toBeLessThan(k);
}

/** Asserts a relative closeness for values computed in closed form by two routes. */
export function expectRelativelyClose(actual: number, expected: number, tolerance = 1e-9): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThan(tolerance);
}
