import { dirname, resolve } from 'node:path';
import { isScalar } from 'yaml';
import { loadScenarioFile, type LoadedScenario } from './loadScenarioFile.js';

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
      for (const file of [...loaded.files, ...catalogOf(loaded, cwd)]) files.add(file);
    } catch {
      // Unreadable: the run itself says why; the name alone is watched.
    }
  }
  return [...files].sort();
}

/** The catalog file `prices.catalog` names, beside the file that names it, as the run reads it. */
function catalogOf(loaded: LoadedScenario, cwd: string): string[] {
  const node = loaded.source.document.getIn(['prices', 'catalog'], true);
  if (!isScalar(node) || String(node.value).trim() === '') return [];
  const namedIn = loaded.source.locate(node).file ?? loaded.file;
  return [resolve(dirname(resolve(cwd, namedIn)), String(node.value).trim())];
}
