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

/** One problem in a usage file: where, which column or key, what is wrong, what would do. */
export interface UsageProblem {
  readonly line: number;
  readonly column: number;
  readonly key: string;
  readonly message: string;
  readonly hint: string;
}

/** Bad usage input, with every problem found (up to a limit) rather than the first alone. */
export class UsageReadError extends Error {
  override readonly name = 'UsageReadError';

  constructor(readonly problems: readonly UsageProblem[]) {
    super(problems.map((problem) => problem.message).join('; '));
  }
}

/** Renders a problem as `file:line:col: error [key] message` with its hint below. */
export function formatUsageProblem(problem: UsageProblem, file: string): string {
  const where = `${file}:${problem.line}:${problem.column}`;
  const key = problem.key === '' ? '' : ` [${problem.key}]`;
  const hint = problem.hint === '' ? '' : `\n  hint: ${problem.hint}`;
  return `${where}: error${key} ${problem.message}${hint}`;
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
