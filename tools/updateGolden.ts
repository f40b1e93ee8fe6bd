/**
 * Rewrites the golden summaries that test/golden/examples.test.ts compares
 * against: each bundled scenario forecast with GOLDEN_TRIALS trials at its own
 * seed. Run after a change that is meant to move the numbers, and say in the
 * commit why they moved: `npx tsx tools/updateGolden.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forecastScenarioText } from '../engine/forecast.js';

export const GOLDEN_TRIALS = 2000;
export const GOLDEN_FOLDER = 'test/golden';

/** The golden text of one scenario file: its summary as JSON, or a thrown error. */
export function goldenSummaryOf(scenarioText: string): string {
  const outcome = forecastScenarioText(scenarioText, { trials: GOLDEN_TRIALS });
  if (!outcome.ok) throw new Error(`scenario does not validate: ${outcome.issues[0]?.message}`);
  return `${JSON.stringify(outcome.summary, null, 2)}\n`;
}

function main(): void {
  for (const name of readdirSync('scenarios').filter((file) => file.endsWith('.yaml'))) {
    const text = readFileSync(join('scenarios', name), 'utf8');
    const target = join(GOLDEN_FOLDER, name.replace(/\.yaml$/, '.summary.json'));
    writeFileSync(target, goldenSummaryOf(text));
    process.stdout.write(`wrote ${target}\n`);
  }
}

if (process.argv[1]?.endsWith('updateGolden.ts')) main();
