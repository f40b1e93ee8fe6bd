import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT, type CliIo } from './cliIo.js';

/** Reads a file named on the command line; a missing file or a folder is a usage error. */
export async function readTextFile(file: string, io: CliIo, what: string): Promise<string> {
  try {
    return withoutByteOrderMark(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new CliError(`${file}: cannot read the ${what}: ${reason}.`, EXIT.usage);
  }
}

/**
 * Text without the UTF-8 byte-order mark some Windows editors write first:
 * left in, it would count as a character of line 1, shifting its columns and
 * carets by one, and be echoed under an error.
 */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
