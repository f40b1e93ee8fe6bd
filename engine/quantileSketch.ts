/**
 * A quantile sketch for series too many to keep trial by trial: it counts
 * values in bins whose width is a fixed share of their value, so any order
 * statistic read from it is within SKETCH_RELATIVE_ERROR of the true one.
 *
 * A value's bin is the top bits of its IEEE 754 double: sign, exponent and
 * the first SKETCH_MANTISSA_BITS bits of the mantissa. Every octave [2^e,
 * 2^(e+1)) is then cut into 2^SKETCH_MANTISSA_BITS bins, each at most
 * 2^-SKETCH_MANTISSA_BITS of its lower bound wide, so anything in a bin is
 * within that share of any other value in it. It is the log-linear binning
 * of HdrHistogram (Tene) and of DDSketch's fast mapping (Masson, Rim and Lee,
 * 2019), read straight from the bits with no logarithm. Values nearer zero
 * than SKETCH_ZERO share one bin, as in DDSketch: a gap between forecasts
 * crosses zero, and bins down to the smallest double would fill memory.
 * Ranks are exact: counts are whole numbers, so sketches filled on different
 * threads and added together give the same counts in any order.
 *
 * Memory: one 32-bit count per bin between the smallest and largest value,
 * 2^SKETCH_MANTISSA_BITS bins an octave (a series whose values span a factor
 * of 8 takes 1.5 kB), whatever the number of values.
 */
export const SKETCH_MANTISSA_BITS = 7;

/**
 * Largest relative error of an order statistic read from a sketch: 2^-7,
 * under 0.8%. Within a bin, values are read as spread evenly over it, so the
 * error is mostly far smaller.
 */
export const SKETCH_RELATIVE_ERROR = 2 ** -SKETCH_MANTISSA_BITS;

/**
 * Values nearer zero than this, under a cent of a dollar, count as zero: a
 * gap that crosses zero would otherwise keep bins for every octave between a
 * cent and the smallest difference two forecasts ever show.
 */
export const SKETCH_ZERO = 2 ** -7;

const SHIFT = 20 - SKETCH_MANTISSA_BITS;
/** Key of the zero bin; positive values lie above it, negative ones below. */
const ZERO_KEY = 1 << (31 - SHIFT);
/** Bins added on either side when a sketch grows, so it does not grow at every value. */
const SLACK = 256;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
// The high word of a double: index 1 on a little-endian machine, 0 on a big-endian one.
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** The magnitude bits of SKETCH_ZERO: smaller magnitudes go to the zero bin. */
const ZERO_MAGNITUDE = magnitudeOf(SKETCH_ZERO);
/**
 * The magnitude bits of 2^128, past the largest 32-bit float: larger values,
 * infinities and NaN share its bin. Such spend makes the forecast refuse the
 * run (SpendOutOfRangeError); until then, it must not stretch the bins over
 * a thousand octaves.
 */
const TOP_MAGNITUDE = magnitudeOf(2 ** 128);

function magnitudeOf(value: number): number {
  bits[0] = value;
  return (words[HIGH]! & 0x7fffffff) >>> SHIFT;
}

/** The bin of a finite value; bins are ordered as their values are. */
export function sketchKey(value: number): number {
  const magnitude = Math.min(TOP_MAGNITUDE, magnitudeOf(value));
  if (magnitude < ZERO_MAGNITUDE) return ZERO_KEY;
  const above = magnitude - ZERO_MAGNITUDE + 1;
  return value > 0 ? ZERO_KEY + above : ZERO_KEY - above;
}

/**
 * The value at a share `fraction` (0 to 1) of the way through a bin, from its
 * low end: order statistics within a bin are read as evenly spread over it.
 */
export function sketchBinValue(key: number, fraction: number): number {
  if (key === ZERO_KEY) return 0;
  const above = key > ZERO_KEY ? key - ZERO_KEY : ZERO_KEY - key;
  const magnitude = above - 1 + ZERO_MAGNITUDE;
  const low = fromHighWord(magnitude << SHIFT);
  const high = fromHighWord((magnitude + 1) << SHIFT);
  return key > ZERO_KEY ? low + fraction * (high - low) : -high + fraction * (high - low);
}

function fromHighWord(high: number): number {
  words[HIGH] = high >>> 0;
  words[1 - HIGH] = 0;
  return bits[0]!;
}

/** Counts of one series' values by bin, with its exact extremes. */
export class QuantileSketch {
  count = 0;
  min = Infinity;
  max = -Infinity;
  /** Key of counts[0]. */
  lowKey = 0;
  counts = new Uint32Array(0);

  /** Adds values[from .. from + count). Cost: O(count), plus a copy when the range grows. */
  addMany(values: Float64Array, from: number, count: number): void {
    let { min, max, counts, lowKey } = this;
    for (let index = from; index < from + count; index += 1) {
      const value = values[index]!;
      // sketchKey, written out: this loop runs for every value of every series.
      bits[0] = value;
      const magnitude = Math.min(TOP_MAGNITUDE, (words[HIGH]! & 0x7fffffff) >>> SHIFT);
      const above = magnitude - ZERO_MAGNITUDE + 1;
      const key = above <= 0 ? ZERO_KEY : value > 0 ? ZERO_KEY + above : ZERO_KEY - above;
      let bin = key - lowKey;
      if (bin < 0 || bin >= counts.length) {
        this.cover(key, key);
        ({ counts, lowKey } = this);
        bin = key - lowKey;
      }
      counts[bin]! += 1;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    this.min = min;
    this.max = max;
    this.count += count;
  }

  /** Adds another sketch's counts: the result does not depend on the order of merging. */
  merge(other: SketchCounts): void {
    if (other.count === 0) return;
    // Only the other's occupied bins, not its slack: sketches of one series
    // filled on two threads mostly occupy the same range, so this one seldom
    // has to grow (a copy) to take them.
    const { counts } = other;
    let first = 0;
    let last = counts.length - 1;
    while (counts[first] === 0) first += 1;
    while (counts[last] === 0) last -= 1;
    this.cover(other.lowKey + first, other.lowKey + last);
    const offset = other.lowKey - this.lowKey;
    for (let index = first; index <= last; index += 1) {
      this.counts[offset + index]! += counts[index]!;
    }
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /**
   * The values at the given ranks (0-based, ascending): each read in the bin
   * that holds that order statistic, at its place among the bin's values, and
   * kept within the exact extremes.
   */
  valuesAtRanks(ranks: readonly number[]): number[] {
    const found: number[] = [];
    let seen = 0;
    let bin = 0;
    for (const rank of ranks) {
      while (seen + this.counts[bin]! <= rank) seen += this.counts[bin++]!;
      const fraction = (rank - seen + 0.5) / this.counts[bin]!;
      const value =
        rank === 0
          ? this.min
          : rank === this.count - 1
            ? this.max
            : sketchBinValue(this.lowKey + bin, fraction);
      found.push(Math.min(this.max, Math.max(this.min, value)));
    }
    return found;
  }

  /** Bytes held by the counts. */
  get bytes(): number {
    return this.counts.byteLength;
  }

  private cover(lowest: number, highest: number): void {
    const end = this.lowKey + this.counts.length;
    if (this.counts.length > 0 && lowest >= this.lowKey && highest < end) return;
    const low = this.counts.length === 0 ? lowest - SLACK : Math.min(this.lowKey, lowest - SLACK);
    const high = this.counts.length === 0 ? highest + SLACK : Math.max(end, highest + SLACK + 1);
    const grown = new Uint32Array(high - low);
    if (this.counts.length > 0) grown.set(this.counts, this.lowKey - low);
    this.counts = grown;
    this.lowKey = low;
  }
}

/** What a sketch is made of, as it crosses between threads. */
export interface SketchCounts {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly lowKey: number;
  readonly counts: Uint32Array;
}
