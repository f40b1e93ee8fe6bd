/**
 * The option tables and yargs wiring of the commands that read usage logs and
 * prices: dashboard, calibrate, backtest and prices (with import and fit).
 */
import type { Argv } from 'yargs';
import { LITELLM_TASK_KEYS, type LiteLlmTaskKey } from '../engine/usage/readLiteLlmSpendLogs.js';
import { USAGE_FORMATS, type UsageFormat } from '../engine/usage/usageRecord.js';
import { parseShare } from '../engine/parseQuantity.js';
import { checkOutPath } from './checkOutPath.js';
import { FORCE_OPTION } from './checkOverwrite.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { readSeedFlag, readTrialsFlag, readWholeFlag } from './readWholeFlag.js';
import { fitPricesCommand, importPricesCommand, listPricesCommand } from './pricesCommand.js';
import { backtestCommand, calibrateCommand, dashboardCommand } from './usageCommands.js';

/** Options every command that reads usage logs takes. */
export const USAGE_OPTIONS = {
  tz: {
    type: 'string',
    default: 'UTC',
    requiresArg: true,
    describe: 'IANA time zone for times without one and for telling days and months apart',
  },
  format: {
    type: 'string',
    choices: USAGE_FORMATS,
    requiresArg: true,
    describe: 'Format of the logs (default: told from each file)',
  },
  'task-key': {
    type: 'string',
    choices: LITELLM_TASK_KEYS,
    default: 'session',
    describe:
      'LiteLLM spend logs: what groups calls into a task: its session, its agent, ' +
      'or tag (its request tag task:<id>)',
  },
  catalog: {
    type: 'string',
    requiresArg: true,
    describe: 'A catalog from `pertask prices import`, laid over the built-in prices',
  },
  quiet: { type: 'boolean', default: false, alias: 'q', describe: 'Print nothing but errors' },
} as const;

interface UsageArgs {
  tz: string;
  format?: string;
  'task-key': string;
  catalog?: string;
  quiet: boolean;
}

function usageInput(args: UsageArgs) {
  return {
    tz: args.tz,
    format: args.format as UsageFormat | undefined,
    taskKey: args['task-key'] as LiteLlmTaskKey,
    catalog: args.catalog,
    quiet: args.quiet,
  };
}

const MONTHS_RULE = { min: 1, max: 120, writing: 'e.g. 12 or 24' } as const;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Adds the usage and price commands to the parser. */
export function registerUsageCommands(
  parser: Argv,
  io: CliIo,
  setExitCode: (code: number) => void,
): Argv {
  return parser
    .command(
      'dashboard <logs...>',
      "The operator's dashboard of usage logs: tokens, tasks, prices paid, cost per task",
      (command) =>
        command
          .positional('logs', { type: 'string', array: true, describe: 'Usage files' })
          .options(USAGE_OPTIONS)
          .option('months', {
            type: 'string',
            default: '12',
            describe: 'Months back from the last',
          })
          .option('out', { type: 'string', default: 'out/dashboard', describe: 'Report folder' })
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON on stdout' })
          .example('$0 dashboard usage.csv --tz America/New_York', 'months told in New York'),
      async (args) => {
        const options = {
          ...usageInput(args as unknown as UsageArgs),
          logs: strings(args.logs),
          months: readWholeFlag('--months', args.months, MONTHS_RULE)!,
          out: checkOutPath(args.out),
          json: args.json,
        };
        setExitCode(await dashboardCommand(options, io));
      },
    )
    .command(
      'calibrate <logs...>',
      'Write a scenario fitted to usage logs; its first month reproduces the last logged one',
      (command) =>
        command
          .positional('logs', { type: 'string', array: true, describe: 'Usage files' })
          .options(USAGE_OPTIONS)
          .option('out', { type: 'string', demandOption: true, describe: 'Scenario file to write' })
          .option('name', { type: 'string', describe: 'Scenario name (default: from --out)' })
          .option('months', { type: 'string', default: '12', describe: 'Horizon of the scenario' })
          .option('trials', {
            type: 'string',
            default: '10000',
            describe: 'Trials of the scenario',
          })
          .option('force', FORCE_OPTION)
          .example('$0 calibrate usage.csv --out calibrated.yaml', 'fit, then pertask run it'),
      async (args) => {
        const options = {
          ...usageInput(args as unknown as UsageArgs),
          logs: strings(args.logs),
          out: checkOutPath(args.out),
          name: args.name,
          months: readWholeFlag('--months', args.months, MONTHS_RULE)!,
          trials: readTrialsFlag('--trials', args.trials)!,
          force: args.force,
        };
        setExitCode(await calibrateCommand(options, io));
      },
    )
    .command(
      'backtest <scenario> <logs...>',
      "How often logged months fell in the forecast's P10 to P90; both forecasts' errors",
      (command) =>
        command
          .positional('scenario', { type: 'string', describe: 'Scenario file' })
          .positional('logs', { type: 'string', array: true, describe: 'Usage files' })
          .options(USAGE_OPTIONS)
          .option('trials', { type: 'string', describe: 'Monte Carlo trials' })
          .option('seed', { type: 'string', describe: 'Seed of the random generator' })
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON on stdout' }),
      async (args) => {
        const options = {
          ...usageInput(args as unknown as UsageArgs),
          scenario: String(args.scenario),
          logs: strings(args.logs),
          trials: readTrialsFlag('--trials', args.trials),
          seed: readSeedFlag(args.seed),
          json: args.json,
        };
        setExitCode(await backtestCommand(options, io));
      },
    )
    .command(
      'prices',
      'List the catalog: every model, its prices and the date each was read',
      (command) =>
        command
          .option('catalog', USAGE_OPTIONS.catalog)
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON on stdout' })
          .command(
            'import <file>',
            'Read a price map in the LiteLLM JSON format into a catalog file',
            (sub) =>
              sub
                .positional('file', { type: 'string', describe: 'LiteLLM-format price map' })
                .option('out', { type: 'string', demandOption: true, describe: 'Catalog to write' })
                .option('as-of', {
                  type: 'string',
                  describe: "Date of the prices, YYYY-MM-DD (default: the map's last_updated)",
                })
                .option('force', FORCE_OPTION)
                .option('quiet', USAGE_OPTIONS.quiet),
            async (args) => {
              const options = {
                file: String(args.file),
                out: checkOutPath(args.out),
                asOf: args['as-of'] as string | undefined,
                quiet: Boolean(args.quiet),
                force: Boolean(args.force),
              };
              setExitCode(await importPricesCommand(options, io));
            },
          )
          .command(
            'fit <history>',
            'Estimate an annual price change from successive models of one tier',
            (sub) =>
              sub
                .positional('history', { type: 'string', describe: 'price-history.csv' })
                .option('models', { type: 'string', describe: 'The tier, comma-separated' })
                .option('input-share', {
                  type: 'string',
                  default: '75%',
                  describe: 'Share of input tokens in the blended price, e.g. 75% or 0.75',
                }),
            async (args) => {
              const written = String(args['input-share']);
              const share = parseShare(written) ?? NaN;
              if (!(share >= 0 && share <= 1)) {
                const message =
                  '--input-share takes a share from 0% to 100%, e.g. 75% or 0.75; ' +
                  `got ${written}.`;
                throw new CliError(message, EXIT.usage);
              }
              const options = {
                history: String(args.history),
                models: String(args.models ?? '')
                  .split(',')
                  .map((name) => name.trim())
                  .filter((name) => name !== ''),
                inputShare: share,
                json: Boolean(args.json),
              };
              setExitCode(await fitPricesCommand(options, io));
            },
          ),
      async (args) => {
        setExitCode(await listPricesCommand({ catalog: args.catalog, json: args.json }, io));
      },
    ) as unknown as Argv;
}
