/**
 * OpenTelemetry GenAI spans exported as OTLP JSON (`{ resourceSpans: [...] }`,
 * or one export a line, as the collector's file exporter writes them). Only spans
 * with token usage are kept.
 *
 * Convention, after the GenAI semantic conventions: `gen_ai.usage.input_tokens`
 * INCLUDES cached tokens, which `gen_ai.usage.cache_read.input_tokens` and
 * `gen_ai.usage.cache_creation.input_tokens` count again, so both are subtracted
 * for uncached input. `gen_ai.usage.output_tokens` INCLUDES reasoning
 * (`gen_ai.usage.reasoning.output_tokens`), which is subtracted likewise; a span
 * without that attribute has its reasoning priced as output. The older names
 * `gen_ai.usage.prompt_tokens` and `gen_ai.usage.completion_tokens` are read the
 * same way. Spans carry no cost. A trace is a task (its `traceId`, or
 * `gen_ai.conversation.id` when set); the workload is `gen_ai.agent.name`, else
 * the resource's `service.name`. The time is the span's start, in UTC.
 */
import {
  asObject,
  COUNT_HINT,
  showValue,
  type JsonDocument,
  type JsonObject,
} from './readJsonDocument.js';
import { describeNotA, readCount, type JsonPlace, type UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';

/** An attribute's value, and where it sits in the list, to place a problem with it. */
interface Attribute {
  readonly value: unknown;
  /** Path of the value below the span: `attributes.<index>.value.<intValue...>`. */
  readonly at: readonly (string | number)[];
}

/** OTLP attributes `[{ key, value: { stringValue | intValue | ... } }]` as a plain map. */
function readAttributes(list: unknown): Map<string, Attribute> {
  const attributes = new Map<string, Attribute>();
  if (!Array.isArray(list)) return attributes;
  list.forEach((item, index) => {
    const object = asObject(item);
    const value = asObject(object?.['value']);
    if (object === undefined || value === undefined) return;
    const [kind = ''] = Object.keys(value);
    const at = ['attributes', index, 'value', kind];
    attributes.set(String(object['key']), { value: value[kind], at });
  });
  return attributes;
}

const INPUT_KEYS = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'];
const OUTPUT_KEYS = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'];

interface LocatedSpan {
  readonly span: JsonObject;
  readonly service: string;
  readonly place: JsonPlace;
}

/** Every span of every export, with its service and where it sits; a non-OTLP document is noted. */
function spansOf(documents: readonly JsonDocument[], problems: UsageProblems): LocatedSpan[] {
  return documents.flatMap(({ value, line }) => {
    const resourceSpans = asObject(value)?.['resourceSpans'];
    if (!Array.isArray(resourceSpans)) {
      const hint = 'an OTLP JSON export: { "resourceSpans": [ ... ] }, one a line';
      problems.addJson({ line, at: [] }, ['resourceSpans'], 'not an OTLP JSON export', hint);
      return [];
    }
    return resourceSpans.flatMap((resourceSpan, r) => {
      const resource = asObject(asObject(resourceSpan)?.['resource']);
      const service = readAttributes(resource?.['attributes']).get('service.name')?.value;
      const scopes = asObject(resourceSpan)?.['scopeSpans'];
      return (Array.isArray(scopes) ? scopes : []).flatMap((scope, s) => {
        const spans = asObject(scope)?.['spans'];
        return (Array.isArray(spans) ? spans : []).flatMap((span, k) => {
          const object = asObject(span);
          const at = ['resourceSpans', r, 'scopeSpans', s, 'spans', k];
          return object === undefined
            ? []
            : [{ span: object, service: String(service ?? ''), place: { line, at } }];
        });
      });
    });
  });
}

/** Reads the spans that report token usage. */
export function readOtelSpans(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
): UsageRecord[] {
  const records: UsageRecord[] = [];
  for (const located of spansOf(documents, problems)) {
    const record = readSpan(located, problems);
    if (record !== undefined) records.push(record);
  }
  return records;
}

/** One span as a record, every problem of it noted; undefined without usage or with a problem. */
function readSpan({ span, service, place }: LocatedSpan, problems: UsageProblems) {
  const attributes = readAttributes(span['attributes']);
  const inputKey = INPUT_KEYS.find((key) => attributes.has(key));
  const outputKey = OUTPUT_KEYS.find((key) => attributes.has(key));
  if (inputKey === undefined && outputKey === undefined) return undefined;
  const id = String(span['spanId'] ?? '');
  let bad = false;
  const count = (key: string | undefined): number => {
    const attribute = key === undefined ? undefined : attributes.get(key);
    if (attribute === undefined) return 0;
    const value = readCount(attribute.value);
    if (value === undefined) {
      bad = true;
      const message = `${key} of span ${id}: ${describeNotA(attribute.value, 'a token count')}`;
      problems.addJson(place, attribute.at, message, COUNT_HINT);
    }
    return value ?? 0;
  };
  const input = count(inputKey);
  const cached = count('gen_ai.usage.cache_read.input_tokens');
  const written = count('gen_ai.usage.cache_creation.input_tokens');
  const output = count(outputKey);
  const reasoning = count('gen_ai.usage.reasoning.output_tokens');
  const startNanos = showValue(span['startTimeUnixNano'] ?? '');
  if (!/^\d+$/.test(startNanos)) {
    const hint = 'nanoseconds since 1970 as a string of digits, e.g. "1741000000000000000"';
    problems.addJson(place, ['startTimeUnixNano'], `span ${id} has no start time`, hint);
    return undefined;
  }
  if (bad) return undefined;
  const value = (key: string) => attributes.get(key)?.value;
  const conversation = value('gen_ai.conversation.id');
  return {
    ...emptyRecord(place.line),
    // Nanoseconds overflow a double's exact range; milliseconds are all we keep.
    timeMs: Number(startNanos.slice(0, -6) || '0'),
    workload: String(value('gen_ai.agent.name') ?? '') || service || 'default',
    taskKey: String(conversation ?? span['traceId'] ?? ''),
    vendor: String(value('gen_ai.provider.name') ?? value('gen_ai.system') ?? ''),
    model: String(value('gen_ai.response.model') ?? value('gen_ai.request.model') ?? 'unknown'),
    inputTokens: Math.max(0, input - cached - written),
    cachedInputTokens: cached,
    cacheWriteTokens: written,
    outputTokens: Math.max(0, output - reasoning),
    reasoningTokens: reasoning,
    requestId: String(value('gen_ai.response.id') ?? id),
  };
}
