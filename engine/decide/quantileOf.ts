/**
 * The p-quantile of a sample by R's default rule (type 7), the rule the summary
 * uses: the value at rank (n - 1) p of the sorted sample, interpolated between
 * its neighbours. Sorts a copy: O(n log n), for the few figures (P80, a pinned
 * P50) that the summary's bucket select does not already give.
 */
export function quantileOf(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return quantileOfSorted(sorted, p);
}

/** quantileOf for a sample already sorted ascending. */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) throw new RangeError('a quantile needs at least one value');
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (rank - low) * (sorted[high]! - sorted[low]!);
}
