import { describe, expect, it } from 'vitest';
import { readUsageText } from '../../../engine/usage/readUsageText.js';
import { UsageReadError, type UsageProblem } from '../../../engine/usage/usageRecord.js';

const HEADER = 'time,workload,task,model,input_tokens,cached_input_tokens,output_tokens,cost_usd';

function problemsOf(action: () => unknown): UsageProblem[] {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageReadError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a UsageReadError');
}

describe('the generic CSV format', () => {
  it('reads a byte-order mark, quoted thousands separators and every token kind', () => {
    const text =
      `\uFEFF${HEADER},reasoning_tokens,cache_write_tokens\n` +
      '2024-09-02T10:00:00Z,support,t1,gpt-4o,"1,200",300,"2,500",0.04,10,20\n';
    const { format, records } = readUsageText(text, { zone: 'UTC' });
    expect(format).toBe('generic-csv');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      workload: 'support',
      taskKey: 't1',
      inputTokens: 1200,
      cachedInputTokens: 300,
      cacheWriteTokens: 20,
      outputTokens: 2500,
      reasoningTokens: 10,
      costUsd: 0.04,
      calls: 1,
      line: 2,
    });
  });

  it('drops a row whose request id it has already read', () => {
    const text =
      `${HEADER},request_id\n` +
      '2024-09-02T10:00:00Z,support,t1,gpt-4o,100,0,10,,req-1\n' +
      '2024-09-02T10:00:00Z,support,t1,gpt-4o,100,0,10,,req-1\n' +
      '2024-09-02T10:01:00Z,support,t1,gpt-4o,100,0,10,,req-2\n';
    const read = readUsageText(text, { zone: 'UTC' });
    expect(read.records).toHaveLength(2);
    expect(read.duplicates).toBe(1);
  });

  it('names a missing column and the formats it accepts', () => {
    const text = 'time,model,input_tokens\n2024-09-02T10:00:00Z,gpt-4o,100\n';
    const [problem] = problemsOf(() => readUsageText(text, { zone: 'UTC' }));
    expect(problem).toMatchObject({ line: 1, key: 'output_tokens' });
    expect(problem!.message).toContain('`output_tokens`');
    expect(problem!.hint).toContain('OpenAI usage');
    expect(problem!.hint).toContain('FOCUS');
  });

  it('reports every bad cell at once, each with its line and column', () => {
    const text =
      `${HEADER}\n` +
      '2024-09-02T10:00:00Z,support,t1,gpt-4o,12x,0,10,\n' +
      'not a time,support,t1,gpt-4o,100,0,10,\n';
    const problems = problemsOf(() => readUsageText(text, { zone: 'UTC' }));
    expect(problems.map((p) => [p.line, p.column, p.key])).toEqual([
      // 12x starts after "2024-09-02T10:00:00Z,support,t1,gpt-4o," (39 characters).
      [2, 40, 'input_tokens'],
      [3, 1, 'time'],
    ]);
  });

  it('refuses costs in a currency other than USD, and says when a file mixes them', () => {
    const text =
      `${HEADER},currency\n` +
      '2024-09-02T10:00:00Z,a,t1,gpt-4o,100,0,10,0.5,USD\n' +
      '2024-09-02T11:00:00Z,a,t2,gpt-4o,100,0,10,0.5,EUR\n';
    const [problem] = problemsOf(() => readUsageText(text, { zone: 'UTC' }));
    expect(problem).toMatchObject({ line: 3, key: 'currency' });
    expect(problem!.message).toContain('mixes EUR, USD');
  });

  it('reads times without a zone in the zone it is given', () => {
    const text = `${HEADER}\n2024-01-31 20:30:00,a,t1,gpt-4o,100,0,10,\n`;
    const [utc] = readUsageText(text, { zone: 'UTC' }).records;
    const [newYork] = readUsageText(text, { zone: 'America/New_York' }).records;
    expect(utc!.timeMs).toBe(Date.UTC(2024, 0, 31, 20, 30));
    expect(newYork!.timeMs).toBe(Date.UTC(2024, 1, 1, 1, 30));
  });
});

describe('the generic JSON Lines format', () => {
  it('reads one object a line with the CSV keys', () => {
    const text =
      '{"time":"2024-09-02T10:00:00Z","model":"gpt-4o","input_tokens":100,"output_tokens":5,' +
      '"task":"t1","calls":3}\n\n' +
      '{"time":"2024-09-03T10:00:00Z","model":"gpt-4o","input_tokens":"1,000","output_tokens":5}\n';
    const { format, records } = readUsageText(text, { zone: 'UTC' });
    expect(format).toBe('generic-jsonl');
    expect(records.map((r) => [r.inputTokens, r.calls, r.line])).toEqual([
      [100, 3, 1],
      [1000, 1, 3],
    ]);
  });
});
