/**
 * How every report names the scenario's `correlations:`: the page's
 * assumptions and method note, summary.md and the workbook's Assumptions
 * sheet all write each pair with describeCorrelation, so they read alike.
 */
import type { CorrelationPair } from '../engine/scenarioTypes.js';
import type { Summary } from '../engine/summaryTypes.js';

/** The heading each report puts over the pairs. */
export const CORRELATIONS_TITLE = 'Correlated inputs';

/** What the pairs mean, said once under the heading. */
export const CORRELATIONS_NOTE =
  'Drawn together: each input keeps its own distribution, and the trials pair their draws ' +
  'so that their ranks rise together (a positive rank correlation) or one rises as the ' +
  'other falls (a negative one).';

/** An input's key in words: `workloads.a.growth` -> "growth of a", `params.x` -> "param x". */
function nameInputOf(key: string): string {
  const inWorkload = /^workloads\.([^.]+)\.(.+)$/.exec(key);
  if (inWorkload !== null) return `${inWorkload[2]} of ${inWorkload[1]}`;
  if (key.startsWith('params.')) return `param ${key.slice('params.'.length)}`;
  return key;
}

const figureOf = (rank: number): string => String(Number(rank.toPrecision(3)));

/**
 * One pair in words: "tasks_per_month of support-bot and growth of
 * coding-agent, rank correlation 0.6"; when the set was impossible and the
 * engine drew towards the nearest valid one, both coefficients.
 */
export function describeCorrelation(pair: CorrelationPair): string {
  const [first, second] = pair.between.map(nameInputOf);
  const written = figureOf(pair.rank);
  const applied = figureOf(pair.appliedRank);
  const rank =
    applied === written
      ? `rank correlation ${written}`
      : `rank correlation ${applied} (${written} as written, moved to make the set possible)`;
  return `${first} and ${second}, ${rank}`;
}

/** Each of the summary's pairs in words; none when the scenario correlates nothing. */
export function describeCorrelations(summary: Summary): string[] {
  return (summary.scenario.correlations ?? []).map(describeCorrelation);
}
