/**
 * The operator's dashboard: what usage logs say about the last twelve months.
 * Per workload, tokens, tasks and tokens per task; per vendor, the average price
 * paid per million tokens; per quarter, cost per task; and, beside the cost the
 * sources report, the cost recomputed from the catalog, so billing surprises show.
 */
import type { PriceCatalog } from '../priceCatalog.js';
import { matchCatalogModel, priceUsage } from './priceUsage.js';
import { totalTokens, type UsageRecord } from './usageRecord.js';
import { monthKey, quarterOfMonth } from './zonedTime.js';

export interface DashboardOptions {
  readonly zone: string;
  readonly catalog: PriceCatalog;
  /** Months to look back from the last month with usage; 12 by default. */
  readonly months?: number;
}

export interface TokenCounts {
  readonly input: number;
  readonly cachedInput: number;
  readonly cacheWrite: number;
  readonly output: number;
  readonly reasoning: number;
  readonly total: number;
}

export interface WorkloadPeriod {
  /** 'YYYY-MM' or 'YYYY-Qn'. */
  readonly period: string;
  readonly tokens: number;
  /** Distinct tasks; null when the sources name no tasks. */
  readonly tasks: number | null;
  readonly spendUsd: number;
  readonly costPerTaskUsd: number | null;
  /**
   * Months of the window the period covers: 1 for a month; 1 to 3 for a
   * quarter, fewer than 3 where the window starts or ends inside it.
   */
  readonly monthsCovered: number;
}

export interface DashboardWorkload {
  readonly name: string;
  readonly tokens: TokenCounts;
  readonly calls: number;
  readonly tasks: number | null;
  readonly tokensPerTask: number | null;
  readonly callsPerTask: number | null;
  readonly spendUsd: number;
  readonly costPerTaskUsd: number | null;
  readonly months: readonly WorkloadPeriod[];
  readonly quarters: readonly WorkloadPeriod[];
}

export interface DashboardVendor {
  readonly vendor: string;
  readonly tokens: TokenCounts;
  readonly spendUsd: number;
  /** Spend over tokens; null without tokens. */
  readonly usdPerMillionTokens: number | null;
}

/** Reported against recomputed cost for one vendor and month, where both exist. */
export interface BillingCheck {
  readonly month: string;
  readonly vendor: string;
  readonly reportedUsd: number;
  readonly recomputedUsd: number;
  /** (reported - recomputed) / recomputed; null when recomputed is 0. */
  readonly difference: number | null;
}

export interface Dashboard {
  readonly zone: string;
  /** Months of the window, oldest first. */
  readonly months: readonly string[];
  readonly records: number;
  /** Records before the window, left out. */
  readonly recordsBefore: number;
  readonly spendUsd: number;
  readonly monthlySpendUsd: readonly { readonly month: string; readonly spendUsd: number }[];
  readonly workloads: readonly DashboardWorkload[];
  readonly vendors: readonly DashboardVendor[];
  readonly billing: readonly BillingCheck[];
  /** Models the catalog does not price, with their tokens; their cost is reported only. */
  readonly unpricedModels: readonly { readonly model: string; readonly tokens: number }[];
}

/** A record with what the dashboard derives for it. */
export interface PricedRecord {
  readonly record: UsageRecord;
  readonly month: string;
  readonly vendor: string;
  /** Catalog cost of its tokens; null when the model is not in the catalog. */
  readonly recomputedUsd: number | null;
  /** What it adds to spend: the reported cost, else the recomputed one (see spendOf). */
  readonly spendUsd: number;
}

/**
 * Prices every record and decides what it adds to spend. A record's reported
 * cost counts as it stands. A record without one adds its catalog cost, unless
 * its vendor's month also has cost-only records (a costs export read beside a
 * usage export), which already hold that month's bill. Cost: linear in records.
 */
export function priceRecords(
  records: readonly UsageRecord[],
  catalog: PriceCatalog,
  zone: string,
): PricedRecord[] {
  const priced = records.map((record) => {
    const price = matchCatalogModel(catalog, record.model);
    return {
      record,
      month: monthKey(record.timeMs, zone),
      vendor: record.vendor || price?.vendor || 'unknown',
      recomputedUsd: price === undefined ? null : priceUsage(record, price),
    };
  });
  const billed = new Set(
    priced
      .filter(({ record }) => record.costUsd !== null && totalTokens(record) === 0)
      .map(({ month, vendor }) => `${month} ${vendor}`),
  );
  return priced.map((item) => ({
    ...item,
    spendUsd:
      item.record.costUsd ??
      (billed.has(`${item.month} ${item.vendor}`) ? 0 : (item.recomputedUsd ?? 0)),
  }));
}

/** The months from `last` back `count` months, oldest first. */
export function monthsBack(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  const absolute = year * 12 + month - 1;
  return Array.from({ length: count }, (_, index) => {
    const value = absolute - count + 1 + index;
    return `${Math.floor(value / 12)}-${String((value % 12) + 1).padStart(2, '0')}`;
  });
}

function countTokens(records: readonly UsageRecord[]): TokenCounts {
  const sum = (pick: (record: UsageRecord) => number) =>
    records.reduce((total, record) => total + pick(record), 0);
  const counts = {
    input: sum((r) => r.inputTokens),
    cachedInput: sum((r) => r.cachedInputTokens),
    cacheWrite: sum((r) => r.cacheWriteTokens),
    output: sum((r) => r.outputTokens),
    reasoning: sum((r) => r.reasoningTokens),
  };
  return { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  }
  return groups;
}

function countTasks(items: readonly PricedRecord[]): number | null {
  const keys = new Set(items.map(({ record }) => record.taskKey).filter((key) => key !== ''));
  return keys.size === 0 ? null : keys.size;
}

function sumSpend(items: readonly PricedRecord[]): number {
  return items.reduce((total, item) => total + item.spendUsd, 0);
}

function summarizePeriod(
  period: string,
  items: readonly PricedRecord[],
  monthsCovered: number,
): WorkloadPeriod {
  const tasks = countTasks(items);
  const spendUsd = sumSpend(items);
  const tokens = countTokens(items.map((item) => item.record)).total;
  return {
    period,
    tokens,
    tasks,
    spendUsd,
    costPerTaskUsd: tasks === null ? null : spendUsd / tasks,
    monthsCovered,
  };
}

function summarizeWorkload(
  name: string,
  items: readonly PricedRecord[],
  months: readonly string[],
) {
  const tokens = countTokens(items.map((item) => item.record));
  const tasks = countTasks(items);
  const spendUsd = sumSpend(items);
  const calls = items.reduce((total, item) => total + item.record.calls, 0);
  const byMonth = groupBy(items, (item) => item.month);
  const byQuarter = groupBy(items, (item) => quarterOfMonth(item.month));
  const quarters = [...new Set(months.map(quarterOfMonth))];
  return {
    name,
    tokens,
    calls,
    tasks,
    tokensPerTask: tasks === null ? null : tokens.total / tasks,
    callsPerTask: tasks === null ? null : calls / tasks,
    spendUsd,
    costPerTaskUsd: tasks === null ? null : spendUsd / tasks,
    months: months.map((month) => summarizePeriod(month, byMonth.get(month) ?? [], 1)),
    quarters: quarters.map((quarter) => {
      const covered = months.filter((month) => quarterOfMonth(month) === quarter).length;
      return summarizePeriod(quarter, byQuarter.get(quarter) ?? [], covered);
    }),
  };
}

/**
 * Reported against recomputed cost per vendor and month. Where cost-only records
 * (a costs export) hold the month's bill, it is set against every token record
 * of the month; otherwise each record's reported cost against its own tokens.
 */
function checkBilling(items: readonly PricedRecord[]): BillingCheck[] {
  const groups = groupBy(items, (item) => `${item.month} ${item.vendor}`);
  return [...groups.values()].flatMap((group) => {
    const reported = group.filter((item) => item.record.costUsd !== null);
    if (reported.length === 0) return [];
    const billOnly = reported.some((item) => totalTokens(item.record) === 0);
    const compared = billOnly ? group : reported;
    const reportedUsd = reported.reduce((total, item) => total + (item.record.costUsd ?? 0), 0);
    const recomputedUsd = compared.reduce((total, item) => total + (item.recomputedUsd ?? 0), 0);
    const { month, vendor } = group[0]!;
    const difference = recomputedUsd > 0 ? (reportedUsd - recomputedUsd) / recomputedUsd : null;
    return [{ month, vendor, reportedUsd, recomputedUsd, difference }];
  });
}

/** Builds the dashboard of the records' last `months` months (12 by default). */
export function buildDashboard(
  records: readonly UsageRecord[],
  options: DashboardOptions,
): Dashboard {
  const all = priceRecords(records, options.catalog, options.zone);
  const last = all.reduce((latest, item) => (item.month > latest ? item.month : latest), '');
  const first = all.reduce(
    (earliest, item) => (item.month < earliest ? item.month : earliest),
    last,
  );
  // The window runs back from the last month with usage, but not before the first.
  const months =
    last === '' ? [] : monthsBack(last, options.months ?? 12).filter((m) => m >= first);
  const inWindow = all.filter((item) => item.month >= (months[0] ?? ''));
  const byWorkload = groupBy(inWindow, (item) => item.record.workload);
  const byVendor = groupBy(inWindow, (item) => item.vendor);
  const byMonth = groupBy(inWindow, (item) => item.month);
  const unpriced = groupBy(
    inWindow.filter((item) => item.recomputedUsd === null && totalTokens(item.record) > 0),
    (item) => item.record.model,
  );
  return {
    zone: options.zone,
    months,
    records: inWindow.length,
    recordsBefore: all.length - inWindow.length,
    spendUsd: sumSpend(inWindow),
    monthlySpendUsd: months.map((month) => ({
      month,
      spendUsd: sumSpend(byMonth.get(month) ?? []),
    })),
    workloads: [...byWorkload].map(([name, items]) => summarizeWorkload(name, items, months)),
    vendors: [...byVendor].map(([vendor, items]) => {
      const tokens = countTokens(items.map((item) => item.record));
      const spendUsd = sumSpend(items);
      const usdPerMillionTokens = tokens.total > 0 ? (spendUsd / tokens.total) * 1e6 : null;
      return { vendor, tokens, spendUsd, usdPerMillionTokens };
    }),
    billing: checkBilling(inWindow).sort((a, b) =>
      (a.month + a.vendor).localeCompare(b.month + b.vendor),
    ),
    unpricedModels: [...unpriced].map(([model, items]) => ({
      model,
      tokens: countTokens(items.map((item) => item.record)).total,
    })),
  };
}
