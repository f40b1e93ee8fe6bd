/**
 * Renders a Vega-Lite spec to an SVG string in Node, for reports that must
 * hold a picture without a browser (a static SVG per chart, tests).
 *
 * The view runs headless (renderer 'none'). Without the canvas package Vega
 * estimates text widths from character counts, so label spacing can differ
 * by a few pixels from what a browser draws; nothing is cut off by it.
 */
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { View, Warn, logger, parse } from 'vega';
import type { LoggerInterface } from 'vega';

/** Receives each warning of the Vega-Lite compiler and of the Vega view. */
export type WarningHandler = (message: string) => void;

function collectInto(onWarning: WarningHandler): LoggerInterface {
  return logger(Warn, undefined, (_method, level, input) => {
    onWarning(`${level} ${input.map(String).join(' ')}`);
  });
}

/**
 * Compiles `spec` with Vega-Lite, runs it in a headless Vega view and returns
 * the SVG text. Warnings go to `onWarning` (ignored by default) rather than
 * to the console, so callers decide where they are shown. Cost: one
 * compile and one dataflow run, tens of milliseconds for a report chart.
 */
export async function renderSvg(
  spec: TopLevelSpec,
  onWarning: WarningHandler = () => undefined,
): Promise<string> {
  const log = collectInto(onWarning);
  const { spec: vegaSpec } = compile(spec, { logger: log });
  const view = new View(parse(vegaSpec), { renderer: 'none', logger: log });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
