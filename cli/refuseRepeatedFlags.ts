import { CliError, EXIT } from './cliIo.js';

/** The one flag that takes several values: `solve --between low high`. */
const MANY_VALUED = new Set(['between']);

/** The short aliases, by the long name they stand for. */
const SHORT_NAMES: Readonly<Record<string, string>> = { q: 'quiet', h: 'help' };

/**
 * Refuses a one-valued flag given more than once (exit 2), for every command
 * at once. It reads the arguments as typed, before yargs, because yargs does
 * not keep every repeat: it gathers `--trials 100 --trials 200` into a list,
 * which a reader would take its own way ("100,200", 100,200 trials; `--out a
 * --out b` a folder named `a,b`), and it adds up a number flag given twice,
 * so `--seed 1 --seed 1` ran with seed 2. A flag is one name however it is
 * written: `--max-trials` or `--maxTrials`, `--quiet`, `--no-quiet` or `-q`,
 * `--out x` or `--out=x`. Arguments after `--` are not flags.
 */
export function refuseRepeatedFlags(argv: readonly string[]): void {
  const seen = new Set<string>();
  for (const token of argv) {
    if (token === '--') return;
    const name = flagNameOf(token);
    if (name === undefined || MANY_VALUED.has(name)) continue;
    if (seen.has(name)) {
      throw new CliError(`--${name} is given more than once; give it once.`, EXIT.usage);
    }
    seen.add(name);
  }
}

/** The long name of the flag `token` writes, in kebab case; undefined for a value. */
function flagNameOf(token: string): string | undefined {
  const long = /^--(?:no-)?([^=]+)/.exec(token)?.[1];
  if (long !== undefined) return long.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const short = /^-([a-zA-Z])$/.exec(token)?.[1];
  return short === undefined ? undefined : (SHORT_NAMES[short] ?? short);
}
