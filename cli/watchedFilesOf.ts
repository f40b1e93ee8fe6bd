import { resolve } from 'node:path';
import { loadScenarioFile } from './loadScenarioFile.js';

/**
 * The absolute paths `--watch` watches: every scenario named on the command
 * line and every file each is made from (what it extends and includes, the
 * CSVs it names), sorted. Read again after each run, since a save may add or
 * drop an `extends:`. A scenario that cannot be read counts as its own name
 * alone, so that creating it runs again. Costs one composition and validation
 * per scenario. A `prices.catalog` file is not listed, so saving one alone
 * runs nothing (README, Known limitations).
 */
export function watchedFilesOf(scenarios: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const scenario of scenarios) {
    files.add(resolve(cwd, scenario));
    try {
      for (const file of loadScenarioFile(scenario, cwd).files) files.add(file);
    } catch {
      // Unreadable: the run itself says why; the name alone is watched.
    }
  }
  return [...files].sort();
}
