import { describe, expect, it } from 'vitest';
import { expectWithinStandardErrors } from '../tolerance.js';
import { forecastForTest, TEST_PRICES } from './scenarioText.js';

function scenario(tasks: string, input: string): string {
  return (
    `scenario: t\nstart: 2027-01\nmonths: 12\ntrials: 4000\n${TEST_PRICES}` +
    `workloads:\n  w:\n    tasks_per_month: ${tasks}\n    steps:\n      s:\n` +
    `        model: test-model\n        input_tokens: ${input}\n`
  );
}

// Input tokens uniform on 1,000..3,000 (sd 2,000 / sqrt(12) = 577.35), 1,000 tasks a month,
// $2 per million: a month costs 0.002 * input dollars, the year 0.002 * the sum of 12 inputs.
const MONTH_SD = 0.002 * (2000 / Math.sqrt(12));

describe('per: month draws', () => {
  it('draw input tokens again every month: same mean, sd of a sum of 12 draws', () => {
    const uniform = '{ uniform: { min: 1000, max: 3000 }, per: month }';
    const annual = forecastForTest(scenario('1000', uniform)).total.annual.perTask;
    // Mean 12 * 0.002 * 2,000 = $48; sd sqrt(12) * MONTH_SD = $4.00 (12 * MONTH_SD per trial).
    expectWithinStandardErrors(annual.mean, 48, annual.meanStandardError);
    expect(Math.abs(annual.sd! / (Math.sqrt(12) * MONTH_SD) - 1)).toBeLessThan(0.05);
  });

  it('draw them once per trial by default: sd of 12 times one draw', () => {
    const annual = forecastForTest(scenario('1000', '{ uniform: { min: 1000, max: 3000 } }')).total
      .annual.perTask;
    expect(Math.abs(annual.sd! / (12 * MONTH_SD) - 1)).toBeLessThan(0.05);
  });

  it('draw tasks again every month when tasks_per_month says per: month', () => {
    const tasks = '{ uniform: { min: 500, max: 1500 }, per: month }';
    const annual = forecastForTest(scenario(tasks, '2000')).total.annual.perTask;
    // A month costs tasks * 2,000 * $2 / 1M = 0.004 * tasks;
    // the sd of 12 months is sqrt(12) * 0.004 * 288.7.
    expectWithinStandardErrors(annual.mean, 12 * 0.004 * 1000, annual.meanStandardError);
    expect(
      Math.abs(annual.sd! / (Math.sqrt(12) * 0.004 * (1000 / Math.sqrt(12))) - 1),
    ).toBeLessThan(0.05);
  });
});
