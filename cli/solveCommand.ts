import { countOf } from '../engine/countOf.js';
import { parseQuantity } from '../engine/parseQuantity.js';
import { formatIssue, type ScenarioIssue } from '../engine/scenarioIssue.js';
import { parseTarget, SolveRequestError } from '../engine/decide/parseTarget.js';
import {
  InvalidValueError,
  solveTarget,
  SpendPastRangeError,
  spendPastRangeMessageOf,
  type SolveResult,
} from '../engine/decide/solveTarget.js';
import { isPercentKey } from '../reports/formatAssumptionValue.js';
import { horizonWordOf } from '../reports/charts/chartTheme.js';
import { formatMoney } from '../reports/formatMoney.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { checkRunMemory } from './checkRunMemory.js';
import { validateFiles } from './runCommand.js';
import { warnFewTrials } from './warnFewTrials.js';

export interface SolveOptions {
  readonly scenario: string;
  readonly vary: string;
  readonly target: string;
  /** As written (`1k`, `5%`, `$2.50`), or numbers when the parser has read them already. */
  readonly between: readonly (string | number)[] | undefined;
  readonly trials: number | undefined;
  readonly seed: number | undefined;
  readonly json: boolean;
  /** No warnings or notes on stderr. */
  readonly quiet: boolean;
}

/**
 * `pertask solve`: the limit of one input under which a target on spend over
 * the horizon holds, by bisection on common draws, confirmed by a final run.
 */
export async function solveCommand(options: SolveOptions, io: CliIo): Promise<number> {
  const files = await validateFiles([options.scenario], io, { warnings: !options.quiet });
  const valid = files?.[0];
  if (valid === undefined) return EXIT.usage;
  const between = rangeOf(options.between);
  const trials = options.trials ?? valid.scenario.trials;
  warnFewTrials(trials, valid.file, options.quiet, io);
  // Before any simulation: solve runs one variant at a time and keeps only its annual spend
  // (measured: 17 runs of 200,000 trials peaked as one result does, 425 MiB, estimate 450).
  const { months, workloads } = valid.scenario;
  const shape = { trials, months, workloadCount: workloads.length, resultsHeld: 1, threads: 1 };
  checkRunMemory(valid.file, shape, io);
  try {
    const target = parseTarget(options.target, valid.scenario.budget);
    const result = solveTarget({
      // The composed scenario (its `extends:` and `include:` merged in), as run reads it,
      // so the varied key may live in any of its files.
      source: valid.source,
      // Every variant is validated against the catalog the file names, as run reads it.
      catalog: valid.catalog,
      path: options.vary,
      target,
      ...(between ? { between } : {}),
      trials,
      seed: options.seed ?? valid.scenario.seed,
    });
    io.stdout.write(
      options.json ? `${JSON.stringify(result, null, 2)}\n` : `${sentenceOf(result)}\n`,
    );
    return result.outcome === 'found' ? EXIT.ok : EXIT.failure;
  } catch (error) {
    if (!(error instanceof SolveRequestError)) throw error;
    for (const issue of issuesToShow(error)) {
      // An issue in a file the scenario extends or includes names that file.
      const file = issue.file ?? valid.file;
      io.stderr.write(`${formatIssue({ ...issue, file }, file, valid.texts.get(file) ?? '')}\n`);
    }
    throw new CliError(messageOf(error, options.between), EXIT.usage);
  }
}

/** The error's message, with a value of the varied key in the key's unit (valueOf). */
function messageOf(error: SolveRequestError, between: SolveOptions['between']): string {
  if (error instanceof InvalidValueError) return refusalOf(error, between);
  if (error instanceof SpendPastRangeError) {
    const shown = valueOf(error.path, error.value);
    return spendPastRangeMessageOf(error.path, shown, error.workload);
  }
  return error.message;
}

/**
 * The issues to print above the message. A value the key cannot hold is said
 * once, in the message; only other errors it causes elsewhere are shown.
 */
function issuesToShow(error: SolveRequestError): readonly ScenarioIssue[] {
  if (!(error instanceof InvalidValueError)) return error.issues;
  return error.issues.filter((issue) => issue !== error.reason && issue.severity === 'error');
}

/**
 * A value the key cannot hold, in the key's unit (150%, not 1.5), with the
 * scenario's words for what it may hold; named as an end of `--between` when
 * it is one, since that is what the user has to change.
 */
function refusalOf(error: InvalidValueError, between: SolveOptions['between']): string {
  const isEnd = between !== undefined && rangeOf(between)?.includes(error.value) === true;
  const flag = isEnd ? `--between ${between.join(' ')}: ` : '';
  const value = valueOf(error.path, error.value);
  return `${flag}${error.path} cannot be set to ${value}. ${error.reason.message}`;
}

/**
 * The two ends of `--between`, read as a scenario's numbers are (`1k`, `30k`,
 * `1%`, `90%`, `$2.50`), so a range is written as the key is in the file. The
 * ends may come in either order, as in a scenario's `a to b`.
 */
export function rangeOf(
  between: readonly (string | number)[] | undefined,
): [number, number] | undefined {
  if (between === undefined) return undefined;
  const ends = between
    .map((end) => parseQuantity(String(end)))
    .filter((end): end is number => end !== undefined);
  const [low, high] = ends.sort((a, b) => a - b);
  if (between.length !== 2 || low === undefined || high === undefined) {
    throw new CliError(
      '--between takes two numbers, written as in a scenario, in either order: ' +
        'e.g. --between 1 8, --between 1k 30k or --between 5% 90%.',
      EXIT.usage,
    );
  }
  if (low === high) {
    throw new CliError(
      `--between ${between.join(' ')} is an empty range: give two different numbers.`,
      EXIT.usage,
    );
  }
  return [low, high];
}

/** Four significant digits with thousands separators: 475,400, 2.389, 0.01234. */
const valueFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/**
 * A value of the varied key in its unit, as the rest of the output writes
 * numbers: a share or rate as a percent (83.34%), else a number (475,400);
 * one past a quadrillion as a power of ten (1e300), not three hundred digits.
 * A limit is cut to four figures toward the side where the target holds
 * (`toward`), so that "may go up to 288.9" never names a value past 288.96.
 */
function valueOf(path: string, value: number, toward?: 'down' | 'up'): string {
  const shown = isPercentKey(path) ? value * 100 : value;
  let text: string;
  if (Math.abs(shown) >= 1e15) {
    text = Number(shown.toPrecision(4)).toExponential().replace('e+', 'e');
  } else if (toward === undefined || shown === 0) {
    text = valueFormat.format(shown);
  } else {
    // The unit of the fourth significant figure; the cut leaves float dust that the
    // four-figure format then drops (2889 * 0.1 = 288.90000000000003 prints 288.9).
    const unit = 10 ** (Math.floor(Math.log10(Math.abs(shown))) - 3);
    const cut = toward === 'down' ? Math.floor(shown / unit) : Math.ceil(shown / unit);
    text = valueFormat.format(cut * unit);
  }
  return isPercentKey(path) ? `${text}%` : text;
}

/** The answer in one sentence. */
export function sentenceOf(result: SolveResult): string {
  const [low, high] = [result.low, result.high].map((end) => valueOf(result.path, end));
  const range = `between ${low} and ${high}`;
  // The statistic is of spend over the scenario's horizon, which is a year only at 12 months.
  const target = `${result.target} on ${horizonWordOf(result.months)} spend`;
  if (result.outcome === 'holds-everywhere') {
    return `${target} holds everywhere ${range} for ${result.path}: no limit in that range.`;
  }
  if (result.outcome === 'holds-nowhere') {
    return `${target} holds nowhere ${range} for ${result.path}: ${missOf(result)}`;
  }
  const direction = result.holdsBelow ? 'up to' : 'down to';
  return (
    `${result.path} may go ${direction} ` +
    `${valueOf(result.path, result.limit!, result.holdsBelow ? 'down' : 'up')} while ` +
    `${target} holds (there the statistic is ${formatMoney(result.statisticAtLimit!)}, ` +
    `confirmed by a final run of ${countOf(result.trials, 'trial')}; ` +
    `${result.runs} runs on common draws).`
  );
}

/**
 * Why a range that misses the target does so: how near it comes and at which
 * end, and whether a wider range could help, which it can only where the key
 * may go past that end.
 */
function missOf(result: SolveResult): string {
  const { closest, statisticAtLow, statisticAtHigh } = result;
  if (closest === null || closest.end === null) {
    return (
      `the statistic is ${formatMoney(statisticAtLow)} at both ends, ` +
      'so this key does not move it.'
    );
  }
  const atHigh = closest.end === 'high';
  const end = valueOf(result.path, atHigh ? result.high : result.low);
  const statistic = formatMoney(atHigh ? statisticAtHigh : statisticAtLow);
  const nearest =
    `no value there reaches it; the statistic comes closest at ${end}, ` +
    `where it is ${statistic}`;
  const past = atHigh ? 'above' : 'below';
  if (closest.canWiden) {
    return `${nearest}. The key may also go ${past} ${end}, which a wider --between can search.`;
  }
  return `${nearest}, and the key can go no ${atHigh ? 'higher' : 'lower'}.`;
}
