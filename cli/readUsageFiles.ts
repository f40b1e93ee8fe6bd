import type { PriceCatalog } from '../engine/priceCatalog.js';
import { BUILTIN_CATALOG, createPriceCatalog } from '../engine/priceCatalog.js';
import { readImportedCatalog } from '../engine/usage/importPriceMap.js';
import type { LiteLlmTaskKey } from '../engine/usage/readLiteLlmSpendLogs.js';
import { findTotalOverflow } from '../engine/usage/findTotalOverflow.js';
import {
  describeTotal,
  dropDuplicateRequests,
  readUsageText,
} from '../engine/usage/readUsageText.js';
import {
  formatUnlistedProblems,
  formatUsageProblem,
  UsageReadError,
  type UsageFormat,
  type UsageRecord,
} from '../engine/usage/usageRecord.js';
import { isKnownTimeZone } from '../engine/usage/zonedTime.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { readTextFile } from './readTextFile.js';
import { countOf } from '../engine/countOf.js';

export interface UsageInputOptions {
  readonly tz: string;
  readonly format: UsageFormat | undefined;
  readonly taskKey: LiteLlmTaskKey | undefined;
  readonly catalog: string | undefined;
  readonly quiet: boolean;
}

/** Checks --tz before any file is read. */
export function checkTimeZone(zone: string): string {
  if (!isKnownTimeZone(zone)) {
    throw new CliError(
      `--tz ${zone} is not a time zone; name an IANA zone such as UTC, Europe/Paris or ` +
        'America/New_York.',
      EXIT.usage,
    );
  }
  return zone;
}

/**
 * Reads every usage file, printing every problem of every bad row of every
 * file (file:line:col, key, the line with a caret, what would be valid; past
 * MAX_LISTED_ROWS bad rows, a count of the rest) before failing with exit
 * code 2; then drops requests seen in an earlier file too. Notes what each
 * file held on stderr.
 */
export async function readUsageFiles(
  files: readonly string[],
  options: UsageInputOptions,
  io: CliIo,
): Promise<UsageRecord[]> {
  checkTimeZone(options.tz);
  const records: UsageRecord[] = [];
  const empty: string[] = [];
  let failed = false;
  for (const file of files) {
    const text = await readTextFile(file, io, 'usage file');
    try {
      const read = readUsageText(text, {
        zone: options.tz,
        format: options.format,
        taskKey: options.taskKey,
      });
      records.push(...read.records);
      if (read.records.length === 0) empty.push(`${file} (${explainEmpty(read.format)})`);
      const dropped =
        read.duplicates > 0 ? `, ${countOf(read.duplicates, 'duplicate request')} dropped` : '';
      const kind = read.format === 'focus' ? ' of generative AI (token charges)' : '';
      if (!options.quiet)
        io.stderr.write(
          `${file}: ${read.format}, ${countOf(read.records.length, 'record')}${kind}${dropped}\n`,
        );
    } catch (error) {
      if (!(error instanceof UsageReadError)) throw error;
      for (const problem of error.problems)
        io.stderr.write(`${formatUsageProblem(problem, file)}\n`);
      const unlisted = formatUnlistedProblems(error.unlisted, file);
      if (unlisted !== undefined) io.stderr.write(`${unlisted}\n`);
      failed = true;
    }
  }
  if (failed) throw new CliError('nothing was written: fix the usage files above.', EXIT.usage);
  if (records.length === 0) {
    // An empty report would read as "no spend", when nothing was measured at all.
    const files = empty.join('; ');
    throw new CliError(`no usage records in ${files}; nothing was written.`, EXIT.usage);
  }
  const { kept, duplicates } = dropDuplicateRequests(records);
  // Each file's totals were checked as it was read; together they may still pass the limit.
  const overflow = findTotalOverflow(kept);
  if (overflow !== undefined) {
    throw new CliError(
      `the ${describeTotal(overflow.field)} of the usage files together add up past ` +
        `${overflow.limit}, more than a total can hold exactly; nothing was written. ` +
        'Read fewer files at once, or check them for a value far too large.',
      EXIT.usage,
    );
  }
  if (duplicates > 0 && !options.quiet) {
    const appear = duplicates === 1 ? 'appears' : 'appear';
    const message = `${countOf(duplicates, 'request')} ${appear} in more than one file`;
    io.stderr.write(`${message}; each is counted once.\n`);
  }
  return kept;
}

/** Why a file of `format` that was read without a problem can still hold no record. */
function explainEmpty(format: UsageFormat): string {
  switch (format) {
    case 'generic-csv':
      return 'a generic CSV with a header and no rows';
    case 'generic-jsonl':
      return 'generic JSON Lines without a line';
    case 'focus':
      return (
        "a FOCUS export keeps only rows whose ServiceCategory is 'AI and Machine Learning' " +
        'and that count tokens'
      );
    case 'otel-spans':
      return 'OTLP spans keep only spans with gen_ai.usage token counts';
    case 'litellm-spend':
      return 'LiteLLM spend logs without a row';
    default:
      return `${format} pages without a result in any bucket`;
  }
}

/** The built-in catalog, with an imported one (pertask prices import) laid over it. */
export async function loadCatalog(file: string | undefined, io: CliIo): Promise<PriceCatalog> {
  if (file === undefined) return BUILTIN_CATALOG;
  const text = await readTextFile(file, io, 'catalog');
  const imported = readImportedCatalog(text);
  if (!imported.ok) throw new CliError(`${file}: ${imported.message}`, EXIT.usage);
  const merged = new Map(BUILTIN_CATALOG.models);
  for (const entry of imported.entries) merged.set(entry.model, entry);
  return createPriceCatalog([...merged.values()]);
}
