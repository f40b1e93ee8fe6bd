import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';
import { buildHtml } from '../../reports/buildHtml.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import { CORRELATIONS_TITLE, describeCorrelation } from '../../reports/describeCorrelation.js';
import { buildMethodNote } from '../../reports/html/buildMethodNote.js';
import { TEST_PRICES } from '../engine/scenarioText.js';

/** Two workloads with a drawn volume and a drawn growth, correlated as /tmp/rv7's acme does. */
const YAML =
  `scenario: t\nstart: 2027-01\nmonths: 3\ntrials: 200\n${TEST_PRICES}params:\n` +
  '  ticket: 300 to 900\nworkloads:\n  support-bot:\n    tasks_per_month: 50k to 80k\n' +
  '    steps:\n      s:\n        model: test-model\n        input_tokens: ticket\n' +
  '  coding-agent:\n    tasks_per_month: 3k\n    growth: 5% to 10%\n    steps:\n' +
  '      s:\n        model: test-model\n        input_tokens: 8k\n' +
  'correlations:\n' +
  '  - { between: [workloads.support-bot.tasks_per_month, workloads.coding-agent.growth], ' +
  'rank: 0.6 }\n  - { between: [ticket, workloads.coding-agent.growth], rank: -0.3 }\n';

// The wording the reviewer asked for, pair by pair as the scenario writes them.
const FIRST = 'tasks_per_month of support-bot and growth of coding-agent, rank correlation 0.6';
const SECOND = 'param ticket and growth of coding-agent, rank correlation -0.3';

function forecast() {
  const outcome = forecastScenarioText(YAML, {});
  if (!outcome.ok) throw new Error('the test scenario does not validate');
  return outcome.summary;
}

describe('describeCorrelation', () => {
  it('names workload keys by key and workload, params by name, with the coefficient', () => {
    const pair = { between: ['params.a', 'prices.curve.annual_change'] as const, rank: 0.25 };
    expect(describeCorrelation({ ...pair, appliedRank: 0.25 })).toBe(
      'param a and prices.curve.annual_change, rank correlation 0.25',
    );
  });

  it('gives both coefficients when an impossible set was moved to the nearest valid one', () => {
    const pair = { between: ['params.a', 'params.b'] as const, rank: 0.9, appliedRank: 0.71234 };
    expect(describeCorrelation(pair)).toBe(
      'param a and param b, rank correlation 0.712 ' +
        '(0.9 as written, moved to make the set possible)',
    );
  });
});

describe('correlations in the reports', () => {
  const summary = forecast();

  it('are carried by summary.json, each pair with its keys and coefficient', () => {
    const json = JSON.parse(JSON.stringify(summary)) as typeof summary;
    expect(json.scenario.correlations).toEqual([
      {
        between: ['workloads.support-bot.tasks_per_month', 'workloads.coding-agent.growth'],
        rank: 0.6,
        appliedRank: 0.6,
      },
      {
        between: ['params.ticket', 'workloads.coding-agent.growth'],
        rank: -0.3,
        appliedRank: -0.3,
      },
    ]);
  });

  it('are left out of summary.json for a scenario without any', () => {
    const plain = forecastScenarioText(YAML.slice(0, YAML.indexOf('correlations:')), {});
    expect(plain.ok && 'correlations' in plain.summary.scenario).toBe(false);
  });

  it('are listed in summary.md under their heading', () => {
    const markdown = buildMarkdown(summary, []);
    expect(markdown).toContain(`## ${CORRELATIONS_TITLE}`);
    expect(markdown).toContain(`- ${FIRST}\n- ${SECOND}\n`);
  });

  it("are listed in the page's assumptions and named in its method note", () => {
    const html = buildHtml(summary, [], { vega: '', vegaLite: '', vegaEmbed: '' }, []);
    expect(html).toContain(`<h3>${CORRELATIONS_TITLE}</h3>`);
    expect(html).toContain(`<li>${FIRST}</li><li>${SECOND}</li>`);
    expect(buildMethodNote(summary)).toContain(`${FIRST}; ${SECOND}.`);
  });

  it("are listed on the workbook's Assumptions sheet with their keys and coefficient", async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await buildWorkbook(summary, []);
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    workbook.getWorksheet(SHEETS.assumptions)?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toContainEqual([CORRELATIONS_TITLE]);
    expect(rows).toContainEqual([
      FIRST,
      'workloads.support-bot.tasks_per_month',
      'workloads.coding-agent.growth',
      0.6,
    ]);
  });
});
