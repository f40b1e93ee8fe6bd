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
