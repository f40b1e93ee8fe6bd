import { describe, expect, it } from 'vitest';
import { TOTAL_LIMIT } from '../../../engine/usage/findTotalOverflow.js';
import { readUsageText } from '../../../engine/usage/readUsageText.js';
import { UsageReadError, type UsageProblem } from '../../../engine/usage/usageRecord.js';

const HEADER = 'time,model,calls,input_tokens,output_tokens,cost_usd';

function problemsOf(text: string): UsageProblem[] {
  try {
    readUsageText(text, { zone: 'UTC' });
  } catch (error) {
    if (error instanceof UsageReadError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a UsageReadError');
}

/** The line, column, key and message of each problem, to compare in one go. */
const placesOf = (text: string) =>
  problemsOf(text).map((p) => `${p.line}:${p.column} [${p.key}] ${p.message}`);

describe('numbers in usage files', () => {
  it('refuses a count or cost too large for a double, in every numeric column', () => {
    // 1e400 is past Number.MAX_VALUE (about 1.8e308, IEEE 754), so Number('1e400') is Infinity.
    const text = `${HEADER}\n2024-09-01T00:00:00Z,gpt-4o,1e400,1e400,5,1e400\n`;
    // Columns counted by hand in the row above: calls at 29, input_tokens at 35, cost_usd at 43.
    expect(placesOf(text)).toEqual([
      '2:29 [calls] `1e400` is too large to hold, so not a number of calls',
      '2:35 [input_tokens] `1e400` is too large to hold, so not a token count',
      '2:43 [cost_usd] `1e400` is too large to hold, so not an amount',
    ]);
  });

  it('refuses a negative cost, count or number of calls', () => {
    const text = `${HEADER}\n2024-09-01T00:00:00Z,gpt-4o,-1,5,-2,-0.5\n`;
    expect(placesOf(text)).toEqual([
      '2:29 [calls] `-1` is negative, so not a number of calls',
      '2:34 [output_tokens] `-2` is negative, so not a token count',
      '2:37 [cost_usd] `-0.5` is negative, so not an amount',
    ]);
  });

  it('refuses a negative amount in a vendor export too (LiteLLM spend)', () => {
    const row = { startTime: '2025-03-01T00:00:00Z', model: 'gpt-4o', spend: -0.25 };
    const messages = problemsOf(`${JSON.stringify([row])}\n`).map((p) => p.message);
    expect(messages).toEqual(['`-0.25` is negative, so not an amount']);
  });

  it('refuses costs that add up past 2^53 - 1, at the row that takes them past', () => {
    // Two rows of 1e308 add to Infinity (IEEE 754); the first alone passes 2^53 - 1, at line 2.
    const rows = ['1e308', '1e308'].map((cost) => `2024-09-01T00:00:00Z,gpt-4o,1,1,1,${cost}`);
    const problems = problemsOf(`${HEADER}\n${rows.join('\n')}\n`);
    expect(problems.map((p) => `${p.line} [${p.key}]`)).toEqual(['2 [cost_usd]']);
    expect(problems[0]!.message).toContain(`the costs add up past ${TOTAL_LIMIT}`);
  });

  it('refuses token counts whose total passes 2^53 - 1 though each row is below it', () => {
    // 2^53 - 1 = 9007199254740991 (Number.MAX_SAFE_INTEGER); 5e15 twice is 1e16, past it.
    const rows = ['5e15', '5e15'].map((count) => `2024-09-01T00:00:00Z,gpt-4o,1,${count},0,`);
    const problems = problemsOf(`${HEADER}\n${rows.join('\n')}\n`);
    expect(problems.map((p) => `${p.line} [${p.key}]`)).toEqual(['3 [input_tokens]']);
  });

  it('still reads zero, a blank cost and a cost written with a dollar sign', () => {
    const rows = ['2024-09-01T00:00:00Z,gpt-4o,0,0,0,', '2024-09-01T00:00:00Z,gpt-4o,1,2,3,$0.5'];
    const text = `${HEADER}\n${rows.join('\n')}\n`;
    const { records } = readUsageText(text, { zone: 'UTC' });
    expect(records.map((r) => [r.calls, r.costUsd])).toEqual([
      [0, null],
      [1, 0.5],
    ]);
  });
});
