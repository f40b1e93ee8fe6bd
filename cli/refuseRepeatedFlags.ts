import { CliError, EXIT } from './cliIo.js';

/**
 * The arguments that take several values: the file lists of `run`, `compare`,
 * `validate` and the usage commands, and `solve --between low high`.
 */
const MANY_VALUED = new Set(['scenario', 'logs', 'between']);

/**
 * Refuses a one-valued flag given more than once (exit 2), for every command
 * at once. yargs gathers the values into a list, which each reader would
 * otherwise take its own way: `--trials 100 --trials 200` read as the text
 * "100,200", 100,200 trials; `--out a --out b` as a folder named `a,b`;
 * `--format html --format json` failed while running. yargs names a flag
 * both as written (`max-trials`) and in camel case (`maxTrials`), and a short
 * alias (`q`) beside its long name: only the long name as written is checked.
 */
export function refuseRepeatedFlags(args: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(args)) {
    if (!Array.isArray(value) || MANY_VALUED.has(key)) continue;
    if (key.length === 1 || key === '_' || /[A-Z]/.test(key)) continue;
    throw new CliError(`--${key} is given more than once; give it once.`, EXIT.usage);
  }
}
