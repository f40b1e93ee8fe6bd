/**
 * The commands that start from usage logs: `dashboard` (what the logs say),
 * `calibrate` (a scenario that reproduces them) and `backtest` (a forecast
 * against them). Each reads every file first and writes nothing if one is bad.
 */
import { basename, resolve } from 'node:path';
import { forecastScenario } from '../engine/forecast.js';
import { loadScenarioDocument } from '../engine/loadScenarioDocument.js';
import { formatIssue, hasErrors } from '../engine/scenarioIssue.js';
import { backtestForecast, type Backtest } from '../engine/usage/backtestForecast.js';
import { buildDashboard, priceRecords } from '../engine/usage/buildDashboard.js';
import {
  calibrateScenario,
  CalibrationError,
  safeName,
} from '../engine/usage/calibrateScenario.js';
import { writeCalibratedScenario } from '../engine/usage/writeCalibratedScenario.js';
import { checkScenarioName } from '../engine/validate/checkScenarioName.js';
import { validateScenario } from '../engine/validate/validateScenario.js';
import { buildDashboardCharts } from '../reports/dashboard/buildDashboardCharts.js';
import { buildDashboardHtml } from '../reports/dashboard/buildDashboardHtml.js';
import {
  buildDashboardNotes,
  buildDashboardTables,
  renderTextTable,
} from '../reports/dashboard/dashboardTables.js';
import { monthRangeOf } from '../reports/charts/chartTheme.js';
import { formatMoney, formatPercent } from '../reports/formatMoney.js';
import { loadEmbedScripts } from '../reports/loadEmbedScripts.js';
import { checkOverwrite } from './checkOverwrite.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { loadCatalog, readUsageFiles, type UsageInputOptions } from './readUsageFiles.js';
import { validateFiles } from './runCommand.js';
import { warnFewTrials } from './warnFewTrials.js';
import { writeFilesAtomically } from './writeFileAtomic.js';
import { countOf } from '../engine/countOf.js';

export interface DashboardOptions extends UsageInputOptions {
  readonly logs: readonly string[];
  readonly months: number;
  readonly out: string;
  readonly json: boolean;
}

/** `pertask dashboard`: tables on stdout (or JSON), and report.html with dashboard.json. */
export async function dashboardCommand(options: DashboardOptions, io: CliIo): Promise<number> {
  const catalog = await loadCatalog(options.catalog, io);
  const records = await readUsageFiles(options.logs, options, io);
  const dashboard = buildDashboard(records, { zone: options.tz, catalog, months: options.months });
  if (dashboard.records === 0) {
    // readUsageFiles refuses logs without a record; this guards the dashboard's own window.
    throw new CliError(`${options.logs.join(', ')}: no usage records to show.`, EXIT.usage);
  }
  if (!options.quiet) {
    for (const { model } of dashboard.unpricedModels) {
      io.stderr.write(
        `warning: ${model} is not in the catalog, so its tokens add no cost where the logs ` +
          'report none, and cost per task is understated; pass --catalog with its prices.\n',
      );
    }
  }
  const folder = resolve(io.cwd, options.out);
  const files = new Map<string, string>([
    [resolve(folder, 'dashboard.json'), `${JSON.stringify(dashboard, null, 2)}\n`],
    [
      resolve(folder, 'report.html'),
      buildDashboardHtml(dashboard, options.logs, loadEmbedScripts()),
    ],
    ...buildDashboardCharts(dashboard).map(
      (chart) =>
        [
          resolve(folder, `${chart.name}.vl.json`),
          `${JSON.stringify(chart.spec, null, 2)}\n`,
        ] as const,
    ),
  ]);
  await writeFilesAtomically(files, { cwd: io.cwd, hint: 'choose another folder with --out' });
  if (options.json) io.stdout.write(`${JSON.stringify(dashboard, null, 2)}\n`);
  else if (!options.quiet) io.stdout.write(`${formatDashboardText(dashboard)}\n`);
  if (!options.quiet) io.stderr.write(`Wrote ${countOf(files.size, 'file')} to ${options.out}/\n`);
  return EXIT.ok;
}

function formatDashboardText(dashboard: ReturnType<typeof buildDashboard>): string {
  if (dashboard.records === 0) return 'No usage records in the files.';
  const range = monthRangeOf(dashboard.months);
  const head = `Spend ${formatMoney(dashboard.spendUsd)}, ${range} (months in ${dashboard.zone})`;
  const tables = buildDashboardTables(dashboard).map(renderTextTable);
  const notes = buildDashboardNotes(dashboard).map((note) => `- ${note}`);
  return [head, ...tables, ...(notes.length > 0 ? [notes.join('\n')] : [])].join('\n\n');
}

export interface CalibrateOptions extends UsageInputOptions {
  readonly logs: readonly string[];
  readonly out: string;
  readonly name: string | undefined;
  readonly months: number;
  readonly trials: number;
  /** Replace an existing file at --out. */
  readonly force: boolean;
}

/**
 * `pertask calibrate`: fits a scenario to the logs, checks that the text it is
 * about to write validates, and writes it.
 */
export async function calibrateCommand(options: CalibrateOptions, io: CliIo): Promise<number> {
  const badName = options.name === undefined ? undefined : checkScenarioName(options.name);
  if (badName !== undefined) {
    const sentence = `${badName.message.replace(/\.$/, '')}; ${badName.hint}.`;
    throw new CliError(`--name: ${sentence}`, EXIT.usage);
  }
  const context = { cwd: io.cwd, hint: 'choose another file with --out' };
  await checkOverwrite(options.out, options.force, context);
  const catalog = await loadCatalog(options.catalog, io);
  const records = await readUsageFiles(options.logs, options, io);
  let calibration;
  try {
    calibration = calibrateScenario(records, catalog, options.tz);
  } catch (error) {
    if (error instanceof CalibrationError)
      throw new CliError(`cannot calibrate: ${error.message}.`, EXIT.usage);
    throw error;
  }
  const name = options.name ?? safeName(basename(options.out).replace(/\.ya?ml$/i, ''));
  const text = writeCalibratedScenario(calibration, {
    name,
    sources: options.logs,
    months: options.months,
    trials: options.trials,
  });
  const { scenario, issues } = validateScenario(loadScenarioDocument(text), catalog);
  if (scenario === undefined || hasErrors(issues)) {
    // A bug, not the user's fault: show what would have been written and why it fails. The
    // problems are placed in the text that was not written, not in --out, which is untouched.
    const unwritten = `(calibrated scenario, not written to ${options.out})`;
    const problems = issues.map((issue) => formatIssue(issue, unwritten, text)).join('\n');
    throw new Error(
      'this is a bug in pertask, please report it: the scenario calibrated from the logs ' +
        `does not validate, so ${options.out} was not written:\n${problems}`,
    );
  }
  await writeFilesAtomically(new Map([[resolve(io.cwd, options.out), text]]), context);
  if (!options.quiet) {
    const summary = calibration.workloads
      .map(
        (w) =>
          `${w.name}: ${countOf(w.tasksPerMonth, 'task')} in ${calibration.start}, ` +
          countOf(w.steps.length, 'step'),
      )
      .join('; ');
    io.stderr.write(`Wrote ${options.out} (${summary}); run it with pertask run ${options.out}\n`);
  }
  return EXIT.ok;
}

export interface BacktestOptions extends UsageInputOptions {
  readonly scenario: string;
  readonly logs: readonly string[];
  readonly trials: number | undefined;
  readonly seed: number | undefined;
  readonly json: boolean;
}

/** `pertask backtest`: forecasts the scenario and lays the logged months beside it. */
export async function backtestCommand(options: BacktestOptions, io: CliIo): Promise<number> {
  const catalog = await loadCatalog(options.catalog, io);
  const valid = await validateFiles([options.scenario], io);
  if (valid === undefined) return EXIT.usage;
  const records = await readUsageFiles(options.logs, options, io);
  const actual = new Map<string, number>();
  for (const item of priceRecords(records, catalog, options.tz)) {
    actual.set(item.month, (actual.get(item.month) ?? 0) + item.spendUsd);
  }
  const summary = forecastScenario(valid[0]!.scenario, {
    trials: options.trials,
    seed: options.seed,
  });
  const backtest = backtestForecast(summary, actual);
  const name = summary.scenario.name;
  warnFewTrials(summary.scenario.trials, options.scenario, options.quiet, io);
  if (backtest.months.length === 0) {
    const horizon = monthRangeOf(summary.months);
    const logged = backtest.unmatched.length === 0 ? 'none' : backtest.unmatched.join(', ');
    throw new CliError(
      `no logged month falls in the horizon of ${name} (${horizon}); months logged: ${logged}. ` +
        "Give logs of months in the horizon, or set the scenario's `start:` to a logged month.",
      EXIT.usage,
    );
  }
  if (!options.quiet) {
    const scenarioNames = valid[0]!.scenario.workloads.map((workload) => workload.name);
    for (const line of compareWorkloads(scenarioNames, records)) {
      io.stderr.write(`${options.scenario}: warning: ${line}\n`);
    }
  }
  if (options.json) io.stdout.write(`${JSON.stringify(backtest, null, 2)}\n`);
  else if (!options.quiet) {
    io.stdout.write(`${formatBacktest(backtest, name, summary.scenario.trials)}\n`);
  }
  return EXIT.ok;
}

/**
 * Workloads named in the logs and not in the scenario, and the other way
 * round: the backtest sets all the logged spend against the whole forecast,
 * so either mismatch skews it. Names are matched as calibrate writes them
 * (runs of other characters as `-`), in any case.
 */
export function compareWorkloads(
  scenarioNames: readonly string[],
  records: readonly { readonly workload: string }[],
): string[] {
  const loose = (name: string) => safeName(name).toLowerCase();
  const logged = [...new Set(records.map((record) => record.workload))].sort();
  const inScenario = new Set(scenarioNames.map(loose));
  const inLogs = new Set(logged.map(loose));
  const lines: string[] = [];
  for (const name of logged.filter((name) => !inScenario.has(loose(name)))) {
    lines.push(
      `workload \`${name}\` is in the logs but not in the scenario; ` +
        'its spend counts in the actual totals, which the forecast does not cover.',
    );
  }
  for (const name of scenarioNames.filter((name) => !inLogs.has(loose(name)))) {
    lines.push(
      `workload \`${name}\` is in the scenario but not in the logs; ` +
        'the forecast includes it and the actual totals do not.',
    );
  }
  return lines;
}

/**
 * How many logged months fell inside the per-task P10 to P90. With one trial
 * the three percentiles are that trial's spend, so there is no range for a
 * month to fall in, and a count of months "inside" would judge nothing.
 */
function formatCoverage(inside: number, backtest: Backtest, trials: number): string {
  const months = countOf(backtest.months.length, 'month');
  if (trials === 1) {
    return (
      `Inside the per-task P10 to P90: not judged for ${months}: with 1 trial, P10, P50 and ` +
      "P90 are that one trial's spend, with no range between them."
    );
  }
  return (
    `Inside the per-task P10 to P90: ${inside} of ${months} ` +
    `(${formatPercent(backtest.coverage ?? 0)}; a calibrated forecast catches about 80%).`
  );
}

function formatBacktest(backtest: Backtest, name: string, trials: number): string {
  if (backtest.months.length === 0) {
    const logged = backtest.unmatched.join(', ');
    return `No logged month falls in the horizon of ${name} (logged: ${logged}).`;
  }
  const rows = backtest.months.map((m) => [
    m.month,
    formatMoney(m.actualUsd),
    formatMoney(m.perTask.p10),
    formatMoney(m.perTask.p50),
    formatMoney(m.perTask.p90),
    // One trial gives no range to be inside of; see formatCoverage.
    trials === 1 ? '-' : m.inside ? 'yes' : 'no',
    formatMoney(m.perTokenP50),
  ]);
  const error = (label: string, value: Backtest['perTask']) => {
    if (value === null) return `${label}: no month with spend`;
    // The sign says which way the forecast missed, so the reader need not guess.
    const total = value.totalShare;
    const direction = total === 0 ? 'exact' : total > 0 ? 'above the actual' : 'below the actual';
    return (
      `${label}: median off by ${formatPercent(value.meanAbsoluteShare)} a month on average; ` +
      `period total ${total > 0 ? '+' : total < 0 ? '-' : ''}${formatPercent(Math.abs(total))} ` +
      `(${direction})`
    );
  };
  const inside = backtest.months.filter((m) => m.inside).length;
  return [
    renderTextTable({
      title: `Backtest of ${name} against ${countOf(backtest.months.length, 'logged month')}`,
      header: ['month', 'actual', 'P10', 'P50', 'P90', 'inside', 'per-token P50'],
      rows,
    }),
    '',
    formatCoverage(inside, backtest, trials),
    error('Per-task forecast', backtest.perTask),
    error('Per-token forecast', backtest.perToken),
    ...(backtest.unmatched.length > 0
      ? [`Logged months outside the horizon, left out: ${backtest.unmatched.join(', ')}.`]
      : []),
  ].join('\n');
}
