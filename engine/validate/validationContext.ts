import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { closestNames } from '../closestNames.js';
import type { ScenarioDocument } from '../loadScenarioDocument.js';
import type { IssueCode, ScenarioIssue } from '../scenarioIssue.js';
import type { Value } from '../scenarioTypes.js';

/** One key of a YAML map with its nodes and its path in the scenario. */
export interface MapEntry {
  readonly key: string;
  readonly keyNode: Node | null;
  readonly value: Node | null;
  readonly path: string;
}

/**
 * Collects issues while validation walks the document, so every problem in a
 * file is reported at once rather than the first alone.
 */
export class ValidationContext {
  readonly issues: ScenarioIssue[] = [];
  /** The scenario's params once read, for expressions in numeric keys. */
  params: ReadonlyMap<string, Value> = new Map();
  /** Every uncertain value read, by its key path, for `correlations:`. */
  readonly uncertain = new Map<string, Value>();
  /** Every name under `params:`, read or not, so a failed one is not called unknown. */
  declaredParams: ReadonlySet<string> = new Set();
  /** Models under `prices.models` whose prices failed to read, so a step naming one is quiet. */
  failedModels: ReadonlySet<string> = new Set();

  constructor(
    private readonly source: ScenarioDocument,
    /** Reads a file a scenario names (a CSV of observations), relative to the file naming it. */
    readonly readFile: FileReader = refuseFiles,
  ) {}

  /** The file a node was written in, when the scenario was composed of several files. */
  fileOf(node: Node | null): string | undefined {
    return this.source.locate(node).file;
  }

  error(node: Node | null, path: string, code: IssueCode, message: string, hint = ''): void {
    this.add('error', node, path, code, message, hint);
  }

  warn(node: Node | null, path: string, code: IssueCode, message: string, hint = ''): void {
    this.add('warning', node, path, code, message, hint);
  }

  /** The entries of a map node, or undefined (with an error) when the node is not a map. */
  entriesOf(node: Node | null, path: string, what: string): MapEntry[] | undefined {
    if (!isMap(node)) {
      const hint = 'write `key: value` lines indented under it, or `{ key: value, ... }`';
      this.error(node, path, 'wrong-type', `${what} must be a map of keys and values.`, hint);
      return undefined;
    }
    const entries: MapEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = (pair.key ?? null) as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const value = (pair.value ?? null) as Node | null;
      entries.push({ key, keyNode, value, path: path === '' ? key : `${path}.${key}` });
    }
    return entries;
  }

  /** The items of a sequence node, or undefined (with an error) when it is not a list. */
  itemsOf(node: Node | null, path: string, what: string): (Node | null)[] | undefined {
    if (!isSeq(node)) {
      const hint = 'write `- item` lines indented under it, or `[a, b]`';
      this.error(node, path, 'wrong-type', `${what} must be a list.`, hint);
      return undefined;
    }
    return node.items.map((item) => (item ?? null) as Node | null);
  }

  /** Reports every key not in `allowed`, suggesting the nearest allowed names. */
  rejectUnknownKeys(entries: readonly MapEntry[], allowed: readonly string[], where: string) {
    for (const entry of entries) {
      if (allowed.includes(entry.key)) continue;
      const near = closestNames(entry.key, allowed, 1);
      const hint =
        near.length > 0
          ? `did you mean \`${near[0]}\`?`
          : `valid keys here: ${allowed.map((key) => `\`${key}\``).join(', ')}`;
      this.error(
        entry.keyNode,
        entry.path,
        'unknown-key',
        `Unknown key \`${entry.key}\` in ${where}.`,
        hint,
      );
    }
  }

  /** Reports a missing required key at the map that lacks it. */
  requireKey(entries: readonly MapEntry[], key: string, mapNode: Node | null, path: string) {
    if (entries.some((entry) => entry.key === key)) return;
    const keyPath = path === '' ? key : `${path}.${key}`;
    const hint = `add \`${key}:\` ${REQUIRED_KEY_EXAMPLES[key] ?? 'with its value'}`;
    this.error(mapNode, keyPath, 'missing-key', `The key \`${key}\` is required here.`, hint);
  }

  private add(
    severity: 'error' | 'warning',
    node: Node | null,
    path: string,
    code: IssueCode,
    message: string,
    hint: string,
  ): void {
    const span = this.source.locate(node);
    const length = Math.min(span.length, 60);
    this.issues.push({ code, severity, path, message, ...span, length, hint });
  }
}

/** A sample value for the hint under a missing key. */
const REQUIRED_KEY_EXAMPLES: Readonly<Record<string, string>> = {
  scenario: 'with a name, e.g. `scenario: support-triage`',
  start: 'with the first month, e.g. `start: 2027-01`',
  workloads: 'with at least one workload and its steps',
  tasks_per_month: 'e.g. `tasks_per_month: 400k to 600k`',
  steps: 'with at least one step',
  model: 'with a model from the catalog, e.g. `model: gpt-4o-mini` (see `pertask prices`)',
};

/**
 * Reads a file the scenario names: its text, or why it cannot be read. The
 * name is relative to `fromFile`, the file that names it (one that the main
 * file extends or includes), or to the main file when that is not given.
 */
export type FileReader = (
  relativePath: string,
  fromFile?: string,
) => string | { readonly reason: string };

function refuseFiles(): { reason: string } {
  return { reason: 'this run reads no files besides the scenario' };
}

/** Finds an entry by key. */
export function entryOf(entries: readonly MapEntry[], key: string): MapEntry | undefined {
  return entries.find((entry) => entry.key === key);
}

/** The keys of a map node as written (a key that is not a scalar as ''); undefined for no map. */
export function keysOf(node: Node | null | undefined): string[] | undefined {
  if (!isMap(node)) return undefined;
  return node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
}

/**
 * The text of a scalar as written in the file (`.nan`, `1e400`), for messages:
 * the parsed value may print as NaN or Infinity, which says nothing to the
 * person who wrote it.
 */
export function writtenText(node: Node | null): string {
  if (!isScalar(node)) return node === null ? '' : 'a list or map';
  return node.source ?? String(node.value);
}
