import { describe, expect, it } from 'vitest';
import { forecastForTest, TEST_PRICES } from './scenarioText.js';

/** A one-step workload; `tasks` and `calls` are YAML values. */
function scenarioText(tasks: string, calls: string): string {
  return `
scenario: certainty
start: 2027-01
months: 3
trials: 50
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: ${tasks}
    steps:
      s: { model: test-model, calls: ${calls}, input_tokens: 1000, output_tokens: 100 }
`;
}

describe('the summary says whether trials can differ', () => {
  it('says no when every input is fixed and months have many tasks', () => {
    const summary = forecastForTest(scenarioText('5000', '2'), 1);
    expect(summary.scenario.uncertain).toBe(false);
  });

  it('says yes for an uncertain input even at one trial, where sd cannot tell', () => {
    const summary = forecastForTest(scenarioText('1000 to 3000', '2'), 1);
    expect(summary.scenario.uncertain).toBe(true);
    expect(summary.total.annual.perTask.sd).toBeNull();
  });

  it('says yes when single tasks vary and a month has few tasks (task-to-task noise)', () => {
    const calls = '{ geometric: { mean: 3 }, max: 10 }';
    expect(forecastForTest(scenarioText('3', calls)).scenario.uncertain).toBe(true);
    // From FEW_TASKS (1,000) tasks a month up the noise is left out, so trials agree.
    expect(forecastForTest(scenarioText('5000', calls)).scenario.uncertain).toBe(false);
  });

  it('says no for fixed tasks whose cost sums to rounding noise, or a month of no tasks', () => {
    // 10,000 equal single tasks (SIMULATED_TASKS) summed in floating point give an sd near
    // 1e-17, not 0, which alone made a fixed scenario of few tasks a month "uncertain".
    expect(forecastForTest(scenarioText('800', '1')).scenario.uncertain).toBe(false);
    // No task runs, so none can vary: 0 is fewer than 1,000 tasks but carries no noise.
    const idle = `${scenarioText('0', '2')}  busy:
    tasks_per_month: 5000
    steps:
      s: { model: test-model, input_tokens: 1000, output_tokens: 100 }
`;
    expect(forecastForTest(idle).scenario.uncertain).toBe(false);
  });
});
