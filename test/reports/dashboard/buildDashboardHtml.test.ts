import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { buildDashboard } from '../../../engine/usage/buildDashboard.js';
import { emptyRecord } from '../../../engine/usage/usageRecord.js';
import { buildDashboardCharts } from '../../../reports/dashboard/buildDashboardCharts.js';
import { buildDashboardHtml } from '../../../reports/dashboard/buildDashboardHtml.js';
import {
  buildDashboardTables,
  renderTextTable,
} from '../../../reports/dashboard/dashboardTables.js';
import { formatMoney } from '../../../reports/formatMoney.js';
import { renderSvg } from '../../../reports/renderSvg.js';
import { elementsOf } from '../charts/readSvg.js';

const scripts = { vega: '/*vega*/', vegaLite: '/*vega-lite*/', vegaEmbed: '/*embed*/' };

// Two tasks of gpt-4o (2.50 input, 10.00 output per million), one in each quarter:
// 100,000 x 2.5 + 1,000 x 10 = $0.26, and 200,000 x 2.5 + 2,000 x 10 = $0.52.
const records = [
  { time: '2024-03-15T12:00:00Z', task: 'a', input: 100_000, output: 1_000 },
  { time: '2024-04-15T12:00:00Z', task: 'b', input: 200_000, output: 2_000 },
].map((row) => ({
  ...emptyRecord(1),
  timeMs: Date.parse(row.time),
  model: 'gpt-4o',
  taskKey: row.task,
  inputTokens: row.input,
  outputTokens: row.output,
}));
const dashboard = buildDashboard(records, { zone: 'UTC', catalog: BUILTIN_CATALOG });

describe('the dashboard report', () => {
  it('states its findings in the chart titles', () => {
    const titles = buildDashboardCharts(dashboard).map(
      (chart) => (chart.spec.title as { text: string }).text,
    );
    expect(titles[0]).toBe('$0.78 over 2 months; $0.52 in 2024-04');
    // $0.52 / $0.26 - 1 = +100%; the window, 2024-03 to 2024-04, has one month of each quarter.
    expect(titles[1]).toBe('Cost per task: default +100% 2024-Q1 (1 month) to 2024-Q2 (1 month)');
    // $0.78 over 303,000 tokens = $2.574 per million.
    expect(titles[2]).toBe('Highest average price paid: openai, $2.57 per million tokens');
    expect(titles).toHaveLength(3); // no reported cost, so no billing chart
  });

  it('titles the billing chart with the largest gap between bill and catalog', () => {
    // Task a billed $0.39 against $0.26 at catalog prices: +50%.
    const billed = [{ ...records[0]!, costUsd: 0.39 }, records[1]!];
    const charts = buildDashboardCharts(
      buildDashboard(billed, { zone: 'UTC', catalog: BUILTIN_CATALOG }),
    );
    const billing = charts.find((chart) => chart.name === 'billing')!;
    expect((billing.spec.title as { text: string }).text).toBe(
      'Largest gap between bill and catalog: openai 2024-03, +50%',
    );
  });

  const billedDashboard = buildDashboard([{ ...records[0]!, costUsd: 0.39 }, records[1]!], {
    zone: 'UTC',
    catalog: BUILTIN_CATALOG,
  });
  for (const chart of buildDashboardCharts(billedDashboard)) {
    it(`compiles and renders the ${chart.name} chart without a warning`, async () => {
      const warnings: string[] = [];
      expect(() => compile(chart.spec)).not.toThrow();
      const svg = await renderSvg(chart.spec, (message) => warnings.push(message));
      expect(svg.startsWith('<svg')).toBe(true);
      expect(warnings).toEqual([]);
    });
  }

  it('writes one page with every table and chart and no NaN', () => {
    const html = buildDashboardHtml(dashboard, ['usage.csv'], scripts);
    expect(html).toContain('data-chart="spend"');
    expect(html).toContain('<h2>Cost per task by quarter</h2>');
    expect(html).toContain('usage.csv');
    expect(html).not.toContain('NaN');
  });

  it('aligns the terminal table with numbers on the right', () => {
    const [workloads] = buildDashboardTables(dashboard);
    expect(renderTextTable(workloads!).split('\n')).toEqual([
      'Workloads, 2024-03 to 2024-04',
      'workload  tokens  tasks  tokens/task  calls/task  spend  cost/task',
      'default     303k      2         152k         1.0  $0.78      $0.39',
    ]);
  });

  it('leaves out of the quarter table the quarters in which a workload ran nothing', () => {
    const moved = [records[0]!, { ...records[1]!, workload: 'other' }];
    const both = buildDashboard(moved, { zone: 'UTC', catalog: BUILTIN_CATALOG });
    const quarters = buildDashboardTables(both).find((t) => t.title === 'Cost per task by quarter');
    expect(quarters!.rows.map((row) => [row[0], row[1]])).toEqual([
      ['default', '2024-Q1 (1 month)'],
      ['other', '2024-Q2 (1 month)'],
    ]);
  });

  it("writes the vendor table's price per million tokens as formatMoney does", () => {
    const vendors = buildDashboardTables(dashboard).find((t) => t.title.startsWith('Vendors'));
    // $0.78 over 303,000 tokens = $2.574 per million, "$2.57" as the chart title has it.
    expect(vendors!.rows[0]!.at(-1)).toBe('$2.57');
  });

  it('marks a partial quarter in the chart and the table, not a whole one', () => {
    // 2026-07, -08, -09 make a whole Q3; 2026-10 alone is one month of Q4.
    const months = ['2026-07', '2026-08', '2026-09', '2026-10'].map((month, i) => ({
      ...records[0]!,
      timeMs: Date.parse(`${month}-15T12:00:00Z`),
      taskKey: `t${i}`,
    }));
    const spread = buildDashboard(months, { zone: 'UTC', catalog: BUILTIN_CATALOG });
    const chart = buildDashboardCharts(spread).find((c) => c.name === 'cost-per-task')!;
    const points = (chart.spec as { data: { values: { quarter: string }[] } }).data.values;
    expect(points.map((point) => point.quarter)).toEqual(['2026-Q3', '2026-Q4 (1 month)']);
    const table = buildDashboardTables(spread).find((t) => t.title === 'Cost per task by quarter');
    expect(table!.rows.map((row) => row[1])).toEqual(['2026-Q3', '2026-Q4 (1 month)']);
  });

  it('says the bill matches the catalog when the largest gap rounds to 0%', () => {
    // Billed exactly the catalog's $0.26 and $0.52 (see the top of this file): no gap.
    const exact = [
      { ...records[0]!, costUsd: 0.26 },
      { ...records[1]!, costUsd: 0.52 },
    ];
    const charts = buildDashboardCharts(
      buildDashboard(exact, { zone: 'UTC', catalog: BUILTIN_CATALOG }),
    );
    const billing = charts.find((chart) => chart.name === 'billing')!;
    expect((billing.spec.title as { text: string }).text).toBe(
      'The bill matches the catalog price in every month',
    );
  });
});

/** The texts of each axis's labels in a rendered chart, one list per axis in drawing order. */
function axisLabelsOf(svg: string): string[][] {
  return svg
    .split('role-axis-label')
    .slice(1)
    .map((group) => elementsOf(group.split('</g>')[0] ?? '').map((label) => label.text));
}

describe('the money axes of the dashboard', () => {
  const billed = buildDashboard([{ ...records[0]!, costUsd: 0.39 }, records[1]!], {
    zone: 'UTC',
    catalog: BUILTIN_CATALOG,
  });
  // Which axis of each chart holds money, and its title: the others name months, quarters,
  // vendors or months and vendors.
  const moneyAxes: Record<string, { axis: 'x' | 'y'; title: string }> = {
    spend: { axis: 'y', title: 'Spend per month' },
    'cost-per-task': { axis: 'y', title: 'Cost per task' },
    'vendor-price': { axis: 'x', title: 'Price per million tokens' },
    billing: { axis: 'y', title: 'Cost' },
  };
  const charts = buildDashboardCharts(billed);

  it('draws the four charts, each with one money axis', () => {
    expect(charts.map((chart) => chart.name)).toEqual(Object.keys(moneyAxes));
  });

  for (const chart of charts) {
    it(`labels the ${chart.name} chart's money axis as formatMoney does`, async () => {
      const { axis, title } = moneyAxes[chart.name]!;
      const encoding = (chart.spec as { encoding: Record<string, { axis?: { title?: string } }> })
        .encoding;
      expect(encoding[axis]?.axis?.title).toBe(title);
      const svg = await renderSvg(chart.spec);
      const money = axisLabelsOf(svg).filter((labels) => labels.some((l) => l.startsWith('$')));
      expect(money).toHaveLength(1);
      const [labels = []] = money;
      expect(labels.length).toBeGreaterThanOrEqual(2);
      // Each tick is a round number, so formatMoney of the number read back is the label:
      // the test's own reading of "$0.05" or "$1.5k", checked against the formatter.
      for (const label of labels) {
        const [, digits = '', suffix = ''] = /^\$([\d.]+)([kM]?)$/.exec(label) ?? [];
        const usd = Number(digits) * ({ k: 1e3, M: 1e6 }[suffix] ?? 1);
        expect(formatMoney(usd), label).toBe(label);
      }
      expect(svg).not.toContain('>USD<');
    });
  }

  it('carries each money figure in its tooltip as formatMoney writes it', () => {
    const spend = charts.find((chart) => chart.name === 'spend')!;
    // Task a: 100,000 input and 1,000 output tokens of gpt-4o billed at $0.39 (see records).
    expect(JSON.stringify(spend.spec)).toContain('"spendLabel":"$0.39"');
    for (const chart of charts) {
      const tooltip = (chart.spec as { encoding: { tooltip?: { field: string }[] } }).encoding
        .tooltip;
      expect(
        tooltip?.some((item) => item.field.endsWith('Label')),
        chart.name,
      ).toBe(true);
    }
  });
});

describe('the vendor chart of the dashboard', () => {
  // gpt-4o-mini at $0.15 input and $0.60 output per million (the built-in catalog):
  // 371,000 x 0.15 + 629,000 x 0.60 = $0.433 over a million tokens, the reviewer's log.
  const mini = buildDashboard(
    [{ ...records[0]!, model: 'gpt-4o-mini', inputTokens: 371_000, outputTokens: 629_000 }],
    { zone: 'UTC', catalog: BUILTIN_CATALOG },
  );
  const vendor = buildDashboardCharts(mini).find((chart) => chart.name === 'vendor-price')!;

  it('draws few price ticks, so "$0.42$0.44" cannot run together', async () => {
    expect((vendor.spec.title as { text: string }).text).toBe(
      'Highest average price paid: openai, $0.433 per million tokens',
    );
    const svg = await renderSvg(vendor.spec);
    const [labels = []] = axisLabelsOf(svg).filter((axis) => axis.some((l) => l.startsWith('$')));
    // About six ticks (ACROSS_TICKS) on $0 to $0.433: Vega's nice steps of $0.1.
    expect(labels).toEqual(['$0', '$0.1', '$0.2', '$0.3', '$0.4']);
    const axis = (vendor.spec as { encoding: { x: { axis: object } } }).encoding.x.axis;
    expect(axis).toMatchObject({ labelOverlap: 'greedy', labelSeparation: 8 });
  });
});

describe('the dashboard page header', () => {
  it('counts the records with a thousands separator, as the terminal does', () => {
    const many = buildDashboard(
      Array.from({ length: 1560 }, (_, i) => ({ ...records[0]!, taskKey: `t${i}` })),
      { zone: 'UTC', catalog: BUILTIN_CATALOG },
    );
    // 1,560 records, as cli/readUsageFiles.ts prints them through countOf.
    expect(buildDashboardHtml(many, ['usage.csv'], scripts)).toContain('1,560 records from');
    expect(buildDashboardHtml(dashboard, ['usage.csv'], scripts)).toContain(' 2 records from');
  });
});
