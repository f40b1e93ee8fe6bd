import type { Scenario, Step, Workload } from '../scenarioTypes.js';

/**
 * Share of a workload's tasks run the new way each month of a rollout: 0
 * before `fromMonth`, then rising by 1 / ramp a month (at once for ramp 0),
 * the same rule as a step's `from` and `ramp`.
 */
export function rolloutShares(months: number, fromMonth: number, rampMonths: number): number[] {
  return Array.from({ length: months }, (_, month) => {
    if (month < fromMonth) return 0;
    return rampMonths === 0 ? 1 : Math.min(1, (month - fromMonth + 1) / rampMonths);
  });
}

/** Share of a step in force each month from its own `from` and `ramp`, or as set. */
export function ownShares(step: Step, months: number): number[] {
  return (
    step.activeShares?.slice(0, months) ?? rolloutShares(months, step.fromMonth, step.rampMonths)
  );
}

/**
 * The scenario with each planned change merged into its workload: a task runs
 * the old steps with weight 1 - s(m) and the option's steps with weight s(m),
 * s being the rollout's share. Cost per task is linear in each step's share, so
 * this is exactly the blend of the two architectures' costs, with the option's
 * inputs drawn on the same streams as the scenario's (same key paths).
 * With `frozen`, every share is held at its first month's value: the change
 * as it stands at the start, which is how the gap attribution switches the
 * planned changes off.
 */
export function lowerPlannedChanges(scenario: Scenario, frozen = false): Scenario {
  const changes = scenario.plannedChanges ?? [];
  if (changes.length === 0) return scenario;
  const workloads = scenario.workloads.map((workload) => {
    const change = changes.find((candidate) => candidate.workload === workload.name);
    const option = scenario.options?.find((candidate) => candidate.name === change?.option);
    const switched = option?.scenario.workloads.find((w) => w.name === workload.name);
    if (change === undefined || option === undefined || switched === undefined) return workload;
    const shares = frozen ? change.shares.map(() => change.shares[0]!) : change.shares;
    return mergeWorkloads(workload, switched, option.name, shares, scenario.months);
  });
  // The option's steps may run on models the scenario as written does not use.
  const prices = new Map(scenario.prices);
  for (const change of changes) {
    const option = scenario.options?.find((candidate) => candidate.name === change.option);
    for (const [model, price] of option?.scenario.prices ?? []) prices.set(model, price);
  }
  const { plannedChanges: _planned, ...rest } = scenario;
  return { ...rest, prices, workloads };
}

function mergeWorkloads(
  before: Workload,
  after: Workload,
  optionName: string,
  shares: readonly number[],
  months: number,
): Workload {
  const weigh = (step: Step, newWay: boolean, name: string): Step => {
    const own = ownShares(step, months);
    const weight = (month: number): number => (newWay ? shares[month]! : 1 - shares[month]!);
    return {
      ...step,
      name,
      activeShares: own.map((share, month) => share * weight(month)),
      sides: [...(step.sides ?? []), { key: `planned:${optionName}`, newWay, shares }],
    };
  };
  const steps = [
    ...before.steps.map((step) => weigh(step, false, step.name)),
    ...after.steps.map((step) => weigh(step, true, `${optionName}/${step.name}`)),
  ];
  const drifts = [
    ...before.drifts,
    ...after.drifts.map((drift) => ({
      ...drift,
      stepIndex: drift.stepIndex + before.steps.length,
    })),
  ];
  return { ...before, steps, drifts };
}
