import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  Pair,
  Scalar,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import { closestNames } from '../closestNames.js';
import type { ScenarioDocument } from '../loadScenarioDocument.js';
import type { ScenarioIssue } from '../scenarioIssue.js';
import { keysOf } from '../validate/validationContext.js';

/**
 * One key of a scenario replaced by another value: `path` is dotted from the
 * top (`workloads.review.steps.verify.model`), `value` a node of YAML that
 * remembers where it was written, so an error in it points at the override.
 */
export interface KeyOverride {
  readonly path: string;
  /** Where the override was written; used for errors about the path itself. */
  readonly keyNode: Node | null;
  readonly value: Node | null;
}

/** Top-level sections that describe variants of a scenario rather than the scenario. */
export const VARIANT_SECTIONS = ['options', 'planned_changes'] as const;

/**
 * A copy of the scenario document with each override applied, and without the
 * sections that describe variants (an option has none of its own) unless
 * `keepVariants` (goal seek varies a key of the scenario with its options). Keys on the
 * way to an override must exist, so a misspelt workload is an error rather
 * than a new workload; the last key may be new (a step an option adds). Dots
 * inside keys (`review-loop.calls` under `drift`) are matched by taking the
 * longest run of path parts that names an existing key.
 */
export function overrideDocument(
  source: ScenarioDocument,
  overrides: readonly KeyOverride[],
  keepVariants = false,
): { readonly source: ScenarioDocument; readonly issues: readonly ScenarioIssue[] } {
  const document = source.document.clone() as Document.Parsed;
  const root = document.contents;
  // Each copied node is located as its original, so an issue in the option's
  // scenario names the same file, line and column as one in the scenario.
  const originals = new WeakMap<object, Node>();
  pairCopies(source.document.contents, root, originals);
  const issues: ScenarioIssue[] = [];
  if (isMap(root) && !keepVariants) for (const section of VARIANT_SECTIONS) root.delete(section);
  for (const override of overrides) {
    const problem = applyOverride(root, override, originals);
    if (problem !== undefined) {
      issues.push({
        code: problem.code,
        severity: 'error',
        path: override.path,
        message: problem.message,
        ...source.locate(override.keyNode),
        hint: problem.hint,
      });
    }
  }
  const locate = (node: Node | null | undefined) =>
    source.locate(originals.get(node ?? {}) ?? node);
  return { source: { ...source, document, locate, issues: [] }, issues };
}

/** Records, for each node of a deep copy, the node it copies. */
function pairCopies(original: unknown, copy: unknown, originals: WeakMap<object, Node>): void {
  if (!isNode(original) || !isNode(copy)) return;
  originals.set(copy, original);
  if ((isMap(original) && isMap(copy)) || (isSeq(original) && isSeq(copy))) {
    original.items.forEach((item, index) => {
      const twin = copy.items[index];
      if (isPair(item) && isPair(twin)) {
        pairCopies(item.key, twin.key, originals);
        pairCopies(item.value, twin.value, originals);
      } else pairCopies(item, twin, originals);
    });
  }
}

interface OverrideProblem {
  readonly code: 'unknown-key' | 'wrong-type';
  readonly message: string;
  readonly hint: string;
}

function applyOverride(
  root: unknown,
  override: KeyOverride,
  originals: WeakMap<object, Node>,
): OverrideProblem | undefined {
  const parts = override.path.split('.').filter((part) => part !== '');
  let node: unknown = root;
  let walked: string[] = [];
  while (parts.length > 0) {
    if (!isMap(node)) {
      const where = walked.join('.');
      const message = `\`${where}\` is a single value, so it has no key \`${parts[0]}\`.`;
      return { code: 'wrong-type', message, hint: `override \`${walked.join('.')}\` itself` };
    }
    const take = longestKnownKey(node, parts);
    if (take === 0) {
      if (parts.length === 1) break;
      return unknownKey(node, parts[0]!, walked);
    }
    const key = parts.splice(0, take).join('.');
    walked = [...walked, key];
    if (parts.length === 0) {
      setKey(node, key, override, originals);
      return undefined;
    }
    node = node.get(key, true);
  }
  if (!isMap(node)) return { code: 'wrong-type', message: 'The path is empty.', hint: '' };
  setKey(node, parts[0]!, override, originals);
  return undefined;
}

function longestKnownKey(map: YAMLMap, parts: readonly string[]): number {
  for (let take = parts.length; take > 0; take -= 1) {
    if (map.has(parts.slice(0, take).join('.'))) return take;
  }
  return 0;
}

function unknownKey(map: YAMLMap, key: string, walked: readonly string[]): OverrideProblem {
  const known = keysOf(map)!;
  const near = closestNames(key, known, 1);
  const where = walked.length === 0 ? 'the top level' : `\`${walked.join('.')}\``;
  const hint =
    near.length > 0
      ? `did you mean \`${[...walked, near[0]].join('.')}\`?`
      : `keys there: ${known.map((name) => `\`${name}\``).join(', ')}`;
  return { code: 'unknown-key', message: `No key \`${key}\` in ${where}.`, hint };
}

function setKey(
  map: YAMLMap,
  key: string,
  override: KeyOverride,
  originals: WeakMap<object, Node>,
): void {
  const value = override.value === null ? null : (override.value as Node).clone();
  pairCopies(override.value, value, originals);
  const existing = map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  if (existing !== undefined) {
    existing.value = value;
    return;
  }
  const keyNode = new Scalar(key);
  keyNode.range = override.keyNode?.range ?? null;
  if (override.keyNode !== null) originals.set(keyNode, override.keyNode);
  map.items.push(new Pair(keyNode, value));
}
