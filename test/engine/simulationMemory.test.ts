import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { planSimulation } from '../../engine/planSimulation.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { simulate } from '../../engine/simulate.js';
import { resultBytes } from '../../engine/simulationResult.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';
import { TEST_PRICES } from './scenarioText.js';

const { scenario } = validateScenario(
  loadScenarioDocument(readFileSync('scenarios/backtest-2023-2024.yaml', 'utf8')),
  BUILTIN_CATALOG,
);
const plan = planSimulation(scenario!);
const months = plan.months;
const workloads = plan.workloads.length;

function bytesAt(trials: number, exact: boolean): number {
  return resultBytes(simulate(plan, { seed: 3, trials, exactWorkloadSeries: exact }));
}

/**
 * What a sketched run keeps for every trial, counted from the summary's needs
 * rather than from the result's layout: monthly spend of all workloads and the
 * two indices (4 numbers a month), each workload's annual spend and first and
 * last cost per task (4 numbers a workload), and the annual totals (2), all as
 * 64-bit floats.
 */
const BYTES_PER_TRIAL = 8 * (4 * months + 4 * workloads + 2);

describe('memory of a simulation result', () => {
  it('grows with trials only by the per-trial totals when workload series are sketched', () => {
    const small = bytesAt(2_000, false);
    const large = bytesAt(40_000, false);
    const perTrialGrowth = (large - small) / 38_000;
    expect(perTrialGrowth).toBeGreaterThanOrEqual(BYTES_PER_TRIAL);
    // The sketches may widen a little as rarer values arrive; a tenth of a
    // per-trial total's bytes covers that, while keeping every workload's
    // months would add 8 * workloads * months bytes a trial.
    expect(perTrialGrowth).toBeLessThan(BYTES_PER_TRIAL * 1.1);
  });

  it('grows by every workload month of every trial when series are kept exactly', () => {
    const small = bytesAt(2_048, true);
    const large = bytesAt(20_480, true);
    const keptPerTrial = BYTES_PER_TRIAL + 2 * 4 * workloads * months;
    expect((large - small) / (20_480 - 2_048)).toBeCloseTo(keptPerTrial, 6);
  });
});

describe('a sketched run whose spend overflows', () => {
  // Tasks triple every month for ten years: past 10^38 dollars a month by the
  // end, whatever the draws (3^119 * 10^6 tasks).
  const overflowing = `scenario: overflow
start: 2027-01
months: 120
trials: 300
seed: 1
${TEST_PRICES}workloads:
  w:
    tasks_per_month: 1M
    growth: 200% to 300%
    steps:
      s: { model: test-model, input_tokens: 1k, output_tokens: 100 }
`;

  it.each([true, false])('is refused at its workload (series kept: %s)', (exact) => {
    const outcome = forecastScenarioText(overflowing, { exactWorkloadSeries: exact });
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.map((issue) => `${issue.code} ${issue.path}`)).toContain(
      'out-of-range workloads.w',
    );
  });
});
