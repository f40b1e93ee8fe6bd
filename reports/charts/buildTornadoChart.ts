/**
 * The tornado: for the inputs that move annual spend most, the per-task P50
 * with the input pinned at its own P10 and at its P90, every other input
 * drawn as usual on the same draws. The title names the inputs to research
 * first.
 */
import type { TopLevelSpec } from 'vega-lite';
import { FEW_TASKS } from '../../engine/simulate.js';
import type { SensitivitySummary, Summary, TornadoInput } from '../../engine/summaryTypes.js';
import { formatCount, formatMoney, formatPercent } from '../formatMoney.js';
import {
  CHART_CONFIG,
  CHART_WIDTH,
  moneyAxisDigitsOf,
  moneyAxisLabelOf,
  horizonNameOf,
  horizonWordOf,
} from './chartTheme.js';

/** Bars shown; the rest move spend less than these. */
export const TORNADO_INPUTS = 10;

/** Okabe-Ito sky blue and orange: pinned low and pinned high. */
const LOW_COLOR = '#56B4E9';
const HIGH_COLOR = '#E69F00';

/** An event's occurrence: whether it happens in a trial. */
const EVENT_PATH = /^prices\.curve\.events\.\d+\.happens$/;

/** The curve's annual change as a row names it; a sentence puts "the" before it. */
const ANNUAL_CHANGE = 'annual price change';

/**
 * An input's key path as a reader says it: `review-loop.input_tokens (code-review)`,
 * without the workload when the scenario has only one; a price input in
 * words, events counted from 1 as a reader counts them ("price event 2's
 * change", "price event 2" for whether it happens); the chart's tooltip
 * keeps the key path the assumptions table lists (`prices.curve.events.1`).
 */
export function inputLabelOf(path: string, oneWorkload = false): string {
  const of = (workload: string) => (oneWorkload ? '' : ` (${workload})`);
  const drift = /^workloads\.([^.]+)\.drift\.(.+)$/.exec(path);
  if (drift !== null) return `${drift[2]} drift${of(drift[1]!)}`;
  const workload = /^workloads\.([^.]+)\.(?:steps\.)?(.+)$/.exec(path);
  if (workload !== null) return `${workload[2]}${of(workload[1]!)}`;
  return priceLabelOf(path) ?? path;
}

/** A price input in words; undefined for a path outside the price curve. */
function priceLabelOf(path: string): string | undefined {
  if (path === 'prices.curve.annual_change') return ANNUAL_CHANGE;
  const event = /^prices\.curve\.events\.(\d+)(?:\.(.+))?$/.exec(path);
  if (event !== null) {
    const name = `price event ${Number(event[1]) + 1}`;
    const key = event[2];
    return key === undefined || key === 'happens' ? name : `${name}'s ${wordsOf(key)}`;
  }
  const curve = /^prices\.curve\.(.+)$/.exec(path);
  return curve === null ? undefined : `price curve's ${wordsOf(curve[1]!)}`;
}

/** A key as words: `annual_change` -> "annual change". */
function wordsOf(key: string): string {
  return key.replaceAll('_', ' ').replaceAll('.', ' ');
}

/** An input's label inside a sentence: "the annual price change", others as in a row. */
function inputPhraseOf(path: string, oneWorkload: boolean): string {
  const label = inputLabelOf(path, oneWorkload);
  return label === ANNUAL_CHANGE ? `the ${label}` : label;
}

/** The research-first sentence of a summary, as every report prints it. */
export function researchFirstSentenceOf(summary: Summary): string | undefined {
  if (summary.sensitivity === undefined) return undefined;
  return researchFirstSentence(
    summary.sensitivity,
    summary.workloads.length === 1,
    horizonWordOf(summary.months),
    summary.scenario.uncertain,
  );
}

/**
 * One sentence naming the inputs worth researching first: those whose swing
 * is at least half the widest, at most three, with their variance shares.
 * `uncertain` is the summary's `scenario.uncertain`: with no input to rank it
 * tells a fixed scenario from one whose trials differ by task-to-task noise.
 */
export function researchFirstSentence(
  sensitivity: SensitivitySummary,
  oneWorkload = false,
  horizon = 'annual',
  uncertain = false,
): string {
  const [widest] = sensitivity.inputs;
  if (sensitivity.neededTrials !== undefined) {
    return (
      `Too few trials (${sensitivity.varianceTrials ?? 0}) to rank the uncertain inputs: ` +
      `that needs ${sensitivity.neededTrials.toLocaleString('en-US')} or more.`
    );
  }
  if (widest === undefined && uncertain) return fewTasksSentence(horizon);
  if (widest === undefined) return 'No input is uncertain, so nothing needs researching.';
  if (!(widest.swing > 0))
    return `No uncertain input moves the ${horizon} P50, so nothing needs researching.`;
  const first = sensitivity.inputs.filter((input) => input.swing >= widest.swing / 2).slice(0, 3);
  const names = first.map((input) => inputPhraseOf(input.input, oneWorkload));
  const list =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  const share = first.reduce((sum, input) => sum + input.varianceShare, 0);
  return (
    `Research ${list} first: ${spanOf(first)} ${names.length === 1 ? 'it moves' : 'each moves'} ` +
    `the ${horizon} P50 by ${formatMoney(first.at(-1)!.swing)} or more, and on ` +
    `${names.length === 1 ? 'its own it explains' : 'their own they explain'} ` +
    `${formatPercent(Math.min(1, share))} of the variance of ${horizon} spend.`
  );
}

/**
 * Every input is fixed, yet trials differ: a month of fewer than FEW_TASKS
 * tasks draws the noise of its tasks' own costs, which no research removes.
 */
function fewTasksSentence(horizon: string): string {
  const few = FEW_TASKS.toLocaleString('en-US');
  return (
    'Every input is fixed, so there is nothing to research: the spread of ' +
    `${horizon} spend is task-to-task variation in months of fewer than ${few} tasks, ` +
    'which no input can narrow.'
  );
}

/** "from P10 to P90", and what that means for an event among the inputs named. */
function spanOf(inputs: readonly TornadoInput[]): string {
  const event = inputs.some((input) => EVENT_PATH.test(input.input));
  return event
    ? 'from P10 to P90 (for an event, from not happening to happening)'
    : 'from P10 to P90';
}

/** The sentence cut into lines of a title, at spaces. */
function linesOf(sentence: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of sentence.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * An input's pinned value as written in scenarios: 21.3k tokens, 0.35 for a
 * rate; an event's occurrence as what it means.
 */
function valueLabelOf(input: string, value: number): string {
  if (EVENT_PATH.test(input)) return value === 0 ? 'does not happen' : 'happens';
  return Math.abs(value) >= 1000 ? formatCount(value) : String(Number(value.toPrecision(3)));
}

/** Ticks on the money axis: few, so flush end labels do not run into their neighbours. */
const AXIS_TICKS = 6;

/**
 * The two ends of a bar, as the legend names them. Short, so no renderer cuts
 * them; what the ends mean for an event is said under the title instead.
 */
const PINS = ['Pinned at its P10', 'Pinned at its P90'] as const;

/** The subtitle's line on events, when one is shown: its P10 and P90 are its two outcomes. */
function eventNoteOf(inputs: readonly TornadoInput[]): string[] {
  const events = inputs.filter((input) => EVENT_PATH.test(input.input));
  if (events.length === 0) return [];
  const names = events.map((input) => inputLabelOf(input.input)).join(', ');
  return [`An event (${names}) pinned at its P10 does not happen; at its P90 it happens.`];
}

function rowsOf(inputs: readonly TornadoInput[], baseP50: number, oneWorkload: boolean) {
  const [low, high] = PINS;
  return inputs.flatMap((input) => {
    const label = inputLabelOf(input.input, oneWorkload);
    const share = formatPercent(input.varianceShare);
    return [
      { label, pin: low, from: baseP50, to: input.p50AtLow, value: input.lowValue },
      { label, pin: high, from: baseP50, to: input.p50AtHigh, value: input.highValue },
    ].map((row) => ({
      ...row,
      p50Label: formatMoney(row.to),
      valueLabel: valueLabelOf(input.input, row.value),
      // The key path, as the assumptions table lists the input.
      path: input.input,
      share,
      swing: input.swing,
    }));
  });
}

/** The tornado's Vega-Lite spec; undefined when no input is uncertain. */
export function buildTornadoChart(summary: Summary): TopLevelSpec | undefined {
  const sensitivity = summary.sensitivity;
  if (sensitivity === undefined || !((sensitivity.inputs[0]?.swing ?? 0) > 0)) return undefined;
  const shown = sensitivity.inputs.slice(0, TORNADO_INPUTS);
  const oneWorkload = summary.workloads.length === 1;
  const order = shown.map((input) => inputLabelOf(input.input, oneWorkload));
  const rows = rowsOf(shown, sensitivity.baseP50, oneWorkload);
  const ends = rows.flatMap((row) => [row.from, row.to]);
  // A swing of cents on dollars would label every tick "$3.71": enough figures tell them apart.
  const digits = moneyAxisDigitsOf(Math.min(...ends), Math.max(...ends), AXIS_TICKS);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: linesOf(
        researchFirstSentence(sensitivity, oneWorkload, horizonWordOf(summary.months)),
        80,
      ),
      subtitle: [
        `${horizonNameOf(summary.months)} per-task P50 with one input pinned ` +
          'at its own P10 or P90,',
        'all others drawn as usual on common draws ' +
          `(${sensitivity.trials.toLocaleString('en-US')} ` +
          `trials); the line: P50 with nothing pinned, ${formatMoney(sensitivity.baseP50)}.`,
        ...eventNoteOf(shown),
      ],
    },
    width: CHART_WIDTH,
    height: { step: 22 },
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', size: 16 },
        encoding: {
          y: {
            field: 'label',
            type: 'nominal',
            sort: order,
            title: null,
            axis: { labelLimit: 280 },
          },
          x: {
            field: 'from',
            type: 'quantitative',
            scale: { zero: false },
            // Few ticks, and labels that would touch dropped: flush end labels
            // otherwise run into their neighbours ("$480k$500k").
            axis: {
              labelExpr: moneyAxisLabelOf(digits),
              title: 'Per-task P50',
              tickCount: AXIS_TICKS,
              labelOverlap: 'greedy',
              labelSeparation: 8,
            },
          },
          x2: { field: 'to' },
          color: {
            field: 'pin',
            type: 'nominal',
            scale: { range: [LOW_COLOR, HIGH_COLOR] },
            legend: { labelLimit: 0 },
          },
          tooltip: [
            { field: 'label', title: 'Input' },
            { field: 'path', title: 'Key path' },
            { field: 'pin', title: 'Pinned' },
            { field: 'valueLabel', title: 'At' },
            { field: 'p50Label', title: 'Per-task P50' },
            { field: 'share', title: 'Share of variance' },
          ],
        },
      },
      {
        data: { values: [{ base: sensitivity.baseP50 }] },
        mark: { type: 'rule', color: '#333' },
        encoding: { x: { field: 'base', type: 'quantitative' } },
      },
    ],
  };
}
