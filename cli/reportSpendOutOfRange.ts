import { formatIssue } from '../engine/scenarioIssue.js';
import type { SpendOutOfRangeError } from '../engine/spendOutOfRangeError.js';
import type { CliIo } from './cliIo.js';
import type { ValidScenario } from './runCommand.js';
import { paintIssue, useColour } from './useColour.js';

/**
 * Prints a spend the engine refused as the scenario's fault: `file:line:col`
 * of the workload (or of the option whose forecast it was), the source line
 * and a caret, as every command that forecasts shows it.
 */
export function reportSpendOutOfRange(
  error: SpendOutOfRangeError,
  valid: ValidScenario,
  io: CliIo,
): void {
  const issue = error.toIssue(valid.source);
  const file = issue.file ?? valid.file;
  const shown = formatIssue({ ...issue, file }, file, valid.texts.get(file) ?? '');
  io.stderr.write(`${paintIssue(shown, useColour(io.stderr, io.env))}\n`);
}
