import { parsesAsJson } from './readJsonDocument.js';
import { locateJsonValues, spanKey, type JsonSpan } from './scanJson.js';
import { UsageReadError, type UsageProblem } from './usageRecord.js';

/**
 * Places the problems of a usage file for their messages: a problem in a
 * JSON document gets the line, column and length of the value it names (or
 * of the nearest value above it, for a key that is missing), every problem
 * gets the text of its line for a caret, and they are sorted by line and
 * column. It runs only for a file that has problems. Cost: one scan of each
 * JSON document that holds a problem.
 */
export function placeUsageProblems(text: string, error: UsageReadError): UsageReadError {
  const clean = text.replace(/^\uFEFF/, '');
  const lines = clean.split(/\r?\n/);
  const json = error.problems.filter((problem) => problem.at !== undefined);
  const whole = json.length > 0 && parsesAsJson(clean);
  // Problems by the line their document starts on: 1 for a whole-file document.
  const byDocument = new Map<number, UsageProblem[]>();
  for (const problem of json) {
    const line = whole ? 1 : problem.line;
    byDocument.set(line, [...(byDocument.get(line) ?? []), problem]);
  }
  const placed = new Map<UsageProblem, UsageProblem>();
  for (const [line, problems] of byDocument) {
    const documentText = whole ? clean : (lines[line - 1] ?? '');
    const spans = locateJsonValues(
      documentText,
      problems.map((problem) => problem.at ?? []),
    );
    const starts = lineStarts(documentText);
    for (const problem of problems) {
      placed.set(problem, placeAt(problem, spans, starts, documentText, line));
    }
  }
  const all = error.problems.map((problem) => {
    const located = placed.get(problem) ?? problem;
    const sourceLine = lines[located.line - 1];
    return sourceLine === undefined ? located : { ...located, sourceLine };
  });
  all.sort((a, b) => a.line - b.line || a.column - b.column);
  return new UsageReadError(all, error.unlisted);
}

/** Offsets at which each line of the text starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** The problem at the deepest value of its path that the document has. */
function placeAt(
  problem: UsageProblem,
  spans: ReadonlyMap<string, JsonSpan>,
  starts: readonly number[],
  text: string,
  firstLine: number,
): UsageProblem {
  const path = problem.at ?? [];
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const span = spans.get(spanKey(path.slice(0, depth)));
    if (span === undefined) continue;
    const line = lineIndexOf(starts, span.start);
    const opening = text[span.start];
    // A whole object or list is marked at its opening bracket only.
    const length = opening === '{' || opening === '[' ? 1 : span.end - span.start;
    return {
      ...problem,
      line: firstLine + line,
      column: span.start - starts[line]! + 1,
      length: Math.max(1, length),
    };
  }
  return problem;
}

/** Index of the line holding `offset`, by bisection over the line starts. */
function lineIndexOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
