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
import { asObject, type JsonObject } from './readJsonDocument.js';
import { readCount, readNumber, UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';
import { parseTimestamp } from './zonedTime.js';

export const LITELLM_TASK_KEYS = ['session', 'agent', 'tag'] as const;
export type LiteLlmTaskKey = (typeof LITELLM_TASK_KEYS)[number];

/** The spend log rows of the saved documents, each with its line. */
function collectRows(documents: readonly unknown[]): { row: JsonObject; line: number }[] {
  const lists =
    documents.length === 1 ? [asObject(documents[0])?.['data'] ?? documents[0]] : [documents];
  return lists.flatMap((list) =>
    Array.isArray(list)
      ? list.flatMap((row, index) => {
          const object = asObject(row);
          return object === undefined
            ? []
            : [{ row: object, line: documents.length > 1 ? index + 1 : 1 }];
        })
      : [],
  );
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
  documents: readonly unknown[],
  zone: string,
  taskKey: LiteLlmTaskKey = 'session',
): UsageRecord[] {
  const problems = new UsageProblems();
  const records = collectRows(documents).flatMap(({ row, line }, index) => {
    const path = `[${index}]`;
    const timeText = String(row['startTime'] ?? '');
    const timeMs = parseTimestamp(timeText, zone);
    if (timeMs === undefined) {
      problems.add(line, 1, `${path}.startTime`, `\`${timeText}\` is not a time`);
      return [];
    }
    const metadata = readMetadata(row);
    const usage = asObject(metadata['usage_object']) ?? {};
    const count = (value: unknown, key: string): number => {
      const parsed = readCount(value);
      if (parsed === undefined) problems.add(line, 1, `${path}.${key}`, 'not a token count');
      return parsed ?? 0;
    };
    const prompt = count(row['prompt_tokens'], 'prompt_tokens');
    const completion = count(row['completion_tokens'], 'completion_tokens');
    const cached = count(
      asObject(usage['prompt_tokens_details'])?.['cached_tokens'] ??
        usage['cache_read_input_tokens'],
      'metadata.usage_object.prompt_tokens_details.cached_tokens',
    );
    const written = count(usage['cache_creation_input_tokens'], 'cache_creation_input_tokens');
    const reasoning = count(
      asObject(usage['completion_tokens_details'])?.['reasoning_tokens'],
      'metadata.usage_object.completion_tokens_details.reasoning_tokens',
    );
    const spend = readNumber(row['spend']);
    if (spend === undefined) problems.add(line, 1, `${path}.spend`, 'not an amount in dollars');
    const tags = readTags(row);
    const workloadTag = tags.find((tag) => tag.startsWith('workload:'));
    const record: UsageRecord = {
      ...emptyRecord(line),
      timeMs,
      workload:
        workloadTag?.slice('workload:'.length) ||
        String(metadata['user_api_key_team_alias'] ?? '') ||
        'default',
      taskKey: chooseTaskKey(row, metadata, tags, taskKey),
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
    return [record];
  });
  problems.throwIfAny();
  return records;
}
