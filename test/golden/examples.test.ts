import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FOLDER, goldenSummaryOf } from '../../tools/updateGolden.js';

const EXAMPLES = readdirSync('scenarios').filter((name) => name.endsWith('.yaml'));

// Time zone and locale are pinned in vitest.config.ts. A difference here means
// the numbers moved: if that was intended, run `npx tsx tools/updateGolden.ts`
// and say why in the commit.
describe('the bundled examples', () => {
  it.each(EXAMPLES)('%s forecasts exactly its committed golden summary', (name) => {
    const text = readFileSync(join('scenarios', name), 'utf8');
    const golden = readFileSync(
      join(GOLDEN_FOLDER, name.replace(/\.yaml$/, '.summary.json')),
      'utf8',
    );
    expect(goldenSummaryOf(text)).toBe(golden);
  });
});
