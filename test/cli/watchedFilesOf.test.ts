import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchedFilesOf } from '../../cli/watchedFilesOf.js';
import { makeTemporaryFolder } from './runCli.js';

describe('watchedFilesOf', () => {
  it('lists a scenario, the file it extends and the CSV and catalog that file names', () => {
    const folder = makeTemporaryFolder();
    mkdirSync(join(folder, 'lib'));
    writeFileSync(join(folder, 'lib', 'tasks.csv'), 'n\n100\n');
    const base =
      'start: 2027-01\nprices:\n  catalog: team-prices.json\nworkloads:\n  w:\n' +
      '    tasks_per_month: { empirical: { csv: tasks.csv, column: n } }\n' +
      '    steps:\n      s:\n        model: gpt-4o\n        input_tokens: 1000\n';
    writeFileSync(join(folder, 'lib', 'base.yaml'), base);
    writeFileSync(join(folder, 'child.yaml'), 'extends: lib/base.yaml\nscenario: s\n');
    // The files written above, the catalog named (not yet written, but watched for), all
    // absolute and sorted; the missing scenario by its name alone.
    const names = [
      'child.yaml',
      'gone.yaml',
      'lib/base.yaml',
      'lib/tasks.csv',
      'lib/team-prices.json',
    ];
    expect(watchedFilesOf(['child.yaml', 'gone.yaml'], folder)).toEqual(
      names.map((name) => join(folder, name)),
    );
  });
});
