import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../engine/summaryTypes.js';
import { GOLDEN_FOLDER, goldenSpecFolderOf, goldenSpecsOf } from '../../tools/updateGolden.js';

const EXAMPLES = readdirSync('scenarios').filter((name) => name.endsWith('.yaml'));

// The specs are built from the committed golden summaries, so a difference here is a change
// in the charts, not in the numbers. If it was intended, run `npm run golden` and say why.
describe('the bundled examples’ charts', () => {
  it.each(EXAMPLES)('%s builds exactly its committed Vega-Lite specs', (name) => {
    const summaryFile = join(GOLDEN_FOLDER, name.replace(/\.yaml$/, '.summary.json'));
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
    const built = goldenSpecsOf(summary);
    const folder = goldenSpecFolderOf(name);
    expect(readdirSync(folder).sort()).toEqual([...built.keys()].sort());
    for (const [file, spec] of built) {
      expect(spec, `${folder}/${file}`).toBe(readFileSync(join(folder, file), 'utf8'));
    }
  });
});
