/**
 * A problem found in a scenario file, as data: what kind (a stable code), where
 * (the key path and the line and column), and what to do about it. Validation
 * collects every issue in a file before it reports, sorted by line.
 */
export interface ScenarioIssue {
  readonly code: IssueCode;
  readonly severity: 'error' | 'warning';
  /** The file the fault is in, when a scenario is composed of several (extends, include). */
  readonly file?: string;
  /**
   * Dotted key path, e.g. `workloads.support.steps.classify.cached_share`; an
   * item of a list is named by its index after a dot, like any other key
   * (`prices.curve.events.0.at`), never in brackets.
   */
  readonly path: string;
  readonly message: string;
  /** 1-based line and column of the fault; 0 when the fault has no place. */
  readonly line: number;
  readonly column: number;
  /** Characters to underline from the column; at least 1. */
  readonly length: number;
  /** What would be valid, or a nearby name; empty when nothing useful can be said. */
  readonly hint: string;
}

export type IssueCode =
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'unknown-key'
  | 'missing-key'
  | 'wrong-type'
  | 'not-a-number'
  | 'out-of-range'
  | 'bad-distribution'
  | 'unknown-model'
  | 'unknown-step'
  | 'bad-month'
  | 'not-supported'
  | 'bad-file'
  | 'bad-expression'
  | 'unknown-name'
  | 'cycle'
  | 'implausible'
  | 'correlation';

/** Orders issues by line and column, errors before warnings at the same place. */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

/** A run cannot go ahead when any issue is an error; warnings are printed and the run goes on. */
export function hasErrors(issues: readonly ScenarioIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/**
 * Formats one issue the way compilers do: `file:line:col`, the severity and
 * code, the key path, the message, then the source line with a caret under the
 * fault and the hint.
 */
export function formatIssue(issue: ScenarioIssue, fileName: string, source: string): string {
  const place = issue.line > 0 ? `${fileName}:${issue.line}:${issue.column}` : fileName;
  const lines = [`${place}: ${issue.severity} [${issue.code}] ${issue.path || '(file)'}`];
  lines.push(`  ${issue.message}`);
  const sourceLine = issue.line > 0 ? source.split(/\r?\n/)[issue.line - 1] : undefined;
  if (sourceLine !== undefined) {
    lines.push(...formatSourceLine(sourceLine, issue.line, issue.column, issue.length));
  }
  if (issue.hint !== '') lines.push(`  hint: ${issue.hint}`);
  return lines.join('\n');
}

/**
 * A line of source under its line number, and a caret under the fault from
 * `column` for `length` characters, as two lines indented for a message.
 */
export function formatSourceLine(
  sourceLine: string,
  line: number,
  faultColumn: number,
  length: number,
): [string, string] {
  const gutter = String(line);
  const { text, column } = windowOf(sourceLine, faultColumn);
  // The caret stops at the end of the line: a fault spanning lines (a whole map) is
  // underlined on its first line only.
  const room = text.length - column + 1;
  const underline = '^'.repeat(Math.max(1, Math.min(length, room)));
  return [
    `  ${gutter} | ${text}`,
    `  ${' '.repeat(gutter.length)} | ${' '.repeat(column - 1)}${underline}`,
  ];
}

/** Characters of a source line shown at most; a longer one is cut around the fault. */
const SHOWN_LINE = 120;

/**
 * The part of a source line to show, and the fault's column within it. A
 * line longer than SHOWN_LINE (minified JSON, a binary file read as text) is
 * cut to a window around the fault with `…` at each cut, and control
 * characters show as `?`, so an error never floods the terminal.
 */
function windowOf(line: string, column: number): { text: string; column: number } {
  // eslint-disable-next-line no-control-regex
  const printable = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
  if (printable.length <= SHOWN_LINE) return { text: printable, column };
  const start = Math.max(0, Math.min(column - 1 - 40, printable.length - SHOWN_LINE));
  const end = start + SHOWN_LINE;
  const head = start > 0 ? '…' : '';
  const tail = end < printable.length ? '…' : '';
  return {
    text: `${head}${printable.slice(start, end)}${tail}`,
    column: column - start + head.length,
  };
}
