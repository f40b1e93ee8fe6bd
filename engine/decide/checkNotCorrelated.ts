import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ScenarioDocument } from '../loadScenarioDocument.js';
import { SolveRequestError } from './parseTarget.js';

/**
 * Fails on a varied key that `correlations` names. Goal seek sets the key to a
 * plain number, and only a drawn value can be correlated, so every value tried
 * would be refused for a fault that is not the value's; the user is told which
 * entry to remove before any search. A param is named by its bare name there
 * (`ticket`) and by `params.ticket` on `--vary`. Cost: one pass over the list.
 */
export function checkNotCorrelated(source: ScenarioDocument, path: string): void {
  const root = source.document.contents;
  const list = isMap(root) ? root.get('correlations', true) : undefined;
  if (!isSeq(list)) return;
  list.items.forEach((entry, index) => {
    const between = isMap(entry) ? entry.get('between', true) : undefined;
    if (!isSeq(between)) return;
    const names = between.items.map((item) => (isScalar(item) ? String(item.value) : ''));
    const at = names.findIndex((name) => name === path || `params.${name}` === path);
    if (at < 0) return;
    const other = names[1 - at] ?? '';
    const where = `correlations.${index}.between.${at}`;
    const message =
      `--vary ${path}: the key is correlated (\`correlations.${index}\` pairs it with ` +
      `\`${other}\`), and solve sets it to a plain number, which cannot be correlated; ` +
      `remove that entry from \`correlations\` in a copy of the scenario, or vary another key.`;
    throw new SolveRequestError(message, [issueAt(source, between.items[at] as Node, where)]);
  });
}

/** Where the correlation names the key, so the CLI shows that line with a caret. */
function issueAt(source: ScenarioDocument, node: Node, path: string) {
  return {
    code: 'correlation' as const,
    severity: 'error' as const,
    path,
    message: 'solve cannot vary a key that `correlations` names.',
    hint: 'remove this entry, or vary another key',
    ...source.locate(node),
  };
}
