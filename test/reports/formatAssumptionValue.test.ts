import { describe, expect, it } from 'vitest';
import {
  describeDistribution,
  formatAssumptionValue,
  isPercentKey,
} from '../../reports/formatAssumptionValue.js';

// Expected strings by hand from the scenario reference's units for each key.
describe('formatAssumptionValue', () => {
  it.each([
    ['prices.curve.annual_change', -0.4708, '-47.1%'],
    ['workloads.a.growth', 0.02489, '2.49%'],
    ['workloads.a.steps.s.when', 0.1285, '12.9%'],
    ['workloads.a.drift.s.calls', 0.9999999997, '100%'],
    ['workloads.a.steps.s.input_tokens', 2400, '2.4k'],
    ['workloads.a.tasks_per_month', 489_898, '490k'],
    ['workloads.a.steps.s.calls (mean of poisson)', 1.581, '1.58'],
    ['workloads.a.steps.s.elasticity', 0.3, '0.3'],
    // The P5 of `growth: 0% to 2%` as its quantile function gives it: 0 to a float's noise.
    ['workloads.a.growth', 1.09e-11, '0%'],
    ['workloads.a.steps.s.elasticity', -3e-12, '0'],
    ['workloads.a.steps.s.when', 0.00002, '0.002%'],
    // A migration's share of calls, written `share: 50%` in the scenario.
    ['workloads.a.steps.s.migrate.share', 0.6945, '69.5%'],
  ])('writes %s = %d as %s', (path, value, expected) => {
    expect(formatAssumptionValue(path, value)).toBe(expected);
  });

  it('reads a drift of calls as a rate, not as calls', () => {
    expect(isPercentKey('workloads.a.drift.loop.calls')).toBe(true);
    expect(isPercentKey('workloads.a.steps.loop.calls (mean of geometric)')).toBe(false);
  });
});

describe('describeDistribution', () => {
  it("writes a known value in its key's unit and leaves a drawn one as the engine says", () => {
    const known = { path: 'prices.curve.events.0.change', drawn: 'fixed', p50: -0.333 };
    expect(describeDistribution({ ...known, distribution: 'fixed -0.333' })).toBe('fixed -33.3%');
    const drawn = { path: 'workloads.a.growth', drawn: 'trial', p50: 0.02 };
    expect(describeDistribution({ ...drawn, distribution: 'rate, P5 1%, P95 4%' })).toBe(
      'rate, P5 1%, P95 4%',
    );
  });

  it("rounds a distribution's figures to three digits but quotes an expression as written", () => {
    const drawn = { path: 'workloads.a.steps.s.input_tokens', drawn: 'trial', p50: 1 };
    const normal = { ...drawn, distribution: 'normal, mean 0.3, sd 0.121591' };
    expect(describeDistribution(normal)).toBe('normal, mean 0.3, sd 0.122');
    const expression = { ...drawn, distribution: 'expression 1.2345 * ticket' };
    expect(describeDistribution(expression)).toBe('expression 1.2345 * ticket');
  });
});
