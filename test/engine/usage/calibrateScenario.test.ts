import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../../engine/forecast.js';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import {
  calibrateScenario,
  CalibrationError,
  chooseCalls,
  fitGrowth,
  fitPrompt,
  type TaskUse,
} from '../../../engine/usage/calibrateScenario.js';
import { readUsageText } from '../../../engine/usage/readUsageText.js';
import { emptyRecord, type UsageRecord } from '../../../engine/usage/usageRecord.js';
import { writeCalibratedScenario } from '../../../engine/usage/writeCalibratedScenario.js';
import {
  buildTauBenchUsageLog,
  monthOfTrial,
  readTauBenchTasks,
  TAU_BENCH_PATH,
} from '../../fixtures/usage/tauBenchUsageLog.js';

const header = { name: 'calibrated', sources: ['log.csv'], months: 12, trials: 1000 };

function use(calls: number, prompt: number): TaskUse {
  const zero = { cached: 0, written: 0, output: 0, reasoning: 0, spend: 0, recomputed: 0 };
  return { ...zero, calls, prompt, input: prompt };
}

describe('the calibration fits', () => {
  it('reads monthly growth off a log-linear line: 100, 110, 121 tasks is 10% a month', () => {
    const monthly = [
      { month: '2024-11', tasks: 100 },
      { month: '2024-12', tasks: 110 },
      { month: '2025-01', tasks: 121 },
    ];
    expect(fitGrowth(monthly)).toBeCloseTo(0.1, 12);
    expect(fitGrowth([{ month: '2024-11', tasks: 7 }])).toBe(0);
  });

  it('chooses the count family by how much calls vary', () => {
    expect(chooseCalls([3, 3, 3])).toEqual({ family: 'fixed', mean: 3, sd: null });
    // mean 2, variance 2/3: less than a Poisson's, so a Poisson.
    expect(chooseCalls([1, 2, 3])).toEqual({ family: 'poisson', mean: 2, sd: null });
    // mean 5.5, variance 20.25 (sd 4.5): a negative binomial with that mean and sd.
    expect(chooseCalls([1, 10])).toEqual({ family: 'negative_binomial', mean: 5.5, sd: 4.5 });
  });

  it('recovers the first prompt and context growth of prompts made without noise', () => {
    // prompt = 500 C + 100 C (C - 1) / 2 for C = 1, 2, 4, 8.
    const uses = [1, 2, 4, 8].map((c) => use(c, 500 * c + (100 * c * (c - 1)) / 2));
    const fit = fitPrompt(uses, chooseCalls([1, 2, 4, 8]));
    expect(fit.first).toBeCloseTo(500, 9);
    expect(fit.growth).toBeCloseTo(100, 9);
    expect(fit.fit.rSquared).toBeCloseTo(1, 12);
  });

  it('keeps the mean prompt exact when the family does not match the calls second moment', () => {
    // Calls 1, 2, 3 become a Poisson of mean 2 (E[C(C-1)]/2 = 2, where the tasks have 5/3).
    const uses = [use(1, 1000), use(2, 2300), use(3, 3300)];
    const fit = fitPrompt(uses, chooseCalls([1, 2, 3]));
    // Expected prompt under the Poisson: first * 2 + growth * 2 = the tasks' mean, 6600 / 3.
    expect(fit.first * 2 + fit.growth * 2).toBeCloseTo(2200, 9);
  });
});

describe('calibrating the tau-bench usage log', () => {
  const csv = readFileSync(TAU_BENCH_PATH, 'utf8');
  const { records } = readUsageText(buildTauBenchUsageLog(csv), { zone: 'UTC' });
  const calibration = calibrateScenario(records, BUILTIN_CATALOG, 'UTC');
  const text = writeCalibratedScenario(calibration, header);
  // The last month, 2024-12, holds trial 3 of the 50 tasks.
  const lastTrial = readTauBenchTasks(csv).filter((task) => monthOfTrial(task.trial) === '2024-12');
  const loggedSpend = lastTrial.reduce((sum, task) => sum + task.costUsd, 0);

  it('starts in the last month with its 50 tasks and no growth over four months of 50', () => {
    expect(calibration.start).toBe('2024-12');
    const [workload] = calibration.workloads;
    expect(workload).toMatchObject({ name: 'airline-support', tasksPerMonth: 50, growth: 0 });
    expect(calibration.lastMonthSpendUsd).toBeCloseTo(loggedSpend, 9);
  });

  it("shows how precisely the month's 50 tasks fix the mean cost of a task", () => {
    const costs = lastTrial.map((task) => task.costUsd);
    const mean = loggedSpend / 50;
    const sd = Math.sqrt(costs.reduce((s, c) => s + (c - mean) ** 2, 0) / 49);
    const { taskCost } = calibration.workloads[0]!;
    expect(taskCost.mean).toBeCloseTo(mean, 12);
    expect(taskCost.sd).toBeCloseTo(sd, 12);
    expect(taskCost.standardError).toBeCloseTo(sd / Math.sqrt(50), 12);
    expect(text).toContain(`known to +/- ${((100 * sd) / Math.sqrt(50) / mean).toPrecision(2)}%`);
  });

  it('fits the agent loop as a negative binomial with the calls mean and sd of the month', () => {
    const calls = lastTrial.map((task) => task.calls);
    const mean = calls.reduce((a, b) => a + b, 0) / calls.length;
    const sd = Math.sqrt(calls.reduce((s, c) => s + (c - mean) ** 2, 0) / calls.length);
    const [step] = calibration.workloads[0]!.steps;
    expect(step!.calls).toEqual({ family: 'negative_binomial', mean, sd });
    expect(step!.model).toBe('gpt-4o');
    expect(step!.priceOverride).toBeNull(); // the file's costs are gpt-4o list prices
  });

  it('writes a scenario that validates and reproduces the last month within 5%', () => {
    const outcome = forecastScenarioText(text);
    expect(outcome.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    if (!outcome.ok) throw new Error('the calibrated scenario did not run');
    const first = outcome.summary.total.monthly[0]!.perTask;
    expect(Math.abs(first.mean / loggedSpend - 1)).toBeLessThan(0.05);
    // Cost per task is an expectation, the same in every trial (all inputs fixed): it
    // matches the logged mean to the rounding of the written figures (6 digits).
    const costPerTask = outcome.summary.workloads[0]!.months[0]!.costPerTask;
    expect(costPerTask / (loggedSpend / 50) - 1).toBeCloseTo(0, 4);
  });
});

describe('calibrating tasks that call a second model only sometimes', () => {
  // 10 tasks in 2025-03 (6 in 2025-02). Each calls gpt-4o-mini 1 to 4 times with prompts
  // of 2,000 + 500 per earlier call; tasks 0, 3, 6 and 9 also call gpt-4o once.
  const records: UsageRecord[] = [];
  const addTask = (month: number, task: number) => {
    const calls = 1 + (task % 4);
    for (let call = 0; call < calls; call += 1) {
      records.push({
        ...emptyRecord(1),
        timeMs: Date.UTC(2025, month, 1 + task),
        workload: 'triage',
        taskKey: `${month}-${task}`,
        model: 'gpt-4o-mini',
        inputTokens: 2000 + 500 * call,
        outputTokens: 100,
      });
    }
    if (task % 3 === 0) {
      records.push({
        ...emptyRecord(1),
        timeMs: Date.UTC(2025, month, 1 + task),
        workload: 'triage',
        taskKey: `${month}-${task}`,
        model: 'gpt-4o',
        inputTokens: 6000,
        cachedInputTokens: 2000,
        outputTokens: 400,
      });
    }
  };
  for (let task = 0; task < 6; task += 1) addTask(1, task);
  for (let task = 0; task < 10; task += 1) addTask(2, task);
  const calibration = calibrateScenario(records, BUILTIN_CATALOG, 'UTC');

  it('gives the second model a step that runs in its share of tasks', () => {
    const [workload] = calibration.workloads;
    // 6 tasks, then 10: growth 10/6 - 1 in one month.
    expect(workload!.growth).toBeCloseTo(10 / 6 - 1, 12);
    const byModel = Object.fromEntries(workload!.steps.map((step) => [step.model, step]));
    expect(byModel['gpt-4o']).toMatchObject({ when: 0.4, cachedShare: 0.25 });
    expect(byModel['gpt-4o-mini']).toMatchObject({
      when: 1,
      contextGrowth: expect.closeTo(500, 6),
    });
  });

  it("reproduces the month's spend, worked out by hand", () => {
    // gpt-4o-mini (0.15 input, 0.60 output): calls 1,2,3,4,1,2,3,4,1,2 give prompts of
    // 2,000 C + 250 C (C - 1): 2000, 4500, 7500, 11000, 2000, 4500, 7500, 11000, 2000,
    // 4500 = 56,500 tokens, and 23 calls x 100 = 2,300 output: 56,500 x 0.15 + 2,300 x 0.6
    // = 9,855 micro-dollars. gpt-4o (2.50, 1.25 cached, 10.00): 4 tasks x (6,000 x 2.5 +
    // 2,000 x 1.25 + 400 x 10) = 4 x 21,500 = 86,000. Together $0.095855.
    expect(calibration.lastMonthSpendUsd).toBeCloseTo(0.095855, 12);
    const outcome = forecastScenarioText(writeCalibratedScenario(calibration, header));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    const costPerTask = outcome.summary.workloads[0]!.months[0]!.costPerTask;
    expect(costPerTask * 10).toBeCloseTo(0.095855, 6);
  });
});

describe('calibrating logs that the catalog does not price as billed', () => {
  const rows = (model: string, costPerCall: number): UsageRecord[] =>
    [1, 2, 3, 4].map((task) => ({
      ...emptyRecord(task),
      timeMs: Date.UTC(2025, 0, task),
      model,
      taskKey: `t${task}`,
      inputTokens: 10_000,
      outputTokens: 1_000,
      costUsd: costPerCall,
    }));

  it('scales the catalog rates of a model billed below list price', () => {
    // gpt-4o list: 10,000 x 2.5 + 1,000 x 10 = $0.035 a call; billed $0.028, 80% of it.
    const calibration = calibrateScenario(rows('gpt-4o', 0.028), BUILTIN_CATALOG, 'UTC');
    const step = calibration.workloads[0]!.steps[0]!;
    expect(step.priceOverride?.factor).toBeCloseTo(0.8, 12);
    expect(step.priceOverride?.input).toBeCloseTo(2, 12);
    const outcome = forecastScenarioText(writeCalibratedScenario(calibration, header));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    // 4 tasks at $0.028.
    expect(outcome.summary.total.monthly[0]!.perTask.mean).toBeCloseTo(0.112, 3);
  });

  it('prices a model the catalog lacks at its blended logged rate', () => {
    // $0.022 over 11,000 tokens = $2 per million tokens.
    const calibration = calibrateScenario(rows('in-house-7b', 0.022), BUILTIN_CATALOG, 'UTC');
    expect(calibration.workloads[0]!.steps[0]!.priceOverride).toMatchObject({
      reason: 'not-in-catalog',
      input: expect.closeTo(2, 9),
      output: expect.closeTo(2, 9),
    });
    const outcome = forecastScenarioText(writeCalibratedScenario(calibration, header));
    expect(outcome.ok).toBe(true);
  });

  it('refuses logs that name no tasks, saying what it needs', () => {
    const untasked = rows('gpt-4o', 0.035).map((row) => ({ ...row, taskKey: '' }));
    expect(() => calibrateScenario(untasked, BUILTIN_CATALOG, 'UTC')).toThrow(CalibrationError);
    expect(() => calibrateScenario(untasked, BUILTIN_CATALOG, 'UTC')).toThrow(/task id/);
  });
});
