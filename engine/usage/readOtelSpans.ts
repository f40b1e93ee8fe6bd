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
import { asObject, type JsonObject } from './readJsonDocument.js';
import { failUsage, readCount, UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';

/** OTLP attributes `[{ key, value: { stringValue | intValue | ... } }]` as a plain map. */
function readAttributes(list: unknown): Map<string, unknown> {
  const attributes = new Map<string, unknown>();
  if (!Array.isArray(list)) return attributes;
  for (const item of list) {
    const object = asObject(item);
    const value = asObject(object?.['value']);
    if (object === undefined || value === undefined) continue;
    const [first] = Object.values(value);
    attributes.set(String(object['key']), first);
  }
  return attributes;
}

const INPUT_KEYS = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'];
const OUTPUT_KEYS = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'];

function spansOf(
  documents: readonly unknown[],
): { span: JsonObject; service: string; line: number }[] {
  return documents.flatMap((document, documentIndex) => {
    const resourceSpans = asObject(document)?.['resourceSpans'];
    if (!Array.isArray(resourceSpans)) {
      throw failUsage(documentIndex + 1, 1, 'resourceSpans', 'not an OTLP JSON export');
    }
    return resourceSpans.flatMap((resourceSpan) => {
      const resource = asObject(asObject(resourceSpan)?.['resource']);
      const service = String(readAttributes(resource?.['attributes']).get('service.name') ?? '');
      const scopes = asObject(resourceSpan)?.['scopeSpans'];
      return (Array.isArray(scopes) ? scopes : []).flatMap((scope) => {
        const spans = asObject(scope)?.['spans'];
        return (Array.isArray(spans) ? spans : []).flatMap((span) => {
          const object = asObject(span);
          return object === undefined ? [] : [{ span: object, service, line: documentIndex + 1 }];
        });
      });
    });
  });
}

/** Reads the spans that report token usage. */
export function readOtelSpans(documents: readonly unknown[]): UsageRecord[] {
  const problems = new UsageProblems();
  const records: UsageRecord[] = [];
  for (const { span, service, line } of spansOf(documents)) {
    const attributes = readAttributes(span['attributes']);
    const inputKey = INPUT_KEYS.find((key) => attributes.has(key));
    const outputKey = OUTPUT_KEYS.find((key) => attributes.has(key));
    if (inputKey === undefined && outputKey === undefined) continue;
    const id = String(span['spanId'] ?? '');
    const count = (key: string | undefined): number => {
      if (key === undefined || !attributes.has(key)) return 0;
      const value = readCount(attributes.get(key));
      if (value === undefined) problems.add(line, 1, `span ${id} ${key}`, 'not a token count');
      return value ?? 0;
    };
    const input = count(inputKey);
    const cached = count('gen_ai.usage.cache_read.input_tokens');
    const written = count('gen_ai.usage.cache_creation.input_tokens');
    const output = count(outputKey);
    const reasoning = count('gen_ai.usage.reasoning.output_tokens');
    const startNanos = String(span['startTimeUnixNano'] ?? '');
    if (!/^\d+$/.test(startNanos)) {
      problems.add(line, 1, `span ${id} startTimeUnixNano`, 'no start time');
      continue;
    }
    const conversation = attributes.get('gen_ai.conversation.id');
    records.push({
      ...emptyRecord(line),
      // Nanoseconds overflow a double's exact range; milliseconds are all we keep.
      timeMs: Number(startNanos.slice(0, -6) || '0'),
      workload: String(attributes.get('gen_ai.agent.name') ?? '') || service || 'default',
      taskKey: String(conversation ?? span['traceId'] ?? ''),
      vendor: String(
        attributes.get('gen_ai.provider.name') ?? attributes.get('gen_ai.system') ?? '',
      ),
      model: String(
        attributes.get('gen_ai.response.model') ??
          attributes.get('gen_ai.request.model') ??
          'unknown',
      ),
      inputTokens: Math.max(0, input - cached - written),
      cachedInputTokens: cached,
      cacheWriteTokens: written,
      outputTokens: Math.max(0, output - reasoning),
      reasoningTokens: reasoning,
      requestId: String(attributes.get('gen_ai.response.id') ?? id),
    });
  }
  problems.throwIfAny();
  return records;
}
