import type { Value } from './scenarioTypes.js';

/**
 * A value at cumulative probability u, for checks and the single-task draws:
 * a fixed value is itself, a drawn one its quantile, and a derived one its
 * expression at every input's quantile u. The last is exact for expressions
 * that increase with every input (sums and products of amounts), and an
 * approximation otherwise.
 */
export function valueQuantile(value: Value, u: number): number {
  if (value.kind === 'fixed') return value.value;
  if (value.kind === 'uncertain') return value.dist.quantile(u);
  const row = Float64Array.from(value.inputs, (input) => valueQuantile(input, u));
  const slots = Int32Array.from(value.inputs, (_, index) => index);
  return Math.min(value.upper, Math.max(value.lower, value.evaluate(row, slots, 0)));
}

/** Lowest and highest values a value takes, with drawn inputs between their P0.1 and P99.9. */
export function valueBounds(value: Value): [number, number] {
  if (value.kind === 'fixed') return [value.value, value.value];
  if (value.kind === 'uncertain') return [value.dist.quantile(0.001), value.dist.quantile(0.999)];
  const bounds = value.inputs.map(valueBounds);
  const slots = Int32Array.from(value.inputs, (_, index) => index);
  const row = new Float64Array(value.inputs.length);
  let low = Infinity;
  let high = -Infinity;
  // Every corner of the inputs' box: exact for expressions monotone in each input.
  const corners = 2 ** Math.min(bounds.length, 12);
  for (let corner = 0; corner < corners; corner += 1) {
    bounds.forEach(([a, b], index) => (row[index] = (corner >> index) & 1 ? b : a));
    const result = value.evaluate(row, slots, 0);
    low = Math.min(low, result);
    high = Math.max(high, result);
  }
  return [low, high];
}
