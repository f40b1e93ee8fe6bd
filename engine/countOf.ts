/**
 * A count with its noun, singular for exactly one: `countOf(1, 'file')` is
 * "1 file", `countOf(17, 'file')` is "17 files". Counts take thousands
 * separators. The plural is the noun with an `s` unless given.
 */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : plural}`;
}
