import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { buildDashboard } from '../../../engine/usage/buildDashboard.js';
import { emptyRecord, totalTokens, type UsageRecord } from '../../../engine/usage/usageRecord.js';

const recordArbitrary: fc.Arbitrary<UsageRecord> = fc
  .record({
    day: fc.integer({ min: 0, max: 400 }),
    workload: fc.constantFrom('a', 'b', 'c'),
    task: fc.constantFrom('', 't1', 't2', 't3', 't4'),
    model: fc.constantFrom('gpt-4o', 'claude-sonnet-4', 'gemini-2.5-pro', 'unknown-model'),
    input: fc.nat(100_000),
    cached: fc.nat(50_000),
    output: fc.nat(5_000),
    cost: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null }),
  })
  .map((row) => ({
    ...emptyRecord(1),
    timeMs: Date.UTC(2024, 0, 1) + row.day * 86_400_000,
    workload: row.workload,
    taskKey: row.task,
    model: row.model,
    inputTokens: row.input,
    cachedInputTokens: row.cached,
    outputTokens: row.output,
    costUsd: row.cost,
  }));

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('the dashboard, on any usage', () => {
  it('splits spend and tokens into parts that add up to the whole and are never negative', () => {
    fc.assert(
      fc.property(fc.array(recordArbitrary, { minLength: 1, maxLength: 60 }), (records) => {
        const dashboard = buildDashboard(records, { zone: 'UTC', catalog: BUILTIN_CATALOG });
        const byWorkload = dashboard.workloads.reduce((s, w) => s + w.spendUsd, 0);
        const byVendor = dashboard.vendors.reduce((s, v) => s + v.spendUsd, 0);
        const byMonth = dashboard.monthlySpendUsd.reduce((s, m) => s + m.spendUsd, 0);
        const byQuarter = dashboard.workloads
          .flatMap((w) => w.quarters)
          .reduce((s, q) => s + q.spendUsd, 0);
        const kept = records.filter((r) => {
          const month = new Date(r.timeMs).toISOString().slice(0, 7);
          return month >= dashboard.months[0]!;
        });
        const tokens = kept.reduce((s, r) => s + totalTokens(r), 0);
        expect(close(byWorkload, dashboard.spendUsd)).toBe(true);
        expect(close(byVendor, dashboard.spendUsd)).toBe(true);
        expect(close(byMonth, dashboard.spendUsd)).toBe(true);
        expect(close(byQuarter, dashboard.spendUsd)).toBe(true);
        expect(dashboard.vendors.reduce((s, v) => s + v.tokens.total, 0)).toBe(tokens);
        expect(dashboard.spendUsd).toBeGreaterThanOrEqual(0);
        for (const workload of dashboard.workloads) {
          expect(workload.tasks === null || workload.tasks <= 4).toBe(true);
        }
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
