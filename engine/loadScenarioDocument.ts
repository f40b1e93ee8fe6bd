import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import {
  findDuplicateKeys,
  findTabIndents,
  findUnclosedFlow,
  type UnclosedFlow,
} from './findSyntaxIssues.js';
import { resolveAliases } from './resolveAliases.js';
import type { ScenarioIssue } from './scenarioIssue.js';

/** A parsed scenario text that can say where each of its nodes came from. */
export interface ScenarioDocument {
  readonly document: Document.Parsed;
  /** Line, column (1-based) and length of a node in the text. */
  locate(node: Node | null | undefined): SourceSpan;
  /** Where the key at a path of map keys is, e.g. ['workloads', 'support']; line 0 if absent. */
  locateKey(path: readonly string[]): SourceSpan;
  /** Syntax problems: duplicate keys, bad indentation, too many aliases. */
  readonly issues: readonly ScenarioIssue[];
}

export interface SourceSpan {
  /** The file the node came from, when a scenario is composed of several. */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/** Larger files are refused before parsing: a scenario is a page, not a data set. */
export const MAX_SCENARIO_BYTES = 1_000_000;

// Aliases beyond this count are refused, so a "billion laughs" file cannot
// expand into gigabytes.
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses scenario text as YAML 1.2 with the core schema: `1e6` is a number,
 * `NO` and `2027-01` stay strings, duplicate keys are errors, merge keys (`<<`)
 * work. Nothing is interpreted yet; that is validation's job.
 */
export function loadScenarioDocument(text: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  const locate = (node: Node | null | undefined): SourceSpan => locateRange(node, lineCounter);
  if (text.length > MAX_SCENARIO_BYTES) {
    const document = parseDocument('{}') as Document.Parsed;
    const issue = syntaxIssue(
      'yaml-syntax',
      `The file is larger than ${MAX_SCENARIO_BYTES} bytes.`,
      0,
      0,
    );
    return { document, locate, locateKey: () => locate(null), issues: [issue] };
  }
  const tabs = findTabIndents(text);
  const document = parseDocument(tabs.length > 0 ? '{}' : text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    merge: true,
    prettyErrors: false,
    lineCounter,
  });
  const issues = tabs.length > 0 ? tabs : findDuplicateKeys(document, locate);
  const taken = new Set<Node>();
  for (const error of document.errors) {
    // Duplicates are reported above, with the place of the first occurrence.
    if (error.code === 'DUPLICATE_KEY') continue;
    const position = lineCounter.linePos(error.pos[0]);
    const unclosed = findUnclosedFlow(document, error, text, taken);
    if (unclosed !== undefined) {
      issues.push(unclosedIssue(unclosed, locate(unclosed.opening), position.line));
      continue;
    }
    const issue = syntaxIssue('yaml-syntax', firstLine(error.message), position.line, position.col);
    const unclosedText = /end with a [\]}]/.test(error.message);
    issues.push({ ...issue, hint: syntaxHint(unclosedText ? 'MISSING_CHAR' : error.code) });
  }
  if (issues.length === 0) checkAliases(document, issues);
  if (issues.length === 0) resolveAliases(document);
  const locateKey = (path: readonly string[]): SourceSpan => locate(findKey(document, path));
  return { document, locate, locateKey, issues };
}

function findKey(document: Document.Parsed, path: readonly string[]): Node | null {
  let node: unknown = document.contents;
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

function checkAliases(document: Document.Parsed, issues: ScenarioIssue[]): void {
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    const issue = syntaxIssue('yaml-syntax', `Aliases expand too far: ${message}`, 1, 1);
    issues.push({
      ...issue,
      hint: 'write the repeated values out, or use `extends:` and `include:`',
    });
  }
}

function locateRange(node: Node | null | undefined, lineCounter: LineCounter): SourceSpan {
  const range = node?.range;
  if (range === undefined || range === null) return { line: 0, column: 0, length: 1 };
  const start = lineCounter.linePos(range[0]);
  return { line: start.line, column: start.col, length: Math.max(1, range[1] - range[0]) };
}

/** An unclosed `[` or `{`, placed at the bracket, where the fault is, not where parsing stopped. */
function unclosedIssue(unclosed: UnclosedFlow, at: SourceSpan, stoppedLine: number): ScenarioIssue {
  const closing = unclosed.bracket === '[' ? ']' : '}';
  const what = unclosed.path === '' ? 'the file' : `the value of \`${unclosed.path}\``;
  const message =
    `The \`${unclosed.bracket}\` that opens ${what} is never closed with a \`${closing}\`; ` +
    `the parser read on to line ${stoppedLine} looking for it.`;
  return {
    ...syntaxIssue('yaml-syntax', message, at.line, at.column),
    path: unclosed.path,
    hint: syntaxHint('MISSING_CHAR'),
  };
}

function syntaxIssue(
  code: 'yaml-syntax' | 'duplicate-key',
  message: string,
  line: number,
  column: number,
): ScenarioIssue {
  return { code, severity: 'error', path: '', message, line, column, length: 1, hint: '' };
}

/** What would be valid, for the parser's commonest complaints. */
function syntaxHint(code: string): string {
  switch (code) {
    case 'MISSING_CHAR':
      return 'close every `[`, `{` and quote that is opened, on the same value';
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'indent each nested key by the same spaces as its siblings, under its parent key';
    case 'BAD_SCALAR_START':
      return 'quote a value that starts with `@`, `` ` ``, `%` or `*`, e.g. "*note"';
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return 'define an anchor (`&name`) before its alias (`*name`)';
    default:
      return 'write `key: value` pairs, nested keys indented by spaces, lists as `- item`';
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
