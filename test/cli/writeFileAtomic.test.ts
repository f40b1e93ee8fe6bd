import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritableFolder } from '../../cli/checkWritableFolder.js';
import { CliError } from '../../cli/cliIo.js';
import { describeWriteProblem } from '../../cli/describeWriteProblem.js';
import { writeFilesAtomically } from '../../cli/writeFileAtomic.js';
import { makeTemporaryFolder } from './runCli.js';

const HINT = 'choose another folder with --out';

/** The CliError a write rejects with; fails the test when it resolves. */
async function failureOf(write: Promise<void>): Promise<CliError> {
  const error = await write.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('writeFilesAtomically', () => {
  it('writes every file of a set, making its folders, and leaves no temporary', async () => {
    const cwd = makeTemporaryFolder();
    const files = new Map([
      [join(cwd, 'a', 'one.txt'), 'one'],
      [join(cwd, 'b', 'c', 'two.txt'), 'two'],
    ]);
    await writeFilesAtomically(files, { cwd, hint: HINT });
    expect(readFileSync(join(cwd, 'a', 'one.txt'), 'utf8')).toBe('one');
    expect(readdirSync(join(cwd, 'b', 'c'))).toEqual(['two.txt']);
  });

  it('replaces none of the set when a folder stands in one target’s place', async () => {
    const cwd = makeTemporaryFolder();
    writeFileSync(join(cwd, 'first.txt'), 'old');
    mkdirSync(join(cwd, 'second.txt'));
    const files = new Map([
      [join(cwd, 'first.txt'), 'new'],
      [join(cwd, 'second.txt'), 'new'],
    ]);
    const error = await failureOf(writeFilesAtomically(files, { cwd, hint: HINT }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `cannot write second.txt (it is a folder, not a file); move it away, or ${HINT}.`,
    );
    expect(readFileSync(join(cwd, 'first.txt'), 'utf8')).toBe('old');
    expect(readdirSync(cwd).sort()).toEqual(['first.txt', 'second.txt']);
  });

  it('names a file that stands where a folder of the set would go', async () => {
    const cwd = makeTemporaryFolder();
    writeFileSync(join(cwd, 'out'), 'a file');
    const files = new Map([[join(cwd, 'out', 'report.html'), 'page']]);
    const error = await failureOf(writeFilesAtomically(files, { cwd, hint: HINT }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`cannot write out (it is a file, not a folder); ${HINT}.`);
  });

  it('removes the temporaries it wrote when a later one cannot be written', async () => {
    const cwd = makeTemporaryFolder();
    // /proc exists but takes no new files: the second temporary fails after the first is written.
    const files = new Map([
      [join(cwd, 'fine.txt'), 'fine'],
      ['/proc/pertask-test.txt', 'never'],
    ]);
    const error = await failureOf(writeFilesAtomically(files, { cwd, hint: HINT }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `cannot write /proc/pertask-test.txt (nothing can be created there); ${HINT}.`,
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('removes the folders it made when a later file of the set cannot be written', async () => {
    const cwd = makeTemporaryFolder();
    const files = new Map([
      [join(cwd, 'new', 'deeper', 'fine.txt'), 'fine'],
      ['/proc/pertask-test.txt', 'never'],
    ]);
    const error = await failureOf(writeFilesAtomically(files, { cwd, hint: HINT }));
    expect(error.message).toContain('/proc/pertask-test.txt');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('removes a deep chain of folders it made, every level, in every attempt', async () => {
    // Removed all at once, a parent could be tried before its child was gone: before the fix
    // a chain of 12 levels stayed behind in about one attempt of five.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const cwd = makeTemporaryFolder();
      const levels = Array.from({ length: 12 }, (_, level) => `level-${level}`);
      const files = new Map([
        [join(cwd, ...levels, 'fine.txt'), 'fine'],
        ['/proc/pertask-test.txt', 'never'],
      ]);
      await failureOf(writeFilesAtomically(files, { cwd, hint: HINT }));
      expect(readdirSync(cwd)).toEqual([]);
    }
  });

  it('keeps a folder that was there before, removing only those it made', async () => {
    const cwd = makeTemporaryFolder();
    mkdirSync(join(cwd, 'mine'));
    const files = new Map([
      [join(cwd, 'mine', 'new', 'fine.txt'), 'fine'],
      ['/proc/pertask-test.txt', 'never'],
    ]);
    await failureOf(writeFilesAtomically(files, { cwd, hint: HINT }));
    expect(readdirSync(cwd)).toEqual(['mine']);
    expect(readdirSync(join(cwd, 'mine'))).toEqual([]);
  });

  it('refuses a name the system cannot hold, leaving no folder made for it', async () => {
    const cwd = makeTemporaryFolder();
    const long = `${'x'.repeat(300)}.txt`;
    const files = new Map([[join(cwd, 'new', long), 'never']]);
    const error = await failureOf(writeFilesAtomically(files, { cwd, hint: HINT }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`cannot write new/${long} (the name is too long); ${HINT}.`);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('checkWritableFolder', () => {
  it('passes a folder that does not exist yet and leaves nothing behind', async () => {
    const cwd = makeTemporaryFolder();
    await checkWritableFolder(join(cwd, 'a', 'b', 'c'), { cwd, hint: HINT });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names a file that stands in the folder’s place, or above it', async () => {
    const cwd = makeTemporaryFolder();
    writeFileSync(join(cwd, 'out'), 'a file');
    const itself = await failureOf(checkWritableFolder(join(cwd, 'out'), { cwd, hint: HINT }));
    expect(itself.message).toBe(`cannot write out (it is a file, not a folder); ${HINT}.`);
    const below = await failureOf(checkWritableFolder(join(cwd, 'out', 'x'), { cwd, hint: HINT }));
    expect(below.message).toBe(`cannot write out/x (out is a file, not a folder); ${HINT}.`);
    expect(below.exitCode).toBe(2);
  });

  it('refuses a place where nothing can be made, even for root', async () => {
    const cwd = makeTemporaryFolder();
    const error = await failureOf(checkWritableFolder('/proc/pertask-test/x', { cwd, hint: HINT }));
    expect(error.message).toBe(
      `cannot write /proc/pertask-test/x (nothing can be created there); ${HINT}.`,
    );
    expect(existsSync('/proc/pertask-test')).toBe(false);
  });
});

describe('describeWriteProblem', () => {
  const errno = (code: string, path?: string) => Object.assign(new Error(code), { code, path });

  it.each([
    ['EACCES', 'permission denied', 2],
    ['EROFS', 'the file system is read-only', 2],
    ['ENOSPC', 'the disk is full', 1],
    ['EIO', 'the disk failed to read or write (EIO)', 1],
    ['EMFILE', 'the system refused it (EMFILE)', 1],
  ])('words %s as "%s", with exit %i', (code, reason, exitCode) => {
    expect(describeWriteProblem(errno(code), '/work')).toEqual({ reason, exitCode });
  });

  it('names the file that blocks a folder relative to the current folder', () => {
    const problem = describeWriteProblem(errno('ENOTDIR', '/work/out/a'), '/work', '/work/out/a/b');
    expect(problem.reason).toBe('out/a is a file, not a folder');
  });
});
