import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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
      await mkdir(dirname(target), { recursive: true });
      const temporary = join(dirname(target), `.${Date.now()}-${process.pid}-${staged.length}.tmp`);
      staged.push({ temporary, target });
      await writeFile(temporary, content);
    }
    for (const { temporary, target } of staged) await rename(temporary, target);
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }
}
