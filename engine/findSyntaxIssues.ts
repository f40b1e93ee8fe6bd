import { isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
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
