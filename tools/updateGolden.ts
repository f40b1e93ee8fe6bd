/**
 * Rewrites the golden files that test/golden/ compares against: each bundled
 * scenario forecast with GOLDEN_TRIALS trials at its own seed, and the
 * Vega-Lite spec of each of its charts, built from that summary. Run after a
 * change that is meant to move the numbers or the charts, and say in the
 * commit why they moved: `npm run golden`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forecastScenarioText } from '../engine/forecast.js';
import type { Summary } from '../engine/summaryTypes.js';
import { buildCharts } from '../reports/buildCharts.js';

export const GOLDEN_TRIALS = 2000;
export const GOLDEN_FOLDER = 'test/golden';

/** The golden text of one scenario file: its summary as JSON, or a thrown error. */
export function goldenSummaryOf(scenarioText: string): string {
  const outcome = forecastScenarioText(scenarioText, { trials: GOLDEN_TRIALS });
  if (!outcome.ok) throw new Error(`scenario does not validate: ${outcome.issues[0]?.message}`);
  return `${JSON.stringify(outcome.summary, null, 2)}\n`;
}

/** Where an example's golden chart specs live: test/golden/specs/<example>/. */
export function goldenSpecFolderOf(example: string): string {
  return join(GOLDEN_FOLDER, 'specs', example.replace(/\.yaml$/, ''));
}

/** Each chart's spec as the report writes it (`<chart>.vl.json`), by file name. */
export function goldenSpecsOf(summary: Summary): Map<string, string> {
  return new Map(
    buildCharts(summary).map((chart) => [
      `${chart.name}.vl.json`,
      `${JSON.stringify(chart.spec, null, 2)}\n`,
    ]),
  );
}

function main(): void {
  for (const name of readdirSync('scenarios').filter((file) => file.endsWith('.yaml'))) {
    const text = readFileSync(join('scenarios', name), 'utf8');
    const target = join(GOLDEN_FOLDER, name.replace(/\.yaml$/, '.summary.json'));
    const summaryText = goldenSummaryOf(text);
    writeFileSync(target, summaryText);
    process.stdout.write(`wrote ${target}\n`);
    const specFolder = goldenSpecFolderOf(name);
    mkdirSync(specFolder, { recursive: true });
    for (const [file, spec] of goldenSpecsOf(JSON.parse(summaryText) as Summary)) {
      writeFileSync(join(specFolder, file), spec);
    }
    process.stdout.write(`wrote ${specFolder}/*.vl.json\n`);
  }
}

if (process.argv[1]?.endsWith('updateGolden.ts')) main();
