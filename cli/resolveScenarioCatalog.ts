import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isScalar } from 'yaml';
import type { ScenarioDocument } from '../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG, createPriceCatalog, type PriceCatalog } from '../engine/priceCatalog.js';
import { sortIssues, type ScenarioIssue } from '../engine/scenarioIssue.js';
import { readImportedCatalog } from '../engine/usage/importPriceMap.js';
import type { CliIo } from './cliIo.js';
import {
  composeScenarioFile,
  validateComposedFile,
  type LoadedScenario,
} from './loadScenarioFile.js';

/**
 * The file `prices.catalog` names, if any: where it is named (the scenario or a
 * file it extends or includes; `source` is the composed one) and its absolute
 * path, beside the file that names it. `run`, `validate` and `--watch` read it so.
 */
export function namedCatalogOf(source: ScenarioDocument, file: string, cwd: string) {
  const node = source.document.getIn(['prices', 'catalog'], true);
  if (!isScalar(node) || String(node.value).trim() === '') return undefined;
  const span = source.locate(node);
  const namedIn = span.file ?? file;
  const path = String(node.value).trim();
  return { span, namedIn, path, absolute: resolve(dirname(resolve(cwd, namedIn)), path) };
}

/**
 * The catalog a scenario is validated against: the built-in one, with the file
 * named by `prices.catalog` (read relative to the file that names it, the
 * scenario or a file it extends or includes; `source` is the composed one) laid over
 * it; `named` says whether the scenario named one. When that file cannot be
 * read or is not a catalog, `issue` is the located error and the catalog is the
 * built-in one, so that validation goes on and reports every other problem too.
 */
export async function resolveScenarioCatalog(
  source: ScenarioDocument,
  file: string,
  io: CliIo,
): Promise<ResolvedCatalog> {
  const named = namedCatalogOf(source, file, io.cwd);
  if (named === undefined) return { catalog: BUILTIN_CATALOG, named: false };
  const { span, namedIn, path, absolute } = named;
  const fail = (message: string, hint: string): ResolvedCatalog => {
    const issue: ScenarioIssue = {
      code: 'bad-file',
      severity: 'error',
      path: 'prices.catalog',
      message,
      hint,
      ...span,
      file: namedIn,
    };
    return { catalog: BUILTIN_CATALOG, named: true, issue };
  };
  let catalogText: string;
  try {
    catalogText = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : code;
    return fail(
      `Cannot read the catalog \`${path}\`: ${reason ?? 'unreadable'}.`,
      'the path is read from the folder of the file naming it; ' +
        'write the file with `pertask prices import`',
    );
  }
  const imported = readImportedCatalog(catalogText);
  if (!imported.ok) {
    const hint = 'write a catalog with `pertask prices import`, or remove `prices.catalog`';
    return fail(`The catalog \`${path}\` is ${imported.message}.`, hint);
  }
  const merged = new Map(BUILTIN_CATALOG.models);
  for (const entry of imported.entries) merged.set(entry.model, entry);
  return { catalog: createPriceCatalog([...merged.values()]), named: true };
}

export interface ResolvedCatalog {
  readonly catalog: PriceCatalog;
  readonly named: boolean;
  /** Why the named catalog cannot be used; the catalog is then the built-in one. */
  readonly issue?: ScenarioIssue;
}

/**
 * A scenario's issues with the catalog's own: when the named catalog cannot be
 * used, models it would have priced are not reported as unknown as well.
 */
export function withCatalogIssue<T extends ScenarioIssue & { readonly file: string }>(
  issues: readonly T[],
  resolved: ResolvedCatalog,
): T[] {
  if (resolved.issue === undefined) return [...issues];
  const rest = issues.filter((issue) => issue.code !== 'unknown-model');
  return sortIssues([{ ...resolved.issue, file: resolved.issue.file! } as T, ...rest]) as T[];
}

/**
 * A scenario file composed once, its catalog read from wherever `prices.catalog`
 * is named, and validated against it: the road of `run` and `validate`, with a
 * catalog's own problem in place of the unknown models it causes.
 */
export async function loadScenarioWithCatalog(
  file: string,
  text: string,
  io: CliIo,
): Promise<{ readonly loaded: LoadedScenario; readonly resolved: ResolvedCatalog }> {
  const composed = composeScenarioFile(file, text, io.cwd);
  const resolved = await resolveScenarioCatalog(composed.source, file, io);
  const loaded = validateComposedFile(composed, resolved.catalog);
  return { loaded: { ...loaded, issues: withCatalogIssue(loaded.issues, resolved) }, resolved };
}
