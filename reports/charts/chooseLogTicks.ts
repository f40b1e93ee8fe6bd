/**
 * Tick values for an index on a log axis. Vega's own log ticks label only
 * powers of ten, which leaves an index running from 0.5 to 2 with one label;
 * here the finest ladder of round multipliers that gives at most
 * `maximumTicks` labels inside the range is chosen.
 */

const FINE = [1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 7, 8, 9];
const MEDIUM = [1, 1.5, 2, 3, 5, 7.5];
const COARSE = [1, 2, 5];
const DECADES = [1];

/** Ladder values times every power of ten that can reach [low, high]. */
function expandLadder(ladder: readonly number[], low: number, high: number): number[] {
  const values: number[] = [];
  const firstPower = Math.floor(Math.log10(low)) - 1;
  const lastPower = Math.ceil(Math.log10(high)) + 1;
  for (let power = firstPower; power <= lastPower; power += 1) {
    for (const step of ladder) {
      // Rounding to 12 significant digits keeps 0.1 * 3 from reading 0.30000000000000004.
      const value = Number((step * 10 ** power).toPrecision(12));
      if (value >= low && value <= high) values.push(value);
    }
  }
  return values;
}

/**
 * Round tick values inside [low, high] (both positive), between 2 and
 * `maximumTicks` of them when a ladder allows. Cost: a few dozen values.
 */
export function chooseLogTicks(low: number, high: number, maximumTicks = 8): number[] {
  if (!(low > 0 && high >= low && Number.isFinite(high))) {
    throw new RangeError(`log ticks need 0 < low <= high, got ${low} and ${high}`);
  }
  let finer: number[] = [];
  for (const ladder of [FINE, MEDIUM, COARSE, DECADES]) {
    const ticks = expandLadder(ladder, low, high);
    if (ticks.length <= maximumTicks) {
      // A coarser ladder that leaves one label is worse than a crowded finer one.
      return ticks.length >= 2 || finer.length === 0 ? ticks : finer;
    }
    finer = ticks;
  }
  return finer;
}
