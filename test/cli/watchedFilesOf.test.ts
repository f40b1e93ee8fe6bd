import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchedFilesOf } from '../../cli/watchedFilesOf.js';
import { makeTemporaryFolder } from './runCli.js';

describe('watchedFilesOf', () => {
  it('lists a scenario, the file it extends and the CSV that file names', () => {
    const folder = makeTemporaryFolder();
    mkdirSync(join(folder, 'lib'));
    writeFileSync(join(folder, 'lib', 'tasks.csv'), 'n\n100\n');
    const base =
      'start: 2027-01\nworkloads:\n  w:\n' +
      '    tasks_per_month: { empirical: { csv: tasks.csv, column: n } }\n' +
      '    steps:\n      s:\n        model: gpt-4o\n        input_tokens: 1000\n';
    writeFileSync(join(folder, 'lib', 'base.yaml'), base);
    writeFileSync(join(folder, 'child.yaml'), 'extends: lib/base.yaml\nscenario: s\n');
    // The three files written above, absolute and sorted; the missing one by its name alone.
    expect(watchedFilesOf(['child.yaml', 'gone.yaml'], folder)).toEqual(
      ['child.yaml', 'gone.yaml', 'lib/base.yaml', 'lib/tasks.csv'].map((f) => join(folder, f)),
    );
  });
});
