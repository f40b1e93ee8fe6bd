import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';
import { TEST_PRICES } from './scenarioText.js';

const SCENARIO = `
scenario: progress
start: 2027-01
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: 1k to 2k
    steps:
      s: { model: test-model, input_tokens: 100, output_tokens: 10 }
`;

describe('the forecast progress callback', () => {
  it('reports the trials done after each block of 1,000, ending at the total', () => {
    const calls: [number, number][] = [];
    const outcome = forecastScenarioText(SCENARIO, {
      trials: 2500,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(outcome.ok).toBe(true);
    expect(calls).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  it('leaves the numbers as they are without it', () => {
    const watched = forecastScenarioText(SCENARIO, { trials: 1500, onProgress: () => undefined });
    const plain = forecastScenarioText(SCENARIO, { trials: 1500 });
    expect(JSON.stringify(watched)).toBe(JSON.stringify(plain));
  });
});
