/**
 * The assumptions table of the HTML report: every input that is drawn or set
 * away from its default, with its distribution and its P5, P50 and P95, so a
 * reader can check each figure the forecast rests on without the YAML.
 */
import type { Assumption } from '../../engine/describeAssumptions.js';
import {
  describeDistribution,
  describeDrawn,
  formatAssumptionValue,
} from '../formatAssumptionValue.js';
import { escapeHtml } from './escapeHtml.js';

function rowOf(assumption: Assumption): string {
  const values = [assumption.p5, assumption.p50, assumption.p95].map(
    (value) => `<td>${escapeHtml(formatAssumptionValue(assumption.path, value))}</td>`,
  );
  return (
    `<tr><th scope="row"><code>${escapeHtml(assumption.path)}</code></th>` +
    `<td class="text">${escapeHtml(describeDistribution(assumption))}</td>` +
    `<td class="text drawn">${describeDrawn(assumption.drawn)}</td>${values.join('')}</tr>`
  );
}

/** The table as an HTML fragment, or a sentence when there is nothing to list. */
export function buildAssumptionsTable(assumptions: readonly Assumption[]): string {
  if (assumptions.length === 0) {
    return '<p class="note">Every input of this scenario is at its default value.</p>';
  }
  const header =
    '<thead><tr><th scope="col">Input</th><th scope="col">Distribution</th>' +
    '<th scope="col">Drawn</th><th>P5</th><th>P50</th><th>P95</th></tr></thead>';
  const rows = assumptions.map(rowOf).join('');
  return (
    `<table class="assumptions">${header}<tbody>${rows}</tbody></table>\n` +
    `<p class="note">Percentiles of each input from its distribution's quantile function, ` +
    'not from the trials. Rates and shares in percent; tokens per call, tasks per month.</p>'
  );
}
