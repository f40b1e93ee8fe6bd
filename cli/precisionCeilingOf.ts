import { DEFAULT_PRECISION_CEILING } from '../engine/decide/findTrialsForPrecision.js';
import { countOf } from '../engine/countOf.js';
import { CliError, EXIT } from './cliIo.js';
import type { ValidScenario } from './runCommand.js';

/** --precision as read from the command line: the share asked and --max-trials, if given. */
export interface PrecisionRequest {
  readonly target: number;
  /** --max-trials; undefined when not given. */
  readonly ceiling: number | undefined;
}

/**
 * The most trials --precision may run for one scenario. It only adds trials to
 * those the run starts from (--trials, else the scenario's `trials:`), as a
 * finance reader expects of a request for more precision: a ceiling below them
 * would run fewer than the scenario asks for, so one given that way is
 * refused (exit 2) with the start and what would do. Without --max-trials it
 * is 1,000,000, or the start when that is more.
 */
export function precisionCeilingOf(
  valid: ValidScenario,
  trials: number | undefined,
  request: PrecisionRequest,
): number {
  const start = trials ?? valid.scenario.trials;
  if (request.ceiling === undefined) return Math.max(DEFAULT_PRECISION_CEILING, start);
  if (request.ceiling >= start) return request.ceiling;
  const from = trials === undefined ? `${valid.file}'s \`trials:\`` : '--trials';
  throw new CliError(
    `--max-trials ${request.ceiling.toLocaleString('en-US')} is below the ` +
      `${countOf(start, 'trial')} the run starts from (${from}); --precision only adds ` +
      `trials, so give --max-trials ${start.toLocaleString('en-US')} or more, or start ` +
      'from fewer with --trials.',
    EXIT.usage,
  );
}
