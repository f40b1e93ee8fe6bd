import { isScalar } from 'yaml';
import { readPlainNumber } from './readValue.js';
import { writtenText, type MapEntry, type ValidationContext } from './validationContext.js';

/*
 * Readers of plain keys (a text, a whole number, a word from a list), shared by
 * every section of the validator.
 */

/** Reads a text value; numbers are accepted and written as text. */
export function readText(context: ValidationContext, entry: MapEntry | undefined) {
  if (entry === undefined) return undefined;
  const raw = isScalar(entry.value) ? entry.value.value : undefined;
  if (typeof raw === 'string') return raw;
  // A number where a text belongs keeps its spelling: `1e3`, not 1000.
  if (typeof raw === 'number') return writtenText(entry.value);
  context.error(entry.value, entry.path, 'wrong-type', 'Expected a text.');
  return undefined;
}

/** Reads a whole number within [min, max], or the default when the key is absent. */
export function readInteger(
  context: ValidationContext,
  entry: MapEntry | undefined,
  fallback: number,
  min: number,
  max: number,
): number | undefined {
  if (entry === undefined) return fallback;
  const value = readPlainNumber(context, entry.value, entry.path);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    // The range as the README writes it (1 to 10,000,000); the value as it was read.
    const [low, high] = [min, max].map((end) => end.toLocaleString('en-US'));
    const message = `Expected a whole number from ${low} to ${high}, found ${value}.`;
    const example = Math.min(max, Math.max(min, 12));
    const hint = `write a whole number from ${low} to ${high}, e.g. ${example}`;
    context.error(entry.value, entry.path, 'out-of-range', message, hint);
    return undefined;
  }
  return value;
}

/** Reads one of a fixed list of words. */
export function readChoice<T extends string>(
  context: ValidationContext,
  entry: MapEntry | undefined,
  choices: readonly T[],
): T | undefined {
  if (entry === undefined) return choices[0];
  const raw = isScalar(entry.value) ? entry.value.value : undefined;
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) {
    const hint = `valid values: ${choices.map((choice) => `\`${choice}\``).join(', ')}`;
    context.error(
      entry.value,
      entry.path,
      'out-of-range',
      `\`${writtenText(entry.value)}\` is not a valid choice.`,
      hint,
    );
  }
  return found;
}
