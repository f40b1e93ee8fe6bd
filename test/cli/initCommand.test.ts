import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTemporaryFolder, runCli } from './runCli.js';

describe('pertask init', () => {
  it.each(['basic', 'agent'])('writes the %s template, which validates cleanly', async (name) => {
    const folder = makeTemporaryFolder();
    const init = await runCli(['init', 'mine.yaml', '--template', name], folder);
    expect(init.code).toBe(0);
    const text = readFileSync(join(folder, 'mine.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*schema\/scenario\.schema\.json\n/);
    const check = await runCli(['validate', 'mine.yaml'], folder);
    expect(check.stderr).toBe('mine.yaml: valid (0 errors, 0 warnings)\n');
    expect(check.code).toBe(0);
  });

  it('never replaces an existing file without --force', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'scenario.yaml'), 'mine\n');
    const refused = await runCli(['init'], folder);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'pertask: scenario.yaml already exists; add --force to overwrite it, ' +
        'or choose another path: pertask init <path>.\n',
    );
    expect(readFileSync(join(folder, 'scenario.yaml'), 'utf8')).toBe('mine\n');
    const forced = await runCli(['init', '--force'], folder);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(folder, 'scenario.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
    expect(readdirSync(folder)).toEqual(['scenario.yaml']);
  });

  it('refuses a template it does not have', async () => {
    const folder = makeTemporaryFolder();
    const run = await runCli(['init', '--template', 'fancy'], folder);
    expect(run.code).toBe(2);
    expect(readdirSync(folder)).toEqual([]);
  });
});
