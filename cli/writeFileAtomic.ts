import { mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import { checkWritableFolder } from './checkWritableFolder.js';
import { folderInPlaceError, guardWrite, type WriteContext } from './describeWriteProblem.js';

export type { WriteContext } from './describeWriteProblem.js';

/**
 * Writes a set of files all or nothing, as far as the file system allows:
 * every folder and every target is checked (a file in a folder's place, a
 * folder in a file's place, a folder that takes no files) before anything is
 * made; then the missing folders are made, each file goes to a temporary
 * name beside its target, and only when every one is complete are they
 * renamed into place. On failure the temporaries and the folders it made are
 * removed, and a CliError names the path and what is wrong with it.
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
  const folders = [...new Set(targets.map((target) => dirname(target)))];
  for (const folder of folders) await checkWritableFolder(folder, context);
  for (const target of targets) await checkReplaceable(target, context);
  const made: string[] = [];
  try {
    for (const folder of folders) {
      await guardWrite(folder, context, () => ensureFolder(folder, made));
    }
    await placeFiles(await stageFiles(files, context), context);
  } catch (error) {
    await removeFolders(made);
    throw error;
  }
}

/** Renames each staged file onto its target; the temporaries not renamed are removed. */
async function placeFiles(
  staged: readonly { temporary: string; target: string }[],
  context: WriteContext,
): Promise<void> {
  let renamed = 0;
  try {
    for (const { temporary, target } of staged) {
      await guardWrite(target, context, () => rename(temporary, target), renamed);
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
      await guardWrite(target, context, () => writeFile(temporary, content));
    }
  } catch (error) {
    await removeAll(staged.map((file) => file.temporary));
    throw error;
  }
  return staged;
}

/**
 * Removes the folders made for a failed set, one after another and deepest
 * first: removed at once, a parent can be tried before its child is gone and
 * stay behind. A folder that holds a file renamed into it before the failure
 * is not empty, so it stays.
 */
async function removeFolders(made: readonly string[]): Promise<void> {
  for (const folder of [...made].reverse()) await rmdir(folder).catch(() => undefined);
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/**
 * A target may be replaced when it is missing or is no folder; a name the
 * system refuses (too long) in a folder that exists is told here, before
 * anything is made.
 */
async function checkReplaceable(target: string, context: WriteContext): Promise<void> {
  const found = await guardWrite(target, context, () =>
    stat(target).catch((error: NodeJS.ErrnoException) => {
      // Missing, or under a missing folder or a file, which the folder check has judged.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw error;
    }),
  );
  if (found?.isDirectory() === true) throw folderInPlaceError(target, context);
}

/**
 * Creates a folder and its missing parents, one level at a time, adding each
 * level it made to `made`. Node 20's `mkdir(path, { recursive: true })` never
 * returns for some paths (under /proc, for one), so the CLI would hang
 * instead of reporting the problem.
 */
async function ensureFolder(folder: string, made: string[] = []): Promise<void> {
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
      made.push(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await stat(current)).isDirectory()) {
        const problem = new Error(`${current} is a file, not a folder`);
        throw Object.assign(problem, { code: 'ENOTDIR', path: current });
      }
    }
  }
}
