import { join, resolve } from 'node:path';
import { describeScheduledChanges } from '../engine/describeScheduledChanges.js';
import { describeAssumptions } from '../engine/describeAssumptions.js';
import { findTrialsForPrecision } from '../engine/decide/findTrialsForPrecision.js';
import { forecastScenario } from '../engine/forecast.js';
import { SpendOutOfRangeError } from '../engine/spendOutOfRangeError.js';
import type { ScenarioDocument } from '../engine/loadScenarioDocument.js';
import { hasErrors, type ScenarioIssue } from '../engine/scenarioIssue.js';
import type { PriceCatalog } from '../engine/priceCatalog.js';
import type { Scenario } from '../engine/scenarioTypes.js';
import type { Summary } from '../engine/summaryTypes.js';
import { assembleReports } from '../reports/assembleReports.js';
import { loadEmbedScripts } from '../reports/loadEmbedScripts.js';
import type { ReportFormat } from '../reports/reportFormats.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { forecastOnThreads } from './forecastOnThreads.js';
import { precisionCeilingOf, type PrecisionRequest } from './precisionCeilingOf.js';
import { formatLoadedIssue } from './loadScenarioFile.js';
import { formatRunSummary } from './formatRunSummary.js';
import { createProgressBar } from './progressBar.js';
import { paintIssue, useColour } from './useColour.js';
import { readTextFile } from './readTextFile.js';
import { reportSpendOutOfRange } from './reportSpendOutOfRange.js';
import { loadScenarioWithCatalog } from './resolveScenarioCatalog.js';
import { warnFewTrials } from './warnFewTrials.js';
import { checkRunMemory } from './checkRunMemory.js';
import { checkWritableFolder } from './checkWritableFolder.js';
import { writeFilesAtomically } from './writeFileAtomic.js';
import { countOf } from '../engine/countOf.js';

export interface RunOptions {
  readonly scenarios: readonly string[];
  readonly trials: number | undefined;
  readonly seed: number | undefined;
  readonly out: string;
  readonly json: boolean;
  readonly quiet: boolean;
  /** Threads to simulate on; undefined for the default (see threadsFor). */
  readonly threads: number | undefined;
  /** Outputs to write; every format when undefined. */
  readonly formats?: ReadonlySet<ReportFormat>;
  /** Wanted standard error of annual P90 as a share of it (--precision), and --max-trials. */
  readonly precision?: PrecisionRequest | undefined;
}

/**
 * `pertask run`, in three passes so that a failure leaves nothing half done:
 * validate every scenario (one bad file and nothing is written), forecast each
 * and build its reports in memory, then write them all and print the
 * summaries (text, or JSON with --json) on stdout.
 */
export async function runCommand(options: RunOptions, io: CliIo): Promise<number> {
  const scenarios = await validateFiles(options.scenarios, io, { warnings: !options.quiet });
  if (scenarios === undefined) return EXIT.usage;
  checkDistinctNames(scenarios, io.cwd);
  // Before any simulation: a --max-trials below a scenario's start is refused.
  const { precision } = options;
  if (precision !== undefined)
    for (const valid of scenarios) precisionCeilingOf(valid, options.trials, precision);
  // Before any simulation: a run too large for this machine's memory is refused.
  for (const valid of scenarios) checkMemoryOf(valid, options, io);
  // Before minutes of simulation: --out first, so a file there is named as the fault.
  const folders = [
    options.out,
    ...scenarios.map((valid) => join(options.out, valid.scenario.name)),
  ];
  for (const folder of folders) await checkWritableFolder(folder, writeContextOf(io));
  const scripts = loadEmbedScripts();
  const outcomes: { summary: Summary; files: Map<string, string | Uint8Array>; folder: string }[] =
    [];
  for (const valid of scenarios) {
    const forecast = await forecastOrReport(valid, options, io);
    if (forecast === undefined) return EXIT.usage;
    const summary = withFewTrialsWarning(forecast, valid.file, options, io);
    const folder = join(options.out, valid.scenario.name);
    const reports = await assembleReports({
      summary,
      scripts,
      assumptions: describeAssumptions(valid.scenario),
      changes: describeScheduledChanges(valid.scenario),
      formats: options.formats,
      onWarning: (message) => {
        if (!options.quiet) io.stderr.write(`${valid.file}: chart warning: ${message}\n`);
      },
    });
    const files = new Map(
      [...reports].map(([name, content]) => [resolve(io.cwd, folder, name), content]),
    );
    outcomes.push({ summary, files, folder });
  }
  // One set for every scenario: a run that cannot write one report writes none.
  const everyFile = new Map(outcomes.flatMap(({ files }) => [...files]));
  await writeFilesAtomically(everyFile, writeContextOf(io));
  for (const { summary, files, folder } of outcomes) {
    if (!options.json && !options.quiet) io.stdout.write(`${formatRunSummary(summary)}\n`);
    if (!options.quiet) io.stderr.write(`Wrote ${countOf(files.size, 'file')} to ${folder}/\n`);
  }
  if (options.json) {
    const summaries = outcomes.map((outcome) => outcome.summary);
    const document = summaries.length === 1 ? summaries[0] : summaries;
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }
  return EXIT.ok;
}

function withFewTrialsWarning(summary: Summary, file: string, options: RunOptions, io: CliIo) {
  const message = warnFewTrials(summary.scenario.trials, file, options.quiet, io);
  if (message === undefined) return summary;
  return { ...summary, warnings: [...summary.warnings, `trials: ${message}`] };
}

/** Forecasts one scenario; a spend out of range is the scenario's fault and is shown at its key. */
async function forecastOrReport(valid: ValidScenario, options: RunOptions, io: CliIo) {
  const bar = progressBarFor(valid.file, options, io);
  const onProgress = (done: number, total: number) => bar.update(done, total);
  try {
    const precision = precisionOf(valid, options);
    const trials = precision?.trials ?? options.trials;
    const overrides = { trials, seed: options.seed, onProgress };
    const threads = threadsOf(valid, options, trials, io);
    const { text, scenario, issues } = valid;
    const from = { file: valid.file, cwd: io.cwd };
    const summary =
      threads > 1
        ? await forecastOnThreads(text, scenario, overrides, threads, issues, onProgress, from)
        : forecastScenario(scenario, overrides, issues);
    return precision === undefined ? summary : { ...summary, precision };
  } catch (error) {
    if (!(error instanceof SpendOutOfRangeError)) throw error;
    reportSpendOutOfRange(error, valid, io);
    return undefined;
  } finally {
    bar.finish();
  }
}

const colourOf = (io: CliIo): boolean => useColour(io.stderr, io.env);

/** The bar on stderr: only on a terminal, and never under --quiet or --json. */
function progressBarFor(file: string, options: RunOptions, io: CliIo) {
  const enabled = io.stderr.isTTY === true && !options.quiet && !options.json;
  return createProgressBar({ stream: io.stderr, label: file, enabled, colour: colourOf(io) });
}

/** With --precision, the trials that make annual P90 that stable (from --trials up). */
function precisionOf(valid: ValidScenario, options: RunOptions) {
  const request = options.precision;
  if (request === undefined) return undefined;
  const scenario = { ...valid.scenario, trials: options.trials ?? valid.scenario.trials };
  const ceiling = precisionCeilingOf(valid, options.trials, request);
  return findTrialsForPrecision(scenario, { ...request, ceiling, seed: options.seed });
}

/**
 * Refuses a scenario whose run would need more memory than the machine
 * allows, at the trials it asks for (with --precision, at its ceiling).
 */
function checkMemoryOf(valid: ValidScenario, options: RunOptions, io: CliIo): void {
  const { precision } = options;
  const trials =
    precision === undefined
      ? (options.trials ?? valid.scenario.trials)
      : precisionCeilingOf(valid, options.trials, precision);
  const shape = {
    trials,
    months: valid.scenario.months,
    workloadCount: valid.scenario.workloads.length,
    // The forecast's result, and one per option for their trial-by-trial comparison.
    resultsHeld: 1 + (valid.scenario.options ?? []).length,
    threads: threadsOf(valid, options, trials, io),
  };
  checkRunMemory(valid.file, shape, io, precision === undefined ? '--trials' : '--max-trials');
}

/** Threads for one scenario: one when it names a catalog file (see forecastOrReport). */
function threadsOf(
  valid: ValidScenario,
  options: RunOptions,
  trials: number | undefined,
  io: CliIo,
): number {
  // Worker threads validate the text again against the built-in catalog alone.
  if (valid.catalogNamed) return 1;
  return options.threads ?? threadsFor(valid.scenario, { ...options, trials }, io);
}

/**
 * Below this many step-months of simulation a run takes well under a second,
 * and starting worker threads would cost more than it saves.
 */
const WORK_WORTH_THREADS = 20_000_000;

/** The default thread count: all cores for a large run, one for a small one. */
function threadsFor(scenario: Scenario, options: RunOptions, io: CliIo): number {
  const steps = scenario.workloads.reduce((sum, workload) => sum + workload.steps.length, 0);
  const work = (options.trials ?? scenario.trials) * steps * scenario.months;
  return work >= WORK_WORTH_THREADS ? (io.defaultThreads ?? 1) : 1;
}

export interface ValidScenario {
  readonly file: string;
  readonly text: string;
  readonly texts: ReadonlyMap<string, string>;
  readonly source: ScenarioDocument;
  readonly scenario: Scenario;
  /** The warnings of validation, which the summary lists. */
  readonly issues: readonly ScenarioIssue[];
  /** True when `prices.catalog` names a catalog file. */
  readonly catalogNamed: boolean;
  /** The catalog the scenario was validated against: the built-in one, or the one it names. */
  readonly catalog: PriceCatalog;
}

/**
 * Loads and validates every file, printing every problem on stderr (warnings
 * only when `warnings` is true, as --quiet turns them off); undefined if any
 * file has an error.
 */
export async function validateFiles(
  files: readonly string[],
  io: CliIo,
  print: { readonly warnings: boolean } = { warnings: true },
): Promise<ValidScenario[] | undefined> {
  const valid: ValidScenario[] = [];
  let failed = false;
  for (const file of files) {
    const text = await readScenarioText(file, io);
    const { loaded, resolved } = await loadScenarioWithCatalog(file, text, io);
    const { source, scenario, issues } = loaded;
    for (const issue of issues) {
      if (issue.severity === 'warning' && !print.warnings) continue;
      io.stderr.write(`${paintIssue(formatLoadedIssue(loaded, issue), colourOf(io))}\n`);
    }
    if (scenario === undefined || hasErrors(issues)) failed = true;
    else {
      const { named: catalogNamed, catalog } = resolved;
      const { texts } = loaded;
      valid.push({ file, text, texts, source, scenario, issues, catalogNamed, catalog });
    }
  }
  return failed ? undefined : valid;
}

const writeContextOf = (io: CliIo) => ({
  cwd: io.cwd,
  hint: 'choose another folder with --out',
});

async function readScenarioText(file: string, io: CliIo): Promise<string> {
  return readTextFile(file, io, 'scenario');
}

/**
 * Refuses two files that name the same scenario (the same file twice among
 * them), exit 2: `why` says what the shared name would spoil for the command.
 */
export function checkDistinctNames(
  scenarios: readonly ValidScenario[],
  cwd: string,
  why = 'their reports would overwrite each other',
): void {
  const seen = new Map<string, string>();
  for (const { file, scenario } of scenarios) {
    const other = seen.get(scenario.name);
    if (other !== undefined && resolve(cwd, other) === resolve(cwd, file)) {
      // One file named twice: its name is the file's own, and no `scenario:` would help.
      const twice = other === file ? `${file} is` : `${other} and ${file} are one file,`;
      throw new CliError(`${twice} named twice; name each file once.`, EXIT.usage);
    }
    if (other !== undefined) {
      const message = `${other} and ${file} both name the scenario \`${scenario.name}\`; ${why}.`;
      throw new CliError(message, EXIT.usage);
    }
    seen.set(scenario.name, file);
  }
}
