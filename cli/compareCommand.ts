import { join, resolve } from 'node:path';
import { compareOptions, type Contender } from '../engine/decide/compareOptions.js';
import type { OptionOutcome, OptionPair, OptionsComparison } from '../engine/summaryTypes.js';
import { buildPairedDifferenceChart } from '../reports/charts/buildPairedDifferenceChart.js';
import { countOf } from '../engine/countOf.js';
import { formatMoney, formatSignedMoney } from '../reports/formatMoney.js';
import { renderSvg } from '../reports/renderSvg.js';
import { cheaperShareOf, isSameInEveryTrial } from '../reports/cheaperShareOf.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { checkDistinctNames, validateFiles, type ValidScenario } from './runCommand.js';
import { reportSpendOutOfRange } from './reportSpendOutOfRange.js';
import { SpendOutOfRangeError } from '../engine/spendOutOfRangeError.js';
import { warnFewTrials } from './warnFewTrials.js';
import { checkRunMemory } from './checkRunMemory.js';
import { checkWritableFolder } from './checkWritableFolder.js';
import { writeFilesAtomically } from './writeFileAtomic.js';
import {
  cheaperInOneTrialOf,
  firstAndLastOf,
  horizonNameOf,
} from '../reports/charts/chartTheme.js';

export interface CompareOptions {
  readonly scenarios: readonly string[];
  readonly trials: number | undefined;
  readonly seed: number | undefined;
  readonly out: string;
  readonly json: boolean;
  /** No warnings or notes on stderr. */
  readonly quiet: boolean;
}

/**
 * `pertask compare`: every scenario file, and every option each one lists,
 * run on the first file's seed and trials so that inputs they share draw
 * alike, then compared pair by pair. Prints the comparison and writes it with
 * its chart to `<out>/compare/`.
 */
export async function compareCommand(options: CompareOptions, io: CliIo): Promise<number> {
  const files = await validateFiles(options.scenarios, io, { warnings: !options.quiet });
  if (files === undefined) return EXIT.usage;
  const [first] = files;
  if (first === undefined) return EXIT.usage;
  checkSameHorizon(files);
  // Compared files are told apart by their scenarios' names: one name twice (or the same
  // file named twice) would print two rows alike and a pair that differs by nothing.
  checkDistinctNames(
    files,
    io.cwd,
    'compared scenarios are told apart by that name (give each its own `scenario:`)',
  );
  const seed = options.seed ?? first.scenario.seed;
  const trials = options.trials ?? first.scenario.trials;
  const entries = contendersOf(files);
  const contenders = entries.map((entry) => entry.contender);
  if (contenders.length < 2) {
    io.stderr.write(
      `pertask: nothing to compare: ${first.file} lists no options; name a second scenario ` +
        'file or add `options:` to it.\n',
    );
    return EXIT.usage;
  }
  // Before any simulation: every contender's result is held at once for the pairs.
  const workloadCount = Math.max(...files.map(({ scenario }) => scenario.workloads.length));
  const { months } = first.scenario;
  const shape = { trials, months, workloadCount, resultsHeld: contenders.length, threads: 1 };
  checkRunMemory(first.file, shape, io);
  const folder = join(options.out, 'compare');
  const writeContext = { cwd: io.cwd, hint: 'choose another folder with --out' };
  await checkWritableFolder(folder, writeContext);
  warnFewTrials(trials, first.file, options.quiet, io);
  for (const other of files.slice(1)) {
    if (options.quiet) break;
    if (other.scenario.seed !== seed || other.scenario.trials !== trials) {
      io.stderr.write(
        `${other.file}: runs on ${first.file}'s seed ${seed} and ${countOf(trials, 'trial')}, ` +
          'so that draws are common.\n',
      );
    }
  }
  const comparison = compareOrReport(entries, { seed, trials }, io);
  if (comparison === undefined) return EXIT.usage;
  const horizon = horizonNameOf(first.scenario.months);
  const outputs = await comparisonFiles(comparison, resolve(io.cwd, folder), horizon);
  await writeFilesAtomically(outputs, writeContext);
  io.stdout.write(
    options.json
      ? `${JSON.stringify(comparison, null, 2)}\n`
      : formatComparison(comparison, first.scenario.months),
  );
  if (!options.quiet) io.stderr.write(`Wrote the comparison to ${folder}/\n`);
  return EXIT.ok;
}

/** A contender with the file it comes from and, for an option, the option's own name. */
interface ContenderEntry {
  readonly contender: Contender;
  readonly file: ValidScenario;
  readonly option?: string;
}

/**
 * Every file as written and every option it lists: one file's own is `base`
 * and its options keep their names; with several files, each is named by its
 * scenario and its options `<scenario>/<option>`.
 */
function contendersOf(files: readonly ValidScenario[]): ContenderEntry[] {
  return files.flatMap((file): ContenderEntry[] => {
    const { scenario } = file;
    const prefix = files.length > 1 ? `${scenario.name}/` : '';
    const name = files.length > 1 ? scenario.name : 'base';
    const base = { name, description: scenario.description, scenario };
    return [
      { contender: base, file },
      ...(scenario.options ?? []).map((option) => ({
        contender: { ...option, name: `${prefix}${option.name}` },
        file,
        option: option.name,
      })),
    ];
  });
}

/**
 * The comparison, or undefined when a contender's spend leaves the range a
 * forecast can hold: that is printed at the workload (or the option) in its
 * file, as `run` prints it, and nothing is compared.
 */
function compareOrReport(
  entries: readonly ContenderEntry[],
  run: { readonly seed: number; readonly trials: number },
  io: CliIo,
): OptionsComparison | undefined {
  try {
    return compareOptions(
      entries.map((entry) => entry.contender),
      run,
    );
  } catch (error) {
    if (!(error instanceof SpendOutOfRangeError)) throw error;
    const entry = entries.find((candidate) => candidate.contender.name === error.option);
    if (entry === undefined) throw error;
    const located = new SpendOutOfRangeError(error.workload, entry.option);
    reportSpendOutOfRange(located, entry.file, io);
    return undefined;
  }
}

/**
 * Scenarios compared trial by trial must cover the same months: spend over
 * 2027 against spend over 2027-03 to 2029-02 says nothing about which
 * architecture is cheaper.
 */
function checkSameHorizon(files: readonly ValidScenario[]): void {
  const [first, ...others] = files;
  if (first === undefined) return;
  const horizonOf = ({ scenario }: ValidScenario) =>
    `${scenario.start} for ${countOf(scenario.months, 'month')}`;
  for (const other of others) {
    if (other.scenario.start === first.scenario.start) {
      if (other.scenario.months === first.scenario.months) continue;
    }
    throw new CliError(
      `cannot compare ${first.file} (${horizonOf(first)}) with ${other.file} ` +
        `(${horizonOf(other)}): compared scenarios need the same \`start:\` and \`months:\`.`,
      EXIT.usage,
    );
  }
}

async function comparisonFiles(comparison: OptionsComparison, folder: string, horizon: string) {
  const spec = buildPairedDifferenceChart(comparison, horizon)!;
  return new Map([
    [join(folder, 'comparison.json'), `${JSON.stringify(comparison, null, 2)}\n`],
    [join(folder, 'paired-differences.vl.json'), `${JSON.stringify(spec, null, 2)}\n`],
    [join(folder, 'paired-differences.svg'), await renderSvg(spec)],
  ]);
}

/**
 * The comparison as plain text: each option's spread over the horizon of
 * `months` ('Annual', '24-month'), then each pair's paired difference. At one
 * trial each option has one spend and each pair one difference, said once.
 */
export function formatComparison(comparison: OptionsComparison, months: number): string {
  const oneTrial = comparison.trials === 1;
  const horizon = horizonNameOf(months);
  const draws = oneTrial ? 'one trial' : countOf(comparison.trials, 'trial');
  // "spend per task" would read as a unit cost: these are per-task forecasts of the total.
  const lines = [`${horizon} spend, per-task forecast, ${draws} on common draws:`];
  lines.push(...(oneTrial ? oneTrialOptionLinesOf : optionLinesOf)(comparison, months));
  if (oneTrial) {
    lines.push('', 'Differences in the one trial run, first minus second:');
    lines.push(...comparison.pairs.map(oneTrialPairLineOf));
    lines.push('One trial gives no share of trials in which an option is the cheaper.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', 'Paired differences, first minus second, trial by trial:');
  for (const pair of comparison.pairs) {
    const { p10, p50, p90 } = pair.difference;
    const share = cheaperShareOf(pair.probabilityFirstCheaper, pair.probabilityEqual);
    const verdict = isSameInEveryTrial(pair)
      ? 'they cost the same in every trial'
      : `${pair.first} is cheaper ${share}`;
    lines.push(
      `  ${pair.first} - ${pair.second}: P10 ${formatSignedMoney(p10)}, ` +
        `P50 ${formatSignedMoney(p50)}, P90 ${formatSignedMoney(p90)}; ${verdict}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One line per option: its P10, P50 and P90, each column of money right-aligned. */
function optionLinesOf(comparison: OptionsComparison, months: number): string[] {
  const width = nameWidthOf(comparison);
  // Each column of money is right-aligned to its widest figure, so that $87.3k under $120k
  // keeps the P50 and P90 columns in line.
  const columns = (['p10', 'p50', 'p90'] as const).map((key) =>
    comparison.options.map((option) => formatMoney(option.annual[key])),
  );
  const widths = columns.map((column) => Math.max(...column.map((text) => text.length)));
  return comparison.options.map((option, row) => {
    const [p10, p50, p90] = columns.map((column, i) => column[row]!.padStart(widths[i]!));
    const costs = costsOf(option, months);
    return `  ${option.name.padEnd(width)}  P10 ${p10}  P50 ${p50}  P90 ${p90}  (${costs})`;
  });
}

/**
 * One line per option at one trial: its one spend, said once, since a P10,
 * P50 and P90 of one draw are that draw three times.
 */
function oneTrialOptionLinesOf(comparison: OptionsComparison, months: number): string[] {
  const width = nameWidthOf(comparison);
  const spends = comparison.options.map((option) => formatMoney(option.annual.p50));
  const spendWidth = Math.max(...spends.map((text) => text.length));
  return comparison.options.map((option, row) => {
    const spend = spends[row]!.padStart(spendWidth);
    const costs = costsOf(option, months);
    return `  ${option.name.padEnd(width)}  ${spend} in the one trial  (${costs})`;
  });
}

function nameWidthOf(comparison: OptionsComparison): number {
  return Math.max(...comparison.options.map((option) => option.name.length), 6);
}

/** Each workload's cost per task in the first and last month of `months`. */
function costsOf(option: OptionOutcome, months: number): string {
  // Over one month the first and last month are one: its cost once, not "$x -> $x".
  const costOf = (c: OptionOutcome['costPerTask'][number]) =>
    firstAndLastOf(months, formatMoney(c.first), formatMoney(c.last)).join(' -> ');
  return option.costPerTask.map((c) => `${c.workload} ${costOf(c)} a task`).join('; ');
}

/** A pair at one trial: its one difference and which was cheaper in that draw. */
function oneTrialPairLineOf(pair: OptionPair): string {
  const cheaper = cheaperInOneTrialOf(pair);
  const verdict = cheaper === null ? 'they cost the same' : `${cheaper} is the cheaper`;
  return `  ${pair.first} - ${pair.second}: ${formatSignedMoney(pair.difference.p50)}; ${verdict}`;
}
