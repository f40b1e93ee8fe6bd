import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../cli/cliIo.js';
import { describeWriteProblem, writeFilesAtomically } from '../../cli/writeFileAtomic.js';
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
