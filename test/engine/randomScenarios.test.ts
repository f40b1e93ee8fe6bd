import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';

/** Every finite-or-not number in a summary, walked recursively. */
function numbersOf(value: unknown, found: number[] = []): number[] {
  if (typeof value === 'number') found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => numbersOf(item, found));
  else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => numbersOf(item, found));
  }
  return found;
}

const positive = fc.double({ min: 1, max: 5000, noNaN: true });
const share = fc.double({ min: 0.01, max: 0.99, noNaN: true });

/** Amounts (tokens per call) in every family that cannot go negative, with valid parameters. */
const amount = fc.oneof(
  positive.map((x) => `${x.toFixed(2)}`),
  fc
    .tuple(positive, positive)
    .map(([a, b]) => `${Math.min(a, b).toFixed(1)} to ${(Math.max(a, b) + 1).toFixed(1)}`),
  fc.tuple(positive, positive).map(([m, s]) => `{ gamma: { mean: ${m}, sd: ${s} } }`),
  fc.tuple(positive, positive, positive).map((xs) => {
    const [a, b, c] = [...xs].sort((x, y) => x - y);
    return `{ pert: { min: ${a}, mode: ${b}, max: ${c! + 1} } }`;
  }),
  fc
    .tuple(positive, positive)
    .map(([a, b]) => `{ lognormal: { p10: ${Math.min(a, b)}, p90: ${Math.max(a, b) + 1} } }`),
  fc
    .array(positive, { minLength: 1, maxLength: 6 })
    .map((xs) => `{ empirical: [${xs.join(', ')}] }`),
  positive.map((m) => `{ poisson: ${m} }`),
  fc.tuple(positive, positive).map(([m, s]) => `{ normal: { mean: ${m}, sd: ${s} }, min: 0 }`),
  fc
    .tuple(positive, positive)
    .map(
      ([a, b]) =>
        `{ mixture: [{ weight: 1, gamma: { mean: ${a}, sd: ${b} } }, ` +
        `{ weight: 2, uniform: { min: 0, max: ${b} } }] }`,
    ),
  fc.constantFrom('base + 2 * extra', 'max(base, extra) * 150%', 'base + 10%'),
);

/** Shares in every family that stays within 0..1. */
const shareValue = fc.oneof(
  share.map((x) => `${(x * 100).toFixed(1)}%`),
  fc
    .tuple(share, share)
    .map(
      ([m, f]) => `{ beta: { mean: ${m}, sd: ${(Math.sqrt(m * (1 - m)) * f * 0.9).toFixed(6)} } }`,
    ),
  share.map((p) => `{ bernoulli: ${p} }`),
  fc
    .tuple(share, share)
    .map(([a, b]) => `{ uniform: { min: ${Math.min(a, b) / 2}, max: ${Math.max(a, b)} } }`),
  fc.tuple(share, share).map(([m, s]) => `{ normal: { mean: ${m}, sd: ${s} }, min: 0, max: 1 }`),
);

const scenario = fc
  .record({ input: amount, output: amount, growth: amount, when: shareValue, cached: shareValue })
  .map(
    (v) => `scenario: random
start: 2027-01
months: 6
params:
  base: 100 to 2k
  extra: { gamma: { mean: 300, sd: 200 } }
workloads:
  w:
    tasks_per_month: 1k to 5k
    steps:
      first:
        model: gpt-4o-mini
        input_tokens: ${v.input}
        output_tokens: ${v.output}
        context_growth: ${v.growth}
        calls: { poisson: 2 }
      second:
        model: gpt-4.1
        input_tokens: 1k
        when: ${v.when}
        cached_share: ${v.cached}
`,
  );

describe('random valid scenarios', () => {
  it('never forecast NaN, Infinity or negative spend (property)', () => {
    fc.assert(
      fc.property(scenario, (text) => {
        const outcome = forecastScenarioText(text, { trials: 60 });
        if (!outcome.ok)
          throw new Error(`rejected:\n${outcome.issues.map((i) => i.message).join('\n')}\n${text}`);
        for (const value of numbersOf(outcome.summary)) expect(Number.isFinite(value)).toBe(true);
        const annual = outcome.summary.total.annual;
        expect(annual.perTask.p5).toBeGreaterThanOrEqual(0);
        expect(annual.perToken.p5).toBeGreaterThanOrEqual(0);
        for (const month of outcome.summary.total.monthly)
          expect(month.perTask.p5).toBeGreaterThanOrEqual(0);
      }),
      { seed: 20261204, numRuns: 120 },
    );
  });
});
