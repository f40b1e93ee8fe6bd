import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExampleLog, EXAMPLE_LOG_PATH } from '../tools/buildExampleLog.js';
import { makeTemporaryFolder, runCli } from './cli/runCli.js';

/** The README's example commands that read the shipped log, in the order it gives them. */
function logExampleCommands(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('To try the commands that read usage logs');
  if (start < 0) throw new Error('the README lacks the example log paragraph');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
  return block.split('\n').filter((line) => line.startsWith('pertask '));
}

describe("the README's usage-log examples", () => {
  it('ship a log that is exactly what tools/buildExampleLog.ts draws', () => {
    expect(readFileSync(EXAMPLE_LOG_PATH, 'utf8')).toBe(buildExampleLog());
  });

  it('name dashboard, calibrate and backtest, each on the shipped log', () => {
    const commands = logExampleCommands();
    expect(commands.map((command) => command.split(' ')[1])).toEqual([
      'dashboard',
      'calibrate',
      'backtest',
    ]);
    for (const command of commands) expect(command).toContain(EXAMPLE_LOG_PATH);
  });

  it('run as written, in order, each with exit code 0', async () => {
    // `out/` goes to a fresh folder, so the run leaves the clone as it was.
    const out = makeTemporaryFolder();
    for (const command of logExampleCommands()) {
      const argv = command
        .split(' ')
        .slice(1)
        .map((word) => (word.startsWith('out/') ? join(out, word.slice('out/'.length)) : word));
      const run = await runCli(argv);
      expect(run.code, `${command}\n${run.stderr}`).toBe(0);
    }
  }, 60_000);
});
