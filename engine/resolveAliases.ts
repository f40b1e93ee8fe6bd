import { isAlias, isMap, isPair, isScalar, isSeq, YAMLMap, type Document, type Node } from 'yaml';

/**
 * Replaces every alias (`*step`) in a parsed document by the node its anchor
 * names, and expands merge keys (`<<: *step` or `<<: [*a, *b]`) into the map
 * that holds them: keys written in the map win over merged ones, and earlier
 * sources over later ones (the YAML merge-key rule). Validation then walks
 * plain maps and values, and each merged value keeps its place in the file,
 * at the anchor. Run only after the alias count has been checked.
 */
export function resolveAliases(document: Document.Parsed): void {
  document.contents = resolveNode(document, document.contents as Node | null, 0) as never;
}

// An alias that names an ancestor of itself would loop; YAML allows it, a scenario cannot use it.
const MAX_DEPTH = 64;

function resolveNode(document: Document.Parsed, node: Node | null, depth: number): Node | null {
  if (depth > MAX_DEPTH) return node;
  if (isAlias(node)) return resolveNode(document, node.resolve(document) ?? null, depth + 1);
  if (isSeq(node)) {
    node.items = node.items.map((item) => resolveNode(document, item as Node | null, depth + 1));
    return node;
  }
  if (!isMap(node)) return node;
  const own = node.items.filter((pair) => !isMergeKey(pair.key));
  const merges = node.items.filter((pair) => isMergeKey(pair.key));
  if (
    merges.length === 0 &&
    !own.some((pair) => isAlias(pair.value) || isMap(pair.value) || isSeq(pair.value))
  ) {
    return node;
  }
  const result = new YAMLMap();
  result.range = node.range;
  const seen = new Set<string>();
  for (const pair of own) {
    pair.value = resolveNode(document, pair.value as Node | null, depth + 1);
    result.items.push(pair);
    seen.add(keyText(pair.key));
  }
  for (const merge of merges) {
    for (const source of mergeSources(document, merge.value as Node | null)) {
      const resolved = resolveNode(document, source, depth + 1);
      if (!isMap(resolved)) continue;
      for (const pair of resolved.items) {
        if (!isPair(pair) || seen.has(keyText(pair.key))) continue;
        seen.add(keyText(pair.key));
        result.items.push(pair);
      }
    }
  }
  return result;
}

function mergeSources(document: Document.Parsed, value: Node | null): (Node | null)[] {
  const target = isAlias(value) ? (value.resolve(document) ?? null) : value;
  if (isSeq(target)) return target.items.map((item) => item as Node | null);
  return [target];
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : '';
}
