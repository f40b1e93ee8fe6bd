import { parseQuantity } from '../engine/parseQuantity.js';
import { MAX_TRIALS } from '../engine/validate/validateScenario.js';
import { CliError, EXIT } from './cliIo.js';

/** A whole number as the help and the README write it: 10,000,000. */
const shown = (value: number): string => value.toLocaleString('en-US');

/**
 * A flag's whole number within [min, max], or undefined when the flag was not
 * given; anything else is refused (exit 2) with the range, written with
 * thousands separators as the README writes it.
 */
export function checkWhole(
  flag: string,
  value: number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliError(
      `${flag} must be a whole number from ${shown(min)} to ${shown(max)}.`,
      EXIT.usage,
    );
  }
  return value;
}

/**
 * A count of trials (`--trials`, `--max-trials`), written in any form a
 * scenario's `trials:` takes: `20000`, `20,000`, `20k`, `1.5M`, `2e4`. A
 * dollar or percent sign is refused, as no count of trials carries one.
 * Undefined when the flag was not given.
 */
export function readTrialsFlag(
  flag: string,
  written: string | number | undefined,
): number | undefined {
  if (written === undefined) return undefined;
  const text = String(written);
  const value = /[$%]/.test(text) ? undefined : parseQuantity(text);
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > MAX_TRIALS) {
    throw new CliError(
      `${flag} must be a whole number of trials from 1 to ${shown(MAX_TRIALS)}, written as ` +
        `in a scenario (20000, 20,000 or 20k); got ${text}.`,
      EXIT.usage,
    );
  }
  return value;
}
