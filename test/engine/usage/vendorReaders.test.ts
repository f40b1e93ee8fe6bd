import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFocusBilling } from '../../../engine/usage/readFocusBilling.js';
import { readUsageText } from '../../../engine/usage/readUsageText.js';
import { UsageProblems } from '../../../engine/usage/usageProblems.js';
import { totalTokens, type UsageRecord } from '../../../engine/usage/usageRecord.js';

// Small exports written by hand in each source's documented shape. Each test states the
// source's convention and checks the normalised totals against arithmetic done by hand.

const sum = (records: readonly UsageRecord[], pick: (r: UsageRecord) => number) =>
  records.reduce((total, record) => total + pick(record), 0);

const OPENAI_USAGE = JSON.stringify({
  object: 'page',
  data: [
    {
      object: 'bucket',
      start_time: 1727740800, // 2024-10-01T00:00:00Z
      end_time: 1727827200,
      results: [
        {
          object: 'organization.usage.completions.result',
          input_tokens: 10_000,
          input_cached_tokens: 4_000,
          output_tokens: 2_000,
          num_model_requests: 25,
          project_id: 'proj_support',
          model: 'gpt-4o-2024-08-06',
        },
        {
          object: 'organization.usage.completions.result',
          input_tokens: 1_000,
          input_cached_tokens: 0,
          output_tokens: 500,
          num_model_requests: 5,
          project_id: null,
          model: 'o4-mini',
        },
      ],
    },
  ],
  has_more: false,
});

describe('the OpenAI organization usage reader', () => {
  it('takes cached tokens out of input, since OpenAI counts them inside it', () => {
    const { format, records } = readUsageText(OPENAI_USAGE, { zone: 'UTC' });
    expect(format).toBe('openai-usage');
    // Uncached input: (10,000 - 4,000) + (1,000 - 0) = 7,000; cached 4,000.
    expect(sum(records, (r) => r.inputTokens)).toBe(7_000);
    expect(sum(records, (r) => r.cachedInputTokens)).toBe(4_000);
    // Output includes reasoning, which the export does not split: 2,000 + 500, reasoning 0.
    expect(sum(records, (r) => r.outputTokens)).toBe(2_500);
    expect(sum(records, (r) => r.reasoningTokens)).toBe(0);
    // Every token once: 7,000 + 4,000 + 2,500 = 13,500 = the export's 11,000 input + 2,500 output.
    expect(sum(records, totalTokens)).toBe(13_500);
    expect(records.map((r) => [r.workload, r.calls, r.timeMs])).toEqual([
      ['proj_support', 25, Date.UTC(2024, 9, 1)],
      ['default', 5, Date.UTC(2024, 9, 1)],
    ]);
  });

  it('reads the costs endpoint in dollars, one record per line item', () => {
    const costs = {
      data: [
        {
          start_time: 1727740800,
          results: [
            {
              object: 'organization.costs.result',
              amount: { value: 0.06, currency: 'usd' },
              line_item: 'gpt-4o-2024-08-06, input',
              project_id: 'proj_support',
            },
            {
              object: 'organization.costs.result',
              amount: { value: 1.5, currency: 'usd' },
              line_item: 'gpt-4o-2024-08-06, output',
              project_id: 'proj_support',
            },
          ],
        },
      ],
    };
    const { format, records } = readUsageText(JSON.stringify(costs), { zone: 'UTC' });
    expect(format).toBe('openai-costs');
    // $0.06 + $1.50 = $1.56, no tokens.
    expect(sum(records, (r) => r.costUsd ?? 0)).toBeCloseTo(1.56, 12);
    expect(sum(records, totalTokens)).toBe(0);
    expect(records[0]!.model).toBe('gpt-4o-2024-08-06');
  });
});

describe('the Anthropic admin report readers', () => {
  it('adds cache reads and both cache-write lifetimes to uncached input, never subtracting', () => {
    const usage = {
      data: [
        {
          starting_at: '2025-08-01T00:00:00Z',
          ending_at: '2025-08-02T00:00:00Z',
          results: [
            {
              uncached_input_tokens: 1_500,
              cache_creation: { ephemeral_5m_input_tokens: 1_000, ephemeral_1h_input_tokens: 200 },
              cache_read_input_tokens: 8_000,
              output_tokens: 700,
              workspace_id: 'wrkspc_review',
              model: 'claude-sonnet-4-20250514',
            },
          ],
        },
      ],
      has_more: false,
    };
    const { format, records } = readUsageText(JSON.stringify(usage), { zone: 'UTC' });
    expect(format).toBe('anthropic-usage');
    expect(records[0]).toMatchObject({
      inputTokens: 1_500,
      cachedInputTokens: 8_000,
      cacheWriteTokens: 1_200, // 1,000 five-minute + 200 one-hour writes
      outputTokens: 700, // thinking is inside output
      reasoningTokens: 0,
      workload: 'wrkspc_review',
      vendor: 'anthropic',
    });
    // 1,500 + 8,000 + 1,200 + 700 = 11,400 tokens.
    expect(totalTokens(records[0]!)).toBe(11_400);
  });

  it('reads cost amounts as cents and turns them into dollars', () => {
    const costs = {
      data: [
        {
          starting_at: '2025-08-01T00:00:00Z',
          results: [
            {
              currency: 'USD',
              amount: '1234.5',
              model: 'claude-sonnet-4-20250514',
              cost_type: 'tokens',
            },
            {
              currency: 'USD',
              amount: '66',
              model: 'claude-sonnet-4-20250514',
              cost_type: 'tokens',
            },
          ],
        },
      ],
    };
    const { format, records } = readUsageText(JSON.stringify(costs), { zone: 'UTC' });
    expect(format).toBe('anthropic-costs');
    // 1,234.5 + 66 = 1,300.5 cents = $13.005.
    expect(sum(records, (r) => r.costUsd ?? 0)).toBeCloseTo(13.005, 12);
  });
});

describe('the LiteLLM spend log reader', () => {
  const rows = [
    {
      request_id: 'chatcmpl-1',
      startTime: '2025-03-01T23:30:00+00:00',
      model: 'gpt-4o',
      custom_llm_provider: 'openai',
      prompt_tokens: 5_000,
      completion_tokens: 900,
      spend: 0.0215,
      session_id: 'sess-a',
      request_tags: ['workload:triage', 'task:T-17'],
      metadata: {
        usage_object: {
          prompt_tokens_details: { cached_tokens: 3_000 },
          completion_tokens_details: { reasoning_tokens: 400 },
        },
      },
    },
    {
      request_id: 'chatcmpl-2',
      startTime: '2025-03-01T23:31:00',
      model: 'claude-sonnet-4-20250514',
      custom_llm_provider: 'anthropic',
      prompt_tokens: 2_000,
      completion_tokens: 100,
      spend: 0.01,
      session_id: 'sess-a',
      request_tags: '["workload:triage"]',
      metadata: {
        usage_object: { cache_read_input_tokens: 500, cache_creation_input_tokens: 300 },
      },
    },
    { request_id: 'chatcmpl-1', startTime: '2025-03-01T23:30:00Z', model: 'gpt-4o', spend: 0.0215 },
  ];

  it('subtracts cached, cache-write and reasoning tokens from the OpenAI-style counts', () => {
    const read = readUsageText(JSON.stringify(rows), { zone: 'UTC' });
    expect(read.format).toBe('litellm-spend');
    expect(read.duplicates).toBe(1);
    const [first, second] = read.records;
    // 5,000 prompt - 3,000 cached = 2,000; 900 completion - 400 reasoning = 500.
    expect(first).toMatchObject({ inputTokens: 2_000, cachedInputTokens: 3_000 });
    expect(first).toMatchObject({ outputTokens: 500, reasoningTokens: 400 });
    // 2,000 prompt - 500 read - 300 written = 1,200.
    expect(second).toMatchObject({
      inputTokens: 1_200,
      cachedInputTokens: 500,
      cacheWriteTokens: 300,
    });
    // Spend is in dollars: 0.0215 + 0.01.
    expect(sum(read.records, (r) => r.costUsd ?? 0)).toBeCloseTo(0.0315, 12);
    expect(read.records.map((r) => r.workload)).toEqual(['triage', 'triage']);
  });

  it('groups calls into tasks by session, or by a task tag when asked', () => {
    const bySession = readUsageText(JSON.stringify(rows), { zone: 'UTC' }).records;
    expect(bySession.map((r) => r.taskKey)).toEqual(['sess-a', 'sess-a']);
    const byTag = readUsageText(JSON.stringify(rows), { zone: 'UTC', taskKey: 'tag' }).records;
    expect(byTag.map((r) => r.taskKey)).toEqual(['T-17', '']);
  });
});

describe('the OpenTelemetry GenAI span reader', () => {
  const attribute = (key: string, value: string | number) => ({
    key,
    value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
  });
  const otlp = {
    resourceSpans: [
      {
        resource: { attributes: [attribute('service.name', 'support-bot')] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: 'trace-1',
                spanId: 'span-1',
                name: 'chat gpt-4o',
                startTimeUnixNano: '1727740800000000000',
                attributes: [
                  attribute('gen_ai.provider.name', 'openai'),
                  attribute('gen_ai.request.model', 'gpt-4o'),
                  attribute('gen_ai.usage.input_tokens', 1_000),
                  attribute('gen_ai.usage.cache_read.input_tokens', 600),
                  attribute('gen_ai.usage.output_tokens', 80),
                  attribute('gen_ai.usage.reasoning.output_tokens', 30),
                ],
              },
              {
                traceId: 'trace-1',
                spanId: 'span-2',
                name: 'chat (older names)',
                startTimeUnixNano: '1727740860000000000',
                attributes: [
                  attribute('gen_ai.system', 'openai'),
                  attribute('gen_ai.request.model', 'gpt-4o'),
                  attribute('gen_ai.usage.prompt_tokens', 300),
                  attribute('gen_ai.usage.completion_tokens', 20),
                ],
              },
              { traceId: 'trace-1', spanId: 'span-3', name: 'tool call', attributes: [] },
            ],
          },
        ],
      },
    ],
  };

  it('takes cached reads out of input, reasoning out of output, and reads older names', () => {
    const { format, records } = readUsageText(JSON.stringify(otlp), { zone: 'UTC' });
    expect(format).toBe('otel-spans');
    expect(records).toHaveLength(2); // the tool span has no usage
    // 1,000 input including 600 cached: 400 uncached; 80 output including 30 reasoning: 50.
    // The older names: 300 in, 20 out.
    const counts = records.map((r) => [
      r.inputTokens,
      r.cachedInputTokens,
      r.outputTokens,
      r.reasoningTokens,
    ]);
    expect(counts).toEqual([
      [400, 600, 50, 30],
      [300, 0, 20, 0],
    ]);
    expect(records.map((r) => [r.taskKey, r.workload, r.timeMs])).toEqual([
      ['trace-1', 'support-bot', Date.UTC(2024, 9, 1, 0, 0)],
      ['trace-1', 'support-bot', Date.UTC(2024, 9, 1, 0, 1)],
    ]);
  });
});

describe('the FOCUS billing reader', () => {
  const header =
    'BilledCost,BillingCurrency,ChargePeriodStart,ChargeDescription,ConsumedQuantity,' +
    'ConsumedUnit,PricingUnit,ServiceCategory,ServiceName,SkuId,SubAccountName,Tags';

  it('keeps token rows of AI services, one token kind a row, cost in dollars', () => {
    const text = [
      header,
      '12.5,USD,2024-10-01 00:00:00,gpt-4o input tokens,5000,1K Tokens,1K Tokens,' +
        'AI and Machine Learning,Azure OpenAI,sku1,team-a,"{""workload"": ""support""}"',
      '3.75,USD,2024-10-01 00:00:00,gpt-4o cached input tokens,3000,1K Tokens,1K Tokens,' +
        'AI and Machine Learning,Azure OpenAI,sku2,team-a,"{""workload"": ""support""}"',
      '20,USD,2024-10-01 00:00:00,gpt-4o output tokens,2,1M Tokens,1M Tokens,' +
        'AI and Machine Learning,Azure OpenAI,sku3,team-a,',
      '0.15,USD,2024-10-01 00:00:00,D11 v2 compute,1,Hours,Hours,' +
        'AI and Machine Learning,Azure Machine Learning,sku4,team-a,',
    ].join('\n');
    const problems = new UsageProblems();
    const records = readFocusBilling(text, problems);
    expect(() => problems.throwIfAny()).not.toThrow();
    expect(records).toHaveLength(3); // the compute row is not generative AI
    // 5,000 x 1K = 5M input; 3,000 x 1K = 3M cached; 2 x 1M = 2M output.
    expect(records.map((r) => [r.inputTokens, r.cachedInputTokens, r.outputTokens])).toEqual([
      [5_000_000, 0, 0],
      [0, 3_000_000, 0],
      [0, 0, 2_000_000],
    ]);
    // $12.50 + $3.75 + $20.00 = $36.25.
    expect(sum(records, (r) => r.costUsd ?? 0)).toBeCloseTo(36.25, 12);
    expect(records.map((r) => [r.model, r.workload])).toEqual([
      ['gpt-4o', 'support'],
      ['gpt-4o', 'support'],
      ['gpt-4o', 'team-a'],
    ]);
  });

  it('reads charge periods without a zone as UTC, as FOCUS requires, whatever --tz says', () => {
    const text = [
      header,
      '1,USD,2024-10-01 02:00:00,gpt-4o input tokens,1,1K Tokens,1K Tokens,' +
        'AI and Machine Learning,Azure OpenAI,sku1,team-a,',
    ].join('\n');
    const [record] = readUsageText(text, { zone: 'America/New_York' }).records;
    expect(record!.timeMs).toBe(Date.UTC(2024, 9, 1, 2, 0));
  });

  it('finds no generative-AI rows in the FOCUS 1.0 sample, whose AI rows are ML compute', () => {
    // ../shared/data/focus-1.0-sample.csv: 1,000 real anonymised rows (FOCUS-Sample-Data);
    // its 9 "AI and Machine Learning" rows are Azure ML disks, traffic and VMs, not tokens.
    const text = readFileSync('../shared/data/focus-1.0-sample.csv', 'utf8');
    const read = readUsageText(text, { zone: 'UTC' });
    expect(read.format).toBe('focus');
    expect(read.records).toEqual([]);
  });
});
