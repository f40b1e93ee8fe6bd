import { normalQuantile } from './normalQuantile.js';
import type { RandomStream } from '../createRandomStream.js';
import type { SamplingTransform, ScalarDistribution } from './scalarDistribution.js';

/**
 * Writes `count` draws of `dist` to target[offset], target[offset + stride],
 * ..., by inverse sampling, one uniform from `stream` per draw, in order. The
 * family is resolved once, outside the loop, so each draw costs a uniform, a
 * rational function and at most one exponential, with no call through a
 * closure. With `dist` null the uniforms themselves are stored.
 */
export function drawMany(
  dist: ScalarDistribution | null,
  stream: RandomStream,
  target: Float64Array,
  offset: number,
  count: number,
  stride = 1,
): void {
  const transform = dist?.transform ?? null;
  const end = offset + count * stride;
  if (dist === null) {
    for (let index = offset; index < end; index += stride) target[index] = stream.next();
  } else if (transform === null) {
    for (let index = offset; index < end; index += stride)
      target[index] = dist.quantile(stream.next());
  } else if (transform.kind === 'uniform') {
    const { a, b } = transform;
    for (let index = offset; index < end; index += stride) target[index] = a + b * stream.next();
  } else {
    // Normal draws first, then the family's transform in place: with one call
    // site each, V8 inlines the generator and normalQuantile, where a call per
    // draw would also box every returned double on the heap.
    for (let index = offset; index < end; index += stride) {
      target[index] = normalQuantile(stream.next());
    }
    transformNormals(transform, target, offset, end, stride);
  }
}

/** Turns standard normal draws z in place into the transform's values f(a + b z). */
function transformNormals(
  transform: SamplingTransform,
  target: Float64Array,
  offset: number,
  end: number,
  stride: number,
): void {
  const { kind, a, b } = transform;
  if (kind === 'normal') {
    for (let index = offset; index < end; index += stride) target[index] = a + b * target[index]!;
  } else if (kind === 'lognormal') {
    for (let index = offset; index < end; index += stride) {
      target[index] = Math.exp(a + b * target[index]!);
    }
  } else if (kind === 'rate') {
    for (let index = offset; index < end; index += stride) {
      target[index] = Math.exp(a + b * target[index]!) - 1;
    }
  } else {
    for (let index = offset; index < end; index += stride) {
      target[index] = 1 / (1 + Math.exp(-(a + b * target[index]!)));
    }
  }
}
