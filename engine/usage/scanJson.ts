/** Where JSON text first breaks the grammar, and what was expected there. */
export interface JsonSyntaxError {
  /** Character offset of the fault in the text. */
  readonly offset: number;
  readonly reason: string;
}

/** The path key of the top value. */
const ROOT = '';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const ESCAPES = '"\\/bfnrtu';

/** Where a value sits in JSON text: its first character and the one after its last. */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Finds the first place where text stops being JSON (RFC 8259), for a message
 * that points at it: JSON.parse in Node 20 often names no position ("Unexpected
 * token ']', ... is not valid JSON"). Undefined for valid JSON. Cost: one pass
 * over the text, only run once JSON.parse has failed.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scanner = new JsonScanner(text, new Set());
  try {
    scanner.value(ROOT);
    scanner.space();
    if (scanner.position < text.length) scanner.fail('more text after the JSON value ends');
    return undefined;
  } catch (error) {
    if (error instanceof JsonStop) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}

/**
 * The spans of the values at `paths` in valid JSON text, and of every value
 * on the way to them, keyed by `spanKey` of their path: a path that leads
 * nowhere still finds the nearest value above where it stops. JSON.parse
 * keeps no positions. Cost: one pass over the text, whatever the number of paths.
 */
export function locateJsonValues(
  text: string,
  paths: readonly (readonly (string | number)[])[],
): Map<string, JsonSpan> {
  const wanted = new Set<string>();
  for (const path of paths) {
    for (let depth = 0; depth <= path.length; depth += 1) wanted.add(spanKey(path.slice(0, depth)));
  }
  const scanner = new JsonScanner(text, wanted);
  try {
    scanner.value(ROOT);
  } catch (error) {
    // Text that is not JSON keeps the spans found before the fault.
    if (!(error instanceof JsonStop)) throw error;
  }
  return scanner.spans;
}

/** The key of a path in the map locateJsonValues returns. */
export function spanKey(path: readonly (string | number)[]): string {
  // Each part after a separator, so that the top ('') and a key '' at the top differ.
  return path.map((part) => `\u0000${part}`).join('');
}

class JsonStop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * A recursive-descent walk over JSON that checks it and builds nothing but the
 * spans of the values whose path keys are `wanted`; `undefined` stands for a
 * value below none of them.
 */
class JsonScanner {
  position = 0;
  readonly spans = new Map<string, JsonSpan>();

  constructor(
    private readonly text: string,
    private readonly wanted: ReadonlySet<string>,
  ) {}

  private child(key: string | undefined, part: string | number): string | undefined {
    if (key === undefined) return undefined;
    const childKey = `${key}\u0000${part}`;
    return this.wanted.has(childKey) ? childKey : undefined;
  }

  fail(reason: string, offset = this.position): never {
    throw new JsonStop(offset, reason);
  }

  space(): void {
    while (' \t\n\r'.includes(this.text[this.position] ?? '!')) this.position += 1;
  }

  value(key: string | undefined): void {
    this.space();
    const start = this.position;
    this.token(key);
    if (key !== undefined) this.spans.set(key, { start, end: this.position });
  }

  private token(key: string | undefined): void {
    const next = this.text[this.position];
    let index = 0;
    if (next === '{') return this.list('}', () => this.member(key));
    if (next === '[') return this.list(']', () => this.value(this.child(key, index++)));
    if (next === '"') return this.string();
    if (next === '-' || (next !== undefined && next >= '0' && next <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return;
      }
    }
    if (next === undefined) this.fail('the text ends where a value should be');
    this.fail(
      'expected a value: an object, a list, a string in double quotes, a number, ' +
        'true, false or null',
    );
  }

  /** An object's or a list's items up to `close`, separated by commas. */
  private list(close: string, item: () => void): void {
    this.position += 1;
    this.space();
    if (this.text[this.position] === close) {
      this.position += 1;
      return;
    }
    for (;;) {
      item();
      this.space();
      const next = this.text[this.position];
      if (next === close) {
        this.position += 1;
        return;
      }
      if (next !== ',') this.fail(`expected \`,\` or \`${close}\``);
      const comma = this.position;
      this.position += 1;
      this.space();
      if (this.text[this.position] === close) this.fail(`a comma before \`${close}\``, comma);
    }
  }

  private member(parent: string | undefined): void {
    this.space();
    if (this.text[this.position] !== '"') this.fail('expected a key in double quotes');
    const start = this.position;
    this.string();
    const name =
      parent === undefined ? '' : (JSON.parse(this.text.slice(start, this.position)) as string);
    this.space();
    if (this.text[this.position] !== ':') this.fail('expected `:` after the key');
    this.position += 1;
    this.value(this.child(parent, name));
  }

  private string(): void {
    const start = this.position;
    this.position += 1;
    while (this.position < this.text.length) {
      const character = this.text[this.position]!;
      if (character === '"') {
        this.position += 1;
        return;
      }
      if (character === '\\') {
        if (!ESCAPES.includes(this.text[this.position + 1] ?? '!')) this.fail('a bad escape');
        this.position += 2;
      } else if (character < ' ') {
        this.fail('a line break or control character inside a string');
      } else {
        this.position += 1;
      }
    }
    this.fail('a string that is never closed', start);
  }

  private number(): void {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('not a number');
    this.position += match[0].length;
  }
}
