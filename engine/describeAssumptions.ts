/**
 * The report's assumptions table: every input of a scenario that is drawn,
 * or set to something other than its key's default, with its distribution
 * and its P5, P50 and P95. The percentiles come from each distribution's
 * own quantile function, not from the trials, so they are exact and do not
 * move with the seed. Pure; any distribution family that has a description
 * and a quantile function is listed without change here.
 *
 * Not listed: model prices (the report's method note lists them), seasonality,
 * `max` caps, `from` and `ramp`, which are plain numbers a reader finds in the
 * scenario file.
 */
import { valueQuantile } from './valueQuantile.js';
import type { Calls, Scenario, Step, Value, Workload } from './scenarioTypes.js';

export interface Assumption {
  /** The key in the scenario, e.g. `workloads.support.steps.classify.input_tokens`. */
  readonly path: string;
  /** The distribution in words ("lognormal, P5 1200, P95 2500"), or "fixed 3000". */
  readonly distribution: string;
  /** 'trial': drawn once per trial; 'month': drawn each month; 'fixed': known. */
  readonly drawn: 'trial' | 'month' | 'fixed';
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** A fixed value equal to this is the key's default and adds nothing to the table. */
type DefaultValue = number | null;

function assumptionOf(path: string, value: Value, fallback: DefaultValue): Assumption | null {
  if (value.kind === 'fixed') {
    if (value.value === fallback) return null;
    const known = value.value;
    // Six significant digits, as the distributions describe themselves: -33.3%, not -0.33299999…
    const distribution = `fixed ${Number(known.toPrecision(6))}`;
    return { path, distribution, drawn: 'fixed', p5: known, p50: known, p95: known };
  }
  if (value.kind === 'derived') {
    // An expression over uncertain params: its percentiles at its inputs' percentiles,
    // exact when it rises with each input (see valueQuantile).
    return {
      path,
      distribution: `expression ${value.text}`,
      drawn: 'trial',
      p5: valueQuantile(value, 0.05),
      p50: valueQuantile(value, 0.5),
      p95: valueQuantile(value, 0.95),
    };
  }
  const { dist } = value;
  return {
    path,
    distribution: dist.description,
    drawn: value.per,
    p5: dist.quantile(0.05),
    p50: dist.quantile(0.5),
    p95: dist.quantile(0.95),
  };
}

function callsEntries(prefix: string, calls: Calls): [string, Value, DefaultValue][] {
  // A count family's mean is the input; with a plain number, the family is fixed and its mean 1.
  const family = calls.family === 'fixed' ? '' : ` (mean of ${calls.family})`;
  const entries: [string, Value, DefaultValue][] = [
    [`${prefix}.calls${family}`, calls.mean, calls.family === 'fixed' ? 1 : null],
  ];
  if (calls.sd !== null) entries.push([`${prefix}.calls (sd)`, calls.sd, null]);
  return entries;
}

function stepEntries(workload: Workload, step: Step): [string, Value, DefaultValue][] {
  const prefix = `workloads.${workload.name}.steps.${step.name}`;
  return [
    ...callsEntries(prefix, step.calls),
    [`${prefix}.input_tokens`, step.inputTokens, 0],
    [`${prefix}.output_tokens`, step.outputTokens, 0],
    [`${prefix}.reasoning_tokens`, step.reasoningTokens, 0],
    [`${prefix}.context_growth`, step.contextGrowth, 0],
    [`${prefix}.cached_share`, step.cachedShare, 0],
    [`${prefix}.cache_write_share`, step.cacheWriteShare, 0],
    [`${prefix}.batch_share`, step.batchShare, 0],
    [`${prefix}.when`, step.when, 1],
    [`${prefix}.elasticity`, step.elasticity, 0],
  ];
}

function workloadEntries(workload: Workload): [string, Value, DefaultValue][] {
  const prefix = `workloads.${workload.name}`;
  return [
    [`${prefix}.tasks_per_month`, workload.tasksPerMonth, null],
    [`${prefix}.growth`, workload.growth, 0],
    ...workload.steps.flatMap((step) => stepEntries(workload, step)),
    ...workload.drifts.map((drift): [string, Value, DefaultValue] => {
      const step = workload.steps[drift.stepIndex]?.name ?? String(drift.stepIndex);
      return [`${prefix}.drift.${step}.${drift.field}`, drift.change, null];
    }),
  ];
}

function curveEntries(scenario: Scenario): [string, Value, DefaultValue][] {
  return [
    ['prices.curve.annual_change', scenario.curve.annualChange, 0],
    ...scenario.curve.events.flatMap((event): [string, Value, DefaultValue][] => [
      [`${event.path}.probability`, event.probability, null],
      [`${event.path}.change`, event.change, null],
    ]),
  ];
}

/**
 * Every input of the scenario that is uncertain or set away from its default,
 * in the order of the file's sections: the price curve, then each workload.
 * Cost: three quantile evaluations per input.
 */
export function describeAssumptions(scenario: Scenario): Assumption[] {
  const entries = [...curveEntries(scenario), ...scenario.workloads.flatMap(workloadEntries)];
  return entries
    .map(([path, value, fallback]) => assumptionOf(path, value, fallback))
    .filter((assumption): assumption is Assumption => assumption !== null);
}
