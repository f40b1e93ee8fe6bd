import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueAt } from '../../../engine/usage/readJsonDocument.js';
import { findJsonSyntaxError, locateJsonValues, spanKey } from '../../../engine/usage/scanJson.js';

/** Whether JSON.parse, the reference, takes the text. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every path to a value in a parsed JSON value, the top included. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const below = Array.isArray(value)
    ? value.flatMap((item, index) => pathsOf(item, [...path, index]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))
      : [];
  return [path, ...below];
}

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on which texts are JSON', () => {
    // Texts near JSON: valid documents with a character dropped, doubled or replaced.
    const nearJson = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', 'x', '\n'))
      .map(([json, at, insert]) => {
        const cut = at % (json.length + 1);
        return `${json.slice(0, cut)}${insert}${json.slice(cut + (insert === '' ? 1 : 0))}`;
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), nearJson), (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { seed: 20261204, numRuns: 2000 },
    );
  });

  it.each([
    ['{"a": [1, 2,]}', 11, 'a comma before `]`'],
    ['{"a": 1,}', 7, 'a comma before `}`'],
    ['{"a" 1}', 5, 'expected `:` after the key'],
    ['{"a": "x\n"}', 8, 'a line break or control character inside a string'],
    ['{"a": "x', 6, 'a string that is never closed'],
    ['[1] [2]', 4, 'more text after the JSON value ends'],
    ["{'a': 1}", 1, 'expected a key in double quotes'],
  ])('places the fault of %j at offset %i: %s', (text, offset, reason) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, reason });
  });
});

describe('locateJsonValues', () => {
  it('finds each value where its text parses back to the value at its path', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().chain((value) => {
          const text = JSON.stringify(value, null, 2);
          return fc.tuple(fc.constant(text), fc.constantFrom(...pathsOf(JSON.parse(text))));
        }),
        ([text, path]) => {
          const span = locateJsonValues(text, [path]).get(spanKey(path));
          expect(span).toBeDefined();
          const found = JSON.parse(text.slice(span!.start, span!.end)) as unknown;
          const root = { root: JSON.parse(text) as unknown };
          expect(found).toEqual(valueAt(root, ['root', ...path]));
        },
      ),
      { seed: 20261205, numRuns: 500 },
    );
  });

  it('finds the nearest value above a key that is missing', () => {
    const text = '{"data": [{"a": 1}]}';
    const spans = locateJsonValues(text, [['data', 0, 'missing']]);
    expect(spans.get(spanKey(['data', 0, 'missing']))).toBeUndefined();
    expect(spans.get(spanKey(['data', 0]))).toEqual({ start: 10, end: 18 });
  });
});
