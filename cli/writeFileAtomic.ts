import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { CliError, EXIT } from './cliIo.js';

/** How a failed write is told: paths relative to `cwd`, and what the user can do instead. */
export interface WriteContext {
  /** Folder the user's paths are relative to; paths inside it are shown relative. */
  readonly cwd: string;
  /** The way out, e.g. 'choose another folder with --out'. */
  readonly hint: string;
}

/**
 * Writes a set of files all or nothing, as far as the file system allows:
 * every folder is made and every target checked (a folder in a file's place
 * would stop the rename) before any file is touched; each file then goes to a
 * temporary name beside its target, and only when every one is complete are
 * they renamed into place. On failure the temporaries are removed and a
 * CliError names the path and what is wrong with it.
 *
 * Known limitation: a rename that fails after the checks passed (the disk
 * removed, a folder made in a target's place meanwhile) leaves the files
 * renamed before it in place beside the old ones; the error says how many.
 */
export async function writeFilesAtomically(
  files: ReadonlyMap<string, string | Uint8Array>,
  context: WriteContext,
): Promise<void> {
  const targets = [...files.keys()];
  for (const folder of new Set(targets.map((target) => dirname(target)))) {
    await guard(folder, context, () => ensureFolder(folder));
  }
  for (const target of targets) await checkReplaceable(target, context);
  const staged = await stageFiles(files, context);
  let renamed = 0;
  try {
    for (const { temporary, target } of staged) {
      await guard(target, context, () => rename(temporary, target), renamed);
      renamed += 1;
    }
  } finally {
    await removeAll(staged.slice(renamed).map((file) => file.temporary));
  }
}

/** Writes each file to a temporary name in its target's folder; none is left on failure. */
async function stageFiles(files: ReadonlyMap<string, string | Uint8Array>, context: WriteContext) {
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const [target, content] of files) {
      const temporary = join(dirname(target), `.${process.pid}-${staged.length}.pertask.tmp`);
      staged.push({ temporary, target });
      // The temporary's own name means nothing to the user: the error names the target.
      await guard(target, context, () => writeFile(temporary, content));
    }
  } catch (error) {
    await removeAll(staged.map((file) => file.temporary));
    throw error;
  }
  return staged;
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/** A target may be replaced when it is missing or is no folder. */
async function checkReplaceable(target: string, context: WriteContext): Promise<void> {
  const isFolder = await stat(target).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (isFolder) {
    const hint = `move it away, or ${context.hint}`;
    throw writeError(target, 'it is a folder, not a file', EXIT.usage, { ...context, hint });
  }
}

/**
 * Fails early, before minutes of simulation, when a folder of outputs could
 * not be made or written to.
 */
export async function prepareOutputFolder(folder: string, context: WriteContext): Promise<void> {
  await guard(folder, context, async () => {
    await ensureFolder(folder);
    await access(folder, constants.W_OK);
  });
}

/** Runs one file-system step, turning its errno into a CliError that names `path`. */
async function guard<T>(
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

function writeError(path: string, reason: string, exitCode: number, context: WriteContext) {
  return new CliError(
    `cannot write ${showPath(path, context.cwd)} (${reason}); ${context.hint}.`,
    exitCode,
  );
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

/**
 * Creates a folder and its missing parents, one level at a time. Node 20's
 * `mkdir(path, { recursive: true })` never returns for some paths (under
 * /proc, for one), so the CLI would hang instead of reporting the problem.
 */
export async function ensureFolder(folder: string): Promise<void> {
  const absolute = resolve(folder);
  const { root } = parse(absolute);
  const parts = absolute
    .slice(root.length)
    .split(/[\\/]/)
    .filter((part) => part !== '');
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    try {
      await mkdir(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await stat(current)).isDirectory()) {
        const problem = new Error(`${current} is a file, not a folder`);
        throw Object.assign(problem, { code: 'ENOTDIR', path: current });
      }
    }
  }
}
