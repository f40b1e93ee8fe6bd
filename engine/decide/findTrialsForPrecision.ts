import { settleScenario, taskNoiseOf } from '../forecast.js';
import { planSimulation } from '../planSimulation.js';
import type { Scenario } from '../scenarioTypes.js';
import { BLOCK_TRIALS, simulate } from '../simulate.js';
import { simulateTasks } from '../simulateTasks.js';
import { summarizeSample, trialsForErrorOf } from '../summarizeSample.js';
import type { PrecisionReport } from '../summaryTypes.js';

/** The most trials `--precision` adds up to unless told otherwise. */
export const DEFAULT_PRECISION_CEILING = 1_000_000;

/**
 * How many trials make the Monte Carlo standard error of annual per-task P90
 * at most `target` of P90 (0.01 for 1%). The error shrinks as 1 / sqrt(trials),
 * so each round asks for (error / target)^2 times the trials, 10% more for
 * the estimate's own noise, in the fewest whole blocks, up to the ceiling; a
 * sample too small for P90 to have an error asks for trialsForErrorOf(0.9). Trials are
 * keyed by block, so a larger run repeats the smaller one's trials and adds
 * to them. It starts from the scenario's trials, which the ceiling must not be
 * below (the CLI refuses such a --max-trials). Cost: a few simulations, the last
 * of up to `ceiling` trials.
 */
export function findTrialsForPrecision(
  scenario: Scenario,
  request: { readonly target: number; readonly ceiling: number; readonly seed?: number },
): PrecisionReport {
  const settled = settleScenario(scenario, { seed: request.seed });
  const plan = planSimulation(settled);
  const taskNoise = taskNoiseOf(simulateTasks(plan, settled.seed));
  // More precision only ever adds trials: a ceiling below the start would cut them.
  if (request.ceiling < settled.trials) {
    throw new RangeError(
      `the ceiling of ${request.ceiling} trials is below the ${settled.trials} the run starts from`,
    );
  }
  let trials = settled.trials;
  for (;;) {
    const result = simulate(plan, { seed: settled.seed, trials, taskNoise });
    const annual = summarizeSample(result.annualPerTask, new Float64Array(trials));
    // Below trialsForErrorOf(0.9) P90 has no standard error (null): never met.
    const error = annual.p90StandardError;
    const achieved = error === null ? null : annual.p90 > 0 ? error / annual.p90 : 0;
    const met = achieved !== null && achieved <= request.target;
    if (met || trials >= request.ceiling) {
      const report = { target: request.target, achieved, trials, ceiling: request.ceiling, met };
      return achieved !== null ? report : { ...report, neededTrials: trialsForErrorOf(0.9) };
    }
    const wanted =
      achieved === null
        ? trialsForErrorOf(0.9)
        : Math.ceil(trials * (achieved / request.target) ** 2 * 1.1);
    // The smallest whole number of blocks above the trials run so far that holds
    // `wanted`: one trial that asks for an error steps to 1,000, not 2,000.
    const blocks = Math.ceil(Math.max(wanted, trials + 1) / BLOCK_TRIALS);
    trials = Math.min(request.ceiling, blocks * BLOCK_TRIALS);
  }
}
