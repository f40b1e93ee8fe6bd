import { isAbsolute, relative } from 'node:path';
import { CliError, EXIT } from './cliIo.js';

/** How a failed write is told: paths relative to `cwd`, and what the user can do instead. */
export interface WriteContext {
  /** Folder the user's paths are relative to; paths inside it are shown relative. */
  readonly cwd: string;
  /** The way out, e.g. 'choose another folder with --out'. */
  readonly hint: string;
}

/** The one wording of a refused write: `cannot write <path> (<reason>); <hint>.` */
export function writeError(
  path: string,
  reason: string,
  exitCode: number,
  context: WriteContext,
): CliError {
  return new CliError(
    `cannot write ${showPath(path, context.cwd)} (${reason}); ${context.hint}.`,
    exitCode,
  );
}

/** A folder stands where a file is to be written: it is never replaced, even with --force. */
export function folderInPlaceError(path: string, context: WriteContext): CliError {
  const hint = `move it away, or ${context.hint}`;
  return writeError(path, 'it is a folder, not a file', EXIT.usage, { ...context, hint });
}

/**
 * Runs one file-system step, turning its errno into a CliError that names
 * `path`; `renamedBefore` files already in place are owned up to in the message.
 */
export async function guardWrite<T>(
  path: string,
  context: WriteContext,
  step: () => Promise<T>,
  renamedBefore = 0,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const { reason, exitCode } = describeWriteProblem(error, context.cwd, path);
    const partial =
      renamedBefore > 0
        ? `; ${renamedBefore} of the other files were already replaced, so the set is mixed`
        : '';
    throw writeError(path, `${reason}${partial}`, exitCode, context);
  }
}

/** A path as the user would write it: relative when inside `cwd`, else absolute. */
export function showPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  if (shown === '') return '.';
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

/**
 * Plain words for the errno of a failed write, and whose fault it is: a path
 * that cannot be written is bad usage (exit 2); a full or failing disk is a
 * failure while running (exit 1).
 */
export function describeWriteProblem(
  error: unknown,
  cwd: string,
  target?: string,
): { reason: string; exitCode: number } {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  const usage = (reason: string) => ({ reason, exitCode: EXIT.usage });
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return usage('permission denied');
    case 'EROFS':
      return usage('the file system is read-only');
    case 'ENOENT':
      return usage('nothing can be created there');
    case 'ENOTDIR':
      return usage(
        path === undefined
          ? 'part of the path is a file, not a folder'
          : `${path === target ? 'it' : showPath(path, cwd)} is a file, not a folder`,
      );
    case 'EISDIR':
      return usage('it is a folder, not a file');
    case 'ENAMETOOLONG':
      return usage('the name is too long');
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'the disk is full', exitCode: EXIT.failure };
    case 'EIO':
      return { reason: 'the disk failed to read or write (EIO)', exitCode: EXIT.failure };
    case 'EBUSY':
      return { reason: 'another program holds it (EBUSY)', exitCode: EXIT.failure };
    default: {
      // An errno's own message names our temporary file, which means nothing to the user.
      const message = error instanceof Error ? error.message : String(error);
      const reason = code === undefined ? message : `the system refused it (${code})`;
      return { reason, exitCode: EXIT.failure };
    }
  }
}
