import { describe, expect, it } from 'vitest';
import { buildMonthlyFanChart } from '../../../reports/charts/buildMonthlyFanChart.js';
import { PER_TASK_COLOR, PER_TOKEN_COLOR } from '../../../reports/charts/chartTheme.js';
import { renderSvg } from '../../../reports/renderSvg.js';
import { summaryFixture } from '../summaryFixture.js';
import { legendSymbolsOf, marksOf } from './readSvg.js';

describe('buildMonthlyFanChart legend', () => {
  it('draws each legend symbol as a stroke dashed like its line', async () => {
    const svg = await renderSvg(buildMonthlyFanChart(summaryFixture));
    const lines = marksOf(svg, 'line mark');
    const symbols = legendSymbolsOf(svg);
    expect(symbols).toHaveLength(2);
    for (const [position, color] of [PER_TASK_COLOR, PER_TOKEN_COLOR].entries()) {
      const line = lines.find((mark) => mark.attributes.get('stroke') === color);
      const symbol = symbols[position];
      if (line === undefined || symbol === undefined) throw new Error(`no ${color} line`);
      expect(symbol.attributes.get('stroke')).toBe(color);
      // A horizontal stroke, not a dot: Vega's 'stroke' legend symbol.
      expect(symbol.attributes.get('d')).toMatch(/^M-[\d.]+,0L[\d.]+,0$/);
      expect(symbol.attributes.get('stroke-dasharray')).toBe(
        line.attributes.get('stroke-dasharray'),
      );
    }
    expect(symbols[1]?.attributes.get('stroke-dasharray')).toBe('6,3');
  });
});
