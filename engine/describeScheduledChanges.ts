import { monthLabel } from './monthIndex.js';
import type { Scenario } from './scenarioTypes.js';

/**
 * A change the forecast follows on a date: calls of a step moving to another
 * model (`migrate:`), or a workload's tasks moving to an option's way of
 * working (`planned_changes:`). The reports state these as assumptions, since
 * they move spend as much as any drawn input and are otherwise visible only in
 * the YAML and as a driver of the gap.
 */
export interface ScheduledChange {
  readonly kind: 'model-migration' | 'planned-change';
  readonly workload: string;
  /** The step whose calls move; null for a planned change, which moves whole tasks. */
  readonly step: string | null;
  /** The model the calls move from; null for a planned change. */
  readonly fromModel: string | null;
  /** The model the calls move to, or the option the tasks move to. */
  readonly to: string;
  /** The option's description; '' for a migration. */
  readonly description: string;
  /** First month of the change, 'YYYY-MM'. */
  readonly startMonth: string;
  readonly rampMonths: number;
  /** The largest share of calls (or tasks) moved within the horizon. */
  readonly share: number;
  /** First month at that share, 'YYYY-MM'; null when nothing moves within the horizon. */
  readonly fullMonth: string | null;
}

/** The largest share and the first month index at it; index -1 when every share is 0. */
function peakOf(shares: readonly number[]): { share: number; index: number } {
  const share = Math.max(0, ...shares);
  return { share, index: share > 0 ? shares.findIndex((value) => value >= share) : -1 };
}

/**
 * Every migration and planned change of a validated scenario, migrations by
 * workload and step first, then planned changes in the file's order.
 * Cost: one pass over the steps and over each change's monthly shares.
 */
export function describeScheduledChanges(scenario: Scenario): ScheduledChange[] {
  const label = (index: number) => monthLabel(scenario.start, index);
  const migrations = scenario.workloads.flatMap((workload) =>
    workload.steps.flatMap((step): ScheduledChange[] => {
      const migration = step.migration;
      if (migration === undefined) return [];
      const peak = peakOf(migration.shares);
      return [
        {
          kind: 'model-migration',
          workload: workload.name,
          step: step.name,
          fromModel: step.model,
          to: migration.to,
          description: '',
          startMonth: label(migration.fromMonth),
          rampMonths: migration.rampMonths,
          share: peak.share,
          fullMonth: peak.index < 0 ? null : label(peak.index),
        },
      ];
    }),
  );
  const planned = (scenario.plannedChanges ?? []).map((change): ScheduledChange => {
    const peak = peakOf(change.shares);
    const option = scenario.options?.find((candidate) => candidate.name === change.option);
    return {
      kind: 'planned-change',
      workload: change.workload,
      step: null,
      fromModel: null,
      to: change.option,
      description: option?.description ?? '',
      startMonth: label(change.fromMonth),
      rampMonths: change.rampMonths,
      share: peak.share,
      fullMonth: peak.index < 0 ? null : label(peak.index),
    };
  });
  return [...migrations, ...planned];
}
