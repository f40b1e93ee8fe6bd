/**
 * LiteLLM proxy spend logs: the rows of its `LiteLLM_SpendLogs` table as the
 * proxy's `/spend/logs` endpoint returns them, saved as a JSON list (or
 * `{ data: [...] }`, or one row a line).
 *
 * Convention: `prompt_tokens` is OpenAI's count and INCLUDES cached reads
 * (`metadata.usage_object.prompt_tokens_details.cached_tokens`, or
 * `cache_read_input_tokens` for Anthropic models) and cache writes
 * (`cache_creation_input_tokens`), so both are subtracted for uncached input.
 * `completion_tokens` INCLUDES reasoning
 * (`completion_tokens_details.reasoning_tokens`), subtracted likewise. `spend`
 * is in DOLLARS. The workload is a `workload:<name>` request tag, else the team
 * alias, else `default`. The task key is chosen by `taskKey`: the row's
 * `session_id` (default), its agent (`agent_id`, or `metadata.agent_id`), or a
 * request tag `task:<id>`.
 */
import {
  asObject,
  COUNT_HINT,
  listRecords,
  showValue,
  valueAt,
  type JsonDocument,
  type JsonObject,
} from './readJsonDocument.js';
import {
  describeNotA,
  readCount,
  readNumber,
  type JsonPlace,
  type UsageProblems,
} from './usageProblems.js';
import { emptyRecord, type JsonPath, type UsageRecord } from './usageRecord.js';
import { parseTimestamp } from './zonedTime.js';

export const LITELLM_TASK_KEYS = ['session', 'agent', 'tag'] as const;
export type LiteLlmTaskKey = (typeof LITELLM_TASK_KEYS)[number];

const ROW_HINT = 'a row of the /spend/logs endpoint: { "request_id": ..., "startTime": ... }';

/** The spend log rows of the saved documents, each with where it sits; others are problems. */
function collectRows(documents: readonly JsonDocument[], problems: UsageProblems) {
  return listRecords(documents, 'data').flatMap(({ value, place }) => {
    const row = asObject(value);
    if (row === undefined) problems.addJson(place, [], 'this row is not a JSON object', ROW_HINT);
    return row === undefined ? [] : [{ row, place }];
  });
}

function readTags(row: JsonObject): string[] {
  let tags = row['request_tags'];
  if (typeof tags === 'string') {
    try {
      tags = JSON.parse(tags);
    } catch {
      return [];
    }
  }
  return Array.isArray(tags) ? tags.map(String) : [];
}

function readMetadata(row: JsonObject): JsonObject {
  const metadata = row['metadata'];
  if (typeof metadata === 'string') {
    try {
      return asObject(JSON.parse(metadata)) ?? {};
    } catch {
      return {};
    }
  }
  return asObject(metadata) ?? {};
}

function chooseTaskKey(row: JsonObject, metadata: JsonObject, tags: string[], by: LiteLlmTaskKey) {
  if (by === 'session') return String(row['session_id'] ?? '');
  if (by === 'agent') return String(row['agent_id'] ?? metadata['agent_id'] ?? '');
  return tags.find((tag) => tag.startsWith('task:'))?.slice('task:'.length) ?? '';
}

/** Reads spend log rows; `zone` applies to start times written without one. */
export function readLiteLlmSpendLogs(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
  zone: string,
  taskKey: LiteLlmTaskKey = 'session',
): UsageRecord[] {
  return collectRows(documents, problems).flatMap(({ row, place }) => {
    const record = readRow(row, place, { problems, zone, taskKey });
    return record === undefined ? [] : [record];
  });
}

/** One row as a record, every problem of it noted; undefined when it has any. */
function readRow(
  row: JsonObject,
  place: JsonPlace,
  context: { problems: UsageProblems; zone: string; taskKey: LiteLlmTaskKey },
): UsageRecord | undefined {
  const { problems } = context;
  let bad = false;
  const report = (field: JsonPath, message: string, hint: string) => {
    bad = true;
    problems.addJson(place, field, message, hint);
  };
  const timeText = showValue(row['startTime'] ?? '');
  const timeMs = parseTimestamp(timeText, context.zone);
  if (timeMs === undefined) {
    const hint = 'ISO 8601, e.g. 2025-03-01T23:30:00+00:00; without a zone it is a time in --tz';
    report(['startTime'], `\`${timeText}\` is not a time`, hint);
  }
  const metadata = readMetadata(row);
  const usage = asObject(metadata['usage_object']) ?? {};
  // Where metadata is a JSON string, its counts are placed at `metadata` itself.
  const inUsage = (path: JsonPath): JsonPath => ['metadata', 'usage_object', ...path];
  const count = (value: unknown, field: JsonPath): number => {
    const parsed = readCount(value);
    if (parsed === undefined) report(field, describeNotA(value, 'a token count'), COUNT_HINT);
    return parsed ?? 0;
  };
  const prompt = count(row['prompt_tokens'], ['prompt_tokens']);
  const completion = count(row['completion_tokens'], ['completion_tokens']);
  const cachedPath =
    valueAt(usage, ['prompt_tokens_details', 'cached_tokens']) !== undefined
      ? ['prompt_tokens_details', 'cached_tokens']
      : ['cache_read_input_tokens'];
  const cached = count(valueAt(usage, cachedPath), inUsage(cachedPath));
  const written = count(
    usage['cache_creation_input_tokens'],
    inUsage(['cache_creation_input_tokens']),
  );
  const reasoningPath = ['completion_tokens_details', 'reasoning_tokens'];
  const reasoning = count(valueAt(usage, reasoningPath), inUsage(reasoningPath));
  const spend = readNumber(row['spend']);
  if (spend === undefined) {
    const hint = 'the cost in dollars as a number, 0 or more, e.g. 0.0215';
    report(['spend'], describeNotA(row['spend'], 'an amount'), hint);
  }
  if (bad || timeMs === undefined) return undefined;
  const tags = readTags(row);
  const workloadTag = tags.find((tag) => tag.startsWith('workload:'));
  return {
    ...emptyRecord(place.line),
    timeMs,
    workload:
      workloadTag?.slice('workload:'.length) ||
      String(metadata['user_api_key_team_alias'] ?? '') ||
      'default',
    taskKey: chooseTaskKey(row, metadata, tags, context.taskKey),
    vendor: String(row['custom_llm_provider'] ?? ''),
    model: String(row['model'] ?? '') || 'unknown',
    inputTokens: Math.max(0, prompt - cached - written),
    cachedInputTokens: cached,
    cacheWriteTokens: written,
    outputTokens: Math.max(0, completion - reasoning),
    reasoningTokens: reasoning,
    costUsd: spend ?? null,
    requestId: String(row['request_id'] ?? ''),
  };
}
