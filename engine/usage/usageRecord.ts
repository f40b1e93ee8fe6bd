import { countOf } from '../countOf.js';
import { formatSourceLine } from '../scenarioIssue.js';

/**
 * One normalised line of usage: what a vendor's export, a proxy's log or a
 * trace says about some LLM calls, in one shape whatever the source.
 *
 * Convention, whatever the reader: every token is counted once, in exactly one
 * field. `inputTokens` is uncached input only (neither read from nor written to
 * the prompt cache); `cachedInputTokens` and `cacheWriteTokens` hold the rest of
 * the prompt. `outputTokens` excludes reasoning tokens, which sit in
 * `reasoningTokens` when the source reports them apart. Money is USD, in dollars.
 * Each reader's doc comment says how its source's counts map onto this.
 */
export interface UsageRecord {
  /** Milliseconds since 1970-01-01T00:00Z: the call's time or its bucket's start. */
  readonly timeMs: number;
  readonly workload: string;
  /** Groups the calls of one task; '' when the source has no task (aggregated buckets). */
  readonly taskKey: string;
  /** '' when the source does not say; filled from the catalog later. */
  readonly vendor: string;
  /** The model as the source names it (e.g. 'gpt-4o-2024-08-06'). */
  readonly model: string;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly cacheWriteTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  /** LLM calls this record stands for (a bucket's request count, or 1). */
  readonly calls: number;
  /** Cost as the source reports it, USD; null when it reports none. */
  readonly costUsd: number | null;
  /** The source's request id; '' when it has none. Duplicates are dropped by it. */
  readonly requestId: string;
  /** Line of the source text the record came from, for messages. */
  readonly line: number;
}

/** The formats `readUsageText` accepts, by the names the CLI's --format takes. */
export const USAGE_FORMATS = [
  'generic-csv',
  'generic-jsonl',
  'openai-usage',
  'openai-costs',
  'anthropic-usage',
  'anthropic-costs',
  'litellm-spend',
  'otel-spans',
  'focus',
] as const;
export type UsageFormat = (typeof USAGE_FORMATS)[number];

/** Where a value sits inside one JSON document: keys and list indices from its top. */
export type JsonPath = readonly (string | number)[];

/**
 * One problem in a usage file: where (line, column), which column or key,
 * what is wrong, and what would be valid.
 */
export interface UsageProblem {
  readonly line: number;
  /** 1-based; 1 when the reader cannot place the fault within its line. */
  readonly column: number;
  /** Characters to underline from the column; at least 1. */
  readonly length: number;
  /** The CSV column or the dotted JSON path of the field; '' for the file or a whole row. */
  readonly key: string;
  readonly message: string;
  /** What would be valid; never empty. */
  readonly hint: string;
  /** In a JSON file, the value's path inside the document starting at `line`, to place it. */
  readonly at?: JsonPath;
  /** The text of `line`, shown under the message with a caret; set once the file is read. */
  readonly sourceLine?: string;
}

/** Bad rows beyond those listed: how many, and how many problems they hold. */
export interface UnlistedProblems {
  readonly rows: number;
  readonly problems: number;
}

/**
 * Bad usage input: every problem of every bad row, up to a number of rows,
 * and a count of the rest, rather than the first problem alone.
 */
export class UsageReadError extends Error {
  override readonly name = 'UsageReadError';

  constructor(
    readonly problems: readonly UsageProblem[],
    readonly unlisted: UnlistedProblems = { rows: 0, problems: 0 },
  ) {
    super(problems.map((problem) => problem.message).join('; '));
  }
}

/**
 * Renders a problem as `file:line:col: error [key] message`, then the source
 * line with a caret under the fault (when known) and what would be valid.
 */
export function formatUsageProblem(problem: UsageProblem, file: string): string {
  const where = `${file}:${problem.line}:${problem.column}`;
  const key = problem.key === '' ? '' : ` [${problem.key}]`;
  const lines = [`${where}: error${key} ${problem.message}`];
  if (problem.sourceLine !== undefined && problem.sourceLine.trim() !== '') {
    lines.push(
      ...formatSourceLine(problem.sourceLine, problem.line, problem.column, problem.length),
    );
  }
  lines.push(`  hint: ${problem.hint}`);
  return lines.join('\n');
}

/** The line that stands for the bad rows not listed, or undefined when all were. */
export function formatUnlistedProblems(unlisted: UnlistedProblems, file: string) {
  if (unlisted.rows === 0) return undefined;
  return (
    `${file}: ${countOf(unlisted.rows, 'more bad row')} with ` +
    `${countOf(unlisted.problems, 'problem')} not listed; fix those above and read it again.`
  );
}

/** A record with every optional count at zero, for readers to spread their fields over. */
export function emptyRecord(line: number): UsageRecord {
  return {
    timeMs: 0,
    workload: 'default',
    taskKey: '',
    vendor: '',
    model: '',
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    calls: 1,
    costUsd: null,
    requestId: '',
    line,
  };
}

/** All tokens of a record, each counted once. */
export function totalTokens(record: UsageRecord): number {
  return (
    record.inputTokens +
    record.cachedInputTokens +
    record.cacheWriteTokens +
    record.outputTokens +
    record.reasoningTokens
  );
}
