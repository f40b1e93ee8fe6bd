import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../engine/summaryTypes.js';
import { compile } from 'vega-lite';
import { buildCharts } from '../../reports/buildCharts.js';
import { formatMoney, formatPercent } from '../../reports/formatMoney.js';
import { renderSvg } from '../../reports/renderSvg.js';
import {
  FIXTURE_WORKLOADS,
  priceFactor,
  summaryFixture,
  summaryFixtureWithoutBudget,
} from './summaryFixture.js';
import type { WorkloadParameters } from './summaryFixture.js';

/**
 * The fixture's median spend in closed form, from its parameters alone: tasks
 * grow monthly, tokens per task grow to their last-month multiple, the price
 * halves over the horizon. Per token keeps the first month's tokens per task.
 */
function medianSpend(w: WorkloadParameters, monthIndex: number, perToken: boolean): number {
  const tasks = w.tasksFirstMonth * (1 + w.taskGrowthPerMonth) ** monthIndex;
  const tokensPerTask = perToken
    ? w.tokensPerTaskFirstMonth
    : w.tokensPerTaskFirstMonth * w.tokensPerTaskGrowthOverHorizon ** (monthIndex / 11);
  return tasks * tokensPerTask * (w.usdPerMillionTokensFirstMonth / 1e6) * priceFactor(monthIndex);
}

const totalMedian = (monthIndex: number, perToken: boolean): number =>
  FIXTURE_WORKLOADS.reduce((sum, w) => sum + medianSpend(w, monthIndex, perToken), 0);

const annualMedian = (perToken: boolean): number =>
  Array.from({ length: 12 }, (_, m) => totalMedian(m, perToken)).reduce((a, b) => a + b, 0);

function titleLinesOf(spec: TopLevelSpec): string[] {
  const title = spec.title;
  if (typeof title === 'string') return [title];
  if (title === undefined || Array.isArray(title)) return (title ?? []).map(String);
  const text = Array.isArray(title.text) ? title.text.map(String) : [String(title.text)];
  return text;
}

function chartNamed(name: string, summary = summaryFixture): TopLevelSpec {
  const chart = buildCharts(summary).find((c) => c.name === name);
  if (chart === undefined) throw new Error(`no chart named ${name}`);
  return chart.spec;
}

describe('buildCharts', () => {
  it('builds the four charts in page order', () => {
    expect(buildCharts(summaryFixture).map((c) => c.name)).toEqual([
      'index',
      'monthly-fan',
      'annual-distribution',
      'by-workload',
    ]);
  });

  for (const summary of [summaryFixture, summaryFixtureWithoutBudget]) {
    const label = summary.budget === null ? 'without a budget' : 'with a budget';
    for (const chart of buildCharts(summary)) {
      it(`compiles and renders ${chart.name} ${label} with its title and no warning`, async () => {
        const warnings: string[] = [];
        expect(() => compile(chart.spec)).not.toThrow();
        const svg = await renderSvg(chart.spec, (message) => warnings.push(message));
        expect(svg.startsWith('<svg')).toBe(true);
        for (const line of titleLinesOf(chart.spec)) expect(svg).toContain(line);
        expect(warnings).toEqual([]);
      });
    }
  }
});

/** Six months of the first workload only: a horizon that is not a year. */
function shortSummaryOf(summary: Summary): Summary {
  const [first] = summary.workloads;
  if (first === undefined) throw new Error('the fixture has workloads');
  return {
    ...summary,
    months: summary.months.slice(0, 6),
    total: { ...first, monthly: first.monthly.slice(0, 6) },
    workloads: [{ ...first, monthly: first.monthly.slice(0, 6), months: first.months.slice(0, 6) }],
    index: {
      costPerTask: summary.index.costPerTask.slice(0, 6),
      costPerToken: summary.index.costPerToken.slice(0, 6),
    },
  };
}

describe('buildCharts on other shapes', () => {
  it('names a six-month horizon as such and still renders every chart cleanly', async () => {
    const short = shortSummaryOf(summaryFixtureWithoutBudget);
    for (const chart of buildCharts(short)) {
      const warnings: string[] = [];
      const svg = await renderSvg(chart.spec, (message) => warnings.push(message));
      expect(warnings).toEqual([]);
      for (const line of titleLinesOf(chart.spec)) expect(svg).toContain(line);
    }
    expect(titleLinesOf(chartNamed('annual-distribution', short))[0]).toMatch(/^6-month spend/);
    expect(titleLinesOf(chartNamed('index', short))[0]).toMatch(/by 2027-06$/);
  });
});

describe('chart titles', () => {
  it('state the index growth: cost per task x1.59 and cost per token x0.48', () => {
    // Per task: total median spend per task, 2027-12 over 2027-01, from the closed form.
    const tasksIn = (m: number): number =>
      FIXTURE_WORKLOADS.reduce(
        (sum, w) => sum + w.tasksFirstMonth * (1 + w.taskGrowthPerMonth) ** m,
        0,
      );
    const perTaskIn = (m: number): number => totalMedian(m, false) / tasksIn(m);
    const perTaskGrowth = perTaskIn(11) / perTaskIn(0);
    expect(perTaskGrowth).toBeCloseTo(1.587, 3);
    // Per token: the same median spend over all tokens burnt, whose mix shifts towards
    // the cheaper support-agent tokens, so it falls a little below the price index's 0.5.
    const tokensIn = (m: number): number =>
      FIXTURE_WORKLOADS.reduce(
        (sum, w) =>
          sum +
          w.tasksFirstMonth *
            (1 + w.taskGrowthPerMonth) ** m *
            w.tokensPerTaskFirstMonth *
            w.tokensPerTaskGrowthOverHorizon ** (m / 11),
        0,
      );
    const perTokenIn = (m: number): number => totalMedian(m, false) / tokensIn(m);
    expect(perTokenIn(11) / perTokenIn(0)).toBeCloseTo(0.48, 3);
    expect(titleLinesOf(chartNamed('index'))).toEqual([
      'Cost per task ×1.59 while cost per token ×0.48 by 2027-12',
    ]);
  });

  it('state the last month of the fan, naming each forecast: $152k vs $46.7k, x3.25', () => {
    // 400,000 * 1.03^11 * 86,400 * $2.5/M + 30,000 * 1.02^11 * 216,000 * $4/M = $151,826.
    expect(formatMoney(totalMedian(11, false))).toBe('$152k');
    expect(formatMoney(totalMedian(11, true))).toBe('$46.7k');
    expect(totalMedian(11, false) / totalMedian(11, true)).toBeCloseTo(3.2546, 4);
    expect(titleLinesOf(chartNamed('monthly-fan'))).toEqual([
      'Monthly spend in 2027-12: per-task forecast $152k vs per-token forecast $46.7k ' +
        '(P50), ×3.25',
    ]);
  });

  it('state the annual medians and the chance of exceeding the budget', () => {
    const budget = summaryFixture.budget;
    if (budget === null) throw new Error('the fixture has a budget');
    expect(formatMoney(annualMedian(false))).toBe('$1.27M');
    expect(formatMoney(annualMedian(true))).toBe('$689k');
    expect(formatPercent(budget.exceedProbability)).toBe('27%');
    expect(titleLinesOf(chartNamed('annual-distribution'))).toEqual([
      'Annual spend P50: per-task forecast $1.27M vs per-token forecast $689k; ' +
        '27% chance of exceeding $1.5M',
    ]);
  });

  it('say a run of one trial exceeds the budget or not, never "100% chance"', () => {
    const budget = {
      ...summaryFixture.budget!,
      exceedProbability: 1,
      perTokenExceedProbability: 0,
    };
    const one: Summary = {
      ...summaryFixture,
      scenario: { ...summaryFixture.scenario, trials: 1 },
      budget: { ...budget, exceedProbabilityStandardError: null },
    };
    const text = JSON.stringify(chartNamed('annual-distribution', one));
    expect(text).toContain('the one trial exceeds $1.5M');
    expect(text).toContain('Budget $1.5M: the one trial above');
    expect(text).not.toMatch(/100% chance|100% of per-task/);
  });

  it('state the per-task P90 instead when there is no budget', () => {
    const p90 = formatMoney(summaryFixtureWithoutBudget.total.annual.perTask.p90);
    const [title] = titleLinesOf(chartNamed('annual-distribution', summaryFixtureWithoutBudget));
    expect(title).toBe(
      'Annual spend P50: per-task forecast $1.27M vs per-token forecast $689k; ' +
        `per-task P90 ${p90}`,
    );
    expect(
      JSON.stringify(chartNamed('annual-distribution', summaryFixtureWithoutBudget)),
    ).not.toContain('Budget');
  });

  it('name the workload with the widest gap and its two medians', () => {
    const annual = (name: string, perToken: boolean): number => {
      const w = FIXTURE_WORKLOADS.find((candidate) => candidate.name === name);
      if (w === undefined) throw new Error(`no workload ${name}`);
      return Array.from({ length: 12 }, (_, m) => medianSpend(w, m, perToken)).reduce(
        (a, b) => a + b,
        0,
      );
    };
    expect(formatMoney(annual('support-agent', false))).toBe('$947k');
    expect(formatMoney(annual('support-agent', true))).toBe('$482k');
    expect(titleLinesOf(chartNamed('by-workload'))).toEqual([
      'Widest gap: support-agent, per-task forecast $947k vs per-token forecast $482k (P50)',
    ]);
  });
});

describe('chart details', () => {
  it('carry P10, P50 and P90 in the tooltips of every chart', () => {
    for (const chart of buildCharts(summaryFixture)) {
      const text = JSON.stringify(chart.spec);
      for (const level of ['P10', 'P50', 'P90']) {
        expect(text).toMatch(new RegExp(`"title":"[^"]*${level}"`));
      }
    }
  });

  it('draw the budget as a rule at its amount, labelled with the share above it', () => {
    const text = JSON.stringify(chartNamed('annual-distribution'));
    expect(text).toContain('"amount":1500000');
    expect(text).toContain('"type":"rule","color":"#222"');
    expect(text).toContain('Budget $1.5M: 27% of per-task trials above');
  });

  it('give per task and per token one colour each in every chart', () => {
    for (const chart of buildCharts(summaryFixture)) {
      const text = JSON.stringify(chart.spec);
      expect(text).toContain('#D55E00');
      expect(text).toContain('#0072B2');
    }
  });
});
