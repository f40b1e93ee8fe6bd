/**
 * Writes examples/logs/support-usage.csv, the small usage log the README's
 * `dashboard`, `calibrate` and `backtest` examples run on. The log is
 * synthetic, drawn from a fixed seed, and says so: a support bot whose tasks
 * grow 6% a month from 2026-06 to 2026-11, each task a classify call and one
 * to three answer calls on gpt-4o-mini whose prompt grows with the thread,
 * and one task in eight escalated to gpt-4.1. No cost column: spend is the
 * tokens at catalog prices. Run `npx tsx tools/buildExampleLog.ts` to rewrite
 * it; a test checks the committed file is what this script writes.
 */
import { writeFileSync } from 'node:fs';
import { createRandomStream, type RandomStream } from '../engine/createRandomStream.js';

export const EXAMPLE_LOG_PATH = 'examples/logs/support-usage.csv';

const SEED = 2026;
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const FIRST_MONTH_TASKS = 60;
const MONTHLY_GROWTH = 0.06;
const ESCALATION_SHARE = 1 / 8;
const SYSTEM_PROMPT_TOKENS = 900;
const HEADER = 'time,workload,task,model,input_tokens,cached_input_tokens,output_tokens,request_id';

/** A whole number drawn uniformly from `low` to `high`, both included. */
const between = (random: RandomStream, low: number, high: number): number =>
  low + Math.floor(random.next() * (high - low + 1));

/** The calls of one task, each a CSV line, from `start` (ms) a few seconds apart. */
function callsOfTask(random: RandomStream, task: string, start: number): string[][] {
  const ticket = between(random, 300, 1200);
  const calls: [string, number, number, number][] = [
    ['gpt-4o-mini', SYSTEM_PROMPT_TOKENS + ticket, SYSTEM_PROMPT_TOKENS, between(random, 10, 40)],
  ];
  let context = SYSTEM_PROMPT_TOKENS + ticket;
  for (let turn = between(random, 1, 3); turn > 0; turn -= 1) {
    const output = between(random, 150, 450);
    calls.push(['gpt-4o-mini', context, SYSTEM_PROMPT_TOKENS, output]);
    context += output + between(random, 50, 250);
  }
  if (random.next() < ESCALATION_SHARE) calls.push(['gpt-4.1', context + 2000, 0, 500]);
  return calls.map(([model, input, cached, output], index) => [
    new Date(start + index * 4000).toISOString(),
    'support-bot',
    task,
    model,
    String(input),
    String(cached),
    String(output),
    `${task}-${index}`,
  ]);
}

/** The log's text: a header and a line per call, oldest first. */
export function buildExampleLog(): string {
  const random = createRandomStream(SEED, 'example-log');
  const lines = [HEADER];
  MONTHS.forEach((month, monthIndex) => {
    const tasks = Math.round(FIRST_MONTH_TASKS * (1 + MONTHLY_GROWTH) ** monthIndex);
    const monthStart = Date.parse(`${month}-01T00:00:00Z`);
    // Tasks in time order through the first 28 days, so every month has the same span.
    const starts = Array.from({ length: tasks }, () => random.next() * 28 * 86_400_000)
      .sort((a, b) => a - b)
      .map((offset) => monthStart + Math.floor(offset / 1000) * 1000);
    starts.forEach((start, index) => {
      const task = `${month}-t${String(index + 1).padStart(3, '0')}`;
      for (const call of callsOfTask(random, task, start)) lines.push(call.join(','));
    });
  });
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('buildExampleLog.ts')) {
  writeFileSync(EXAMPLE_LOG_PATH, buildExampleLog());
}
