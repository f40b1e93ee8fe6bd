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
  /** Dotted key path, e.g. `workloads.support.steps.classify.cached_share`. */
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
    const gutter = String(issue.line);
    // The caret stops at the end of the line: a fault spanning lines (a whole map) is
    // underlined on its first line only.
    const room = sourceLine.length - issue.column + 1;
    const underline = '^'.repeat(Math.max(1, Math.min(issue.length, room)));
    lines.push(`  ${gutter} | ${sourceLine}`);
    lines.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(issue.column - 1)}${underline}`);
  }
  if (issue.hint !== '') lines.push(`  hint: ${issue.hint}`);
  return lines.join('\n');
}
