/**
 * The report as Markdown, for documents and chat: the headline sentences, the
 * year's spend by workload, single-task costs where they matter less, the
 * options against the scenario as written, and the assumptions. Money through
 * formatMoney, so every figure reads as it does in the HTML report;
 * GitHub-flavoured tables.
 */
import { countOf } from '../engine/countOf.js';
import type { Assumption } from '../engine/describeAssumptions.js';
import type { ScheduledChange } from '../engine/describeScheduledChanges.js';
import type { DistributionSummary, OptionPair, Summary } from '../engine/summaryTypes.js';
import { firstAndLastOf, horizonNameOf, horizonWordOf } from './charts/chartTheme.js';
import { describeDistribution, formatAssumptionValue } from './formatAssumptionValue.js';
import { formatScheduledChange, SCHEDULED_CHANGES_TITLE } from './formatScheduledChange.js';
import {
  CORRELATIONS_NOTE,
  CORRELATIONS_TITLE,
  describeCorrelations,
} from './describeCorrelation.js';
import { costPerTaskTextOf } from './costPerTaskOf.js';
import { formatCount, formatMoney, formatSignedMoney } from './formatMoney.js';
import {
  isSameInEveryTrial,
  ONE_TRIAL_CHEAPER_HEADING,
  oneTrialCheaperCellOf,
  secondCheaperShareOf,
  sharesOfTrialsOf,
} from './cheaperShareOf.js';
import { buildHeadline } from './html/buildHeadline.js';
import { precisionSentenceOf } from './precisionSentenceOf.js';
import { gapHeadingOf, spreadFiguresOf, spreadHeadingsOf } from './spreadFiguresOf.js';

/** A table cell: pipes escaped, line breaks folded, so a name cannot break the table. */
const cellOf = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** A table whose first `textColumns` columns are left-aligned and the rest, numbers, right. */
function tableOf(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  textColumns = 1,
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(cellOf).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (i < textColumns ? ' --- ' : ' ---: ')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}

function spendTableOf(summary: Summary): string[] {
  const trials = summary.scenario.trials;
  const spreadOf = (d: DistributionSummary): string[] =>
    spreadFiguresOf(d, trials).map((usd) => formatMoney(usd));
  const scopes = [
    ...summary.workloads.map((w) => ({ name: w.name, annual: w.annual })),
    { name: 'All workloads', annual: summary.total.annual },
  ];
  const rows = scopes.map(({ name, annual }) => [
    name,
    ...spreadOf(annual.perTask),
    ...spreadOf(annual.perToken),
    formatSignedMoney(annual.gap.p50),
  ]);
  const header = [
    'Workload',
    ...spreadHeadingsOf(trials, 'Per-task forecast'),
    ...spreadHeadingsOf(trials, 'Per-token forecast'),
    gapHeadingOf(trials, 'Gap'),
  ];
  return tableOf(header, rows);
}

/**
 * Cost per task, tokens per task and tasks in the first and last month; over
 * a horizon of one month, that month once.
 */
function costPerTaskTableOf(summary: Summary): string[] {
  const first = summary.months[0] ?? '';
  const last = summary.months[summary.months.length - 1] ?? '';
  const pairOf = <T>(start: T, end: T): T[] => firstAndLastOf(summary.months, start, end);
  const count = (value: number | undefined) => (value === undefined ? '' : formatCount(value));
  const rows = summary.workloads.map((w) => {
    const [start, end] = [w.months[0], w.months[w.months.length - 1]];
    return [
      w.name,
      ...pairOf(
        costPerTaskTextOf(w, 'first', formatMoney),
        costPerTaskTextOf(w, 'last', formatMoney),
      ),
      ...pairOf(count(start?.tokensPerTask), count(end?.tokensPerTask)),
      ...pairOf(count(start?.tasks), count(end?.tasks)),
    ];
  });
  const header = [
    'Workload',
    ...pairOf(`Cost per task ${first} (P50)`, `${last} (P50)`),
    ...pairOf(`Tokens per task ${first} (mean)`, `${last} (mean)`),
    ...pairOf(`Tasks ${first} (mean)`, `${last} (mean)`),
  ];
  return tableOf(header, rows);
}

/**
 * The options against the scenario as written, as the page's options table
 * gives them: each option's P50 spend over the horizon, what it changes, and
 * the paired saving against base (the P50 of base minus the option, trial by
 * trial) with how often it is the cheaper. At one trial: that trial's spend
 * and saving, and which was cheaper in it, not a share of one trial.
 */
function optionsSectionOf(summary: Summary): string[] {
  const comparison = summary.options;
  if (comparison === undefined || comparison.options.length === 0) return [];
  const oneTrial = comparison.trials === 1;
  const span = horizonNameOf(summary.months);
  const rows = comparison.options.map((option) => {
    const pair = comparison.pairs.find((p) => p.first === 'base' && p.second === option.name);
    const against = pair === undefined ? ['–', '–'] : savingCellsOf(pair, oneTrial);
    return [option.name, option.description, formatMoney(option.annual.p50), ...against];
  });
  const header = [
    'Option',
    'What changes',
    gapHeadingOf(comparison.trials, `${span} spend`),
    gapHeadingOf(comparison.trials, 'Saving against base').replace(' P50', ', P50 (paired)'),
    oneTrial ? ONE_TRIAL_CHEAPER_HEADING : 'Cheaper than base in',
  ];
  return ['## Options', '', ...tableOf(header, rows, 2), ''];
}

/** What an option saves against base (negative: costs more), and how often it is cheaper. */
function savingCellsOf(pair: OptionPair, oneTrial: boolean): string[] {
  // The pair is base minus option: above 0, the option saves.
  const median = pair.difference.p50;
  const saving = median >= 0 ? formatMoney(median) : `costs ${formatMoney(-median)} more`;
  if (oneTrial) return [saving, oneTrialCheaperCellOf(pair)];
  // A share of 0% would read as base always the cheaper where the two cost the same.
  if (isSameInEveryTrial(pair)) return [saving, 'the same in every trial'];
  return [saving, sharesOfTrialsOf(secondCheaperShareOf(pair), pair.probabilityEqual)];
}

function assumptionsTableOf(assumptions: readonly Assumption[]): string[] {
  const rows = assumptions.map((a) => [
    `\`${a.path}\``,
    describeDistribution(a),
    ...[a.p5, a.p50, a.p95].map((value) => formatAssumptionValue(a.path, value)),
  ]);
  return tableOf(['Input', 'Distribution', 'P5', 'P50', 'P95'], rows, 2);
}

/**
 * The Markdown text, ending in a newline. Cost: one row per workload and per
 * assumption.
 */
export function buildMarkdown(
  summary: Summary,
  assumptions?: readonly Assumption[],
  changes: readonly ScheduledChange[] = [],
): string {
  const { scenario } = summary;
  const horizon = horizonWordOf(summary.months);
  const lines = [
    `# ${scenario.name}`,
    '',
    ...(scenario.description === '' ? [] : [scenario.description, '']),
    ...buildHeadline(summary).flatMap((sentence) => [sentence, '']),
    `## ${horizonNameOf(summary.months)} spend by workload`,
    '',
    ...spendTableOf(summary),
    '',
    ...costPerTaskTableOf(summary),
    '',
  ];
  lines.push(...optionsSectionOf(summary));
  if (assumptions !== undefined && assumptions.length > 0) {
    lines.push('## Assumptions', '', ...assumptionsTableOf(assumptions), '');
  }
  const correlated = describeCorrelations(summary);
  if (correlated.length > 0) {
    const bullets = correlated.map((pair) => `- ${pair}`);
    lines.push(`## ${CORRELATIONS_TITLE}`, '', CORRELATIONS_NOTE, '', ...bullets, '');
  }
  if (changes.length > 0) {
    const bullets = changes.map((change) => `- ${formatScheduledChange(change)}`);
    lines.push(`## ${SCHEDULED_CHANGES_TITLE}`, '', ...bullets, '');
  }
  const precision = precisionSentenceOf(summary);
  if (precision !== undefined) lines.push(precision, '');
  const span =
    summary.months.length === 1
      ? "are the horizon's one month"
      : `sum the horizon's ${summary.months.length} months`;
  lines.push(
    `Money in ${scenario.currency}; ${horizon} figures ${span}. ` +
      `${countOf(scenario.trials, 'trial')}, ` +
      `seed ${scenario.seed}; the gap is per-task minus per-token, trial by trial.`,
  );
  return `${lines.join('\n')}\n`;
}
