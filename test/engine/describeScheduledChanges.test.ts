import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeScheduledChanges } from '../../engine/describeScheduledChanges.js';
import { forecastScenario } from '../../engine/forecast.js';
import { buildHtml } from '../../reports/buildHtml.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { formatScheduledChange } from '../../reports/formatScheduledChange.js';
import { scenarioOf } from './decide/decideScenarios.js';

const scenarioFile = (name: string) =>
  scenarioOf(readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8'));

describe('describeScheduledChanges', () => {
  it("states docs-pipeline's migration as its YAML writes it", () => {
    // scenarios/docs-pipeline.yaml: migrate: { to: gpt-4.1-mini, from: 2027-07, ramp: 3,
    // share: 70% } on the revise step (gpt-4.1); 3 months from 2027-07 end in 2027-09.
    const [change, ...rest] = describeScheduledChanges(scenarioFile('docs-pipeline'));
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      kind: 'model-migration',
      step: 'revise',
      fromModel: 'gpt-4.1',
      to: 'gpt-4.1-mini',
      startMonth: '2027-07',
      rampMonths: 3,
      fullMonth: '2027-09',
    });
    expect(change!.share).toBeCloseTo(0.7, 12);
    expect(formatScheduledChange(change!)).toBe(
      "docs-pipeline: 70% of the revise step's calls move from gpt-4.1 to gpt-4.1-mini " +
        'from 2027-07, ramped over 3 months (70% from 2027-09).',
    );
  });

  it("states support-triage's planned change with its option's description", () => {
    // scenarios/support-triage.yaml: option mini-second-pass from 2027-07, ramp 4: a quarter
    // of tickets more each month, all of them from 2027-10.
    const [change] = describeScheduledChanges(scenarioFile('support-triage'));
    expect(formatScheduledChange(change!)).toBe(
      'support-triage: 100% of tasks move to option mini-second-pass (Second pass on ' +
        'gpt-4.1-mini) from 2027-07, ramped over 4 months (100% from 2027-10).',
    );
  });

  it('finds none in a scenario without migrations or planned changes', () => {
    expect(describeScheduledChanges(scenarioFile('code-review'))).toEqual([]);
  });

  it('puts the changes in the HTML report and in summary.md', () => {
    const scenario = scenarioFile('docs-pipeline');
    const summary = forecastScenario(scenario, { trials: 20, decisions: false });
    const changes = describeScheduledChanges(scenario);
    const sentence = formatScheduledChange(changes[0]!);
    const scripts = { vega: '', vegaLite: '', vegaEmbed: '' };
    const html = buildHtml(summary, [], scripts, undefined, changes);
    expect(html).toContain('<h3>Scheduled changes</h3>');
    expect(html).toContain(sentence.replace(/'/g, '&#39;'));
    expect(buildMarkdown(summary, undefined, changes)).toContain(
      `## Scheduled changes\n\n- ${sentence}\n`,
    );
  });
});
