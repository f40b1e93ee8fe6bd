import { parseQuantity } from '../engine/parseQuantity.js';
import { MAX_TRIALS } from '../engine/validate/validateScenario.js';
import { CliError, EXIT } from './cliIo.js';

/** A whole number as the help and the README write it: 10,000,000. */
const shown = (value: number): string => value.toLocaleString('en-US');

/** What a whole-number flag holds, for its message: its range and how to write it. */
export interface WholeFlagRule {
  readonly min: number;
  readonly max: number;
  /** The thing counted, e.g. `of trials`; empty for a plain number. */
  readonly noun?: string;
  /** How to write it, e.g. `written as in a scenario (20000, 20,000 or 20k)`. */
  readonly writing: string;
}

/**
 * A whole-number flag (`--seed`, `--threads`, `--port`, `--months`), read as
 * typed text in any form a scenario's numbers take: `20000`, `20,000`, `20k`,
 * `2e4`. Undefined when the flag was not given. Empty or blank text, hex
 * (`0x10`), a fraction, a dollar or percent sign, or a number out of range is
 * refused (exit 2) naming what was given: yargs's own number type read `""`
 * as 0 and `0x10` as 16.
 */
export function readWholeFlag(
  flag: string,
  written: string | number | undefined,
  rule: WholeFlagRule,
): number | undefined {
  if (written === undefined) return undefined;
  const text = String(written);
  const value = /[$%]/.test(text) ? undefined : parseQuantity(text);
  if (value === undefined || !Number.isInteger(value) || value < rule.min || value > rule.max) {
    const noun = rule.noun === undefined ? '' : ` ${rule.noun}`;
    throw new CliError(
      `${flag} must be a whole number${noun} from ${shown(rule.min)} to ${shown(rule.max)}, ` +
        `${rule.writing}; got ${describeGiven(text)}.`,
      EXIT.usage,
    );
  }
  return value;
}

/** The given text as a message shows it: blank text is named, not left invisible. */
function describeGiven(text: string): string {
  if (text === '') return 'an empty value';
  if (text.trim() === '') return 'a blank value';
  return text;
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
  const writing = 'written as in a scenario (20000, 20,000 or 20k)';
  const rule = { min: 1, max: MAX_TRIALS, noun: 'of trials', writing };
  return readWholeFlag(flag, written, rule);
}

/** `--seed`: a whole number from 0 up to the largest integer a double holds exactly. */
export function readSeedFlag(written: string | number | undefined): number | undefined {
  const writing = 'written as in a scenario (20270101 or 20,270,101)';
  const rule = { min: 0, max: Number.MAX_SAFE_INTEGER, writing };
  return readWholeFlag('--seed', written, rule);
}
