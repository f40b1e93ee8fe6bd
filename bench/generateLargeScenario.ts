/** The benchmark's large scenario: 50 workloads of 5 steps, 36 months, 100,000 trials. */
export const LARGE_SHAPE = { workloads: 50, steps: 5, months: 36, trials: 100_000 } as const;

/**
 * The benchmark's scenario as YAML: `workloads` workloads of `steps` steps over
 * `months` months, every step with uncertain tokens, shares and a count
 * distribution for its calls, and a third of the steps drifting or reacting to
 * price, so the simulation's slower paths are measured too.
 */
export function generateLargeScenario(options: {
  readonly workloads: number;
  readonly steps: number;
  readonly months: number;
  readonly trials: number;
}): string {
  const models = ['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4', 'gemini-2.5-flash', 'o4-mini'];
  const lines = [
    'scenario: bench-large',
    'start: 2027-01',
    `months: ${options.months}`,
    `trials: ${options.trials}`,
    'seed: 1',
    'budget: 50M',
    'prices:',
    '  curve:',
    '    annual_change: -30% to -70%',
    '    events:',
    '      - { at: 2027-07, probability: 50%, change: -40% }',
    'workloads:',
  ];
  for (let w = 0; w < options.workloads; w += 1) {
    lines.push(`  workload-${w}:`, '    tasks_per_month: 20k to 80k', '    growth: 1% to 5%');
    lines.push('    steps:');
    for (let s = 0; s < options.steps; s += 1) {
      const calls =
        s % 3 === 0 ? '{ geometric: { mean: 2 to 4 }, max: 12 }' : '{ poisson: 1 to 3 }';
      lines.push(
        `      step-${s}:`,
        `        model: ${models[(w + s) % models.length]}`,
        `        calls: ${calls}`,
        '        input_tokens: 1k to 6k',
        '        output_tokens: 100 to 800',
        '        context_growth: 200 to 900',
        '        cached_share: 20% to 60%',
        '        when: 50% to 95%',
      );
      if (s % 3 === 1) lines.push('        elasticity: 0.1 to 0.5');
    }
    lines.push('    drift:', '      step-0.calls: +10% to +60%', '      step-2.input_tokens: +20%');
  }
  return `${lines.join('\n')}\n`;
}
