import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { lowerMigrations } from '../../engine/lowerMigrations.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';
import { forecastForTest } from './scenarioText.js';

/** Two models with round prices, so that every expected figure below is exact arithmetic. */
const PRICES = `
prices:
  models:
    big: { input: $2.00, output: $8.00, as_of: 2026-12-01 }
    small: { input: $0.50, output: $2.00, as_of: 2026-12-01 }
`;

function scenario(step: string, extra = ''): string {
  return (
    `scenario: t\nstart: 2027-01\nmonths: 12\ntrials: 500\n${PRICES}workloads:\n  w:\n` +
    `    tasks_per_month: 1000\n    steps:\n      s:\n        model: big\n` +
    `        calls: 2\n        input_tokens: 1k\n        output_tokens: 100\n${step}${extra}`
  );
}

// One task: 2 calls of 1,000 input and 100 output tokens.
// On big: 2 x (1,000 x $2 + 100 x $8) / 1M = $0.0056; on small: 2 x (500 + 200) / 1M = $0.0014.
const BIG = 0.0056;
const SMALL = 0.0014;

describe('model migration', () => {
  it('blends the two models month by month along the ramp, to the cent', () => {
    const migrate = '        migrate: { to: small, from: 2027-04, ramp: 3, share: 80% }\n';
    const summary = forecastForTest(scenario(migrate));
    // Share on small: 0 in January to March, then 80% x 1/3, 2/3 and 3/3 from April on
    // (the rollout rule of `from` and `ramp`), 80% from June to December.
    const shares = [0, 0, 0, 0.8 / 3, 1.6 / 3, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8];
    const expected = shares.reduce((sum, s) => sum + 1000 * ((1 - s) * BIG + s * SMALL), 0);
    expect(summary.total.annual.perTask.mean).toBeCloseTo(expected, 10);
    // The per-token forecast freezes January's task, all on big: 12 x 1,000 x $0.0056.
    expect(summary.total.annual.perToken.mean).toBeCloseTo(12 * 1000 * BIG, 10);
  });

  it('is the gap’s only driver here, and its part is the whole gap', () => {
    const migrate = '        migrate: { to: small, from: 2027-07 }\n';
    const summary = forecastForTest(scenario(migrate));
    const parts = summary.gapAttribution ?? [];
    expect(parts.map((part) => part.driver)).toEqual(['model-migration']);
    // From July all calls run on small: the gap is 6 months x 1,000 x (SMALL - BIG) = -$25.20.
    expect(parts[0]?.mean).toBeCloseTo(6 * 1000 * (SMALL - BIG), 10);
    expect(summary.total.annual.gap.mean).toBeCloseTo(6 * 1000 * (SMALL - BIG), 10);
  });

  it('moves both forecasts alike when it is complete in the first month', () => {
    const migrate = '        migrate: { to: small, from: 2027-01 }\n';
    const summary = forecastForTest(scenario(migrate));
    expect(summary.total.annual.perTask.mean).toBeCloseTo(12 * 1000 * SMALL, 10);
    expect(summary.total.annual.perToken.mean).toBeCloseTo(12 * 1000 * SMALL, 10);
    expect(summary.gapAttribution ?? []).toEqual([]);
  });

  it('carries a step’s drift to the calls on the successor', () => {
    const migrate = '        migrate: { to: small, from: 2027-01 }\n';
    const drift = '    drift:\n      s.calls: +100% by 2027-12\n';
    const summary = forecastForTest(scenario(migrate, drift));
    // Fixed calls scale with the drift, 1 + 1 x m / 11 in month m: the factors sum to 18, so
    // 18 x 1,000 x SMALL.
    expect(summary.total.annual.perTask.mean).toBeCloseTo(18 * 1000 * SMALL, 10);
  });

  it('splits a migrating step in two and moves later steps’ drifts with them', () => {
    const yaml =
      scenario('        migrate: { to: small, from: 2027-04 }\n      t:\n        model: big\n') +
      '    drift:\n      t.calls: +10%\n      s.calls: +20%\n';
    const valid = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG).scenario!;
    const [workload] = lowerMigrations(valid).workloads;
    expect(workload!.steps.map((step) => [step.name, step.model])).toEqual([
      ['s', 'big'],
      ['s>small', 'small'],
      ['t', 'big'],
    ]);
    const drifts = workload!.drifts.map((drift) => [workload!.steps[drift.stepIndex]!.name]);
    expect(drifts).toEqual([['t'], ['s'], ['s>small']]);
  });
});
