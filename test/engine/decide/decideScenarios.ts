import { settleScenario, taskNoiseOf } from '../../../engine/forecast.js';
import { loadScenarioDocument } from '../../../engine/loadScenarioDocument.js';
import { planSimulation } from '../../../engine/planSimulation.js';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import type { Scenario } from '../../../engine/scenarioTypes.js';
import type { Summary } from '../../../engine/summaryTypes.js';
import { simulate } from '../../../engine/simulate.js';
import { simulateTasks } from '../../../engine/simulateTasks.js';
import { validateScenario } from '../../../engine/validate/validateScenario.js';
import { TEST_PRICES } from '../scenarioText.js';

/** Validates YAML text in a test, failing with the issues if it does not validate. */
export function scenarioOf(yaml: string): Scenario {
  const { scenario, issues } = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG);
  if (scenario === undefined) {
    const problems = issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    throw new Error(`scenario did not validate:\n${problems.join('\n')}`);
  }
  return scenario;
}

/** The forecast's own simulation of a scenario, as forecastScenario runs it. */
export function forecastRun(scenario: Scenario) {
  const settled = settleScenario(scenario, {});
  const plan = planSimulation(settled);
  const taskNoise = taskNoiseOf(simulateTasks(plan, settled.seed));
  const result = simulate(plan, { seed: settled.seed, trials: settled.trials, taskNoise });
  return { plan, result, taskNoise };
}

/** A review agent whose loops deepen, whose context grows and whose tokens invite more calls. */
export function reviewScenario(extra = '', drift = DRIFT): string {
  return `
scenario: decide-test
start: 2027-01
months: 12
trials: 2000
seed: 7
budget: $18k
${TEST_PRICES}
  curve:
    annual_change: -20% to -60%
workloads:
  review:
    tasks_per_month: 20k to 30k
    growth: 1% to 3%
    steps:
      loop:
        model: test-model
        calls: 3
        input_tokens: 2k to 6k
        output_tokens: 500
        context_growth: 1k
        elasticity: 0.2 to 0.5
${drift}
${extra}
`;
}

export const DRIFT = `
    drift:
      loop.calls: +30% to +80% by 2027-12
      loop.context_growth: +20% by 2027-12
`;

/**
 * Every input fixed, 500 tasks a month of a varying number of calls: only task-to-task
 * noise (FEW_TASKS, 1,000) varies.
 */
export const FEW_FIXED_TASKS = `
scenario: few-fixed-tasks
start: 2027-01
months: 3
trials: 200
seed: 5
${TEST_PRICES}
workloads:
  small:
    tasks_per_month: 500
    steps:
      answer:
        model: test-model
        calls: { geometric: { mean: 3 }, max: 10 }
        input_tokens: 2000
        output_tokens: 500
`;

/**
 * reviewScenario with an option `same` that writes the loop's own 500 output
 * tokens again: on common draws it differs from the scenario by exactly zero in
 * every trial (options.test.ts), so its pair has probabilityEqual 1.
 */
export const SAME_OPTION = reviewScenario(`
options:
  same:
    set:
      workloads.review.steps.loop.output_tokens: 500
`);

/**
 * `summary` with spends of $5e29 (per task) and $1e29 (per token), a gap of $4e29 that its
 * first Shapley part makes up, and a second part of `noiseMean`: a billionth of the spends
 * is $5e20 (gapOf's noise rule), so a part of $1e13, or of exactly $0, is noise.
 */
export function withHugeSpends(summary: Summary, noiseMean: number): Summary {
  const annual = {
    ...summary.total.annual,
    perTask: { ...summary.total.annual.perTask, mean: 5e29 },
    perToken: { ...summary.total.annual.perToken, mean: 1e29 },
    gap: { ...summary.total.annual.gap, mean: 4e29 },
  };
  const [big, small] = summary.gapAttribution!;
  const gapAttribution = [
    { ...big!, mean: 4e29, p10: 3e29, p90: 5e29 },
    { ...small!, mean: noiseMean, p10: -9e13, p90: 1e14 },
  ];
  return { ...summary, total: { ...summary.total, annual }, gapAttribution };
}
