/**
 * Reads the marks the tests look at out of an SVG drawn by renderSvg: each
 * element's attributes, its text, and the offset of its translate(x,y). Vega
 * writes every mark of a plot in the plot's own coordinates, so marks of one
 * chart can be compared with each other directly.
 */

export interface SvgElement {
  readonly tag: string;
  readonly attributes: ReadonlyMap<string, string>;
  /** The text between the tags of a <text> element, entities left as written. */
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

const ELEMENT = /<(text|path|line)\s([^>]*?)\/?>(?:([^<]*)<\/text>)?/g;
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g;
const TRANSLATE = /translate\(([-\d.e]+),([-\d.e]+)\)/;

/** Every text, path and line element of `svg`, in document order. */
export function elementsOf(svg: string): SvgElement[] {
  return [...svg.matchAll(ELEMENT)].map((match) => {
    const attributes = new Map(
      [...(match[2] ?? '').matchAll(ATTRIBUTE)].map((a) => [a[1] ?? '', a[2] ?? '']),
    );
    const translate = TRANSLATE.exec(attributes.get('transform') ?? '');
    return {
      tag: match[1] ?? '',
      attributes,
      text: match[3] ?? '',
      x: Number(translate?.[1] ?? Number.NaN),
      y: Number(translate?.[2] ?? Number.NaN),
    };
  });
}

/** The data marks whose aria role description is `role` ('rule mark', 'text mark', ...). */
export function marksOf(svg: string, role: string): SvgElement[] {
  return elementsOf(svg).filter((e) => e.attributes.get('aria-roledescription') === role);
}

/** The one <text> element whose text is exactly `text`; throws when there is none or several. */
export function textNamed(svg: string, text: string): SvgElement {
  const found = elementsOf(svg).filter((e) => e.tag === 'text' && e.text === text);
  if (found.length !== 1) throw new Error(`${found.length} text elements read "${text}"`);
  const [element] = found;
  if (element === undefined) throw new Error(`no text element reads "${text}"`);
  return element;
}

/** The legend's symbols, in legend order: the path inside each role-legend-symbol group. */
export function legendSymbolsOf(svg: string): SvgElement[] {
  const groups = svg.split('<g class="mark-symbol role-legend-symbol"').slice(1);
  return groups.flatMap((group) => elementsOf(group).slice(0, 1));
}
