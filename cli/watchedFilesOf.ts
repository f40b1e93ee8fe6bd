import { resolve } from 'node:path';
import { loadScenarioFile } from './loadScenarioFile.js';
import { namedCatalogOf } from './resolveScenarioCatalog.js';

/**
 * The absolute paths `--watch` watches: every scenario named on the command
 * line and every file each is made from (what it extends and includes, the
 * CSVs and the `prices.catalog` it names), sorted. Read again after each
 * run, since a save may add or drop an `extends:`. A scenario that cannot
 * be read counts as its own name alone, so that creating it runs again.
 * Costs one composition and validation per scenario.
 */
export function watchedFilesOf(scenarios: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const scenario of scenarios) {
    files.add(resolve(cwd, scenario));
    try {
      const loaded = loadScenarioFile(scenario, cwd);
      const catalog = namedCatalogOf(loaded.source, loaded.file, cwd)?.absolute;
      for (const file of [...loaded.files, ...(catalog === undefined ? [] : [catalog])]) {
        files.add(file);
      }
    } catch {
      // Unreadable: the run itself says why; the name alone is watched.
    }
  }
  return [...files].sort();
}
