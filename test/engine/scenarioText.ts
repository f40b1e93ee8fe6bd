import { forecastScenarioText } from '../../engine/forecast.js';
import type { Summary } from '../../engine/summaryTypes.js';

/** Forecasts YAML text in a test, failing with the issues if it does not validate. */
export function forecastForTest(yaml: string, trials?: number, seed?: number): Summary {
  const outcome = forecastScenarioText(yaml, { trials, seed });
  if (!outcome.ok) {
    const problems = outcome.issues.map(
      (issue) => `${issue.line}:${issue.column} ${issue.path}: ${issue.message}`,
    );
    throw new Error(`scenario did not validate:\n${problems.join('\n')}`);
  }
  return outcome.summary;
}

/** A one-model price override so that tests do not depend on the catalog's current prices. */
export const TEST_PRICES = `
prices:
  models:
    test-model:
      { input: $2.00, cached_input: $0.50, cache_write: $2.50, output: $8.00, as_of: 2026-12-01 }
`;

/**
 * Two forecasts that agree by construction: no growth, drift or elasticity, so
 * every month's task burns the first month's tokens and the per-token forecast
 * (which freezes them, MODEL.md) prices the same tasks as the per-task one.
 * Their gap is 0 in every trial and month; only the order of the sums differs.
 * Two workloads of two steps and cached input give the sums something to part on.
 */
export const EQUAL_FORECASTS = `
scenario: equal-forecasts
start: 2027-01
months: 6
seed: 11
${TEST_PRICES}
  curve:
    annual_change: -20% to -60%
workloads:
  first:
    tasks_per_month: 1234 to 5678
    steps:
      classify:
        model: test-model
        input_tokens: 1.1k to 3.3k
        output_tokens: 77 to 333
        cached_share: 13% to 71%
      answer:
        model: test-model
        when: 8% to 20%
        input_tokens: 6k to 14k
        output_tokens: 300 to 700
  second:
    tasks_per_month: 2000 to 4000
    steps:
      reply:
        model: test-model
        input_tokens: 1.3k to 3.7k
        output_tokens: 170 to 333
`;
