import { describe, expect, it } from 'vitest';
import type { Summary } from '../../engine/summaryTypes.js';
import { buildCharts } from '../../reports/buildCharts.js';
import { buildHtml } from '../../reports/buildHtml.js';
import type { EmbedScripts } from '../../reports/buildHtml.js';
import { escapeScriptText } from '../../reports/html/escapeHtml.js';
import { loadEmbedScripts } from '../../reports/loadEmbedScripts.js';
import { summaryFixture, summaryFixtureWithoutBudget } from './summaryFixture.js';

const realScripts = loadEmbedScripts();

const pageOf = (summary: Summary, scripts: EmbedScripts = realScripts): string =>
  buildHtml(summary, buildCharts(summary), scripts);

/** The JSON of each `<script type="application/json" data-chart>` element, by name. */
function embeddedSpecsOf(html: string): Map<string, unknown> {
  const pattern = /<script type="application\/json" data-chart="([^"]+)">(.*?)<\/script>/gs;
  return new Map([...html.matchAll(pattern)].map((m) => [m[1] ?? '', JSON.parse(m[2] ?? '')]));
}

describe('loadEmbedScripts', () => {
  it('reads the three minified browser builds', () => {
    expect(realScripts.vega).toContain('vega');
    expect(realScripts.vegaLite).toContain('vegaLite');
    expect(realScripts.vegaEmbed).toContain('vegaEmbed');
    for (const text of Object.values(realScripts)) expect(text.length).toBeGreaterThan(50_000);
  });
});

describe('buildHtml', () => {
  const html = pageOf(summaryFixture);

  it('inlines vega, vega-lite and vega-embed', () => {
    expect(html).toContain(escapeScriptText(realScripts.vega));
    expect(html).toContain(escapeScriptText(realScripts.vegaLite));
    expect(html).toContain(escapeScriptText(realScripts.vegaEmbed));
  });

  it('loads nothing from the network', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain("default-src 'none'");
  });

  it('holds all four chart specs, equal to what buildCharts made', () => {
    const specs = embeddedSpecsOf(html);
    for (const chart of buildCharts(summaryFixture)) {
      expect(specs.get(chart.name)).toEqual(chart.spec);
      expect(html).toContain(`<div id="chart-${chart.name}"></div>`);
    }
    expect(specs.size).toBe(4);
  });

  it('opens with the spend, the gap and the budget in plain sentences', () => {
    expect(html).toContain('<h1>Support and review agents 2027</h1>');
    expect(html).toContain('puts spend at $1.27M (P50)');
    expect(html).toContain('puts it at $689k');
    expect(html).toContain('higher by $577k at the median');
    expect(html).toContain('exceeds it in 27% of trials');
    expect(pageOf(summaryFixtureWithoutBudget)).not.toContain('budget of');
  });

  it('tables each workload with spend, cost per task and tokens per task', () => {
    // support-agent: $0.12 a task in 2027-01 (24k tokens at $5/M), $0.216 in 2027-12
    // (86.4k tokens at $2.5/M); code-review: 90k tokens at $8/M = $0.72, then $0.864.
    const row = (name: string): string | undefined =>
      html.match(new RegExp(`<tr><th scope="row">${name}.*?</tr>`))?.[0];
    const cells = (...texts: string[]): string => texts.map((t) => `<td>${t}</td>`).join('');
    expect(row('support-agent')).toContain(cells('$0.12', '$0.216', '24k', '86.4k'));
    expect(row('code-review')).toContain(cells('$0.72', '$0.864', '90k', '216k'));
    expect(row('support-agent')).toContain('<td>$947k</td>');
  });

  it('ends with a method note naming the seed and the trials', () => {
    expect(html).toContain('10,000 random trials (seed 20270101)');
    expect(html).toContain('per-token forecast is the usual budget');
  });

  it('keeps hostile text in names, warnings and scripts from closing its elements', () => {
    const hostile = '</script><script>alert(1)</script>';
    const [first, ...rest] = summaryFixture.workloads;
    if (first === undefined) throw new Error('the fixture has workloads');
    const summary: Summary = {
      ...summaryFixture,
      workloads: [{ ...first, name: hostile }, ...rest],
      warnings: [hostile],
    };
    const fakeScripts = { vega: `var a = "${hostile}";`, vegaLite: '', vegaEmbed: '<!--' };
    const page = pageOf(summary, fakeScripts);
    expect(page).toContain('<li>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    // Every closing tag belongs to one of the page's own script elements: 4 inline + 4 specs.
    expect(page.match(/<\/script/gi)).toHaveLength(8);
    expect(embeddedSpecsOf(page).size).toBe(4);
  });

  it('prints without the chart menus', () => {
    expect(html).toMatch(/@media print \{[^}]*\}[^@]*\.vega-actions/s);
  });
});

describe('buildHtml with assumptions', () => {
  const assumptions = [
    {
      path: 'workloads.support.tasks_per_month',
      distribution: 'lognormal, P5 1000, P95 4000',
      drawn: 'trial' as const,
      p5: 1000,
      p50: 2000,
      p95: 4000,
    },
    {
      path: 'prices.curve.annual_change',
      distribution: 'rate, P5 -60%, P95 -20%',
      drawn: 'trial' as const,
      p5: -0.6,
      p50: Math.sqrt(0.4 * 0.8) - 1,
      p95: -0.2,
    },
  ];
  const html = buildHtml(summaryFixture, buildCharts(summaryFixture), realScripts, assumptions);

  it('lists every input with its distribution and P5, P50 and P95 in their units', () => {
    expect(html).toContain('<h2>Assumptions</h2>');
    expect(html).toContain(
      '<th scope="row"><code>workloads.support.tasks_per_month</code></th>' +
        '<td class="text">lognormal, P5 1000, P95 4000</td><td class="text drawn">per trial</td>' +
        '<td>1k</td><td>2k</td><td>4k</td>',
    );
    // sqrt(0.4 * 0.8) - 1 = -0.43431...: three significant digits of the percent.
    expect(html).toContain('<td>-60%</td><td>-43.4%</td><td>-20%</td>');
  });

  it('places the assumptions after the tables and before the method', () => {
    const order = ['<h2>By workload</h2>', '<h2>Assumptions</h2>', '<h2>Method</h2>'];
    const positions = order.map((heading) => html.indexOf(heading));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions[0]).toBeGreaterThan(0);
  });
});
