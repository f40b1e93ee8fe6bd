import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';
import { expectWithinStandardErrors } from '../tolerance.js';
import { forecastForTest, TEST_PRICES } from './scenarioText.js';

// Every input fixed: one trial must equal the spend worked out by hand below.
const FIXED_SCENARIO = `
scenario: hand-worked
start: 2027-01
months: 3
trials: 1
${TEST_PRICES}
  curve:
    annual_change: -50%
    events:
      - { at: 2027-03, probability: 100%, change: -20% }
workloads:
  triage:
    tasks_per_month: 1000
    growth: 10%
    steps:
      loop:
        model: test-model
        calls: 3
        input_tokens: 1000
        context_growth: 200
        output_tokens: 100
        cached_share: 25%
        when: 50%
      check:
        model: test-model
        calls: 2
        input_tokens: 500
        context_growth: 100
        output_tokens: 50
    drift:
      loop.calls: +50% by 2027-03
`;

describe('a scenario with every input fixed', () => {
  // Hand calculation. Blended input price: 75% at $2 + 25% cached at $0.50 =
  // $1.625 per million tokens; output $8 per million.
  const inputPrice = 1.625e-6;
  const outputPrice = 8e-6;
  // Calls scaled by k = 1 + 0.5 * m / 2 (linear drift reaching +50% in month 2):
  // k * 3 calls; E[C(C-1)] = (3k)(3k - 1); input per task
  // = calls * 1000 + 200 * C(C-1) / 2; half the tasks run the step (when 50%).
  const loopCost = (k: number): number => {
    const calls = 3 * k;
    const input = calls * 1000 + (200 * calls * (calls - 1)) / 2;
    const output = calls * 100;
    return 0.5 * (input * inputPrice + output * outputPrice);
  };
  // The check step does not drift: 2 calls, input 2 * 500 + 100 * 2 * 1 / 2 =
  // 1100 tokens at $2 and output 100 at $8 per million: $0.003 a task.
  const checkCost = 1100 * 2e-6 + 100 * outputPrice;
  const costPerTask = (k: number): number => loopCost(k) + checkCost;
  // Month 0 loop: 3 calls -> input 3000 + 600 = 3600, output 300 -> $0.004125;
  // with the check, $0.007125 a task.
  // Price index: 0.5 ^ (m / 12), and x 0.8 from month 2 on (the event).
  const priceIndex = [1, 0.5 ** (1 / 12), 0.5 ** (2 / 12) * 0.8];
  const tasks = [1000, 1100, 1210];
  const perTask = [0, 1, 2].map((m) => tasks[m]! * costPerTask(1 + 0.25 * m) * priceIndex[m]!);
  const perToken = [0, 1, 2].map((m) => tasks[m]! * costPerTask(1) * priceIndex[m]!);

  const summary = forecastForTest(FIXED_SCENARIO);

  it('prices the first month at $7.125, as worked by hand', () => {
    expect(costPerTask(1)).toBeCloseTo(0.007125, 12);
    expect(summary.total.monthly[0]!.perTask.mean).toBeCloseTo(7.125, 2);
  });

  it('matches the hand-worked per-task spend of every month to the cent', () => {
    summary.total.monthly.forEach((month, m) => {
      expect(month.perTask.mean).toBeCloseTo(perTask[m]!, 2);
      expect(month.perTask.p50).toBeCloseTo(perTask[m]!, 2);
    });
    const annual = perTask.reduce((a, b) => a + b, 0);
    expect(summary.total.annual.perTask.mean).toBeCloseTo(annual, 2);
  });

  it('matches the hand-worked per-token spend, with tokens per task frozen at month 0', () => {
    summary.total.monthly.forEach((month, m) => {
      expect(month.perToken.mean).toBeCloseTo(perToken[m]!, 2);
    });
  });

  it('reports tokens per task and the indices from the same hand calculation', () => {
    const last = summary.workloads[0]!.months[2]!;
    const calls = 4.5;
    const loopInput = 0.5 * (calls * 1000 + 100 * calls * (calls - 1));
    expect(last.inputTokensPerTask).toBeCloseTo(loopInput + 1100, 9);
    expect(last.outputTokensPerTask).toBeCloseTo(0.5 * calls * 100 + 100, 9);
    // One model: the first month's token basket costs exactly the price index.
    expect(summary.index.costPerToken[2]!.p50).toBeCloseTo(priceIndex[2]!, 12);
    expect(summary.index.costPerTask[2]!.p50).toBeCloseTo(
      (costPerTask(1.5) * priceIndex[2]!) / costPerTask(1),
      12,
    );
  });
});

describe('two forecasts with nothing to part them', () => {
  it('agree exactly when there is no drift, no elasticity and no planned step', () => {
    const summary = forecastForTest(
      `
scenario: no-drift
start: 2027-01
trials: 3000
seed: 11
prices:
  curve:
    annual_change: -30% to -70%
    events: [{ at: 2027-05, probability: 40%, change: -50% }]
workloads:
  a:
    tasks_per_month: 10k to 30k
    growth: { normal: { mean: 3%, sd: 1%, }, per: month }
    steps:
      s1:
        model: gpt-4o-mini
        calls: { poisson: 2 to 4 }
        input_tokens: 1k to 5k
        context_growth: 500
      s2: { model: claude-sonnet-4, when: 10% to 30%, input_tokens: 8k, output_tokens: 300 to 900 }
`,
    );
    const pairs = [
      summary.total.annual,
      ...summary.total.monthly,
      ...summary.workloads.map((w) => w.annual),
    ];
    for (const pair of pairs) {
      expect(pair.perTask).toEqual(pair.perToken);
      expect(pair.gap.p5).toBe(0);
      expect(pair.gap.p95).toBe(0);
      expect(pair.gap.mean).toBe(0);
    }
  });
});

describe('deeper loops and induced demand', () => {
  it('scale the Poisson mean, so E[C(C-1)] follows the new mean squared', () => {
    const summary = forecastForTest(`
scenario: poisson-drift
start: 2027-01
months: 2
trials: 1
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: 1000
    steps:
      loop: { model: test-model, calls: { poisson: 2 }, input_tokens: 100, context_growth: 50 }
    drift:
      loop.calls: +100% by 2027-02
`);
    // Month 1: lambda = 4, E[C] = 4 and E[C(C-1)] = lambda^2 = 16 (Poisson factorial moment).
    const input = 4 * 100 + (50 * 16) / 2;
    expect(summary.total.monthly[1]!.perTask.mean).toBeCloseTo(1000 * input * 2e-6, 9);
  });

  it('keep a capped geometric loop under its cap', () => {
    const summary = forecastForTest(`
scenario: capped-drift
start: 2027-01
months: 2
trials: 1
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: 1000
    steps:
      loop: { model: test-model, calls: { geometric: { mean: 3 }, max: 5 }, output_tokens: 1M }
    drift:
      loop.calls: +100% by 2027-02
`);
    // Month 1: geometric on 1, 2, ... with mean 6 (p = 1/6), censored at 5:
    // E[min(C, 5)] = sum over k < 5 of P(C > k) = sum of (5/6)^k, k = 0..4.
    let expectedCalls = 0;
    for (let k = 0; k < 5; k += 1) expectedCalls += (5 / 6) ** k;
    // 1,000 tasks a month, so that no task-to-task noise is added (FEW_TASKS).
    expect(summary.total.monthly[1]!.perTask.mean).toBeCloseTo(1000 * expectedCalls * 8, 6);
    expect(expectedCalls).toBeLessThan(5);
  });

  it('multiply calls by (price ratio) ^ -elasticity', () => {
    const summary = forecastForTest(`
scenario: elasticity
start: 2027-01
months: 12
trials: 1
${TEST_PRICES}
  curve:
    annual_change: -50%
    events: [{ at: 2027-07, change: -20% }]
workloads:
  w:
    tasks_per_month: 1
    elasticity: 0.5
    steps:
      s: { model: test-model, calls: 2, output_tokens: 1M }
`);
    // Price ratio at month m: 0.5 ^ (m / 12), times 0.8 from month 6.
    // Calls: 2 * ratio ^ -0.5; spend: calls * $8 * ratio.
    summary.total.monthly.forEach((month, m) => {
      const ratio = 0.5 ** (m / 12) * (m >= 6 ? 0.8 : 1);
      expect(month.perTask.mean).toBeCloseTo(2 * ratio ** -0.5 * 8 * ratio, 9);
      expect(month.perToken.mean).toBeCloseTo(2 * 8 * ratio, 9);
    });
  });
});

describe('spend beyond what can be stored', () => {
  it('is reported at the workload that causes it, never as Infinity in a summary', () => {
    const outcome = forecastScenarioText(`
scenario: overflow
start: 2027-01
months: 120
trials: 50
workloads:
  runaway:
    tasks_per_month: 1M
    growth: 100% to 300%
    steps:
      s: { model: gpt-4o, input_tokens: 1k }
`);
    expect(outcome.ok).toBe(false);
    const issue = outcome.issues.find((candidate) => candidate.code === 'out-of-range');
    expect(issue?.path).toBe('workloads.runaway');
    expect(issue?.line).toBe(7);
  });
});

describe('months with few tasks', () => {
  const scenarioWith = (tasks: number) => `
scenario: few-tasks
start: 2027-01
months: 1
trials: 20000
seed: 8
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: ${tasks}
    steps:
      s: { model: test-model, calls: { poisson: 3 }, input_tokens: 1000, context_growth: 500 }
`;
  // One task: Y = a C + b C(C-1), C ~ Poisson(3), a = $0.002, b = $0.0005; by the
  // Poisson factorial moments E[Y] = a l + b l^2 and
  // Var(Y) = a^2 l + b^2 (4 l^3 + 2 l^2) + 4 a b l^2, with l = 3.
  const [a, b, l] = [0.002, 0.0005, 3];
  const meanTask = a * l + b * l * l;
  const sdTask = Math.sqrt(a * a * l + b * b * (4 * l ** 3 + 2 * l * l) + 4 * a * b * l * l);

  it('vary by sqrt(N) times the spread of one task, about the same mean', () => {
    const month = forecastForTest(scenarioWith(100)).total.monthly[0]!.perTask;
    expectWithinStandardErrors(month.mean, 100 * meanTask, month.meanStandardError);
    // The sum of 100 task costs has sd sqrt(100) * sd(task) (central limit theorem);
    // the engine takes sd(task) from 10,000 drawn tasks, so allow 5%.
    expect(Math.abs(month.sd! / (10 * sdTask) - 1)).toBeLessThan(0.05);
  });

  it('leave the cost-per-token index to prices alone', () => {
    const summary = forecastForTest(scenarioWith(100).replace('months: 1', 'months: 3'));
    // No price curve: the first month's token basket costs the same every month.
    for (const point of summary.index.costPerToken) {
      expect([point.p10, point.p50, point.p90]).toEqual([1, 1, 1]);
    }
  });

  it('move both forecasts alike, so nothing parts them when nothing changes', () => {
    const summary = forecastForTest(scenarioWith(50).replace('months: 1', 'months: 3'));
    for (const month of summary.total.monthly) {
      expect([month.gap.p5, month.gap.p95]).toEqual([0, 0]);
    }
    // The same draws in both months: the single tasks agree exactly too.
    const { first, last } = summary.workloads[0]!.taskCost;
    expect({ ...last, month: first.month }).toEqual(first);
  });

  it('keep the exact mean, stay above 0 and skew right at two tasks a month', () => {
    const rare = scenarioWith(2).replace(
      'context_growth: 500 }',
      'context_growth: 500, when: 10% }',
    );
    const month = forecastForTest(rare).total.monthly[0]!.perTask;
    // Two tasks, each running the step one time in ten: mean 2 x 0.1 x E[Y].
    expectWithinStandardErrors(month.mean, 2 * 0.1 * meanTask, month.meanStandardError);
    expect(month.p5).toBeGreaterThan(0);
    // A sum of two such costs is mostly small with a long right tail: median below the mean.
    expect(month.p50).toBeLessThan(month.mean);
  });

  it('carry no such noise from 1,000 tasks a month up', () => {
    const month = forecastForTest(scenarioWith(1000)).total.monthly[0]!.perTask;
    expect(month.sd).toBe(0);
    expect(month.mean).toBeCloseTo(1000 * meanTask, 9);
  });
});
