import { ownShares } from './decide/lowerPlannedChanges.js';
import type { Scenario, Step, Workload } from './scenarioTypes.js';

/**
 * The scenario with each model migration split into two steps the simulation
 * already knows: the step on its own model with weight 1 - s(m), and a copy
 * on the successor model with weight s(m), s being the share of calls
 * migrated by month m. Cost per task is linear in each step's weight, so this
 * is exactly the blend, and the copy reads the same values (the same draws)
 * as the step. A drift of the step applies to both. The per-token forecast
 * freezes the first month's task, so a migration after it moves only the
 * per-task forecast: the gap's model-migration part.
 */
export function lowerMigrations(scenario: Scenario): Scenario {
  if (!scenario.workloads.some((workload) => workload.steps.some((step) => step.migration))) {
    return scenario;
  }
  return { ...scenario, workloads: scenario.workloads.map((w) => splitWorkload(w, scenario)) };
}

function splitWorkload(workload: Workload, scenario: Scenario): Workload {
  const steps: Step[] = [];
  // Where each step as written lands, and where its successor copy does (-1: none).
  const moved: number[] = [];
  const copies: number[] = [];
  for (const step of workload.steps) {
    const migration = step.migration;
    moved.push(steps.length);
    if (migration === undefined) {
      steps.push(step);
      copies.push(-1);
      continue;
    }
    const own = ownShares(step, scenario.months);
    const { migration: _migration, ...rest } = step;
    const side = (newWay: boolean) => [
      ...(step.sides ?? []),
      { key: `migrate:${step.name}`, newWay, shares: migration.shares },
    ];
    steps.push({
      ...rest,
      activeShares: own.map((s, m) => s * (1 - migration.shares[m]!)),
      sides: side(false),
    });
    copies.push(steps.length);
    steps.push({
      ...rest,
      name: `${step.name}>${migration.to}`,
      model: migration.to,
      activeShares: own.map((s, m) => s * migration.shares[m]!),
      sides: side(true),
    });
  }
  const drifts = workload.drifts.flatMap((drift) => {
    const copy = copies[drift.stepIndex]!;
    const own = { ...drift, stepIndex: moved[drift.stepIndex]! };
    return copy < 0 ? [own] : [own, { ...drift, stepIndex: copy }];
  });
  return { ...workload, steps, drifts };
}
