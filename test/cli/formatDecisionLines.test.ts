import { describe, expect, it } from 'vitest';
import { formatDecisionLines } from '../../cli/formatDecisionLines.js';
import { formatMoney, formatSignedMoney } from '../../reports/formatMoney.js';
import { driversSentenceOf } from '../../reports/html/buildHeadline.js';
import {
  FEW_FIXED_TASKS,
  reviewScenario,
  SAME_OPTION,
  withHugeSpends,
} from '../engine/decide/decideScenarios.js';
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

  it('state no part within float noise of the spends as a finding, in the terminal or page', () => {
    // Spends of $1e29: a billionth of them (gapOf's noise rule) is $1e20, so a part of
    // $1e13 cannot be told from 0 and is named apart, not printed as a finding of $0.
    const [big, small] = summary.gapAttribution!;
    const huge = withHugeSpends(summary, 1e13);
    const [line] = formatDecisionLines(huge);
    const smallName = small!.label.toLowerCase();
    expect(line).toBe(
      `The mean gap of ${formatSignedMoney(4e29)} by driver (Shapley parts): ` +
        `${big!.label.toLowerCase()} ${formatSignedMoney(4e29)}; ` +
        `too small to tell from rounding: ${smallName}.`,
    );
    expect(driversSentenceOf(huge)).not.toContain(smallName);
  });

  it('print nothing for a summary without the analyses', () => {
    const { gapAttribution: _g, sensitivity: _s, options: _o, ...plain } = summary;
    expect(formatDecisionLines({ ...plain, budget: null })).toEqual([]);
  });
});

describe('the terminal line of an option that costs the same as the scenario', () => {
  // `same` costs what the scenario costs in every trial (SAME_OPTION).
  const summary = forecastForTest(SAME_OPTION);

  it('says it costs the same in every trial, not that it is the cheaper in 0%', () => {
    expect(summary.options!.pairs[0]!.probabilityEqual).toBe(1);
    const lines = formatDecisionLines(summary);
    expect(lines).toContain('Option same costs the same as the scenario in every trial (paired).');
    expect(lines.join('\n')).not.toContain('0% of trials');
  });

  it('gives the share of equal trials beside the cheaper share when some are equal', () => {
    // Hand-made shares: the scenario is cheaper in 30% of trials and equal in 20%, so the
    // option is the cheaper in the other 50%.
    const pair = { ...summary.options!.pairs[0]!, probabilityFirstCheaper: 0.3 };
    const partly = { ...summary.options!, pairs: [{ ...pair, probabilityEqual: 0.2 }] };
    const lines = formatDecisionLines({ ...summary, options: partly });
    expect(lines.join('\n')).toContain('is the cheaper in 50% of trials, the same in 20%.');
  });
});

describe('the terminal lines of the decisions over another horizon than a year', () => {
  const text = reviewScenario(`
options:
  short-answers:
    set:
      workloads.review.steps.loop.output_tokens: 250
`).replace('months: 12', 'months: 24');
  const summary = forecastForTest(text, 400);
  const lines = formatDecisionLines(summary).join('\n');

  it('say what an option saves over the 24 months, never "a year" or "annual"', () => {
    const pair = summary.options!.pairs[0]!;
    expect(lines).toContain(
      `Option short-answers saves ${formatMoney(pair.difference.p50)} over the 24 months at P50`,
    );
    // 'prices: annual_change' is an input's name, not a claim about the horizon.
    expect(lines).not.toMatch(/a year|annual (P50|P90|spend)/);
  });

  it('speak of the 24-month P90 in the precision line', () => {
    const precision = { target: 0.01, achieved: 0.02, trials: 400, ceiling: 400, met: false };
    const withPrecision = formatDecisionLines({ ...summary, precision }).join('\n');
    expect(withPrecision).toContain('Precision: 24-month P90 to 2% (asked 1%) with 400 trials');
  });
});

describe('the terminal lines of the gap', () => {
  it('list the drivers by the size of their part, as the report does', () => {
    const summary = forecastForTest(reviewScenario(), 300);
    const gapLine = formatDecisionLines(summary)[0]!;
    const sizes = [...gapLine.matchAll(/ ([+-])\$([\d.]+)(k?)/g)]
      .slice(1) // the first is the mean gap itself
      .map(([, , figure, unit]) => Number(figure) * (unit === 'k' ? 1000 : 1));
    expect(sizes.length).toBe(summary.gapAttribution!.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });
});

describe('the terminal lines with too few trials', () => {
  it.each([1, 2, 10])(
    'say %i trials cannot rank the inputs, never that no input is uncertain or explains none',
    (trials) => {
      const lines = formatDecisionLines(forecastForTest(reviewScenario(), trials)).join('\n');
      expect(lines).toContain(`Too few trials (${trials}) to rank the uncertain inputs`);
      expect(lines).not.toContain('No input is uncertain');
      expect(lines).not.toContain('explain 0%');
    },
  );

  it('say the precision could not be estimated when the ceiling left too few trials', () => {
    const summary = forecastForTest(reviewScenario(), 3);
    const precision = {
      target: 0.5,
      achieved: null,
      trials: 3,
      ceiling: 3,
      met: false,
      neededTrials: 11,
    };
    const lines = formatDecisionLines({ ...summary, precision }).join('\n');
    expect(lines).toContain(
      'Precision: too few trials (3, the ceiling) to estimate the standard error of annual ' +
        'P90; that needs 11 or more.',
    );
  });
});

describe('the terminal lines of a fixed scenario with few tasks a month', () => {
  it('put the spread down to task-to-task variation, never "no input is uncertain"', () => {
    const lines = formatDecisionLines(forecastForTest(FEW_FIXED_TASKS)).join('\n');
    expect(lines).toContain('task-to-task variation in months of fewer than 1,000 tasks');
    expect(lines).not.toContain('No input is uncertain');
  });
});
