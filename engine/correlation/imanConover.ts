import type { RandomStream } from '../createRandomStream.js';
import { normalQuantile } from '../distributions/normalQuantile.js';
import { choleskyLower } from './repairCorrelation.js';

/**
 * Re-pairs the draws of k inputs across n trials so that their rank
 * correlation approaches a target, keeping each input's own draws (and so
 * its distribution) exactly (R. L. Iman and W. J. Conover, "A
 * distribution-free approach to inducing rank correlation among input
 * variables", Commun. Statist. B 11(3), 1982):
 *
 *   1. each column of a score matrix S holds van der Waerden scores
 *      Φ⁻¹(i / (n + 1)) in a random order;
 *   2. with E = F Fᵀ the correlation of S and C = P Pᵀ the target,
 *      T = S F⁻ᵀ Pᵀ has correlation C exactly;
 *   3. each input's sorted draws are laid out in the rank order of T's column.
 *
 * `columns[j]` holds input j's n draws and is rearranged in place. `target`
 * must be positive definite (repaired beforehand). Cost O(n k² + n k log n).
 */
export function imanConover(
  columns: readonly Float64Array[],
  targetCholesky: Float64Array,
  stream: RandomStream,
): void {
  const k = columns.length;
  const n = columns[0]?.length ?? 0;
  if (n < k + 2) return;
  const scores = vanDerWaerdenScores(n);
  const s = new Float64Array(n * k);
  for (let j = 0; j < k; j += 1) {
    const order = shuffledIndices(n, stream);
    for (let i = 0; i < n; i += 1) s[i * k + j] = scores[order[i]!]!;
  }
  const actual = choleskyLower(correlationOf(s, n, k), k);
  if (actual === undefined) return;
  const t = new Float64Array(n * k);
  const y = new Float64Array(k);
  for (let i = 0; i < n; i += 1) {
    // y = F⁻¹ sᵢᵀ by forward substitution, then tᵢ = P y.
    for (let a = 0; a < k; a += 1) {
      let sum = s[i * k + a]!;
      for (let b = 0; b < a; b += 1) sum -= actual[a * k + b]! * y[b]!;
      y[a] = sum / actual[a * k + a]!;
    }
    for (let a = 0; a < k; a += 1) {
      let sum = 0;
      for (let b = 0; b <= a; b += 1) sum += targetCholesky[a * k + b]! * y[b]!;
      t[i * k + a] = sum;
    }
  }
  for (let j = 0; j < k; j += 1) {
    const column = columns[j]!;
    const sorted = Float64Array.from(column).sort();
    const byRank = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => t[a * k + j]! - t[b * k + j]!,
    );
    byRank.forEach((trial, rank) => (column[trial] = sorted[rank]!));
  }
}

function vanDerWaerdenScores(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => normalQuantile((i + 1) / (n + 1)));
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates, from the given stream). */
function shuffledIndices(n: number, stream: RandomStream): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(stream.next() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

/** The k × k Pearson correlation of the columns of an n × k row-major matrix. */
export function correlationOf(matrix: Float64Array, n: number, k: number): Float64Array {
  const means = new Float64Array(k);
  for (let i = 0; i < n; i += 1) for (let j = 0; j < k; j += 1) means[j]! += matrix[i * k + j]! / n;
  const covariance = new Float64Array(k * k);
  for (let i = 0; i < n; i += 1) {
    for (let a = 0; a < k; a += 1) {
      const da = matrix[i * k + a]! - means[a]!;
      for (let b = 0; b < k; b += 1)
        covariance[a * k + b]! += da * (matrix[i * k + b]! - means[b]!);
    }
  }
  return covariance.map(
    (value, index) =>
      value /
      Math.sqrt(covariance[Math.floor(index / k) * (k + 1)]! * covariance[(index % k) * (k + 1)]!),
  );
}
