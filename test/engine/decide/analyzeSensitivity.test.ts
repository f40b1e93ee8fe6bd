import { describe, expect, it } from 'vitest';
import {
  analyzeSensitivity,
  regenerateUniforms,
} from '../../../engine/decide/analyzeSensitivity.js';
import { BLOCK_TRIALS } from '../../../engine/simulate.js';
import { forecastForTest, TEST_PRICES } from '../scenarioText.js';
import { forecastRun, scenarioOf } from './decideScenarios.js';

/** Annual spend is tasks times a fixed cost per task, so tasks_per_month decides almost all. */
const ONE_DOMINANT = `
scenario: one-dominant
start: 2027-01
months: 12
trials: 3000
seed: 11
${TEST_PRICES}
  curve:
    annual_change: -30% to -34%
workloads:
  bulk:
    tasks_per_month: 1k to 100k
    growth: 1% to 1.2%
    steps:
      answer:
        model: test-model
        input_tokens: 1900 to 2100
        output_tokens: 500
`;

describe('the tornado', () => {
  const summary = forecastForTest(ONE_DOMINANT);
  const sensitivity = summary.sensitivity!;

  it('puts the one dominant input first', () => {
    expect(sensitivity.inputs[0]!.input).toBe('workloads.bulk.tasks_per_month');
    expect(sensitivity.inputs[0]!.swing).toBeGreaterThan(10 * sensitivity.inputs[1]!.swing);
  });

  it('pins an input at its own P10 and P90', () => {
    // The lognormal with P5 1k and P95 100k: P10 and P90 at exp(mu -+ 1.2816 sigma),
    // mu = ln(10k), sigma = ln(100) / (2 * 1.6449) (normal quantiles from R's qnorm).
    const sigma = Math.log(100) / (2 * 1.6448536);
    const bar = sensitivity.inputs[0]!;
    expect(bar.lowValue).toBeCloseTo(Math.exp(Math.log(1e4) - 1.2815516 * sigma), 0);
    expect(bar.highValue).toBeCloseTo(Math.exp(Math.log(1e4) + 1.2815516 * sigma), 0);
    expect(bar.p50AtHigh).toBeGreaterThan(bar.p50AtLow);
  });

  it('gives the dominant input nearly all the variance, and the others nearly none', () => {
    expect(sensitivity.inputs[0]!.varianceShare).toBeGreaterThan(0.95);
    for (const bar of sensitivity.inputs.slice(1)) expect(bar.varianceShare).toBeLessThan(0.02);
  });

  it('regenerates the very uniforms the simulation drew', () => {
    // With tasks the only input that varies much, spend rises with its uniform:
    // the rank correlation of spend and regenerated uniform is close to 1.
    const scenario = scenarioOf(ONE_DOMINANT);
    const { plan, result } = forecastRun(scenario);
    const input = plan.inputs.find((i) => i.path === 'workloads.bulk.tasks_per_month')!;
    const uniforms = regenerateUniforms(input, result.trials, scenario.seed);
    const rank = (values: Float64Array) => {
      const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
      const ranks = new Float64Array(values.length);
      order.forEach((trial, r) => (ranks[trial] = r));
      return ranks;
    };
    const a = rank(uniforms);
    const b = rank(result.annualPerTask);
    const n = a.length;
    let d2 = 0;
    for (let t = 0; t < n; t += 1) d2 += (a[t]! - b[t]!) ** 2;
    const spearman = 1 - (6 * d2) / (n * (n * n - 1));
    expect(spearman).toBeGreaterThan(0.99);
    expect(result.trials).toBeGreaterThan(BLOCK_TRIALS);
  });

  it('runs nothing when no input is uncertain', () => {
    const fixed = scenarioOf(
      ONE_DOMINANT.replace('1k to 100k', '10k')
        .replace('1% to 1.2%', '1%')
        .replace('1900 to 2100', '2000')
        .replace('-30% to -34%', '-30%'),
    );
    const { plan, result, taskNoise } = forecastRun(fixed);
    expect(analyzeSensitivity(plan, result, fixed.seed, taskNoise)).toBeUndefined();
  });
});
