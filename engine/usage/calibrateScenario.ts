/**
 * Calibration: from usage logs to the numbers of a scenario. For each workload,
 * the tasks of the last observed month and the monthly growth of tasks before
 * it; for each model a workload calls, a step whose calls, prompt, context
 * growth and output are fitted to that month's tasks so that the step's expected
 * cost per task equals the logged one. writeCalibratedScenario turns the result
 * into YAML.
 *
 * Known limitation: only the last logged month's tasks are fitted, and only as
 * fixed values; drift of tokens per task, elasticity and the price curve are left
 * for the team to write, and a workload without tasks in that month is refused.
 */
import type { CountFamily } from '../distributions/countMoments.js';
import { writeCountMoments } from '../distributions/countMoments.js';
import type { PriceCatalog } from '../priceCatalog.js';
import { priceRecords, type PricedRecord } from './buildDashboard.js';
import { matchCatalogModel, type TieredModelPrice } from './priceUsage.js';
import type { UsageRecord } from './usageRecord.js';

export interface CalibratedCalls {
  readonly family: CountFamily;
  readonly mean: number;
  /** Only for negative_binomial. */
  readonly sd: number | null;
}

/** How well `prompt = I * C + G * C (C - 1) / 2` fits the tasks' prompts. */
export interface PromptFit {
  /** 1 - residual / total sum of squares about the mean; null when every prompt is equal. */
  readonly rSquared: number | null;
  /** Root mean square residual, tokens a task. */
  readonly rmseTokens: number;
}

export interface CalibratedStep {
  readonly name: string;
  /** Catalog key, or the logged name when the catalog lacks the model. */
  readonly model: string;
  /** The model names the logs use for it. */
  readonly loggedModels: readonly string[];
  /** Share of tasks that call the model at all. */
  readonly when: number;
  readonly calls: CalibratedCalls;
  /** Observed calls per task among the tasks that call it. */
  readonly observedCalls: { readonly mean: number; readonly sd: number; readonly max: number };
  readonly inputTokens: number;
  readonly contextGrowth: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  readonly cachedShare: number;
  readonly cacheWriteShare: number;
  readonly promptFit: PromptFit;
  readonly meanPromptTokens: number;
  /** Logged cost per task of this model among tasks that call it, USD. */
  readonly costPerTaskUsd: number;
  /** Prices to write when the catalog lacks the model or the bills differ from it. */
  readonly priceOverride: PriceOverride | null;
}

export interface PriceOverride {
  readonly reason: 'not-in-catalog' | 'billed-differently';
  /** Reported over catalog cost; the blended USD per million tokens when not in the catalog. */
  readonly factor: number;
  readonly input: number;
  readonly cachedInput: number;
  readonly cacheWrite: number;
  readonly output: number;
  readonly reasoning: number;
}

export interface CalibratedWorkload {
  readonly name: string;
  /** As the logs name it, before it was made a valid scenario name. */
  readonly loggedName: string;
  readonly monthlyTasks: readonly { readonly month: string; readonly tasks: number }[];
  readonly tasksPerMonth: number;
  /** Monthly growth of tasks, from a log-linear fit over the observed months. */
  readonly growth: number;
  readonly steps: readonly CalibratedStep[];
  /** Logged spend of the last month's tasks, USD. */
  readonly lastMonthSpendUsd: number;
  /** Spread of the last month's task costs, USD: how precisely the month fixes the mean. */
  readonly taskCost: { readonly mean: number; readonly sd: number; readonly standardError: number };
}

export interface Calibration {
  /** The last observed month, 'YYYY-MM': the scenario's first month. */
  readonly start: string;
  readonly zone: string;
  readonly workloads: readonly CalibratedWorkload[];
  readonly lastMonthSpendUsd: number;
}

/** Logs that cannot be calibrated, with the reason in words. */
export class CalibrationError extends Error {
  override readonly name = 'CalibrationError';
}

/** One task's use of one model. */
export interface TaskUse {
  calls: number;
  prompt: number;
  input: number;
  cached: number;
  written: number;
  output: number;
  reasoning: number;
  spend: number;
  recomputed: number | null;
}

/** Fits a scenario to the records. Cost: linear in records, plus sorting months. */
export function calibrateScenario(
  records: readonly UsageRecord[],
  catalog: PriceCatalog,
  zone: string,
): Calibration {
  const priced = priceRecords(records, catalog, zone);
  if (priced.length === 0) throw new CalibrationError('the logs hold no usage records');
  const start = priced.reduce((latest, item) => (item.month > latest ? item.month : latest), '');
  const byWorkload = new Map<string, PricedRecord[]>();
  for (const item of priced) {
    const list = byWorkload.get(item.record.workload) ?? [];
    byWorkload.set(item.record.workload, list.concat(item));
  }
  const names = new Set<string>();
  const workloads = [...byWorkload].map(([name, items]) => {
    const safe = uniqueName(safeName(name), names);
    return calibrateWorkload(safe, name, items, start, catalog);
  });
  const lastMonthSpendUsd = workloads.reduce((total, w) => total + w.lastMonthSpendUsd, 0);
  return { start, zone, workloads, lastMonthSpendUsd };
}

/** A name the scenario accepts: letters, digits, '-' and '_', starting with a letter or digit. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+/, '');
  return cleaned === '' ? 'unnamed' : cleaned;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let index = 2; taken.has(candidate); index += 1) candidate = `${name}-${index}`;
  taken.add(candidate);
  return candidate;
}

function calibrateWorkload(
  name: string,
  loggedName: string,
  items: readonly PricedRecord[],
  start: string,
  catalog: PriceCatalog,
): CalibratedWorkload {
  if (items.every((item) => item.record.taskKey === '')) {
    throw new CalibrationError(
      `workload \`${loggedName}\`: the logs name no tasks, so cost per task cannot be measured; ` +
        "calibrate needs a task id on each call (the generic format's `task` column, a LiteLLM " +
        'session, an OpenTelemetry trace)',
    );
  }
  const firstMonthOfTask = new Map<string, string>();
  for (const item of items) {
    const key = item.record.taskKey;
    if (key === '') continue;
    const seen = firstMonthOfTask.get(key);
    if (seen === undefined || item.month < seen) firstMonthOfTask.set(key, item.month);
  }
  const counts = new Map<string, number>();
  for (const month of firstMonthOfTask.values()) counts.set(month, (counts.get(month) ?? 0) + 1);
  const monthlyTasks = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, tasks]) => ({ month, tasks }));
  const lastTasks = items.filter(
    (item) => item.record.taskKey !== '' && firstMonthOfTask.get(item.record.taskKey) === start,
  );
  const tasksPerMonth = counts.get(start) ?? 0;
  if (tasksPerMonth === 0) {
    throw new CalibrationError(
      `workload \`${loggedName}\` has no tasks in ${start}, the last month of the logs; ` +
        'calibrate fits the last month, so pass logs that run up to the same month',
    );
  }
  const steps = calibrateSteps(lastTasks, tasksPerMonth, catalog);
  const lastMonthSpendUsd = lastTasks.reduce((total, item) => total + item.spendUsd, 0);
  const taskCost = spreadOfTaskCosts(lastTasks);
  return {
    name,
    loggedName,
    monthlyTasks,
    tasksPerMonth,
    growth: fitGrowth(monthlyTasks),
    steps,
    lastMonthSpendUsd,
    taskCost,
  };
}

/** Mean and sample sd of the tasks' costs, and the standard error of the mean, sd / sqrt(n). */
function spreadOfTaskCosts(items: readonly PricedRecord[]) {
  const byTask = new Map<string, number>();
  for (const item of items) {
    byTask.set(item.record.taskKey, (byTask.get(item.record.taskKey) ?? 0) + item.spendUsd);
  }
  const costs = [...byTask.values()];
  const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
  const variance =
    costs.length > 1 ? costs.reduce((s, c) => s + (c - mean) ** 2, 0) / (costs.length - 1) : 0;
  const sd = Math.sqrt(variance);
  return { mean, sd, standardError: sd / Math.sqrt(costs.length) };
}

/**
 * Monthly growth from a least-squares line through log(tasks) against the month
 * number: exp(slope) - 1. Months between the first and last with no tasks are
 * left out. One month gives 0.
 */
export function fitGrowth(monthly: readonly { month: string; tasks: number }[]): number {
  const points = monthly.map(({ month, tasks }) => {
    const [year, number] = month.split('-').map(Number) as [number, number];
    return { x: year * 12 + number, y: Math.log(tasks) };
  });
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxy = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  return Math.exp(sxy / sxx) - 1;
}

function calibrateSteps(items: readonly PricedRecord[], tasks: number, catalog: PriceCatalog) {
  const byModel = new Map<string, { price: TieredModelPrice | undefined; items: PricedRecord[] }>();
  for (const item of items) {
    const price = matchCatalogModel(catalog, item.record.model);
    const key = price?.model ?? item.record.model;
    const group = byModel.get(key) ?? { price, items: [] };
    group.items.push(item);
    byModel.set(key, group);
  }
  const names = new Set<string>();
  return [...byModel].map(([model, group]) =>
    calibrateStep(uniqueName(safeName(model), names), model, group.price, group.items, tasks),
  );
}

function usesByTask(items: readonly PricedRecord[]): TaskUse[] {
  const uses = new Map<string, TaskUse>();
  for (const { record, spendUsd, recomputedUsd } of items) {
    const use = uses.get(record.taskKey) ?? {
      calls: 0,
      prompt: 0,
      input: 0,
      cached: 0,
      written: 0,
      output: 0,
      reasoning: 0,
      spend: 0,
      recomputed: 0,
    };
    use.calls += record.calls;
    use.input += record.inputTokens;
    use.cached += record.cachedInputTokens;
    use.written += record.cacheWriteTokens;
    use.prompt += record.inputTokens + record.cachedInputTokens + record.cacheWriteTokens;
    use.output += record.outputTokens;
    use.reasoning += record.reasoningTokens;
    use.spend += spendUsd;
    use.recomputed =
      use.recomputed === null || recomputedUsd === null ? null : use.recomputed + recomputedUsd;
    uses.set(record.taskKey, use);
  }
  return [...uses.values()];
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The count family for calls: fixed when every task makes the same number, a
 * negative binomial when the calls vary more than a Poisson's would (variance
 * above the mean; its mean and sd then match the tasks' exactly), else a Poisson.
 * A Poisson overstates the spread of calls that vary less than it (variance
 * below the mean); no count family the engine has fits those, and its mean is
 * still exact.
 */
export function chooseCalls(calls: readonly number[]): CalibratedCalls {
  const m = mean(calls);
  const variance =
    calls.length > 1 ? calls.reduce((s, c) => s + (c - m) ** 2, 0) / calls.length : 0;
  if (variance === 0) return { family: 'fixed', mean: m, sd: null };
  if (variance > m * 1.0001)
    return { family: 'negative_binomial', mean: m, sd: Math.sqrt(variance) };
  return { family: 'poisson', mean: m, sd: null };
}

/** E[C] and E[C (C - 1)] / 2 of the chosen family, as the engine computes them. */
function callMoments(calls: CalibratedCalls): { calls: number; pairs: number } {
  const out = new Float64Array(2);
  writeCountMoments(calls.family, calls.mean, calls.sd ?? 0, Infinity, out, 0);
  return { calls: out[0]!, pairs: (out[1]! - out[0]!) / 2 };
}

/**
 * Fits prompt tokens of a task to I * C + G * C (C - 1) / 2 (first call's prompt
 * I, context growth G per call) by least squares constrained to match the mean
 * prompt under the chosen count family: G minimises the residuals once I is tied
 * to it by that constraint, so the scenario's expected prompt equals the logged
 * mean whatever the fit's quality.
 */
export function fitPrompt(uses: readonly TaskUse[], calls: CalibratedCalls) {
  const moments = callMoments(calls);
  const meanPrompt = mean(uses.map((use) => use.prompt));
  const c = uses.map((use) => use.calls);
  const q = uses.map((use) => (use.calls * (use.calls - 1)) / 2);
  const meanC = mean(c);
  const meanQ = mean(q);
  let numerator = 0;
  let denominator = 0;
  uses.forEach((use, index) => {
    const a = use.prompt - (meanPrompt * c[index]!) / meanC;
    const b = q[index]! - (meanQ * c[index]!) / meanC;
    numerator += a * b;
    denominator += b * b;
  });
  let growth = denominator > 0 ? Math.max(0, numerator / denominator) : 0;
  let first = (meanPrompt - growth * moments.pairs) / moments.calls;
  if (first < 0) {
    first = 0;
    growth = meanPrompt / moments.pairs;
  }
  const residuals = uses.map((use, index) => use.prompt - first * c[index]! - growth * q[index]!);
  const residual = residuals.reduce((sum, r) => sum + r * r, 0);
  const total = uses.reduce((sum, use) => sum + (use.prompt - meanPrompt) ** 2, 0);
  const fit: PromptFit = {
    rSquared: total > 0 ? 1 - residual / total : null,
    rmseTokens: Math.sqrt(residual / uses.length),
  };
  return { first, growth, fit, meanPrompt, callsMean: moments.calls };
}

function calibrateStep(
  name: string,
  model: string,
  price: TieredModelPrice | undefined,
  items: readonly PricedRecord[],
  tasks: number,
): CalibratedStep {
  const uses = usesByTask(items);
  const observedMean = mean(uses.map((use) => use.calls));
  const calls = chooseCalls(uses.map((use) => use.calls));
  const prompt = fitPrompt(uses, calls);
  const sum = (pick: (use: TaskUse) => number) => uses.reduce((total, use) => total + pick(use), 0);
  const promptTotal = sum((use) => use.prompt);
  const perCall = (pick: (use: TaskUse) => number) => sum(pick) / uses.length / prompt.callsMean;
  return {
    name,
    model,
    loggedModels: [...new Set(items.map((item) => item.record.model))].sort(),
    when: uses.length / tasks,
    calls,
    observedCalls: {
      mean: observedMean,
      sd:
        calls.sd ?? Math.sqrt(Math.max(0, mean(uses.map((u) => u.calls ** 2)) - observedMean ** 2)),
      max: Math.max(...uses.map((use) => use.calls)),
    },
    inputTokens: prompt.first,
    contextGrowth: prompt.growth,
    outputTokens: perCall((use) => use.output),
    reasoningTokens: perCall((use) => use.reasoning),
    cachedShare: promptTotal > 0 ? sum((use) => use.cached) / promptTotal : 0,
    cacheWriteShare: promptTotal > 0 ? sum((use) => use.written) / promptTotal : 0,
    promptFit: prompt.fit,
    meanPromptTokens: prompt.meanPrompt,
    costPerTaskUsd: sum((use) => use.spend) / uses.length,
    priceOverride: overridePrice(price, uses),
  };
}

/**
 * Prices for the scenario when the catalog's would not reproduce the bill: a
 * model the catalog lacks gets one blended rate (spend over tokens) for every
 * kind; a known model whose logged cost differs from its catalog cost by more
 * than 1% gets the catalog's rates scaled by their ratio (a negotiated discount).
 */
function overridePrice(
  price: TieredModelPrice | undefined,
  uses: readonly TaskUse[],
): PriceOverride | null {
  const spend = uses.reduce((total, use) => total + use.spend, 0);
  if (price === undefined) {
    const tokens = uses.reduce((total, use) => total + use.prompt + use.output + use.reasoning, 0);
    const rate = tokens > 0 ? (spend / tokens) * 1e6 : 0;
    return {
      reason: 'not-in-catalog',
      factor: rate,
      input: rate,
      cachedInput: rate,
      cacheWrite: rate,
      output: rate,
      reasoning: rate,
    };
  }
  const recomputed = uses.reduce((total, use) => total + (use.recomputed ?? 0), 0);
  if (recomputed <= 0 || Math.abs(spend / recomputed - 1) <= 0.01) return null;
  const factor = spend / recomputed;
  return {
    reason: 'billed-differently',
    factor,
    input: price.input * factor,
    cachedInput: price.cachedInput * factor,
    cacheWrite: price.cacheWrite * factor,
    output: price.output * factor,
    reasoning: price.reasoning * factor,
  };
}
