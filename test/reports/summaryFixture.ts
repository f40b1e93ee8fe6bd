/**
 * A hand-made Summary for the report tests, built before the engine exists.
 *
 * It is not the pertask model. It is a one-factor world: each trial draws one
 * standard normal Z, and every spend is a sum of terms `scale * exp(sigma * Z)`.
 * Because every total is increasing in Z, its quantile at level q is the
 * total at z_q, the sum of the terms' quantiles, so percentiles of totals and
 * of annual sums are exact rather than approximated. Means and sds use the
 * lognormal moments (Aitchison and Brown, 1957): E[exp(sZ)] = exp(s^2 / 2).
 *
 * Two workloads over 12 months from 2027-01. Tokens per task grow (x3.6 and
 * x2.4 by the last month) while the token price halves, so cost per task
 * rises while cost per token falls, which is what the reports must show.
 */
import { cumulativeStdNormalProbability, probit } from 'simple-statistics';
import type {
  DistributionSummary,
  ForecastTriple,
  IndexPoint,
  Summary,
  WorkloadMonth,
  WorkloadSummary,
} from '../../engine/summaryTypes.js';

export const FIXTURE_TRIALS = 10_000;
export const FIXTURE_BUDGET = 1_500_000;
const MONTH_COUNT = 12;
const LAST_MONTH = MONTH_COUNT - 1;

/** Halved over the horizon: the token price index is exactly 0.5 in 2027-12. */
export const priceFactor = (monthIndex: number): number => 0.5 ** (monthIndex / LAST_MONTH);
const sigmaPerTask = (monthIndex: number): number => 0.12 + 0.025 * monthIndex;
const sigmaPerToken = (monthIndex: number): number => 0.12 + 0.01 * monthIndex;

export interface WorkloadParameters {
  readonly name: string;
  readonly tasksFirstMonth: number;
  readonly taskGrowthPerMonth: number;
  readonly tokensPerTaskFirstMonth: number;
  /** Tokens per task in the last month over the first. */
  readonly tokensPerTaskGrowthOverHorizon: number;
  readonly usdPerMillionTokensFirstMonth: number;
}

export const FIXTURE_WORKLOADS: readonly WorkloadParameters[] = [
  {
    name: 'support-agent',
    tasksFirstMonth: 400_000,
    taskGrowthPerMonth: 0.03,
    tokensPerTaskFirstMonth: 24_000,
    tokensPerTaskGrowthOverHorizon: 3.6,
    usdPerMillionTokensFirstMonth: 5,
  },
  {
    name: 'code-review',
    tasksFirstMonth: 30_000,
    taskGrowthPerMonth: 0.02,
    tokensPerTaskFirstMonth: 90_000,
    tokensPerTaskGrowthOverHorizon: 2.4,
    usdPerMillionTokensFirstMonth: 8,
  },
];

/** One term `scale * exp(sigma * Z)`; a negative scale subtracts. */
interface Term {
  readonly scale: number;
  readonly sigma: number;
}

const valueAt = (terms: readonly Term[], z: number): number =>
  terms.reduce((sum, t) => sum + t.scale * Math.exp(t.sigma * z), 0);

const slopeAt = (terms: readonly Term[], z: number): number =>
  terms.reduce((sum, t) => sum + t.scale * t.sigma * Math.exp(t.sigma * z), 0);

function varianceOf(terms: readonly Term[]): number {
  let variance = 0;
  for (const a of terms) {
    for (const b of terms) {
      const cross = Math.exp((a.sigma + b.sigma) ** 2 / 2);
      const apart = Math.exp((a.sigma ** 2 + b.sigma ** 2) / 2);
      variance += a.scale * b.scale * (cross - apart);
    }
  }
  return Math.max(variance, 0);
}

/**
 * Standard error of the q quantile of g(Z), by the delta method on the normal
 * order statistic: g'(z_q) * sqrt(q (1 - q) / n) / phi(z_q).
 */
function quantileStandardError(terms: readonly Term[], level: number): number {
  const z = probit(level);
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  return (slopeAt(terms, z) * Math.sqrt((level * (1 - level)) / FIXTURE_TRIALS)) / density;
}

function summarizeTerms(terms: readonly Term[]): DistributionSummary {
  const mean = terms.reduce((sum, t) => sum + t.scale * Math.exp(t.sigma ** 2 / 2), 0);
  const sd = Math.sqrt(varianceOf(terms));
  const at = (level: number): number => valueAt(terms, probit(level));
  return {
    mean,
    meanStandardError: sd / Math.sqrt(FIXTURE_TRIALS),
    sd,
    p5: at(0.05),
    p10: at(0.1),
    p25: at(0.25),
    p50: valueAt(terms, 0),
    p75: at(0.75),
    p90: at(0.9),
    p95: at(0.95),
    p10StandardError: quantileStandardError(terms, 0.1),
    p50StandardError: quantileStandardError(terms, 0.5),
    p90StandardError: quantileStandardError(terms, 0.9),
  };
}

/**
 * Per task minus per token, term by term in matching order, so that equal
 * spends cancel to exactly 0 instead of leaving a rounding residue.
 */
const subtractTerms = (left: readonly Term[], right: readonly Term[]): Term[] =>
  left.flatMap((t, i) => {
    const r = right[i];
    return r === undefined ? [t] : [t, { scale: -r.scale, sigma: r.sigma }];
  });

interface SpendTerms {
  readonly perTask: readonly Term[];
  readonly perToken: readonly Term[];
}

function summarizeTriple(spend: SpendTerms): ForecastTriple {
  return {
    perTask: summarizeTerms(spend.perTask),
    perToken: summarizeTerms(spend.perToken),
    gap: summarizeTerms(subtractTerms(spend.perTask, spend.perToken)),
  };
}

const tasksIn = (w: WorkloadParameters, m: number): number =>
  w.tasksFirstMonth * (1 + w.taskGrowthPerMonth) ** m;
const tokensPerTaskIn = (w: WorkloadParameters, m: number): number =>
  w.tokensPerTaskFirstMonth * w.tokensPerTaskGrowthOverHorizon ** (m / LAST_MONTH);
const usdPerTokenIn = (w: WorkloadParameters, m: number): number =>
  (w.usdPerMillionTokensFirstMonth / 1e6) * priceFactor(m);

/** Median spends of one workload and month, as one term each. */
function spendTermsOf(w: WorkloadParameters, m: number): SpendTerms {
  const perTaskMedian = tasksIn(w, m) * tokensPerTaskIn(w, m) * usdPerTokenIn(w, m);
  const perTokenMedian = tasksIn(w, m) * w.tokensPerTaskFirstMonth * usdPerTokenIn(w, m);
  return {
    perTask: [{ scale: perTaskMedian, sigma: sigmaPerTask(m) }],
    perToken: [{ scale: perTokenMedian, sigma: sigmaPerToken(m) }],
  };
}

const joinTerms = (parts: readonly SpendTerms[]): SpendTerms => ({
  perTask: parts.flatMap((p) => p.perTask),
  perToken: parts.flatMap((p) => p.perToken),
});

const MONTHS = Array.from(
  { length: MONTH_COUNT },
  (_, m) => `2027-${String(m + 1).padStart(2, '0')}`,
);
const MONTH_INDICES = MONTHS.map((_, m) => m);

/** The expected cost of one task follows the lognormal mean of its spend. */
function workloadMonthOf(w: WorkloadParameters, m: number): WorkloadMonth {
  const tasks = tasksIn(w, m);
  const tokensPerTask = tokensPerTaskIn(w, m);
  const spend = spendTermsOf(w, m);
  return {
    month: MONTHS[m] ?? '',
    tasks,
    tokens: tasks * tokensPerTask,
    inputTokensPerTask: 0.7 * tokensPerTask,
    outputTokensPerTask: 0.1 * tokensPerTask,
    reasoningTokensPerTask: 0.2 * tokensPerTask,
    tokensPerTask,
    costPerTask: summarizeTerms(spend.perTask).mean / tasks,
    costPerTaskPerToken: summarizeTerms(spend.perToken).mean / tasks,
  };
}

function costPerTaskOf(w: WorkloadParameters, m: number): DistributionSummary {
  const oneTask = spendTermsOf(w, m).perTask.map((t) => ({
    scale: t.scale / tasksIn(w, m),
    sigma: t.sigma,
  }));
  return summarizeTerms(oneTask);
}

function workloadSummaryOf(w: WorkloadParameters): WorkloadSummary {
  const monthlyTerms = MONTH_INDICES.map((m) => spendTermsOf(w, m));
  return {
    name: w.name,
    monthly: monthlyTerms.map(summarizeTriple),
    annual: summarizeTriple(joinTerms(monthlyTerms)),
    months: MONTH_INDICES.map((m) => workloadMonthOf(w, m)),
    costPerTaskFirst: costPerTaskOf(w, 0),
    costPerTaskLast: costPerTaskOf(w, LAST_MONTH),
    taskCost: taskCostOf(w),
  };
}

/**
 * Single-task costs for the report's table: a median at the first and last
 * month's P50 cost per task, a P95 three times it, and the share above twice
 * the first median. Made-up shape, consistent with the fixture's medians.
 */
function taskCostOf(w: WorkloadParameters): WorkloadSummary['taskCost'] {
  const first = costPerTaskOf(w, 0).p50;
  const last = costPerTaskOf(w, LAST_MONTH).p50;
  const month = (index: number, median: number, share: number) => ({
    month: MONTHS[index]!,
    tasks: 10_000,
    mean: median * 1.2,
    sd: median * 0.9,
    median,
    p95: median * 3,
    shareAboveThreshold: share,
  });
  return {
    threshold: 2 * first,
    first: month(0, first, 0.08),
    last: month(LAST_MONTH, last, 0.3),
  };
}

const totalTermsIn = (m: number): SpendTerms =>
  joinTerms(FIXTURE_WORKLOADS.map((w) => spendTermsOf(w, m)));

/**
 * An index relative to month 0 whose trial value is `ratio * exp((s_m - s_0) Z)`:
 * every workload shares sigma, so per-trial spend at month m over month 0 is
 * the median ratio times that exponential, and its quantiles are exact.
 */
function indexOf(perUnit: (m: number) => number): IndexPoint[] {
  return MONTH_INDICES.map((m) => {
    const ratio = perUnit(m) / perUnit(0);
    const widen = sigmaPerTask(m) - sigmaPerTask(0);
    return {
      month: MONTHS[m] ?? '',
      p10: ratio * Math.exp(widen * probit(0.1)),
      p50: ratio,
      p90: ratio * Math.exp(widen * probit(0.9)),
    };
  });
}

const sumOver = (f: (w: WorkloadParameters) => number): number =>
  FIXTURE_WORKLOADS.reduce((sum, w) => sum + f(w), 0);
const medianSpendIn = (m: number): number => valueAt(totalTermsIn(m).perTask, 0);

/** P(annual spend > budget) = 1 - Phi(z*) where the increasing total meets the budget. */
function exceedProbability(terms: readonly Term[], budget: number): number {
  let low = -12;
  let high = 12;
  for (let step = 0; step < 200; step += 1) {
    const middle = (low + high) / 2;
    if (valueAt(terms, middle) > budget) high = middle;
    else low = middle;
  }
  return 1 - cumulativeStdNormalProbability((low + high) / 2);
}

function buildFixture(): Summary {
  const annualTerms = joinTerms(MONTH_INDICES.map(totalTermsIn));
  const exceed = exceedProbability(annualTerms.perTask, FIXTURE_BUDGET);
  return {
    schemaVersion: 1,
    scenario: {
      name: 'Support and review agents 2027',
      description: 'Two agent workloads whose loops get deeper while token prices fall.',
      start: '2027-01',
      months: MONTH_COUNT,
      currency: 'USD',
      trials: FIXTURE_TRIALS,
      seed: 20270101,
      budget: FIXTURE_BUDGET,
      perTokenVolume: 'grow',
      uncertain: true,
    },
    months: MONTHS,
    total: {
      monthly: MONTH_INDICES.map((m) => summarizeTriple(totalTermsIn(m))),
      annual: summarizeTriple(annualTerms),
    },
    workloads: FIXTURE_WORKLOADS.map(workloadSummaryOf),
    index: {
      costPerToken: indexOf(
        (m) => medianSpendIn(m) / sumOver((w) => tasksIn(w, m) * tokensPerTaskIn(w, m)),
      ),
      costPerTask: indexOf((m) => medianSpendIn(m) / sumOver((w) => tasksIn(w, m))),
    },
    budget: {
      amount: FIXTURE_BUDGET,
      exceedProbability: exceed,
      exceedProbabilityStandardError: Math.sqrt((exceed * (1 - exceed)) / FIXTURE_TRIALS),
      perTokenExceedProbability: exceedProbability(annualTerms.perToken, FIXTURE_BUDGET),
    },
    prices: [
      {
        model: 'fixture-large',
        input: 3,
        cachedInput: 0.3,
        cacheWrite: 3.75,
        output: 15,
        reasoning: 15,
        batchDiscount: 0.5,
        asOf: '2026-11-15',
        source: 'hand-made fixture',
      },
    ],
    warnings: [],
  };
}

/** The fixture Summary, with a budget of $1.5M. */
export const summaryFixture: Summary = buildFixture();

/** The same Summary without a budget, for the charts and pages that must do without. */
export const summaryFixtureWithoutBudget: Summary = {
  ...summaryFixture,
  scenario: { ...summaryFixture.scenario, budget: null },
  budget: null,
};
