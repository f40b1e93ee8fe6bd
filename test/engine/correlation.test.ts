import { describe, expect, it } from 'vitest';
import { createRandomStream } from '../../engine/createRandomStream.js';
import { correlationOf, imanConover } from '../../engine/correlation/imanConover.js';
import {
  choleskyLower,
  nearestCorrelation,
  symmetricEigen,
} from '../../engine/correlation/repairCorrelation.js';
import { makeGamma } from '../../engine/distributions/shapeDistributions.js';
import { makeUniform } from '../../engine/distributions/scalarDistribution.js';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';
import { expectWithinStandardErrors } from '../tolerance.js';
import { forecastForTest, TEST_PRICES } from './scenarioText.js';

/** Spearman's rank correlation of two columns: Pearson's on their ranks. */
function spearman(a: Float64Array, b: Float64Array): number {
  const ranks = (x: Float64Array) => {
    const order = Array.from(x.keys()).sort((i, j) => x[i]! - x[j]!);
    const rank = new Float64Array(x.length);
    order.forEach((index, position) => (rank[index] = position));
    return rank;
  };
  const [ra, rb] = [ranks(a), ranks(b)];
  const pairs = new Float64Array(a.length * 2);
  for (let i = 0; i < a.length; i += 1) [pairs[2 * i], pairs[2 * i + 1]] = [ra[i]!, rb[i]!];
  return correlationOf(pairs, a.length, 2)[1]!;
}

describe('imanConover', () => {
  it('reaches the target rank correlation and keeps every draw of each input', () => {
    const n = 2000;
    const stream = createRandomStream(7, 'test');
    const gamma = makeGamma(2, 1);
    const uniform = makeUniform(0, 1);
    const a = Float64Array.from({ length: n }, () => gamma.quantile(stream.next()));
    const b = Float64Array.from({ length: n }, () => uniform.quantile(stream.next()));
    const [sortedA, sortedB] = [Float64Array.from(a).sort(), Float64Array.from(b).sort()];
    const target = Float64Array.from([1, 0.7, 0.7, 1]);
    imanConover([a, b], choleskyLower(target, 2)!, createRandomStream(7, 'shuffle'));
    // Rank correlation of van der Waerden scores with Pearson correlation 0.7 is
    // (6 / pi) asin(0.7 / 2) = 0.683 for normal scores; the sample lies within 0.03.
    expect(Math.abs(spearman(a, b) - (6 / Math.PI) * Math.asin(0.35))).toBeLessThan(0.03);
    expect(Float64Array.from(a).sort()).toEqual(sortedA);
    expect(Float64Array.from(b).sort()).toEqual(sortedB);
  });
});

describe('nearestCorrelation', () => {
  it('repairs an impossible matrix to a positive definite one with a unit diagonal', () => {
    // Three inputs each strongly tied to the next but opposite to the third: impossible.
    const bad = Float64Array.from([1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1]);
    expect(choleskyLower(bad, 3)).toBeUndefined();
    const fixed = nearestCorrelation(bad, 3);
    expect(choleskyLower(fixed, 3)).toBeDefined();
    expect([fixed[0], fixed[4], fixed[8]].map((d) => d!.toFixed(12))).toEqual([
      '1.000000000000',
      '1.000000000000',
      '1.000000000000',
    ]);
    const { values } = symmetricEigen(fixed, 3);
    expect(Math.min(...values)).toBeGreaterThan(0);
  });

  it('leaves a valid matrix where it is', () => {
    const good = Float64Array.from([1, 0.3, 0.3, 1]);
    const fixed = nearestCorrelation(good, 2);
    expect(Math.abs(fixed[1]! - 0.3)).toBeLessThan(1e-9);
  });
});

const HEAD = `scenario: t\nstart: 2027-01\nmonths: 1\ntrials: 3000\n${TEST_PRICES}`;

function scenario(correlations: string): string {
  return (
    `${HEAD}params:\n  a: { uniform: { min: 1000, max: 2000 } }\n` +
    '  b: { uniform: { min: 1000, max: 2000 } }\n' +
    `  c: { uniform: { min: 1000, max: 2000 } }\n${correlations}workloads:\n  w:\n` +
    '    tasks_per_month: 1000\n    steps:\n      s:\n        model: test-model\n' +
    '        input_tokens: a + b\n'
  );
}

describe('correlations in a scenario', () => {
  it('widens the spread of a sum of positively correlated inputs, keeping its mean', () => {
    const independent = forecastForTest(scenario('')).total.annual.perTask;
    const correlated = forecastForTest(
      scenario('correlations:\n  - { between: [a, b], rank: 0.9 }\n'),
    ).total.annual.perTask;
    // Mean of a + b is 3,000 tokens either way: 1,000 tasks x 3,000 x $2 / 1M = $6.
    expectWithinStandardErrors(correlated.mean, 6, correlated.meanStandardError);
    // sd of a + b: sqrt(2) * 288.7 independent, about sqrt(2 * 1.9) * 288.7 at rank 0.9.
    expect(correlated.sd! / independent.sd!).toBeGreaterThan(1.3);
  });

  it('warns how far each coefficient moved when the matrix is impossible', () => {
    const yaml = scenario(
      'correlations:\n  - { between: [a, b], rank: 0.9 }\n  - { between: [b, c], rank: 0.9 }\n' +
        '  - { between: [a, c], rank: -0.9 }\n',
    );
    const { scenario: valid, issues } = validateScenario(
      loadScenarioDocument(yaml),
      BUILTIN_CATALOG,
    );
    expect(valid).toBeDefined();
    const warnings = issues.filter((issue) => issue.code === 'correlation');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]?.message).toMatch(/moves this one from 0.9 to 0\.\d+ \(by -0\.\d+\)/);
  });

  it('names an input that is not uncertain', () => {
    const yaml = scenario(
      'correlations:\n  - { between: [a, workloads.w.tasks_per_month], rank: 0.5 }\n',
    );
    const issue = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG).issues[0];
    expect(issue?.code).toBe('correlation');
    expect(issue?.message).toMatch(/not an uncertain input/);
  });
});
