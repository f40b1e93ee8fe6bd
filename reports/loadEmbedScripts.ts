/**
 * Reads the minified browser builds of Vega, Vega-Lite and vega-embed that
 * buildHtml inlines. This is the one file under reports/ that touches the
 * file system; the CLI calls it once per run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EmbedScripts } from './buildHtml.js';

const require = createRequire(import.meta.url);

/*
 * The packages' "exports" maps hide build/*.min.js and package.json from
 * require.resolve, so each build is found beside the package's main entry,
 * which all three keep in build/ as well.
 */
function readBuildBeside(packageName: string, fileName: string): string {
  const buildFolder = dirname(require.resolve(packageName));
  return readFileSync(join(buildFolder, fileName), 'utf8');
}

/** The three script texts, about 0.8 MB together. Throws if a package is missing. */
export function loadEmbedScripts(): EmbedScripts {
  return {
    vega: readBuildBeside('vega', 'vega.min.js'),
    vegaLite: readBuildBeside('vega-lite', 'vega-lite.min.js'),
    vegaEmbed: readBuildBeside('vega-embed', 'vega-embed.min.js'),
  };
}
