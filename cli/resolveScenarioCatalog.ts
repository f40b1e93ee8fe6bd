import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isScalar } from 'yaml';
import type { ScenarioDocument } from '../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG, createPriceCatalog, type PriceCatalog } from '../engine/priceCatalog.js';
import { formatIssue } from '../engine/scenarioIssue.js';
import { readImportedCatalog } from '../engine/usage/importPriceMap.js';
import type { CliIo } from './cliIo.js';

/**
 * The catalog a scenario is validated against: the built-in one, with the file
 * named by `prices.catalog` (read relative to the scenario's folder) laid over
 * it. Prints a located error and returns undefined when that file cannot be
 * read or is not a catalog; `named` says whether the scenario named one.
 */
export async function resolveScenarioCatalog(
  source: ScenarioDocument,
  file: string,
  text: string,
  io: CliIo,
): Promise<{ catalog: PriceCatalog; named: boolean } | undefined> {
  const node = source.document.getIn(['prices', 'catalog'], true);
  if (!isScalar(node) || String(node.value).trim() === '') {
    return { catalog: BUILTIN_CATALOG, named: false };
  }
  const path = String(node.value).trim();
  const fail = (message: string, hint: string): undefined => {
    const span = source.locate(node);
    const issue = {
      code: 'wrong-type' as const,
      severity: 'error' as const,
      path: 'prices.catalog',
      message,
      hint,
      ...span,
    };
    io.stderr.write(`${formatIssue(issue, file, text)}\n`);
    return undefined;
  };
  let catalogText: string;
  try {
    catalogText = await readFile(resolve(dirname(resolve(io.cwd, file)), path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return fail(
      `Cannot read the catalog \`${path}\` (${code}).`,
      "the path is read from the scenario's folder; write the file with `pertask prices import`",
    );
  }
  const imported = readImportedCatalog(catalogText);
  if (!imported.ok) return fail(`The catalog \`${path}\` is ${imported.message}.`, '');
  const merged = new Map(BUILTIN_CATALOG.models);
  for (const entry of imported.entries) merged.set(entry.model, entry);
  return { catalog: createPriceCatalog([...merged.values()]), named: true };
}
