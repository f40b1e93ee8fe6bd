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

  it('pins nothing and gives no shares when no input is uncertain', () => {
    const fixed = scenarioOf(
      ONE_DOMINANT.replace('1k to 100k', '10k')
        .replace('1% to 1.2%', '1%')
        .replace('1900 to 2100', '2000')
        .replace('-30% to -34%', '-30%'),
    );
    const { plan, result, taskNoise } = forecastRun(fixed);
    const sensitivity = analyzeSensitivity(plan, result, fixed.seed, taskNoise)!;
    expect(sensitivity.inputs).toEqual([]);
    expect(sensitivity.trials).toBe(0);
  });
});

/** One event that always happens, one that never does, one even chance; tasks fixed. */
const EVENTS = (tasks: string) => `
scenario: events
start: 2027-01
months: 13
trials: 2000
seed: 5
${TEST_PRICES}
  curve:
    annual_change: 0%
    events:
      - { at: 2027-03, change: -40% }
      - { at: 2027-05, change: -20%, probability: 0% }
      - { at: 2027-07, change: -50%, probability: 50% }
workloads:
  flat:
    tasks_per_month: ${tasks}
    growth: 0%
    steps:
      answer:
        model: test-model
        input_tokens: 2000
        output_tokens: 500
`;

describe('the tornado on inputs that cannot vary', () => {
  it('leaves out events of probability 1 and 0, and pins an even chance at its outcomes', () => {
    const sensitivity = forecastForTest(EVENTS('1k')).sensitivity!;
    expect(sensitivity.inputs.map((input) => input.input)).toEqual([
      'prices.curve.events.2.happens',
    ]);
    const [event] = sensitivity.inputs;
    // Outcomes, not the uniform behind them: 0 (does not happen) and 1 (happens).
    expect([event!.lowValue, event!.highValue]).toEqual([0, 1]);
    // A price cut that happens lowers spend. Relative prices by month: 1 for two
    // months, 0.6 after the sure cut; halved from month 7 the sum goes from
    // 2 + 11 * 0.6 = 8.6 to 2 + 4 * 0.6 + 7 * 0.3 = 6.5 (hand calculation).
    expect(event!.p50AtHigh).toBeLessThan(event!.p50AtLow);
    expect(event!.p50AtHigh / event!.p50AtLow).toBeCloseTo(6.5 / 8.6, 6);
    expect(event!.varianceShare).toBeGreaterThan(0.99);
  });

  it('has no inputs and no shares when nothing of the scenario is uncertain', () => {
    const scenario = EVENTS('1k').replace('probability: 50%', 'probability: 100%');
    const sensitivity = forecastForTest(scenario).sensitivity!;
    expect(sensitivity.inputs).toEqual([]);
    expect(sensitivity.notPinned).toBeUndefined();
  });
});
