import type { ScenarioDocument } from './loadScenarioDocument.js';
import type { ScenarioIssue } from './scenarioIssue.js';
import type { SimulationResult } from './simulationResult.js';

/**
 * A forecast whose numbers leave the range they can be stored in: tasks or
 * calls compounded past 10^38 dollars a month. It names the workload, since the
 * cause is always in its inputs (growth over a long horizon, a huge elasticity),
 * and the option whose forecast it was, when it was one: an option's keys can
 * take a workload there that the scenario as written keeps in range.
 */
export class SpendOutOfRangeError extends Error {
  override readonly name = 'SpendOutOfRangeError';

  constructor(
    readonly workload: string,
    /** The option (or compared scenario) whose forecast it was; none for the scenario itself. */
    readonly option?: string,
  ) {
    const lead = option === undefined ? 'The' : `With option \`${option}\`, the`;
    super(
      `${lead} spend of workload \`${workload}\` grows past 10^38 USD a month (or is not a ` +
        'number) in some trials; check its tasks_per_month, growth, drift and elasticity ' +
        'against the length of the horizon.',
    );
  }

  /** The same error for the option whose forecast it was. */
  inOption(option: string): SpendOutOfRangeError {
    return new SpendOutOfRangeError(this.workload, option);
  }

  /**
   * The scenario issue it amounts to, placed at the workload's key in the file,
   * or for an option at the option's key (where the keys that caused it are).
   */
  toIssue(source: ScenarioDocument): ScenarioIssue {
    const path =
      this.option === undefined ? ['workloads', this.workload] : ['options', this.option];
    return {
      code: 'out-of-range',
      severity: 'error',
      path: path.join('.'),
      message: this.message,
      ...source.locateKey(path),
      hint: '',
    };
  }
}

/** Largest magnitude a 32-bit float holds; per-workload monthly spend is stored in those. */
const LARGEST_STORED_SPEND = 3.4028234663852886e38;

/**
 * Throws SpendOutOfRangeError for the first workload whose annual spend, in
 * either forecast, is not a number or passes what a 32-bit float holds in some
 * trial. Every simulation is checked so (the forecast, each option, every
 * variant of a decision analysis), so no command reports such a spend.
 * Cost: one pass over each workload's annual spend.
 */
export function checkSpendRange(
  workloads: readonly { readonly name: string }[],
  result: SimulationResult,
): void {
  workloads.forEach((workload, w) => {
    const from = w * result.trials;
    const perTask = result.annualWorkloadPerTask.subarray(from, from + result.trials);
    const perToken = result.annualWorkloadPerToken.subarray(from, from + result.trials);
    for (let trial = 0; trial < result.trials; trial += 1) {
      const ok =
        Math.abs(perTask[trial]!) < LARGEST_STORED_SPEND &&
        Math.abs(perToken[trial]!) < LARGEST_STORED_SPEND;
      if (!ok) throw new SpendOutOfRangeError(workload.name);
    }
  });
}
