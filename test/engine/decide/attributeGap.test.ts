import { describe, expect, it } from 'vitest';
import { attributeGap, shapleyParts } from '../../../engine/decide/attributeGap.js';
import { listGapDrivers } from '../../../engine/decide/listGapDrivers.js';
import { simulateVariant } from '../../../engine/decide/simulateVariant.js';
import { expectRelativelyClose } from '../../tolerance.js';
import { forecastForTest } from '../scenarioText.js';
import { forecastRun, reviewScenario, scenarioOf } from './decideScenarios.js';

describe('the gap attribution', () => {
  const scenario = scenarioOf(reviewScenario());
  const { result, taskNoise } = forecastRun(scenario);

  it('finds the drivers the scenario has, and only those', () => {
    expect(listGapDrivers(scenario).map((d) => d.driver)).toEqual([
      'loop-drift',
      'context-growth',
      'induced-demand',
    ]);
  });

  it('gives parts that sum to the gap in every trial', () => {
    const attribution = attributeGap(scenario, result, taskNoise)!;
    expect(attribution.trials).toBe(result.trials);
    for (let trial = 0; trial < result.trials; trial += 1) {
      const sum = attribution.perTrial.reduce((total, part) => total + part[trial]!, 0);
      const gap = result.annualPerTask[trial]! - result.annualPerToken[trial]!;
      expectRelativelyClose(sum, gap, 1e-9);
    }
  });

  it('with every driver held at the first month, the per-task forecast is the per-token one', () => {
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

  it('puts volume among the drivers when the per-token forecast holds volume flat', () => {
    const flat = scenarioOf(reviewScenario('per_token_volume: flat'));
    expect(listGapDrivers(flat)[0]!.driver).toBe('volume');
    const run = forecastRun(flat);
    const attribution = attributeGap(flat, run.result, run.taskNoise)!;
    const sumOfMeans = attribution.parts.reduce((total, part) => total + part.mean, 0);
    let gap = 0;
    for (let t = 0; t < run.result.trials; t += 1)
      gap += run.result.annualPerTask[t]! - run.result.annualPerToken[t]!;
    expectRelativelyClose(sumOfMeans, gap / run.result.trials, 1e-9);
  });
});
