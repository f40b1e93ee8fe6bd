import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import {
  firstAndLastOf,
  MONEY_AXIS_LABEL,
  moneyAxisDigitsOf,
} from '../../../reports/charts/chartTheme.js';
import { formatMoney } from '../../../reports/formatMoney.js';
import { renderSvg } from '../../../reports/renderSvg.js';
import { elementsOf } from './readSvg.js';

/** Round tick values across every suffix, and the exponent form from a quadrillion up. */
const TICKS = [-2e17, -4_200, 0, 40, 250_000, 1.5e6, 1.5e9, 3e12, 999e12, 1e15, 2.5e15, 3.34e35];

// The expected labels come from formatMoney, an independent implementation in TypeScript of the
// same rule that the axis writes as a Vega expression.
describe('MONEY_AXIS_LABEL', () => {
  it('labels round axis ticks exactly as formatMoney writes them', async () => {
    const spec: TopLevelSpec = {
      data: { values: [{ usd: 0 }] },
      mark: 'point',
      encoding: {
        x: {
          field: 'usd',
          type: 'quantitative',
          scale: { type: 'symlog', domain: [-3e17, 4e35] },
          axis: { values: TICKS, labelExpr: MONEY_AXIS_LABEL, labelOverlap: false },
        },
      },
    };
    const svg = await renderSvg(spec);
    const axisLabels = svg.split('role-axis-label')[1]?.split('</g>')[0] ?? '';
    const texts = elementsOf(axisLabels).map((label) => label.text);
    expect(texts).toEqual(TICKS.map((usd) => formatMoney(usd)));
  });
});

describe('firstAndLastOf', () => {
  it('gives the first and the last month’s figure over a horizon of several months', () => {
    expect(firstAndLastOf(['2027-01', '2027-02'], '$1', '$2')).toEqual(['$1', '$2']);
    expect(firstAndLastOf(24, 'a', 'b')).toEqual(['a', 'b']);
  });

  it('gives the one month’s figure once over a horizon of one month', () => {
    expect(firstAndLastOf(['2027-01'], '$1', '$1')).toEqual(['$1']);
    expect(firstAndLastOf(1, 'a', 'b')).toEqual(['a']);
  });
});

describe('moneyAxisDigitsOf', () => {
  it('keeps three figures for an axis that spans a good part of its values', () => {
    expect(moneyAxisDigitsOf(0, 500_000, 6)).toBe(3);
    expect(moneyAxisDigitsOf(400_000, 500_000, 6)).toBe(3);
  });

  it('adds the figures down to the tick step when the span is a sliver of the values', () => {
    // $3.71000 to $3.71010 in 6 ticks: a step of at least 0.00001667, so down to 1e-5,
    // the sixth figure of 3.71 (10^0 down to 10^-5).
    expect(moneyAxisDigitsOf(3.71, 3.7101, 6)).toBe(6);
  });

  it('keeps three figures for an axis of one value or of $0', () => {
    expect(moneyAxisDigitsOf(3.71, 3.71, 6)).toBe(3);
    expect(moneyAxisDigitsOf(0, 0, 6)).toBe(3);
  });
});
