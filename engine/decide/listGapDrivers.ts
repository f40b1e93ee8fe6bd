import type { Drift, DriftField, Scenario, Step, Workload } from '../scenarioTypes.js';
import { calendarMonth } from '../monthIndex.js';
import { lowerPlannedChanges, ownShares } from './lowerPlannedChanges.js';

/**
 * A reason the per-task forecast parts from the per-token one. Switching it
 * off holds its mechanism at the first month, which is what the per-token
 * forecast does with all of them: with every driver off the per-task forecast
 * is the per-token forecast.
 */
export interface GapDriver {
  readonly driver: string;
  readonly label: string;
  /** The scenario with this driver held at the first month. */
  switchOff(scenario: Scenario): Scenario;
}

/** Which drift fields belong to which driver. */
const DRIFT_DRIVERS: readonly { driver: string; label: string; fields: DriftField[] }[] = [
  { driver: 'loop-drift', label: 'Deeper loops', fields: ['calls'] },
  { driver: 'context-growth', label: 'Context growth', fields: ['context_growth', 'input_tokens'] },
  {
    driver: 'output-drift',
    label: 'Longer outputs',
    fields: ['output_tokens', 'reasoning_tokens'],
  },
];

/**
 * The drivers present in a scenario, in a fixed order: task volume (only when
 * the per-token forecast holds volume flat), drifts by kind, verification
 * passes and steps added during the horizon, induced demand, model migration
 * (`migrate:`) and planned changes. A price event on a model moves both
 * forecasts alike, so it drives no gap and is not listed.
 */
export function listGapDrivers(scenario: Scenario): GapDriver[] {
  const drivers: GapDriver[] = [];
  if (scenario.perTokenVolume === 'flat' && volumeChanges(scenario)) drivers.push(VOLUME);
  for (const kind of DRIFT_DRIVERS) {
    if (scenario.workloads.some((w) => w.drifts.some((d) => changing(d, kind.fields))))
      drivers.push(driftDriver(kind.driver, kind.label, kind.fields));
  }
  if (scenario.workloads.some((w) => hasVerificationChange(w, scenario.months)))
    drivers.push(VERIFICATION);
  if (scenario.workloads.some((w) => w.steps.some((s) => !isZero(s.elasticity))))
    drivers.push(INDUCED_DEMAND);
  if (scenario.workloads.some((w) => w.steps.some(migrates))) drivers.push(MODEL_MIGRATION);
  if ((scenario.plannedChanges ?? []).length > 0) drivers.push(PLANNED_CHANGES);
  return drivers;
}

const isZero = (value: Step['elasticity']): boolean => value.kind === 'fixed' && value.value === 0;

/** A drift that changes over the horizon (one reached in month 0 is constant). */
function changing(drift: Drift, fields: readonly DriftField[]): boolean {
  return fields.includes(drift.field) && drift.byMonth > 0 && !isZero(drift.change);
}

function volumeChanges(scenario: Scenario): boolean {
  return scenario.workloads.some((workload) => {
    const season = seasonOf(workload, scenario);
    return !isZero(workload.growth) || season.some((value) => value !== season[0]);
  });
}

function seasonOf(workload: Workload, scenario: Scenario): number[] {
  return Array.from(
    { length: scenario.months },
    (_, m) => workload.seasonality[calendarMonth(scenario.start, m)]!,
  );
}

function hasVerificationChange(workload: Workload, months: number): boolean {
  const sharesMove = workload.steps.some((step) => {
    const shares = ownShares(step, months);
    return shares.some((share) => share !== shares[0]);
  });
  return sharesMove || workload.drifts.some((drift) => changing(drift, ['when']));
}

function mapWorkloads(scenario: Scenario, change: (w: Workload) => Workload): Scenario {
  const options = scenario.options?.map((option) => ({
    ...option,
    scenario: mapWorkloads(option.scenario, change),
  }));
  return {
    ...scenario,
    ...(options ? { options } : {}),
    workloads: scenario.workloads.map(change),
  };
}

const VOLUME: GapDriver = {
  driver: 'volume',
  label: 'Task volume',
  switchOff: (scenario) =>
    mapWorkloads(scenario, (workload) => {
      const first = workload.seasonality[calendarMonth(scenario.start, 0)]!;
      return {
        ...workload,
        growth: { kind: 'fixed', value: 0 },
        seasonality: workload.seasonality.map(() => first),
      };
    }),
};

function driftDriver(driver: string, label: string, fields: readonly DriftField[]): GapDriver {
  return {
    driver,
    label,
    switchOff: (scenario) =>
      mapWorkloads(scenario, (workload) => ({
        ...workload,
        drifts: workload.drifts.filter((drift) => !changing(drift, fields)),
      })),
  };
}

const VERIFICATION: GapDriver = {
  driver: 'verification',
  label: 'Verification and new steps',
  switchOff: (scenario) =>
    mapWorkloads(scenario, (workload) => ({
      ...workload,
      steps: workload.steps.map((step) => {
        const first = ownShares(step, scenario.months)[0]!;
        return { ...step, activeShares: new Array<number>(scenario.months).fill(first) };
      }),
      drifts: workload.drifts.filter((drift) => !changing(drift, ['when'])),
    })),
};

const INDUCED_DEMAND: GapDriver = {
  driver: 'induced-demand',
  label: 'Induced demand',
  switchOff: (scenario) =>
    mapWorkloads(scenario, (workload) => ({
      ...workload,
      steps: workload.steps.map((step) => ({ ...step, elasticity: { kind: 'fixed', value: 0 } })),
    })),
};

/** Whether a step's share of calls on its successor model changes over the horizon. */
function migrates(step: Step): boolean {
  const shares = step.migration?.shares ?? [];
  return shares.some((share) => share !== shares[0]);
}

const MODEL_MIGRATION: GapDriver = {
  driver: 'model-migration',
  label: 'Model migration',
  switchOff: (scenario) =>
    mapWorkloads(scenario, (workload) => ({
      ...workload,
      steps: workload.steps.map((step) => {
        const migration = step.migration;
        if (migration === undefined) return step;
        const shares = migration.shares.map(() => migration.shares[0]!);
        return { ...step, migration: { ...migration, shares } };
      }),
    })),
};

const PLANNED_CHANGES: GapDriver = {
  driver: 'planned-changes',
  label: 'Planned changes',
  switchOff: (scenario) => lowerPlannedChanges(scenario, true),
};
