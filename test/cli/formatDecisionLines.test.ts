import { describe, expect, it } from 'vitest';
import { formatDecisionLines } from '../../cli/formatDecisionLines.js';
import { formatMoney, formatSignedMoney } from '../../reports/formatMoney.js';
import { reviewScenario } from '../engine/decide/decideScenarios.js';
import { forecastForTest } from '../engine/scenarioText.js';

describe('the terminal lines of the decisions', () => {
  const summary = forecastForTest(
    reviewScenario(`
options:
  short-answers:
    set:
      workloads.review.steps.loop.output_tokens: 250
`),
  );
  const lines = formatDecisionLines(summary);

  it('say the parts are of the mean gap, and give it', () => {
    const mean = formatSignedMoney(summary.total.annual.gap.mean);
    expect(lines[0]!.startsWith(`The mean gap of ${mean} by driver`)).toBe(true);
  });

  it('list every driver of the gap with its mean part', () => {
    for (const part of summary.gapAttribution!)
      expect(lines[0]).toContain(`${part.label.toLowerCase()} ${formatSignedMoney(part.mean)}`);
  });

  it('say what an option saves at the paired P50', () => {
    const pair = summary.options!.pairs[0]!;
    expect(lines.join('\n')).toContain(
      `Option short-answers saves ${formatMoney(pair.difference.p50)} a year at P50`,
    );
  });

  it('print nothing for a summary without the analyses', () => {
    const { gapAttribution: _g, sensitivity: _s, options: _o, ...plain } = summary;
    expect(formatDecisionLines({ ...plain, budget: null })).toEqual([]);
  });
});
