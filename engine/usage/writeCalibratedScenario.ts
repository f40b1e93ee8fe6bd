/**
 * Writes a Calibration as a scenario file: valid YAML that `pertask run` accepts
 * as it stands, with comments saying where each number came from and how well
 * it fits, so the team can edit it knowing what is measured and what is not.
 */
import type { CalibratedStep, CalibratedWorkload, Calibration } from './calibrateScenario.js';
import { countOf } from '../countOf.js';

export interface ScenarioHeader {
  readonly name: string;
  /** The usage files read, as the user named them. */
  readonly sources: readonly string[];
  readonly months: number;
  readonly trials: number;
}

/** Six significant digits, without exponent or trailing zeros: 3223.41, 0.0125. */
export function formatFigure(value: number): string {
  if (value === 0) return '0';
  const text = Number(value.toPrecision(6)).toString();
  return /e/i.test(text) ? value.toFixed(10).replace(/\.?0+$/, '') : text;
}

function percent(share: number): string {
  return `${formatFigure(Number((share * 100).toPrecision(6)))}%`;
}

function money(value: number): string {
  return value >= 100 ? `$${value.toFixed(0)}` : `$${value.toPrecision(4)}`;
}

/** The scenario text. */
export function writeCalibratedScenario(calibration: Calibration, header: ScenarioHeader): string {
  const overrides = calibration.workloads.flatMap((w) =>
    w.steps.filter((step) => step.priceOverride !== null),
  );
  const lines = [
    '# Calibrated by `pertask calibrate` from usage logs:',
    ...header.sources.map((source) => `#   ${source}`),
    `# Months are told in ${calibration.zone}. The scenario starts in the last observed month,`,
    `# ${calibration.start}, so its first month reproduces that month's logged spend of`,
    `# ${money(calibration.lastMonthSpendUsd)}. Token sizes are fitted to that month's tasks;`,
    '# growth of tasks to all observed months. Nothing else is fitted: add drift for deeper',
    '# loops, elasticity, and a price curve (`pertask prices fit` estimates one).',
    '',
    `scenario: ${header.name}`,
    `description: Calibrated from usage logs; first month ${calibration.start}.`,
    `start: ${calibration.start}`,
    `months: ${header.months}`,
    `trials: ${header.trials}`,
    'seed: 1',
    '',
    'prices:',
    ...writeOverrides(overrides, calibration.start),
    '  curve:',
    '    annual_change: 0%   # not fitted: paste the line `pertask prices fit` prints',
    '',
    'workloads:',
    ...calibration.workloads.flatMap(writeWorkload),
  ];
  return `${lines.join('\n')}\n`;
}

function writeOverrides(steps: readonly CalibratedStep[], start: string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const step of steps) {
    const price = step.priceOverride;
    if (price === null || seen.has(step.model)) continue;
    seen.add(step.model);
    const why =
      price.reason === 'not-in-catalog'
        ? `not in the catalog: one blended rate, the logged spend over its tokens`
        : `the logged cost is ${percent(price.factor)} of the catalog's: its rates scaled`;
    lines.push(
      `    # ${step.model}: ${why}`,
      `    ${JSON.stringify(step.model)}:`,
      `      input: ${formatFigure(price.input)}`,
      `      cached_input: ${formatFigure(price.cachedInput)}`,
      `      cache_write: ${formatFigure(price.cacheWrite)}`,
      `      output: ${formatFigure(price.output)}`,
      `      reasoning: ${formatFigure(price.reasoning)}`,
      `      as_of: ${start}-01`,
    );
  }
  return lines.length === 0 ? [] : ['  models:', ...lines];
}

function writeWorkload(workload: CalibratedWorkload): string[] {
  const cost = workload.taskCost;
  const precision = cost.mean > 0 ? Number((cost.standardError / cost.mean).toPrecision(2)) : 0;
  const history = workload.monthlyTasks.map(({ month, tasks }) => `${month} ${tasks}`).join(', ');
  const renamed =
    workload.loggedName === workload.name
      ? []
      : [`    # logged as ${JSON.stringify(workload.loggedName)}`];
  return [
    `  ${workload.name}:`,
    ...renamed,
    `    # tasks by month: ${history}`,
    `    # cost a task in ${workload.monthlyTasks.at(-1)?.month}: ` +
      `mean ${money(cost.mean)}, sd ${money(cost.sd)};`,
    `    # the mean is known to +/- ${percent(precision)} (one standard error, ` +
      `${countOf(workload.tasksPerMonth, 'task')})`,
    `    tasks_per_month: ${workload.tasksPerMonth}`,
    `    growth: ${percent(workload.growth)}   # log-linear fit over the months above`,
    '    steps:',
    ...workload.steps.flatMap(writeStep),
  ];
}

function writeCalls(step: CalibratedStep): string {
  const { calls } = step;
  if (calls.family === 'fixed') return formatFigure(calls.mean);
  if (calls.family === 'poisson') return `{ poisson: ${formatFigure(calls.mean)} }`;
  const parameters = `mean: ${formatFigure(calls.mean)}, sd: ${formatFigure(calls.sd ?? 0)}`;
  return `{ negative_binomial: { ${parameters} } }`;
}

function writeStep(step: CalibratedStep): string[] {
  const observed = step.observedCalls;
  const fit = step.promptFit;
  const quality =
    fit.rSquared === null
      ? 'every task sent the same prompt'
      : `R^2 ${fit.rSquared.toFixed(3)}, ` +
        `RMSE ${formatFigure(Math.round(fit.rmseTokens))} tokens a task`;
  const optional = (key: string, value: number, text: string) =>
    value > 0 ? [`        ${key}: ${text}`] : [];
  return [
    `      ${step.name}:`,
    `        # logged as ${step.loggedModels.join(', ')}`,
    `        # ${money(step.costPerTaskUsd)} a task that calls it; calls a task: ` +
      `mean ${observed.mean.toFixed(2)}, sd ${observed.sd.toFixed(2)}, max ${observed.max}`,
    `        # prompt a task: mean ${formatFigure(Math.round(step.meanPromptTokens))} tokens, as`,
    '        #   input_tokens * calls + context_growth * calls * (calls - 1) / 2',
    `        #   (${quality})`,
    `        model: ${JSON.stringify(step.model)}`,
    ...(step.when < 1 ? [`        when: ${percent(step.when)}`] : []),
    `        calls: ${writeCalls(step)}`,
    `        input_tokens: ${formatFigure(step.inputTokens)}`,
    ...optional('context_growth', step.contextGrowth, formatFigure(step.contextGrowth)),
    `        output_tokens: ${formatFigure(step.outputTokens)}`,
    ...optional('reasoning_tokens', step.reasoningTokens, formatFigure(step.reasoningTokens)),
    ...optional('cached_share', step.cachedShare, percent(step.cachedShare)),
    ...optional('cache_write_share', step.cacheWriteShare, percent(step.cacheWriteShare)),
  ];
}
