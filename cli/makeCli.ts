import { closestNames } from '../engine/closestNames.js';
import { parseShare } from '../engine/parseQuantity.js';
import yargs, { type Argv } from 'yargs';
import { ALL_REPORT_FORMATS } from '../reports/reportFormats.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { checkOutPath } from './checkOutPath.js';
import { readSeedFlag, readTrialsFlag, readWholeFlag } from './readWholeFlag.js';
import { FORCE_OPTION } from './checkOverwrite.js';
import { compareCommand } from './compareCommand.js';
import { findPackageManifest } from './findPackageManifest.js';
import { parseFormats } from './parseFormats.js';
import { refuseRepeatedFlags } from './refuseRepeatedFlags.js';
import { registerUsageCommands } from './registerUsageCommands.js';
import { rewordUsageMessage } from './rewordUsageMessage.js';
import { runCommand } from './runCommand.js';
import { solveCommand } from './solveCommand.js';
import { validateCommand } from './validateCommand.js';
import { initCommand } from './initCommand.js';
import { schemaCommand } from './schemaCommand.js';
import { SCENARIO_TEMPLATES, type TemplateName } from './templates/scenarioTemplates.js';
import { watchCommand } from './watchCommand.js';

/** The options of `pertask run`; this table drives the parser, its help, and the README. */
export const RUN_OPTIONS = {
  trials: {
    // Read as text, so that it takes what a scenario's `trials:` takes: 20000, 20,000, 20k.
    type: 'string',
    requiresArg: true,
    describe: 'Monte Carlo trials, e.g. 20000 or 20k (overrides the scenario)',
  },
  seed: {
    // Read as text, as --trials is: yargs's number type read "" as 0 and 0x10 as 16.
    type: 'string',
    requiresArg: true,
    describe: 'Seed of the random generator (overrides the scenario)',
  },
  out: {
    type: 'string',
    default: 'out',
    requiresArg: true,
    describe: 'Folder for reports; each scenario gets <out>/<scenario>/',
  },
  threads: {
    type: 'string',
    requiresArg: true,
    describe:
      'Threads to simulate on (default: all cores for a large run, else 1); ' +
      'results do not depend on it',
  },
  format: {
    type: 'string',
    requiresArg: true,
    describe: `Outputs to write, comma separated: ${ALL_REPORT_FORMATS.join(', ')} (default: all)`,
  },
  json: { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout' },
  quiet: { type: 'boolean', default: false, alias: 'q', describe: 'Print nothing but errors' },
  watch: {
    type: 'boolean',
    default: false,
    describe:
      'Serve the reports on 127.0.0.1 and run again when a scenario file is saved; ' +
      'open reports reload',
  },
  port: {
    type: 'string',
    requiresArg: true,
    describe: 'Port of the --watch server (default: any free port; the address is printed)',
  },
  precision: {
    type: 'string',
    requiresArg: true,
    describe:
      'Add trials until the standard error of annual P90 is at most this share of it, ' +
      "e.g. 1% (from --trials or the scenario's trials up)",
  },
  'max-trials': {
    type: 'string',
    requiresArg: true,
    describe:
      'Ceiling of the trials --precision may add up to, at least the trials it starts from ' +
      '(default 1,000,000, or those trials when more)',
  },
} as const;

/** --quiet of compare and solve: their result is the data on stdout, so it stays. */
const NOTES_QUIET = {
  type: 'boolean',
  default: false,
  alias: 'q',
  describe: 'Print no warnings or notes on stderr (errors still)',
} as const;

/** The options of `pertask compare`. */
export const COMPARE_OPTIONS = {
  trials: RUN_OPTIONS.trials,
  seed: RUN_OPTIONS.seed,
  out: { ...RUN_OPTIONS.out, describe: 'Folder for the comparison; it goes to <out>/compare/' },
  json: { type: 'boolean', default: false, describe: 'Print the comparison as JSON on stdout' },
  quiet: NOTES_QUIET,
} as const;

/** The options of `pertask solve`. */
export const SOLVE_OPTIONS = {
  vary: {
    type: 'string',
    demandOption: true,
    requiresArg: true,
    describe: 'Dotted key path of the input to vary; it is set to a plain number',
  },
  target: {
    type: 'string',
    demandOption: true,
    requiresArg: true,
    describe:
      'Target on per-task spend over the horizon (a year at 12 months), ' +
      "e.g. 'p80 <= budget' or 'mean < $120k'",
  },
  between: {
    type: 'string',
    array: true,
    requiresArg: true,
    describe: 'Range to search, in either order (default: a quarter to 4 times the current number)',
  },
  trials: RUN_OPTIONS.trials,
  seed: RUN_OPTIONS.seed,
  json: { type: 'boolean', default: false, describe: 'Print the result as JSON on stdout' },
  quiet: NOTES_QUIET,
} as const;

const THREADS_RULE = { min: 1, max: 256, writing: 'e.g. 2 or 8' } as const;
const PORT_RULE = { min: 0, max: 65_535, writing: 'e.g. 8080, or 0 for any free port' } as const;

/**
 * Builds the command-line interface over the given streams, so tests can run it
 * in-process. `run()` resolves to the exit code; nothing here calls process.exit.
 */
export function makeCli(argv: readonly string[], io: CliIo): { run(): Promise<number> } {
  return {
    async run(): Promise<number> {
      let exitCode: number = EXIT.ok;
      const parser = buildParser(io, argv, (code) => {
        exitCode = code;
      });
      let helpText = '';
      try {
        checkCommandName(argv);
        refuseRepeatedFlags(argv);
        // With a callback, yargs hands over help text instead of printing it,
        // so it reaches the given stdout rather than the console.
        await parser.parseAsync([...argv], {}, (_error, _args, output) => {
          helpText = output;
        });
        if (helpText !== '') io.stdout.write(`${helpText}\n`);
      } catch (error) {
        return reportFailure(error, io, argv);
      }
      return exitCode;
    },
  };
}

function buildParser(
  io: CliIo,
  argv: readonly string[],
  setExitCode: (code: number) => void,
): Argv {
  const parser = yargs()
    .scriptName('pertask')
    .usage("$0 <command> [options]\n\nForecast next year's AI spend per task, not per token.")
    .command(
      'run <scenario...>',
      'Forecast each scenario file and write its reports',
      (command) =>
        command
          .positional('scenario', {
            type: 'string',
            array: true,
            default: undefined,
            describe: 'Scenario YAML files',
          })
          .options(RUN_OPTIONS)
          .example('$0 run scenarios/support-triage.yaml', 'forecast one scenario')
          .example('$0 run scenarios/*.yaml --trials 50000', 'all of them, more trials')
          .example('$0 run scenarios/code-review.yaml --format html,xlsx', 'only two outputs')
          .example('$0 run my-scenario.yaml --watch', 'rerun on save; the open report reloads'),
      async (args) => {
        const options = {
          scenarios: (args.scenario ?? []).map(String),
          trials: readTrialsFlag('--trials', args.trials),
          seed: readSeedFlag(args.seed),
          out: checkOutPath(args.out),
          json: args.json,
          quiet: args.quiet,
          threads: readWholeFlag('--threads', args.threads, THREADS_RULE),
          formats: parseFormats(args.format),
          precision: readPrecision(args.precision, args['max-trials']),
        };
        // Like --max-trials without --precision: a flag that only means something with
        // another is refused alone rather than silently ignored.
        if (args.port !== undefined && !args.watch)
          throw new CliError('--port goes with --watch.', EXIT.usage);
        const port = readWholeFlag('--port', args.port, PORT_RULE) ?? 0;
        if (args.watch) {
          const stop = io.stopSignal ?? stopOnSignals();
          setExitCode(await watchCommand({ ...options, port }, io, stop));
        } else {
          setExitCode(await runCommand(options, io));
        }
      },
    )
    .command(
      'compare <scenario...>',
      'Compare scenario files and their options on common draws',
      (command) =>
        command
          .positional('scenario', { type: 'string', array: true, describe: 'Scenario YAML files' })
          .options(COMPARE_OPTIONS)
          .example('$0 compare scenarios/code-review.yaml', 'the scenario against its options')
          .example('$0 compare a.yaml b.yaml', 'two architectures, paired trial by trial'),
      async (args) => {
        const options = {
          scenarios: (args.scenario ?? []).map(String),
          trials: readTrialsFlag('--trials', args.trials),
          seed: readSeedFlag(args.seed),
          out: checkOutPath(args.out),
          json: args.json,
          quiet: args.quiet,
        };
        setExitCode(await compareCommand(options, io));
      },
    )
    .command(
      'solve <scenario>',
      'Find the limit of one input under which a target on spend over the horizon holds',
      (command) =>
        command
          .positional('scenario', { type: 'string', describe: 'Scenario YAML file' })
          .options(SOLVE_OPTIONS)
          .example(
            '$0 solve scenarios/code-review.yaml --vary ' +
              'workloads.code-review.steps.review-loop.calls.geometric.mean ' +
              "--target 'p80 <= budget'",
            'how deep the review loop may get before P80 breaks the budget',
          ),
      async (args) => {
        const options = {
          scenario: String(args.scenario),
          vary: args.vary,
          target: args.target,
          between: args.between,
          trials: readTrialsFlag('--trials', args.trials),
          seed: readSeedFlag(args.seed),
          json: args.json,
          quiet: args.quiet,
        };
        setExitCode(await solveCommand(options, io));
      },
    )
    .command(
      'validate <scenario...>',
      'Check scenario files without forecasting: every problem, with its place',
      (command) =>
        command
          .positional('scenario', {
            type: 'string',
            array: true,
            default: undefined,
            describe: 'Scenario YAML files',
          })
          .option('json', {
            type: 'boolean',
            default: false,
            describe: 'List every file with its errors and warnings as JSON on stdout',
          })
          .option('quiet', {
            ...RUN_OPTIONS.quiet,
            describe: 'Print nothing but errors on stderr (no warnings, no line per file)',
          })
          .example('$0 validate scenarios/*.yaml', 'check every example'),
      async (args) => {
        const files = (args.scenario ?? []).map(String);
        setExitCode(await validateCommand({ files, json: args.json, quiet: args.quiet }, io));
      },
    )
    .command(
      'init [path]',
      'Write a commented scenario to start from',
      (command) =>
        command
          .positional('path', {
            type: 'string',
            default: 'scenario.yaml',
            describe: 'Where to write it',
          })
          .option('template', {
            choices: Object.keys(SCENARIO_TEMPLATES),
            default: 'basic',
            describe: 'basic: one workload; agent: a tool loop with params and expressions',
          })
          .option('force', FORCE_OPTION)
          .example('$0 init scenarios/team.yaml --template agent', 'start from the agent template'),
      async (args) => {
        const template = args.template as TemplateName;
        const options = { path: String(args.path), template, force: args.force };
        setExitCode(await initCommand(options, io));
      },
    )
    .command(
      'schema',
      'Print the JSON Schema of scenario files (for editors)',
      (command) => command,
      () => setExitCode(schemaCommand(io)),
    );
  return registerUsageCommands(parser as unknown as Argv, io, setExitCode)
    .demandCommand(1, 'Name a command: pertask run <scenario...>, or see pertask --help')
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(readVersion())
    .wrap(Math.min(100, Number(io.env.COLUMNS ?? 100)))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      const shown = rewordUsageMessage(message, argv);
      throw new CliError(`${shown}\nRun \`pertask --help\` for usage.`, EXIT.usage);
    })
    .showHelpOnFail(false)
    .epilogue('Exit codes: 0 success, 1 failure while running, 2 bad usage or a bad scenario.')
    .locale('en') as unknown as Argv;
}

/**
 * A first word that is no command is refused with the list of commands (and
 * the nearest one), before yargs would call it an unknown argument.
 */
function checkCommandName(argv: readonly string[]): void {
  const first = argv[0];
  if (first === undefined || first.startsWith('-')) return;
  const commands: readonly string[] = COMMAND_NAMES;
  if (commands.includes(first)) return;
  const near = closestNames(first, commands, 1);
  const guess = near.length > 0 ? ` Did you mean \`${near[0]}\`?` : '';
  throw new CliError(
    `\`${first}\` is not a command.${guess}\nCommands: ${commands.join(', ')}; ` +
      'run `pertask --help` for usage.',
    EXIT.usage,
  );
}

/**
 * The top-level commands, in the order `--help` lists them. Kept here rather
 * than read out of yargs, whose list of commands is not public API; a test
 * checks it against the help.
 */
export const COMMAND_NAMES = [
  'run',
  'compare',
  'solve',
  'validate',
  'init',
  'schema',
  'dashboard',
  'calibrate',
  'backtest',
  'prices',
] as const;

/** Aborts on Ctrl-C or SIGTERM; only watch mode listens, so a plain run still stops at once. */
function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return controller.signal;
}

/** The package's version for --version, from pertask's package.json above this file. */
function readVersion(): string {
  return findPackageManifest()?.version ?? 'unknown';
}

/** `--precision 1%` (or 0.01) and `--max-trials` as a target share and a ceiling. */
function readPrecision(text: string | undefined, ceiling: string | undefined) {
  if (text === undefined) {
    if (ceiling !== undefined)
      throw new CliError('--max-trials goes with --precision.', EXIT.usage);
    return undefined;
  }
  const share = parseShare(String(text)) ?? NaN;
  if (!(share > 0 && share < 1)) {
    throw new CliError(
      `--precision takes a share above 0 and below 100%, e.g. 1%; got ${text}.`,
      EXIT.usage,
    );
  }
  // Undefined when not given: the default depends on the trials each scenario starts from.
  return { target: share, ceiling: readTrialsFlag('--max-trials', ceiling) };
}

function reportFailure(error: unknown, io: CliIo, argv: readonly string[]): number {
  if (error instanceof CliError) {
    io.stderr.write(`pertask: ${error.message}\n`);
    return error.exitCode;
  }
  // yargs reports some usage errors (a flag without its value) by throwing.
  if (error instanceof Error && error.name === 'YError') {
    const shown = rewordUsageMessage(error.message, argv);
    io.stderr.write(`pertask: ${shown}\nRun \`pertask --help\` for usage.\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`pertask: failed while running: ${message}\n`);
  if (io.env.PERTASK_DEBUG && error instanceof Error && error.stack)
    io.stderr.write(`${error.stack}\n`);
  return EXIT.failure;
}
