import { failUsage, readCount, UsageProblems } from './usageProblems.js';
import type { UsageRecord } from './usageRecord.js';

export type JsonObject = Readonly<Record<string, unknown>>;

/** A JSON object, or undefined for anything else. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/**
 * Parses a JSON export, or JSON Lines of them (paginated API responses saved one
 * page a line), into a list of top-level values. A byte-order mark is dropped.
 */
export function parseJsonDocuments(text: string): unknown[] {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return [JSON.parse(clean)];
  } catch {
    return clean.split(/\r?\n/).flatMap((line, index) => {
      if (line.trim() === '') return [];
      try {
        return [JSON.parse(line)];
      } catch {
        throw failUsage(index + 1, 1, '', 'this line is not JSON', 'a JSON document or JSON Lines');
      }
    });
  }
}

/** One time bucket of a paginated usage or cost report, with where it sits. */
export interface JsonBucket {
  readonly bucket: JsonObject;
  readonly path: string;
  /** The page's line in JSON Lines, else 1. */
  readonly line: number;
}

/**
 * The buckets of OpenAI's and Anthropic's admin reports: `{ data: [bucket...] }`
 * pages, a list of pages, or pages one a line. Each bucket holds `results`.
 */
export function collectBuckets(documents: readonly unknown[]): JsonBucket[] {
  const pages = documents.length === 1 && Array.isArray(documents[0]) ? documents[0] : documents;
  const buckets: JsonBucket[] = [];
  pages.forEach((page, pageIndex) => {
    const data = asObject(page)?.['data'];
    if (!Array.isArray(data)) {
      throw failUsage(1, 1, `[${pageIndex}].data`, 'a page without a `data` list of buckets');
    }
    data.forEach((bucket, index) => {
      const object = asObject(bucket);
      if (object !== undefined) {
        const line = documents.length > 1 ? pageIndex + 1 : 1;
        buckets.push({ bucket: object, path: `[${pageIndex}].data[${index}]`, line });
      }
    });
  });
  return buckets;
}

/** The `results` of a bucket, each with its path. */
export function resultsOf(bucket: JsonBucket): { result: JsonObject; path: string }[] {
  const results = bucket.bucket['results'];
  if (!Array.isArray(results)) return [];
  return results.flatMap((result, index) => {
    const object = asObject(result);
    return object === undefined
      ? []
      : [{ result: object, path: `${bucket.path}.results[${index}]` }];
  });
}

/** One result of a report's bucket, as a reader sees it. */
export interface BucketResult {
  readonly result: JsonObject;
  /** Where it sits, e.g. `[0].data[3].results[1]`, for messages. */
  readonly path: string;
  readonly line: number;
  /** The bucket's start. */
  readonly timeMs: number;
  /** A token count of the result, 0 with a problem noted when the value is not a count. */
  count(value: unknown, key: string): number;
}

/**
 * Walks every result of every bucket of a paginated report: `startOf` reads a
 * bucket's start (noting a problem and returning undefined when it cannot),
 * `read` turns a result into a record. Every problem is thrown at the end.
 */
export function readBucketResults(
  documents: readonly unknown[],
  startOf: (bucket: JsonBucket, problems: UsageProblems) => number | undefined,
  read: (item: BucketResult, problems: UsageProblems) => UsageRecord | undefined,
): UsageRecord[] {
  const problems = new UsageProblems();
  const records: UsageRecord[] = [];
  for (const bucket of collectBuckets(documents)) {
    const timeMs = startOf(bucket, problems);
    if (timeMs === undefined) continue;
    for (const { result, path } of resultsOf(bucket)) {
      const count = (value: unknown, key: string): number => {
        const parsed = readCount(value);
        if (parsed === undefined) {
          problems.add(bucket.line, 1, `${path}.${key}`, 'not a token count');
        }
        return parsed ?? 0;
      };
      const record = read({ result, path, line: bucket.line, timeMs, count }, problems);
      if (record !== undefined) records.push(record);
    }
  }
  problems.throwIfAny();
  return records;
}
