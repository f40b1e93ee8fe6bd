import { describe, expect, it } from 'vitest';
import { Z95 } from '../../engine/distributions/normalQuantile.js';
import { expectWithinStandardErrors } from '../tolerance.js';
import { forecastForTest, TEST_PRICES } from './scenarioText.js';

// Prices of test-model (TEST_PRICES), USD per token.
const INPUT_PRICE = 2e-6;
const OUTPUT_PRICE = 8e-6;

/** E[X] of a lognormal with P5 = a and P95 = b: exp(mu + sigma^2 / 2). */
function lognormalMean(a: number, b: number): number {
  const mu = (Math.log(a) + Math.log(b)) / 2;
  const sigma = (Math.log(b) - Math.log(a)) / (2 * Z95);
  return Math.exp(mu + (sigma * sigma) / 2);
}

describe('Monte Carlo means against analytic means', () => {
  it('lognormal tokens per call: mean spend is tasks times E[tokens] times price', () => {
    const summary = forecastForTest(
      `
scenario: lognormal-tokens
start: 2027-01
months: 12
trials: 20000
seed: 3
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: 5000
    steps:
      s: { model: test-model, input_tokens: 2k to 8k, output_tokens: 200 to 600 }
`,
    );
    // Linearity: E[spend] = 12 months * 5000 tasks * (E[in] * p_in + E[out] * p_out).
    const exact =
      12 *
      5000 *
      (lognormalMean(2000, 8000) * INPUT_PRICE + lognormalMean(200, 600) * OUTPUT_PRICE);
    const annual = summary.total.annual.perTask;
    expectWithinStandardErrors(annual.mean, exact, annual.meanStandardError);
  });

  it('Poisson calls with an uncertain mean and context growth use E[C(C-1)] = E[lambda^2]', () => {
    const summary = forecastForTest(
      `
scenario: poisson-context
start: 2027-01
months: 1
trials: 20000
seed: 5
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: 1000
    steps:
      s:
        model: test-model
        calls: { poisson: { uniform: { min: 2, max: 5 } } }
        input_tokens: 1000
        context_growth: 400
`,
    );
    // lambda ~ U(2, 5): E[lambda] = 3.5, E[lambda^2] = var + mean^2 = 9/12 + 12.25 = 13.
    // For a Poisson, E[C(C-1) | lambda] = lambda^2, so E[input] = 3.5 * 1000 + 400 * 13 / 2.
    const exact = 1000 * (3.5 * 1000 + (400 * 13) / 2) * INPUT_PRICE;
    const month = summary.total.monthly[0]!.perTask;
    expectWithinStandardErrors(month.mean, exact, month.meanStandardError);
  });

  it('growth and a price curve with an event compound as their expectations multiply', () => {
    const summary = forecastForTest(
      `
scenario: growth-and-curve
start: 2027-01
months: 12
trials: 40000
seed: 9
${TEST_PRICES}
  curve:
    annual_change: -40% to -80%
    events: [{ at: 2027-07, probability: 50%, change: -50% }]
workloads:
  w:
    tasks_per_month: 10000
    growth: { uniform: { min: 1%, max: 5% } }
    steps:
      s: { model: test-model, input_tokens: 1000 }
`,
    );
    const cost0 = 1000 * INPUT_PRICE;
    // E[(1 + g)^m] for g ~ U(0.01, 0.05): integral of (1 + g)^m over the width.
    const growth = (m: number): number => (1.05 ** (m + 1) - 1.01 ** (m + 1)) / ((m + 1) * 0.04);
    // 1 + a is lognormal with P5 0.2 and P95 0.6: E[(1 + a)^(m/12)] = exp(t mu + t^2 s^2 / 2).
    const mu = (Math.log(0.2) + Math.log(0.6)) / 2;
    const sigma = (Math.log(0.6) - Math.log(0.2)) / (2 * Z95);
    const curve = (m: number): number => Math.exp((m / 12) * mu + ((m / 12) ** 2 * sigma ** 2) / 2);
    // The event halves prices from month 6 with probability 1/2: E = 0.75.
    const event = (m: number): number => (m >= 6 ? 0.75 : 1);
    let exact = 0;
    for (let m = 0; m < 12; m += 1) exact += 10000 * growth(m) * curve(m) * event(m) * cost0;
    const annual = summary.total.annual.perTask;
    expectWithinStandardErrors(annual.mean, exact, annual.meanStandardError);
  });
});

describe('ranges written as "a to b"', () => {
  it('put P5 and P95 of the simulated spend at a and b, within sampling error', () => {
    const summary = forecastForTest(
      `
scenario: range-percentiles
start: 2027-01
months: 1
trials: 40000
seed: 21
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: 100k to 300k
    steps:
      s: { model: test-model, input_tokens: 1000 }
`,
    );
    // Spend = tasks * $0.002 exactly, so its P5 and P95 are 200 and 600.
    const month = summary.total.monthly[0]!.perTask;
    // Sampling sd of a P5 estimate: sqrt(p (1 - p) / n) / f(x_p), with the
    // lognormal density f(x) = phi(z) / (x sigma); phi(1.645) = 0.10314.
    const sigma = Math.log(3) / (2 * Z95);
    const se = (x: number): number => Math.sqrt((0.05 * 0.95) / 40000) / (0.10314 / (x * sigma));
    expectWithinStandardErrors(month.p5, 200, se(200));
    expectWithinStandardErrors(month.p95, 600, se(600));
  });
});

describe('reproducibility', () => {
  const yaml = `
scenario: repeat
start: 2027-01
trials: 2500
seed: 4
workloads:
  w:
    tasks_per_month: 20k to 60k
    growth: 1% to 4%
    steps:
      s: { model: gpt-4o, calls: { geometric: { mean: 3 }, max: 10 }, input_tokens: 2k to 6k }
    drift:
      s.calls: +10% to +60%
`;

  it('gives byte-identical summaries for the same seed', () => {
    const first = JSON.stringify(forecastForTest(yaml));
    const second = JSON.stringify(forecastForTest(yaml));
    expect(second).toBe(first);
  });

  it('gives different numbers for a different seed', () => {
    const first = forecastForTest(yaml);
    const other = forecastForTest(yaml, undefined, 5);
    expect(other.total.annual.perTask.mean).not.toBe(first.total.annual.perTask.mean);
  });
});
