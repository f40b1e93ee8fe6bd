import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { buildDashboard } from '../../../engine/usage/buildDashboard.js';
import { readUsageText } from '../../../engine/usage/readUsageText.js';
import { emptyRecord, type UsageRecord } from '../../../engine/usage/usageRecord.js';
import {
  buildTauBenchUsageLog,
  readTauBenchTasks,
  TAU_BENCH_PATH,
} from '../../fixtures/usage/tauBenchUsageLog.js';

// Catalog prices used below (engine/catalog/catalogData.ts, LiteLLM map of 2026-07-24),
// USD per million tokens: gpt-4o 2.50 input, 1.25 cached, 10.00 output;
// claude-sonnet-4 3.00 input, 15.00 output.
function record(fields: Partial<UsageRecord> & { time: string }): UsageRecord {
  const { time, ...rest } = fields;
  return { ...emptyRecord(1), workload: 'a', model: 'gpt-4o', ...rest, timeMs: Date.parse(time) };
}

const RECORDS = [
  // 1,000 x 2.5 + 2,000 x 1.25 + 100 x 10 = 6,000 micro-dollars = $0.006
  record({
    time: '2024-03-10T09:00:00Z',
    taskKey: 't1',
    inputTokens: 1000,
    cachedInputTokens: 2000,
    outputTokens: 100,
  }),
  // 3,000 x 2.5 + 200 x 10 = $0.0095
  record({ time: '2024-03-10T09:01:00Z', taskKey: 't1', inputTokens: 3000, outputTokens: 200 }),
  // reported $0.011; at catalog prices 2,000 x 2.5 + 300 x 10 = $0.008
  record({
    time: '2024-03-20T09:00:00Z',
    taskKey: 't2',
    inputTokens: 2000,
    outputTokens: 300,
    costUsd: 0.011,
  }),
  // 4,000 x 2.5 + 400 x 10 = $0.014
  record({ time: '2024-04-05T09:00:00Z', taskKey: 't3', inputTokens: 4000, outputTokens: 400 }),
  // claude-sonnet-4, no task: 10,000 x 3 + 1,000 x 15 = $0.045
  record({
    time: '2024-04-05T09:00:00Z',
    workload: 'b',
    model: 'claude-sonnet-4-20250514',
    inputTokens: 10000,
    outputTokens: 1000,
  }),
];

describe('buildDashboard', () => {
  const dashboard = buildDashboard(RECORDS, { zone: 'UTC', catalog: BUILTIN_CATALOG });

  it('counts tokens, tasks and tokens per task of each workload', () => {
    const [a, b] = dashboard.workloads;
    // Workload a: 3,100 + 3,200 + 2,300 + 4,400 = 13,000 tokens over 3 tasks.
    expect(a).toMatchObject({ name: 'a', tasks: 3, spendUsd: expect.closeTo(0.0405, 12) });
    expect(a!.tokens.total).toBe(13_000);
    expect(a!.tokensPerTask).toBeCloseTo(13_000 / 3, 9);
    // $0.006 + $0.0095 + $0.011 (reported) + $0.014 = $0.0405, over 3 tasks.
    expect(a!.costPerTaskUsd).toBeCloseTo(0.0135, 12);
    expect(b).toMatchObject({ name: 'b', tasks: null, tokensPerTask: null, costPerTaskUsd: null });
  });

  it('gives cost per task by quarter, each task counted in its quarter', () => {
    const quarters = dashboard.workloads[0]!.quarters;
    // Q1: t1 and t2, $0.006 + $0.0095 + $0.011 = $0.0265; Q2: t3, $0.014.
    expect(quarters.map((q) => [q.period, q.tasks])).toEqual([
      ['2024-Q1', 2],
      ['2024-Q2', 1],
    ]);
    expect(quarters[0]!.costPerTaskUsd).toBeCloseTo(0.0265 / 2, 12);
    expect(quarters[1]!.costPerTaskUsd).toBeCloseTo(0.014, 12);
  });

  it('gives the average price paid per million tokens of each vendor', () => {
    const byVendor = Object.fromEntries(dashboard.vendors.map((v) => [v.vendor, v]));
    // openai: $0.0405 over 13,000 tokens; anthropic: $0.045 over 11,000 tokens.
    expect(byVendor['openai']!.usdPerMillionTokens).toBeCloseTo((0.0405 / 13_000) * 1e6, 9);
    expect(byVendor['anthropic']!.usdPerMillionTokens).toBeCloseTo((0.045 / 11_000) * 1e6, 9);
  });

  it('sets the reported cost beside the catalog cost of the same tokens', () => {
    // Only t2 reports a cost: $0.011 against $0.008 at catalog prices, +37.5%.
    expect(dashboard.billing).toEqual([
      {
        month: '2024-03',
        vendor: 'openai',
        reportedUsd: 0.011,
        recomputedUsd: expect.closeTo(0.008, 12),
        difference: expect.closeTo(0.375, 9),
      },
    ]);
  });

  it('counts a bill read beside the usage once, and checks the usage against it', () => {
    const bill = record({ time: '2024-04-30T00:00:00Z', costUsd: 0.02 });
    const both = buildDashboard([...RECORDS, bill], { zone: 'UTC', catalog: BUILTIN_CATALOG });
    const april = both.workloads[0]!.months[1]!;
    // April's openai spend is the bill's $0.02, not $0.02 + $0.014.
    expect(april.spendUsd).toBeCloseTo(0.02, 12);
    const check = both.billing.find((row) => row.month === '2024-04')!;
    // The bill ($0.02) against t3's tokens at catalog prices ($0.014): +42.86%.
    expect(check.difference).toBeCloseTo(0.02 / 0.014 - 1, 9);
  });

  it('looks back twelve months from the last month with usage', () => {
    const old = record({ time: '2023-04-30T12:00:00Z', taskKey: 'old', inputTokens: 5 });
    const windowed = buildDashboard([old, ...RECORDS], { zone: 'UTC', catalog: BUILTIN_CATALOG });
    expect(windowed.months[0]).toBe('2023-05');
    expect(windowed.months).toHaveLength(12);
    expect(windowed.recordsBefore).toBe(1);
  });

  it('lists models the catalog cannot price', () => {
    const odd = record({ time: '2024-04-01T00:00:00Z', model: 'in-house-llm', inputTokens: 70 });
    const result = buildDashboard([odd], { zone: 'UTC', catalog: BUILTIN_CATALOG });
    expect(result.unpricedModels).toEqual([{ model: 'in-house-llm', tokens: 70 }]);
  });

  it('tells months in the zone it is given', () => {
    const evening = record({ time: '2024-03-31T21:00:00-04:00', taskKey: 'e', inputTokens: 10 });
    expect(buildDashboard([evening], { zone: 'UTC', catalog: BUILTIN_CATALOG }).months).toEqual([
      '2024-04',
    ]);
    const newYork = buildDashboard([evening], {
      zone: 'America/New_York',
      catalog: BUILTIN_CATALOG,
    });
    expect(newYork.months).toEqual(['2024-03']);
  });
});

describe('the dashboard of the tau-bench usage log', () => {
  const csv = readFileSync(TAU_BENCH_PATH, 'utf8');
  const tasks = readTauBenchTasks(csv);
  const { records } = readUsageText(buildTauBenchUsageLog(csv), { zone: 'UTC' });
  const dashboard = buildDashboard(records, { zone: 'UTC', catalog: BUILTIN_CATALOG });

  it("shows the file's own totals: 200 tasks, their tokens and estimated cost", () => {
    // Independent sums over the 200 rows of tau-bench-gpt4o-airline-per-task.csv.
    const tokens = tasks.reduce((s, t) => s + t.inputTokens + t.outputTokens, 0);
    const cost = tasks.reduce((s, t) => s + t.costUsd, 0);
    const calls = tasks.reduce((s, t) => s + t.calls, 0);
    const [workload] = dashboard.workloads;
    expect(workload!.tasks).toBe(200);
    expect(workload!.tokens.total).toBe(tokens);
    expect(workload!.spendUsd).toBeCloseTo(cost, 9);
    expect(workload!.callsPerTask).toBeCloseTo(calls / 200, 12);
    // SOURCES.md note 3: est. cost mean $0.153 a task.
    expect(workload!.costPerTaskUsd).toBeCloseTo(0.153, 3);
  });

  it("finds the file's costs equal to gpt-4o list prices, as SOURCES.md says they are", () => {
    // cost_usd was estimated at 2.50 / 10.00 USD per million, rounded to the micro-dollar.
    for (const check of dashboard.billing) expect(Math.abs(check.difference!)).toBeLessThan(1e-5);
  });
});
