import {
  isCollection,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import type { ScenarioIssue } from './scenarioIssue.js';
import type { SourceSpan } from './loadScenarioDocument.js';

/**
 * Tabs used for indentation, one issue per line. YAML forbids them, and the
 * parser's own messages for a tab cascade into several about "compact
 * mappings"; one plain sentence per line says what to do instead.
 */
export function findTabIndents(text: string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const tab = /^[ ]*\t/.exec(line);
    if (tab === null) return;
    issues.push({
      code: 'yaml-syntax',
      severity: 'error',
      path: '',
      message: 'A tab indents this line; YAML indents with spaces only.',
      line: index + 1,
      column: tab[0].length,
      length: 1,
      hint: 'replace the tab with spaces, as many as the lines above use',
    });
  });
  return issues;
}

/** Keys that appear twice in one map, each reported at its second place with its first. */
export function findDuplicateKeys(
  document: Document.Parsed,
  locate: (node: Node | null) => SourceSpan,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  visit(document, {
    Map(_key, map, ancestors) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const first = seen.get(name);
        if (first === undefined) {
          seen.set(name, pair.key);
          continue;
        }
        const firstLine = locate(first).line;
        // The map's key path, worked out only for a duplicate (it walks its ancestors).
        const prefix = keyPathOf([...ancestors, map]);
        issues.push({
          code: 'duplicate-key',
          severity: 'error',
          path: prefix === '' ? name : `${prefix}.${name}`,
          message:
            `The key \`${name}\` appears twice in the same map (first on line ${firstLine}); ` +
            'YAML would keep only one.',
          ...locate(pair.key),
          hint: 'remove one of them or merge their contents',
        });
      }
    },
  });
  return issues;
}

/** The dotted key path of a node from its ancestors: pair keys, and indices in lists. */
function keyPathOf(chain: readonly unknown[]): string {
  const parts: string[] = [];
  chain.forEach((node, index) => {
    if (isPair(node) && isScalar(node.key)) parts.push(String(node.key.value));
    if (isSeq(node)) {
      const position = node.items.indexOf(chain[index + 1] as never);
      if (position >= 0) parts.push(String(position));
    }
  });
  return parts.join('.');
}

/** Where an unclosed `[` or `{` opens, and the key path of the value it opens. */
export interface UnclosedFlow {
  readonly path: string;
  readonly opening: Node;
  readonly bracket: '[' | '{';
}

/**
 * The flow collection that a parser error about a missing `]` or `}` is about.
 * The parser places that error where it gave up, often lines below the
 * fault; the collection it gave up on ends exactly there (yaml 2 sets the
 * collection's range end to the place it reports), so the one flow sequence
 * or map of the error's kind that ends at the error and lacks its closing
 * bracket is the one left open, and its range starts at the opening bracket.
 * `taken` holds collections already matched, for an error per nested bracket.
 */
export function findUnclosedFlow(
  document: Document.Parsed,
  error: YAMLError,
  text: string,
  taken: Set<Node>,
): UnclosedFlow | undefined {
  const kind = /^Flow (sequence|map) .*end with a [\]}]/.exec(error.message)?.[1];
  if (kind === undefined) return undefined;
  const bracket = kind === 'map' ? '{' : '[';
  const closing = kind === 'map' ? '}' : ']';
  let found: UnclosedFlow | undefined;
  visit(document, (_key, node, ancestors) => {
    if (!isCollection(node) || !node.flow || taken.has(node)) return undefined;
    const range = node.range;
    if (range === undefined || range === null || range[1] !== error.pos[0]) return undefined;
    if (text[range[0]] !== bracket || text.slice(range[0], range[1]).trimEnd().endsWith(closing))
      return undefined;
    found = { path: keyPathOf([...ancestors, node]), opening: node, bracket };
    return visit.BREAK;
  });
  if (found !== undefined) taken.add(found.opening);
  return found;
}
