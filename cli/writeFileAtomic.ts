import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';

/**
 * Writes a set of files so that none is ever seen half-written: each goes to a
 * temporary name in its folder first, and only when every one is complete are
 * they renamed into place. On failure the temporaries are removed.
 */
export async function writeFilesAtomically(
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const [target, content] of files) {
      await ensureFolder(dirname(target));
      const temporary = join(dirname(target), `.${process.pid}-${staged.length}.pertask.tmp`);
      staged.push({ temporary, target });
      await writeFile(temporary, content);
    }
    for (const { temporary, target } of staged) await rename(temporary, target);
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
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
        throw Object.assign(new Error(`${current} is a file, not a folder`), { code: 'ENOTDIR' });
      }
    }
  }
}
