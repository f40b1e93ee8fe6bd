import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT } from './cliIo.js';
import { folderInPlaceError, showPath, type WriteContext } from './describeWriteProblem.js';

/** `--force` of every command that writes one named file (init, calibrate, prices import). */
export const FORCE_OPTION = {
  type: 'boolean',
  default: false,
  describe: 'Overwrite the file if it exists',
} as const;

/**
 * Refuses, before any work is done, to overwrite an existing file unless
 * `force` (--force) is given: one message for every command, naming the path
 * and saying that --force overwrites it. A folder at the path is refused even
 * with --force, as the writer would refuse it. Cost: one stat call.
 */
export async function checkOverwrite(
  target: string,
  force: boolean,
  context: WriteContext,
): Promise<void> {
  const absolute = resolve(context.cwd, target);
  const found = await stat(absolute).catch(() => undefined);
  if (found === undefined) return;
  if (found.isDirectory()) throw folderInPlaceError(absolute, context);
  if (force) return;
  throw new CliError(
    `${showPath(absolute, context.cwd)} already exists; add --force to overwrite it, ` +
      `or ${context.hint}.`,
    EXIT.usage,
  );
}
