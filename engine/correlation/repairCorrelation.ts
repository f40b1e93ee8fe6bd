/*
 * Correlation matrices as flat row-major Float64Arrays of k * k numbers:
 * checking that one is positive definite, repairing one that is not, and its
 * Cholesky factor, which the Iman-Conover re-pairing needs.
 */

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix, by Jacobi. */
export function symmetricEigen(matrix: Float64Array, k: number) {
  const a = Float64Array.from(matrix);
  const vectors = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) vectors[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep += 1) {
    let off = 0;
    for (let p = 0; p < k; p += 1) for (let q = p + 1; q < k; q += 1) off += a[p * k + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p += 1) {
      for (let q = p + 1; q < k; q += 1) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r += 1) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r += 1) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r += 1) {
          const vrp = vectors[r * k + p]!;
          const vrq = vectors[r * k + q]!;
          vectors[r * k + p] = c * vrp - s * vrq;
          vectors[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = Float64Array.from({ length: k }, (_, i) => a[i * k + i]!);
  return { values, vectors };
}

/** The lower Cholesky factor L with L Lᵀ = matrix; undefined if it is not positive definite. */
export function choleskyLower(matrix: Float64Array, k: number): Float64Array | undefined {
  const lower = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i * k + j]!;
      for (let m = 0; m < j; m += 1) sum -= lower[i * k + m]! * lower[j * k + m]!;
      if (i === j) {
        if (!(sum > 1e-12)) return undefined;
        lower[i * k + i] = Math.sqrt(sum);
      } else lower[i * k + j] = sum / lower[j * k + j]!;
    }
  }
  return lower;
}

// Eigenvalues are kept at least this large, so the repaired matrix has a Cholesky factor.
const MIN_EIGENVALUE = 1e-6;

/**
 * The nearest correlation matrix to a symmetric matrix with unit diagonal, by
 * Higham's alternating projections with Dykstra's correction (N. J. Higham,
 * "Computing the nearest correlation matrix", IMA J. Numer. Anal. 22, 2002):
 * project onto positive semi-definite matrices (eigenvalues cut at a small
 * positive floor) and onto unit diagonals in turn until they agree.
 */
export function nearestCorrelation(matrix: Float64Array, k: number): Float64Array {
  let y = Float64Array.from(matrix);
  let correction = new Float64Array(k * k);
  for (let iteration = 0; iteration < 500; iteration += 1) {
    const r = y.map((value, index) => value - correction[index]!);
    const x = projectPositive(r, k);
    correction = x.map((value, index) => value - r[index]!);
    const next = Float64Array.from(x);
    for (let i = 0; i < k; i += 1) next[i * k + i] = 1;
    const change = next.reduce((sum, value, index) => sum + Math.abs(value - y[index]!), 0);
    y = next;
    if (change < 1e-12) break;
  }
  // A last projection and rescaling to a unit diagonal keeps the result positive definite.
  const positive = projectPositive(y, k);
  const scale = Float64Array.from({ length: k }, (_, i) => Math.sqrt(positive[i * k + i]!));
  return positive.map(
    (value, index) => value / (scale[Math.floor(index / k)]! * scale[index % k]!),
  );
}

function projectPositive(matrix: Float64Array, k: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, k);
  const result = new Float64Array(k * k);
  for (let m = 0; m < k; m += 1) {
    const lambda = Math.max(values[m]!, MIN_EIGENVALUE);
    for (let i = 0; i < k; i += 1) {
      for (let j = 0; j < k; j += 1) {
        result[i * k + j]! += lambda * vectors[i * k + m]! * vectors[j * k + m]!;
      }
    }
  }
  return result;
}
