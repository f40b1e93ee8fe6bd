import { isScalar, visit, type Document, type Node } from 'yaml';
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
    Map(_key, map) {
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
        issues.push({
          code: 'duplicate-key',
          severity: 'error',
          path: name,
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
