import { describe, expect, it } from 'vitest';
import { createRandomStream } from '../../engine/createRandomStream.js';
import { normalQuantile } from '../../engine/distributions/normalQuantile.js';
import { QuantileSketch, SKETCH_RELATIVE_ERROR, SKETCH_ZERO } from '../../engine/quantileSketch.js';

/** A sample of n draws: lognormal spend, or a gap that crosses zero. */
function sample(n: number, kind: 'spend' | 'gap', seed = 1): Float64Array {
  const stream = createRandomStream(seed, 'sketch', kind);
  return Float64Array.from({ length: n }, () => {
    const z = normalQuantile(stream.next());
    return kind === 'spend' ? Math.exp(9 + 0.8 * z) : 400 * z + 100;
  });
}

function sketchOf(values: Float64Array): QuantileSketch {
  const sketch = new QuantileSketch();
  sketch.addMany(values, 0, values.length);
  return sketch;
}

describe('a quantile sketch', () => {
  it.each(['spend', 'gap'] as const)(
    'reads every order statistic of a %s sample within its error bound of a full sort',
    (kind) => {
      const values = sample(20_000, kind);
      const sorted = Float64Array.from(values).sort();
      const ranks = [0, 1, 999, 5_000, 9_999, 10_000, 18_000, 19_998, 19_999];
      const read = sketchOf(values).valuesAtRanks(ranks);
      ranks.forEach((rank, index) => {
        const exact = sorted[rank]!;
        const allowed = Math.max(Math.abs(exact) * SKETCH_RELATIVE_ERROR, SKETCH_ZERO);
        expect(Math.abs(read[index]! - exact), `rank ${rank}`).toBeLessThanOrEqual(allowed);
      });
    },
  );

  it('returns the exact extremes at the first and last rank', () => {
    const values = sample(1_000, 'gap');
    const [low, high] = sketchOf(values).valuesAtRanks([0, 999]);
    expect(low).toBe(Math.min(...values));
    expect(high).toBe(Math.max(...values));
  });

  it('reads a sample of zeros as zero', () => {
    const sketch = sketchOf(new Float64Array(10));
    expect(sketch.valuesAtRanks([0, 5, 9])).toEqual([0, 0, 0]);
  });

  it('keeps its bins within 2^128 when a value is infinite or not a number', () => {
    const values = Float64Array.from([1_000, 2_000, Infinity, Number.NaN, -Infinity]);
    // From 2^-7 (the zero bin) up to 2^128 on either side is 135 octaves of
    // 128 bins each side, 4 bytes a bin; the smallest double would be 1,100.
    expect(sketchOf(values).bytes).toBeLessThan(2 * 135 * 128 * 4 + 4 * 1024);
  });

  it('gives the same counts whatever the order in which parts are merged', () => {
    const values = sample(9_000, 'gap');
    const parts = [0, 1, 2].map((part) =>
      sketchOf(values.subarray(part * 3_000, (part + 1) * 3_000)),
    );
    const forward = new QuantileSketch();
    for (const part of parts) forward.merge(part);
    const backward = new QuantileSketch();
    for (const part of [...parts].reverse()) backward.merge(part);
    const ranks = [0, 100, 4_500, 8_999];
    const whole = sketchOf(values);
    expect(forward.valuesAtRanks(ranks)).toEqual(whole.valuesAtRanks(ranks));
    expect(backward.valuesAtRanks(ranks)).toEqual(whole.valuesAtRanks(ranks));
    expect(forward.count).toBe(9_000);
  });

  it('holds no more memory for a hundred times the values of one distribution', () => {
    const small = sketchOf(sample(2_000, 'spend'));
    const large = sketchOf(sample(200_000, 'spend'));
    // Bins span the sample's range, which widens only slowly (the tails of a
    // lognormal) as the sample grows; the counts themselves do not multiply.
    expect(large.bytes).toBeLessThan(2 * small.bytes);
  });
});
