import { constants } from 'node:fs';
import { access, mkdir, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { guardWrite, type WriteContext } from './describeWriteProblem.js';

/**
 * The one check that a folder can take new files, made by the writer before
 * it touches anything and by commands before minutes of simulation: the
 * folder exists and is writable, or it does not exist yet and the nearest
 * folder above it takes a new folder. Nothing it makes outlives it: a missing
 * folder is probed by making its first missing level and removing it at
 * once, so a blocked command leaves no empty folder behind. A CliError names
 * the path and what is wrong (a file in the way, permission, no such place).
 * Cost: a few stat calls, one per missing level.
 */
export async function checkWritableFolder(folder: string, context: WriteContext): Promise<void> {
  const absolute = resolve(context.cwd, folder);
  await guardWrite(absolute, context, async () => {
    const existing = await findNearestExisting(absolute);
    if (!(await stat(existing)).isDirectory()) {
      const problem = new Error(`${existing} is a file, not a folder`);
      throw Object.assign(problem, { code: 'ENOTDIR', path: existing });
    }
    if (existing === absolute) {
      await access(absolute, constants.W_OK);
      return;
    }
    const [firstMissing = ''] = relative(existing, absolute).split(sep);
    const probe = join(existing, firstMissing);
    // access() passes for root anywhere, even where nothing can be made (/proc): try it.
    await mkdir(probe);
    await rmdir(probe);
  });
}

/** The path itself or the nearest folder above it that exists (a file there counts). */
async function findNearestExisting(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      // ENOTDIR: a file stands higher up the path, which the walk will reach.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw error;
      current = parent;
    }
  }
}
