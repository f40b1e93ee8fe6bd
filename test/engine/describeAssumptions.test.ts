import { describe, expect, it } from 'vitest';
import { describeAssumptions, type Assumption } from '../../engine/describeAssumptions.js';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';
import { expectRelativelyClose } from '../tolerance.js';
import { TEST_PRICES } from './scenarioText.js';

/** normalQuantile is exact to about 1e-9 relative, so closed forms agree to that. */
const QUANTILE_TOLERANCE = 1e-8;

const SCENARIO = `
scenario: assumptions
start: 2027-01
${TEST_PRICES}
  curve:
    annual_change: -20% to -60%
workloads:
  support:
    tasks_per_month: 1k to 4k
    growth: { normal: { mean: 2%, sd: 1% }, per: month }
    steps:
      classify:
        model: test-model
        input_tokens: 1500
        output_tokens: { uniform: { min: 100, max: 300 } }
        when: 10% to 30%
        calls: { poisson: 2 }
    drift:
      classify.calls: +20% to +80%
`;

function assumptionsOf(yaml: string): Map<string, Assumption> {
  const { scenario, issues } = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG);
  if (scenario === undefined) throw new Error(issues.map((i) => i.message).join('\n'));
  return new Map(describeAssumptions(scenario).map((a) => [a.path, a]));
}

describe('describeAssumptions', () => {
  const table = assumptionsOf(SCENARIO);

  it('gives an amount range its own ends as P5 and P95 and their geometric mean as P50', () => {
    // A lognormal through P5 = 1000 and P95 = 4000 has median sqrt(1000 * 4000) = 2000.
    const tasks = table.get('workloads.support.tasks_per_month');
    expectRelativelyClose(tasks?.p5 ?? NaN, 1000, QUANTILE_TOLERANCE);
    expectRelativelyClose(tasks?.p50 ?? NaN, 2000, QUANTILE_TOLERANCE);
    expectRelativelyClose(tasks?.p95 ?? NaN, 4000, QUANTILE_TOLERANCE);
    expect(tasks?.drawn).toBe('trial');
    expect(tasks?.distribution).toBe('lognormal, P5 1000, P95 4000');
  });

  it('puts a rate range on 1 + rate, so its P50 is sqrt(0.4 * 0.8) - 1', () => {
    const curve = table.get('prices.curve.annual_change');
    expectRelativelyClose(curve?.p5 ?? NaN, -0.6, QUANTILE_TOLERANCE);
    expectRelativelyClose(curve?.p50 ?? NaN, Math.sqrt(0.4 * 0.8) - 1, QUANTILE_TOLERANCE);
    expectRelativelyClose(curve?.p95 ?? NaN, -0.2, QUANTILE_TOLERANCE);
  });

  it('reads a normal at mean -1.6449 sd, the mean and mean +1.6449 sd, drawn each month', () => {
    // z(0.95) = 1.6448536269514722 (Abramowitz and Stegun, table 26.1).
    const growth = table.get('workloads.support.growth');
    expectRelativelyClose(growth?.p5 ?? NaN, 0.02 - 0.01 * 1.6448536269514722, QUANTILE_TOLERANCE);
    expectRelativelyClose(growth?.p50 ?? NaN, 0.02, QUANTILE_TOLERANCE);
    expect(growth?.drawn).toBe('month');
  });

  it('takes a uniform at 5%, 50% and 95% of its width', () => {
    const output = table.get('workloads.support.steps.classify.output_tokens');
    expectRelativelyClose(output?.p5 ?? NaN, 110, QUANTILE_TOLERANCE);
    expectRelativelyClose(output?.p50 ?? NaN, 200, QUANTILE_TOLERANCE);
    expectRelativelyClose(output?.p95 ?? NaN, 290, QUANTILE_TOLERANCE);
  });

  it('gives a share range its ends and the logistic of the mean logit as P50', () => {
    const when = table.get('workloads.support.steps.classify.when');
    const meanLogit = (Math.log(0.1 / 0.9) + Math.log(0.3 / 0.7)) / 2;
    expectRelativelyClose(when?.p5 ?? NaN, 0.1, QUANTILE_TOLERANCE);
    expectRelativelyClose(when?.p50 ?? NaN, 1 / (1 + Math.exp(-meanLogit)), QUANTILE_TOLERANCE);
    expectRelativelyClose(when?.p95 ?? NaN, 0.3, QUANTILE_TOLERANCE);
  });

  it('lists a fixed value set away from its default, with all three percentiles equal', () => {
    const input = table.get('workloads.support.steps.classify.input_tokens');
    expect(input).toEqual({
      path: 'workloads.support.steps.classify.input_tokens',
      distribution: 'fixed 1500',
      drawn: 'fixed',
      p5: 1500,
      p50: 1500,
      p95: 1500,
    });
    expect(table.get('workloads.support.steps.classify.calls (mean of poisson)')?.p50).toBe(2);
  });

  it('names drifts by step and field, and leaves out keys at their defaults', () => {
    expect(table.get('workloads.support.drift.classify.calls')?.p5).toBeCloseTo(0.2, 8);
    expect(table.has('workloads.support.steps.classify.reasoning_tokens')).toBe(false);
    expect(table.has('workloads.support.steps.classify.elasticity')).toBe(false);
  });

  it('orders every row P5 <= P50 <= P95', () => {
    for (const row of table.values()) {
      expect(row.p5).toBeLessThanOrEqual(row.p50);
      expect(row.p50).toBeLessThanOrEqual(row.p95);
    }
  });
});
