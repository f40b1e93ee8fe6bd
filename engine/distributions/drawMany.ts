import { normalQuantile } from './normalQuantile.js';
import type { RandomStream } from '../createRandomStream.js';
import type { ScalarDistribution } from './scalarDistribution.js';

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
  } else {
    const { kind, a, b } = transform;
    if (kind === 'uniform') {
      for (let index = offset; index < end; index += stride) target[index] = a + b * stream.next();
    } else if (kind === 'normal') {
      for (let index = offset; index < end; index += stride) {
        target[index] = a + b * normalQuantile(stream.next());
      }
    } else if (kind === 'lognormal') {
      for (let index = offset; index < end; index += stride) {
        target[index] = Math.exp(a + b * normalQuantile(stream.next()));
      }
    } else if (kind === 'rate') {
      for (let index = offset; index < end; index += stride) {
        target[index] = Math.exp(a + b * normalQuantile(stream.next())) - 1;
      }
    } else {
      for (let index = offset; index < end; index += stride) {
        target[index] = 1 / (1 + Math.exp(-(a + b * normalQuantile(stream.next()))));
      }
    }
  }
}
