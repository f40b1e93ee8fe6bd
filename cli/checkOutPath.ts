import { CliError, EXIT } from './cliIo.js';

/**
 * An output path as given on the command line, refused when empty: `--out ""`
 * would resolve to the current folder and scatter outputs there.
 */
export function checkOutPath(value: unknown, flag = '--out'): string {
  const path = value === undefined ? '' : String(value);
  if (path.trim() === '') {
    throw new CliError(`${flag} is empty; name a path to write to, e.g. ${flag} out.`, EXIT.usage);
  }
  return path;
}
