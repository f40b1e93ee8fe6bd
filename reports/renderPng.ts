/**
 * Renders a chart's SVG to PNG with resvg (a prebuilt binary, no native
 * build), for slides and mail that cannot show SVG. Text needs fonts: the
 * system's are loaded, with Liberation Sans (metrically Arial) as the stand-in
 * for the charts' Helvetica and Arial. On a machine with no fonts at all the
 * bars and lines still draw but the text does not.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/** Twice the SVG's size, so the picture stays sharp on a high-density screen or a slide. */
const ZOOM = 2;

/** White space kept around the drawing, in SVG pixels, as Vega pads its own. */
const PADDING = 5;

const OPTIONS: ResvgRenderOptions = {
  background: 'white',
  fitTo: { mode: 'zoom', value: ZOOM },
  font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
};

const ROOT_SIZE = /^(<svg[^>]*?) width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+"/;
const BACKGROUND = /<rect width="[\d.]+" height="[\d.]+" fill="white"\/>/;

/**
 * Vega in Node sizes the drawing from estimated text widths, which leaves a
 * wide strip of white beside a long title. resvg measures the text with real
 * fonts, so the canvas is cut (or grown) to what was actually drawn.
 */
function fitToDrawing(svg: string): string {
  const bare = svg.replace(BACKGROUND, '');
  const box = new Resvg(bare, OPTIONS).getBBox();
  if (box === undefined || !ROOT_SIZE.test(bare)) return svg;
  const width = Math.ceil(box.x + box.width + PADDING);
  const height = Math.ceil(box.y + box.height + PADDING);
  return bare.replace(
    ROOT_SIZE,
    `$1 width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
  );
}

/** The PNG bytes of one SVG drawing, on a white background. Cost: tens of milliseconds. */
export function renderPng(svg: string): Uint8Array {
  return new Uint8Array(new Resvg(fitToDrawing(svg), OPTIONS).render().asPng());
}
