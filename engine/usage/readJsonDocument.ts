import { findJsonSyntaxError, type JsonSyntaxError } from './scanJson.js';
import {
  describeNotA,
  failUsage,
  readCount,
  type JsonPlace,
  type UsageProblems,
} from './usageProblems.js';
import type { JsonPath, UsageRecord } from './usageRecord.js';

export type JsonObject = Readonly<Record<string, unknown>>;

/** A JSON object, or undefined for anything else. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** One top-level value of a JSON file, and the line it starts on. */
export interface JsonDocument {
  readonly value: unknown;
  readonly line: number;
}

/** Hint for a file that is not JSON as the readers take it. */
const JSON_HINT = 'a JSON document as the API returned it, or JSON Lines: one document a line';

/**
 * Parses a JSON export, or JSON Lines of them (paginated API responses saved one
 * page a line), into its top-level values with their lines. A byte-order mark
 * is dropped. A file whose first line is not JSON by itself is one document:
 * its syntax error is thrown, placed where the text stops being JSON. In JSON
 * Lines, every line that is not JSON is noted in `problems` and the others are
 * read. Cost: one parse of the text, and one of each line for JSON Lines; the
 * syntax scanner runs only over text that JSON.parse refuses.
 */
export function parseJsonDocuments(text: string, problems: UsageProblems): JsonDocument[] {
  const clean = text.replace(/^\uFEFF/, '');
  const whole = tryParseJson(clean);
  if (whole !== undefined) return [{ value: whole.value, line: 1 }];
  const lines = clean.split(/\r?\n/);
  const first = lines.find((line) => line.trim() !== '') ?? '';
  if (!parsesAsJson(first)) throw syntaxProblem(clean);
  const documents: JsonDocument[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = tryParseJson(line);
    if (parsed !== undefined) documents.push({ value: parsed.value, line: index + 1 });
    else {
      const fault = jsonFaultOf(line);
      const message = `this line is not JSON: ${fault.reason}`;
      problems.add(index + 1, fault.offset + 1, 'line', message, JSON_HINT);
    }
  });
  return documents;
}

/**
 * The file's first JSON value: the whole file's, else its first line's (JSON
 * Lines, whose later lines may be bad). A file that is neither throws the
 * whole document's syntax error.
 */
export function firstJsonValue(text: string): unknown {
  const clean = text.replace(/^\uFEFF/, '');
  const first = clean.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const parsed = tryParseJson(clean) ?? tryParseJson(first);
  if (parsed === undefined) throw syntaxProblem(clean);
  return parsed.value;
}

/**
 * The text's JSON value, boxed since JSON may be null, or undefined when the
 * text is not JSON. Cost: one JSON.parse.
 */
export function tryParseJson(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Whether the text is one JSON document. */
export function parsesAsJson(text: string): boolean {
  return tryParseJson(text) !== undefined;
}

/**
 * Where text that JSON.parse refused stops being JSON. The scanner is slower
 * than JSON.parse, so it is asked only once the parse has failed.
 */
export function jsonFaultOf(text: string): JsonSyntaxError {
  return findJsonSyntaxError(text) ?? { offset: 0, reason: 'not JSON' };
}

/** A whole-file document's syntax error, at the character where it stops being JSON. */
function syntaxProblem(text: string) {
  const fault = jsonFaultOf(text);
  const before = text.slice(0, fault.offset).split(/\r?\n/);
  const column = (before.at(-1)?.length ?? 0) + 1;
  return failUsage(before.length, column, 'file', `not valid JSON: ${fault.reason}`, JSON_HINT);
}

/**
 * The records of a file that holds a list of them: the whole file a list
 * (`[...]`), a page that holds it under `key` (`{ data: [...] }`), or one
 * record a line; each with where it sits. Anything else is no record.
 */
export function listRecords(
  documents: readonly JsonDocument[],
  key: string,
): { value: unknown; place: JsonPlace }[] {
  const [only] = documents;
  if (documents.length === 1 && only !== undefined) {
    const held = asObject(only.value)?.[key];
    if (Array.isArray(held)) return itemsAt(held, only.line, [key]);
    if (Array.isArray(only.value)) return itemsAt(only.value, only.line, []);
  }
  return documents.map(({ value, line }) => ({ value, place: { line, at: [] } }));
}

function itemsAt(list: readonly unknown[], line: number, at: JsonPath) {
  return list.map((value, index) => ({ value, place: { line, at: [...at, index] } }));
}

/** One time bucket of a paginated usage or cost report, with where it sits. */
export interface JsonBucket {
  readonly bucket: JsonObject;
  readonly place: JsonPlace;
}

const PAGE_HINT = 'a page as the API returns it: { "data": [ { "results": [ ... ] } ] }';

/**
 * The buckets of OpenAI's and Anthropic's admin reports: `{ data: [bucket...] }`
 * pages, a list of pages, or pages one a line. Each bucket holds `results`. A
 * page without its `data` list is a problem noted in `problems`.
 */
export function collectBuckets(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
): JsonBucket[] {
  const [only] = documents;
  const pages =
    documents.length === 1 && only !== undefined && Array.isArray(only.value)
      ? itemsAt(only.value, only.line, [])
      : documents.map(({ value, line }) => ({ value, place: { line, at: [] } }));
  return pages.flatMap(({ value, place }) => {
    const data = asObject(value)?.['data'];
    if (!Array.isArray(data)) {
      problems.addJson(place, ['data'], 'a page without a `data` list of buckets', PAGE_HINT);
      return [];
    }
    return itemsAt(data, place.line, [...place.at, 'data']).flatMap((item) => {
      const bucket = asObject(item.value);
      return bucket === undefined ? [] : [{ bucket, place: item.place }];
    });
  });
}

/** The `results` of a bucket, each with where it sits. */
export function resultsOf(bucket: JsonBucket): { result: JsonObject; place: JsonPlace }[] {
  const results = bucket.bucket['results'];
  if (!Array.isArray(results)) return [];
  return itemsAt(results, bucket.place.line, [...bucket.place.at, 'results']).flatMap((item) => {
    const result = asObject(item.value);
    return result === undefined ? [] : [{ result, place: item.place }];
  });
}

/** The value at `path` below `object`, or undefined where the path leads nowhere. */
export function valueAt(object: JsonObject, path: JsonPath): unknown {
  let value: unknown = object;
  for (const part of path) {
    if (typeof part === 'number') value = Array.isArray(value) ? value[part] : undefined;
    else value = asObject(value)?.[part];
  }
  return value;
}

/** How a value is shown in a message: a string as it is, anything else as JSON. */
export function showValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** What a token count must be. */
export const COUNT_HINT = 'a whole number of tokens, 0 or more, e.g. 1200';

/** One result of a report's bucket, as a reader sees it. */
export interface BucketResult {
  readonly result: JsonObject;
  /** Where it sits, e.g. `data.3.results.1` in line 1's document. */
  readonly place: JsonPlace;
  /** The bucket's start. */
  readonly timeMs: number;
  /** The token count at `field` of the result: 0 when absent, 0 with a problem when bad. */
  count(field: JsonPath): number;
}

/**
 * Walks every result of every bucket of a paginated report: `startOf` reads a
 * bucket's start (noting a problem and returning undefined when it cannot),
 * `read` turns a result into a record. A bucket whose start is bad still has
 * its results read, for their own problems. Problems are noted in `problems`.
 */
export function readBucketResults(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
  startOf: (bucket: JsonBucket, problems: UsageProblems) => number | undefined,
  read: (item: BucketResult, problems: UsageProblems) => UsageRecord | undefined,
): UsageRecord[] {
  const records: UsageRecord[] = [];
  for (const bucket of collectBuckets(documents, problems)) {
    const timeMs = startOf(bucket, problems);
    for (const { result, place } of resultsOf(bucket)) {
      const count = (field: JsonPath): number => {
        const value = valueAt(result, field);
        const parsed = readCount(value);
        if (parsed === undefined) {
          problems.addJson(place, field, describeNotA(value, 'a token count'), COUNT_HINT);
        }
        return parsed ?? 0;
      };
      const record = read({ result, place, timeMs: timeMs ?? 0, count }, problems);
      if (record !== undefined && timeMs !== undefined) records.push(record);
    }
  }
  return records;
}
