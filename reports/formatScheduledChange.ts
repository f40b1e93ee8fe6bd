/**
 * A scheduled change (a model migration or a planned change) as one sentence
 * for the report's assumptions, the same in the HTML page and in Markdown:
 * "docs: 70% of the revise step's calls move from gpt-4.1 to gpt-4.1-mini
 * from 2027-07, ramped over 3 months (70% from 2027-09)."
 */
import type { ScheduledChange } from '../engine/describeScheduledChanges.js';
import { countOf } from '../engine/countOf.js';
import { formatPercent } from './formatMoney.js';

/** The list's title and what it is, said once for the HTML page and the workbook. */
export const SCHEDULED_CHANGES_TITLE = 'Scheduled changes';
export const SCHEDULED_CHANGES_NOTE =
  'Migrations and planned changes the forecast follows, month by month; the per-token ' +
  "forecast keeps the first month's way.";

function timingOf(change: ScheduledChange): string {
  if (change.rampMonths === 0) return ` from ${change.startMonth}, at once`;
  const ramp = countOf(change.rampMonths, 'month');
  const full = change.fullMonth === change.startMonth ? '' : ` from ${change.fullMonth}`;
  return ` from ${change.startMonth}, ramped over ${ramp} (${formatPercent(change.share)}${full})`;
}

/** The sentence, ending in a full stop. Cost: constant. */
export function formatScheduledChange(change: ScheduledChange): string {
  if (change.fullMonth === null) {
    const what =
      change.kind === 'model-migration' ? `the ${change.step ?? ''} step's calls` : 'tasks';
    return (
      `${change.workload}: ${what} move to ${change.to} only from ${change.startMonth}, after ` +
      'the horizon, so no month of this forecast includes it.'
    );
  }
  const share = formatPercent(change.share);
  if (change.kind === 'model-migration') {
    return (
      `${change.workload}: ${share} of the ${change.step ?? ''} step's calls move from ` +
      `${change.fromModel ?? ''} to ${change.to}${timingOf(change)}.`
    );
  }
  const described = change.description === '' ? '' : ` (${change.description})`;
  return (
    `${change.workload}: ${share} of tasks move to option ${change.to}${described}` +
    `${timingOf(change)}.`
  );
}
