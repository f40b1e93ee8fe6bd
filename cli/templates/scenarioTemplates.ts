/**
 * Scenarios that `pertask init` writes to start from, commented for a reader
 * who has not seen the language. `{{schema}}` becomes the path of the JSON
 * Schema relative to the written file, so editors complete keys.
 */
export const SCENARIO_TEMPLATES = {
  basic: `# yaml-language-server: $schema={{schema}}
#
# A one-workload scenario to start from. Every number may be a plain value
# (140k, 2.5%, $3), a range "a to b" (a at P5, b at P95: the uncertainty of a
# value you do not know exactly), or a distribution such as
# { pert: { min: 100, mode: 300, max: 900 } }. Run \`pertask validate\` on it
# after each edit, and \`pertask run\` to forecast.

scenario: my-scenario
description: What this forecast is for, in a sentence.
start: 2027-01          # first month of the horizon
months: 12
trials: 10000
seed: 1
# budget: $50k          # the year's budget, all workloads

prices:
  curve:
    annual_change: -20% to -60%   # how list prices move in a year, drawn per trial

workloads:
  support:                        # a kind of task: one support ticket
    tasks_per_month: 50k to 80k   # tasks in the first month
    growth: 1% to 3%              # per month
    steps:
      answer:
        model: gpt-4o-mini        # a name from the built-in price catalog
        input_tokens: 1.5k to 3k  # per call
        output_tokens: 200 to 400
        cached_share: 30% to 60%  # part of the input read from the prompt cache
      review:
        model: gpt-4.1
        when: 5% to 15%           # share of tasks that get a second look
        input_tokens: 3k to 6k
        output_tokens: 300
`,
  agent: `# yaml-language-server: $schema={{schema}}
#
# An agent that loops over tool calls, with named params and expressions.
# \`params\` are values you name once and use anywhere: an input size can be
# written as \`system_prompt + 1.5 * ticket\`. A range in params is drawn once
# per trial, like any other range.

scenario: my-agent
start: 2027-01
months: 12
trials: 10000

params:
  system_prompt: 2k                  # tokens
  ticket: 300 to 900                 # tokens of one customer message
  tool_result: { gamma: { mean: 1.2k, sd: 500 } }

workloads:
  agent:
    tasks_per_month: 20k to 40k
    growth: 2% to 5%
    steps:
      plan:
        model: gpt-4.1
        input_tokens: system_prompt + 1.5 * ticket
        output_tokens: 200 to 500
      tool-loop:
        model: gpt-4o-mini
        calls: { geometric: { mean: 4 }, max: 15 }   # iterations per task, capped
        input_tokens: system_prompt + ticket
        output_tokens: 150
        context_growth: tool_result      # each call re-sends the previous results
        cached_share: { beta: { mean: 60%, sd: 10% } }
    drift:
      tool-loop.calls: +20% to +80% by 2027-12      # loops get deeper over the year
`,
} as const;

export type TemplateName = keyof typeof SCENARIO_TEMPLATES;
