import { isMap, isScalar, isSeq, Pair, visit, YAMLMap, type Node } from 'yaml';
import {
  loadScenarioDocument,
  type ScenarioDocument,
  type SourceSpan,
} from './loadScenarioDocument.js';
import type { ScenarioIssue } from './scenarioIssue.js';
import { DISTRIBUTION_FAMILIES, DISTRIBUTION_OPTIONS } from './validate/distributionFamilies.js';
import { COUNT_FAMILIES } from './validate/readSteps.js';

/** Reads a file named by `extends:` or `include:`, relative to the file that names it. */
export type ScenarioFileReader = (
  fromFile: string,
  relativePath: string,
) => { readonly file: string; readonly text: string } | { readonly reason: string };

/** A scenario put together from its file and the files it extends and includes. */
export interface ComposedScenario {
  readonly source: ScenarioDocument;
  /** The text of every file read, by name, to print source lines under issues. */
  readonly texts: ReadonlyMap<string, string>;
}

/** Files may extend files that extend files, up to this depth. */
export const MAX_COMPOSE_DEPTH = 8;

/**
 * Composes a scenario: `extends: base.yaml` is the base, `include: [a.yaml]`
 * files are merged over it in order, and the file itself over them, each
 * merge deep for maps (later wins) and whole for lists, values and
 * distributions (`isDistributionMap`). Every node
 * keeps the file it came from, so an issue names the file the fault is in.
 * The engine reads no file itself: `read` is the CLI's.
 */
export function composeScenario(
  file: string,
  text: string,
  read: ScenarioFileReader,
): ComposedScenario {
  const texts = new Map<string, string>([[file, text]]);
  const origins = new WeakMap<Node, { file: string; doc: ScenarioDocument }>();
  const issues: ScenarioIssue[] = [];
  const load = (name: string, body: string): ScenarioDocument => {
    const doc = loadScenarioDocument(body);
    texts.set(name, body);
    for (const issue of doc.issues) issues.push({ ...issue, file: name });
    visit(doc.document, (_key, node) => {
      if (node instanceof Object && 'range' in node) origins.set(node as Node, { file: name, doc });
    });
    return doc;
  };
  const main = load(file, text);
  const root = resolveLayers(file, main, [file], { read, load, issues, depth: 0 });
  const locate = (node: Node | null | undefined): SourceSpan => {
    const origin = node ? origins.get(node) : undefined;
    // A node made by merging layers takes the place of the main file's node.
    if (origin === undefined) return { ...main.locate(node), file };
    return { ...origin.doc.locate(node), file: origin.file };
  };
  const document = main.document.clone() as typeof main.document;
  document.contents = root as never;
  const source: ScenarioDocument = {
    document,
    locate,
    locateKey: (path) => locate(findKey(root, path)),
    issues,
  };
  return { source, texts };
}

interface Loader {
  readonly read: ScenarioFileReader;
  readonly load: (file: string, text: string) => ScenarioDocument;
  readonly issues: ScenarioIssue[];
  readonly depth: number;
}

/** The root map of a file with its base and includes merged under it. */
function resolveLayers(
  file: string,
  doc: ScenarioDocument,
  chain: readonly string[],
  loader: Loader,
): unknown {
  const root = doc.document.contents;
  if (!isMap(root) || doc.issues.length > 0) return root;
  const own = new YAMLMap();
  own.range = root.range;
  const layers: unknown[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'extends' || key === 'include') {
      const names = namesOf(pair.value as Node | null, key, file, doc, loader.issues);
      for (const [name, node] of names) {
        const layer = readLayer(file, name, node, doc, chain, loader);
        if (layer !== undefined) layers.push(layer);
      }
    } else own.items.push(pair);
  }
  // extends first, then includes in order: the pairs above were met in file order,
  // so a file that writes `include` before `extends` still gets its base first.
  const ordered = orderLayers(root, layers);
  return [...ordered, own].reduce((base, over) => mergeMaps(base, over));
}

function orderLayers(root: YAMLMap, layers: unknown[]): unknown[] {
  const extendsFirst = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'extends');
  const includeFirst = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'include');
  if (extendsFirst < 0 || includeFirst < 0 || extendsFirst < includeFirst) return layers;
  return [layers[layers.length - 1], ...layers.slice(0, -1)];
}

function namesOf(
  node: Node | null,
  key: string,
  file: string,
  doc: ScenarioDocument,
  issues: ScenarioIssue[],
): [string, Node][] {
  const items = key === 'include' && isSeq(node) ? node.items : [node];
  const names: [string, Node][] = [];
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
      names.push([item.value.trim(), item]);
      continue;
    }
    const what = key === 'extends' ? 'one file name' : 'a list of file names';
    issues.push(fileIssue(doc, file, item as Node | null, key, `\`${key}\` takes ${what}.`));
  }
  return names;
}

function readLayer(
  file: string,
  name: string,
  node: Node,
  doc: ScenarioDocument,
  chain: readonly string[],
  loader: Loader,
): unknown {
  const found = loader.read(file, name);
  if ('reason' in found) {
    loader.issues.push(
      fileIssue(doc, file, node, name, `Cannot read \`${name}\`: ${found.reason}.`),
    );
    return undefined;
  }
  if (chain.includes(found.file) || loader.depth >= MAX_COMPOSE_DEPTH) {
    const message = chain.includes(found.file)
      ? `\`${name}\` is already part of this scenario: ${[...chain, found.file].join(' -> ')}.`
      : `Files extend and include each other more than ${MAX_COMPOSE_DEPTH} deep.`;
    loader.issues.push({ ...fileIssue(doc, file, node, name, message), code: 'cycle' });
    return undefined;
  }
  const layer = loader.load(found.file, found.text);
  if (!isMap(layer.document.contents)) {
    if (layer.issues.length === 0) {
      loader.issues.push(fileIssue(doc, file, node, name, `\`${name}\` is not a map of keys.`));
    }
    return undefined;
  }
  const next = { ...loader, depth: loader.depth + 1 };
  return resolveLayers(found.file, layer, [...chain, found.file], next);
}

/**
 * Merges `over` into `base`: maps key by key (recursively), anything else
 * replaced. A map that names a distribution family is one value to a user, so
 * it replaces the base's whole: `{ gamma: ... }` over `{ lognormal: ... }` is
 * a gamma, not a map naming two families.
 */
function mergeMaps(base: unknown, over: unknown, parentKey = ''): unknown {
  if (!isMap(base) || !isMap(over) || isDistributionMap(over, parentKey)) return over;
  const merged = new YAMLMap();
  merged.range = over.range ?? base.range;
  const overByKey = new Map(over.items.map((pair) => [keyOf(pair as Pair), pair as Pair]));
  for (const pair of base.items as Pair[]) {
    const key = keyOf(pair);
    const replacement = overByKey.get(key);
    if (replacement === undefined) merged.items.push(pair);
    else
      merged.items.push(new Pair(replacement.key, mergeMaps(pair.value, replacement.value, key)));
  }
  const baseKeys = new Set((base.items as Pair[]).map(keyOf));
  for (const pair of over.items as Pair[]) if (!baseKeys.has(keyOf(pair))) merged.items.push(pair);
  return merged;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

const FAMILY_KEYS: ReadonlySet<string> = new Set([...DISTRIBUTION_FAMILIES, ...COUNT_FAMILIES]);
const OPTION_KEYS: ReadonlySet<string> = new Set(DISTRIBUTION_OPTIONS);

// Maps whose keys are names the user chose: a workload may be called `normal`.
const NAME_MAPS: ReadonlySet<string> = new Set([
  'workloads',
  'steps',
  'options',
  'params',
  'models',
  'set',
]);

/** A map of one family key and only `per`, `min`, `max` beside it, not a map of names. */
function isDistributionMap(map: YAMLMap, parentKey: string): boolean {
  if (NAME_MAPS.has(parentKey)) return false;
  const keys = (map.items as Pair[]).map(keyOf);
  const families = keys.filter((key) => FAMILY_KEYS.has(key));
  return families.length === 1 && keys.every((key) => FAMILY_KEYS.has(key) || OPTION_KEYS.has(key));
}

function findKey(root: unknown, path: readonly string[]): Node | null {
  let node: unknown = root;
  let keyNode: Node | null = null;
  for (const key of path) {
    if (!isMap(node)) return null;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair === undefined) return null;
    keyNode = pair.key as Node;
    node = pair.value;
  }
  return keyNode;
}

function fileIssue(
  doc: ScenarioDocument,
  file: string,
  node: Node | null,
  path: string,
  message: string,
): ScenarioIssue {
  const span = doc.locate(node);
  return { code: 'bad-file', severity: 'error', path, message, ...span, hint: '', file };
}
