import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attributeGap,
  attributionTrials,
  shapleyParts,
} from '../../../engine/decide/attributeGap.js';
import { DECISION_WORK, stepMonthsOf } from '../../../engine/decide/decisionBudget.js';
import { listGapDrivers } from '../../../engine/decide/listGapDrivers.js';
import { simulateVariant } from '../../../engine/decide/simulateVariant.js';
import { expectRelativelyClose } from '../../tolerance.js';
import { forecastForTest } from '../scenarioText.js';
import { forecastRun, reviewScenario, scenarioOf } from './decideScenarios.js';

describe('the gap attribution', () => {
  const scenario = scenarioOf(reviewScenario());
  const { plan, result, taskNoise } = forecastRun(scenario);

  it('finds the drivers the scenario has, and only those', () => {
    expect(listGapDrivers(scenario).map((d) => d.driver)).toEqual([
      'loop-drift',
      'context-growth',
      'induced-demand',
    ]);
  });

  it('gives parts that sum to the gap in every trial', () => {
    const attribution = attributeGap(scenario, result, taskNoise, stepMonthsOf(plan))!;
    expect(attribution.trials).toBe(result.trials);
    for (let trial = 0; trial < result.trials; trial += 1) {
      const sum = attribution.perTrial.reduce((total, part) => total + part[trial]!, 0);
      const gap = result.annualPerTask[trial]! - result.annualPerToken[trial]!;
      expectRelativelyClose(sum, gap, 1e-9);
    }
  });

  it('makes the per-task forecast the per-token one with every driver held', () => {
    const held = listGapDrivers(scenario).reduce((s, driver) => driver.switchOff(s), scenario);
    const run = simulateVariant(held, { seed: scenario.seed, trials: result.trials, taskNoise });
    for (let trial = 0; trial < result.trials; trial += 1)
      expectRelativelyClose(run.annualPerTask[trial]!, result.annualPerToken[trial]!, 1e-12);
  });

  it('gives a lone driver the whole of its effect, as two plain forecasts measure it', () => {
    const onlyDrift = `
    drift:
      loop.calls: +30% to +80% by 2027-12
`;
    const noElasticity = (text: string) => text.replace('elasticity: 0.2 to 0.5', '');
    const withDrift = forecastForTest(noElasticity(reviewScenario('', onlyDrift)));
    const without = forecastForTest(noElasticity(reviewScenario('', '')));
    const [part] = withDrift.gapAttribution!;
    expect(part!.driver).toBe('loop-drift');
    // Independent: the per-task mean with the drift less the one without it.
    expectRelativelyClose(
      part!.mean,
      withDrift.total.annual.perTask.mean - without.total.annual.perTask.mean,
      1e-9,
    );
    expect(without.gapAttribution).toBeUndefined();
  });

  it('splits a symmetric two-driver game evenly, by the textbook formula', () => {
    // v(none) = 0, v({a}) = 1, v({b}) = 3, v({a, b}) = 10 in one trial:
    // a gets (1 - 0 + 10 - 3) / 2 = 4, b gets (3 - 0 + 10 - 1) / 2 = 6.
    const values = [0, 1, 3, 10].map((v) => Float64Array.of(v));
    const [a, b] = shapleyParts(values, 2, 1);
    expect([a![0], b![0]]).toEqual([4, 6]);
  });

  it('runs a large scenario on whole blocks of its first trials, within the work budget', () => {
    // 3 drivers: 2^3 - 2 = 6 runs of 250 steps * 36 months = 9,000 step-months a trial;
    // 40M / (6 * 9,000) = 740 trials, less than a block: one block, the floor.
    // With 360 step-months: 40M / (6 * 360) = 18,518 trials, 18 whole blocks.
    expect(DECISION_WORK).toBe(40_000_000);
    expect(attributionTrials(100_000, 3, 9000)).toBe(1000);
    expect(attributionTrials(100_000, 3, 360)).toBe(18_000);
    expect(attributionTrials(20_000, 3, 36)).toBe(20_000);
    expect(attributionTrials(100_000, 12, 9000)).toBe(1000);
  });

  it('puts volume among the drivers when the per-token forecast holds volume flat', () => {
    const flat = scenarioOf(reviewScenario('per_token_volume: flat'));
    expect(listGapDrivers(flat)[0]!.driver).toBe('volume');
    const run = forecastRun(flat);
    const attribution = attributeGap(flat, run.result, run.taskNoise, stepMonthsOf(run.plan))!;
    const sumOfMeans = attribution.parts.reduce((total, part) => total + part.mean, 0);
    let gap = 0;
    for (let t = 0; t < run.result.trials; t += 1)
      gap += run.result.annualPerTask[t]! - run.result.annualPerToken[t]!;
    expectRelativelyClose(sumOfMeans, gap / run.result.trials, 1e-9);
  });
});

describe('the Shapley parts (property)', () => {
  const games = fc.integer({ min: 1, max: 5 }).chain((k) =>
    fc.tuple(
      fc.constant(k),
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
        minLength: 1 << k,
        maxLength: 1 << k,
      }),
    ),
  );

  it('sum to v(all) - v(none) for any game', () => {
    fc.assert(
      fc.property(games, ([k, table]) => {
        const values = table.map((v) => Float64Array.of(v));
        const parts = shapleyParts(values, k, 1);
        const sum = parts.reduce((total, part) => total + part[0]!, 0);
        const whole = table[(1 << k) - 1]! - table[0]!;
        expect(Math.abs(sum - whole)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(whole)));
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it('give nothing to a driver that changes no subset (the null player)', () => {
    fc.assert(
      fc.property(games, ([k, table]) => {
        // Driver 0 is made null: a subset with it is worth the same as without it.
        const values = table.map((_, mask) => Float64Array.of(table[mask & ~1]!));
        expect(shapleyParts(values, k, 1)[0]![0]).toBeCloseTo(0, 6);
      }),
      { seed: 20261204, numRuns: 200 },
    );
  });
});
