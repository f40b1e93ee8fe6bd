import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileReader } from '../engine/validate/validationContext.js';
import { withoutByteOrderMark } from './readTextFile.js';

/** Largest file a scenario may name (a CSV of observations, a base scenario): 5 MB. */
const MAX_NAMED_FILE_BYTES = 5_000_000;

/**
 * The reader the engine is given for files a scenario names, relative to the
 * folder of the file that names them (the scenario's own, or a base's), each
 * file named the way the composition names it: relative to `cwd` or absolute.
 * The engine stays pure: it asks for a text and gets a text or a reason, and
 * never sees the file system.
 */
export function makeFileReader(
  scenarioFile: string,
  cwd: string,
  /** Told the absolute path of every file asked for, read or not (for `--watch`). */
  onRead: (path: string) => void = () => undefined,
): FileReader {
  return (relativePath, fromFile = scenarioFile) => {
    const path = resolve(dirname(resolve(cwd, fromFile)), relativePath);
    onRead(path);
    try {
      if (statSync(path).size > MAX_NAMED_FILE_BYTES) {
        return { reason: `it is larger than ${MAX_NAMED_FILE_BYTES} bytes` };
      }
      return withoutByteOrderMark(readFileSync(path, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { reason: 'no such file' };
      if (code === 'EISDIR') return { reason: 'it is a folder' };
      return { reason: String(code ?? error) };
    }
  };
}
