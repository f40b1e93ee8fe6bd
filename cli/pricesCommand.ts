/**
 * `pertask prices`: list the catalog's models with the date of each price;
 * `prices import` turns a LiteLLM-format price map into a catalog file;
 * `prices fit` estimates an annual price change from a price history.
 */
import { resolve } from 'node:path';
import {
  parsePriceHistoryCsv,
  type LiteLlmPriceMap,
} from '../engine/catalog/readLiteLlmPriceMap.js';
import {
  fitPriceChange,
  PriceFitError,
  type PriceChangeFit,
} from '../engine/usage/fitPriceChange.js';
import { importPriceMap } from '../engine/usage/importPriceMap.js';
import type { TieredModelPrice } from '../engine/usage/priceUsage.js';
import { isCalendarDate } from '../engine/isCalendarDate.js';
import { formatPercent } from '../reports/formatMoney.js';
import { renderTextTable } from '../reports/dashboard/dashboardTables.js';
import { checkOverwrite } from './checkOverwrite.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { loadCatalog } from './readUsageFiles.js';
import { readTextFile } from './readTextFile.js';
import { writeFilesAtomically } from './writeFileAtomic.js';
import { countOf } from '../engine/countOf.js';

export async function listPricesCommand(
  options: { catalog: string | undefined; json: boolean },
  io: CliIo,
): Promise<number> {
  const catalog = await loadCatalog(options.catalog, io);
  const models = [...catalog.models.values()] as TieredModelPrice[];
  if (options.json) {
    io.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
    return EXIT.ok;
  }
  const table = {
    title: `${countOf(models.length, 'model')}, USD per million tokens`,
    header: ['model', 'vendor', 'input', 'cached', 'output', 'long context', 'as of'],
    rows: models.map((m) => [
      m.model,
      m.vendor,
      String(m.input),
      String(m.cachedInput),
      String(m.output),
      m.longContext === undefined
        ? ''
        : `>${m.longContext.thresholdTokens / 1000}k: ` +
          `${m.longContext.input} / ${m.longContext.output}`,
      m.asOf,
    ]),
  };
  io.stdout.write(`${renderTextTable(table)}\n`);
  return EXIT.ok;
}

export async function importPricesCommand(
  options: { file: string; out: string; asOf: string | undefined; quiet: boolean; force: boolean },
  io: CliIo,
): Promise<number> {
  const context = { cwd: io.cwd, hint: 'choose another file with --out' };
  await checkOverwrite(options.out, options.force, context);
  const text = await readTextFile(options.file, io, 'price map');
  let map: LiteLlmPriceMap;
  try {
    map = JSON.parse(text.replace(/^\uFEFF/, '')) as LiteLlmPriceMap;
  } catch (error) {
    throw new CliError(`${options.file}: not JSON (${(error as Error).message}).`, EXIT.usage);
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new CliError(`${options.file}: expected a map of model names to prices.`, EXIT.usage);
  }
  if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
    throw new CliError(
      `--as-of ${options.asOf} is not a calendar date; write YYYY-MM-DD, e.g. 2026-07-24.`,
      EXIT.usage,
    );
  }
  let outcome;
  try {
    outcome = importPriceMap(map, options.asOf);
  } catch (error) {
    const hint = ' Name the date the prices were read with --as-of YYYY-MM-DD.';
    throw new CliError(`${options.file}: ${(error as Error).message}.${hint}`, EXIT.usage);
  }
  if (outcome.catalog.models.length === 0) {
    const { skipped } = outcome;
    throw new CliError(
      `${options.file}: no text model with input and output prices in the map ` +
        `(${countOf(skipped.nonModel, 'non-model key')}, ` +
        `${countOf(skipped.notText, 'non-text entry', 'non-text entries')}, ` +
        `${countOf(skipped.unpriced, 'entry', 'entries')} without prices); nothing was written.`,
      EXIT.usage,
    );
  }
  const json = `${JSON.stringify(outcome.catalog, null, 2)}\n`;
  await writeFilesAtomically(new Map([[resolve(io.cwd, options.out), json]]), context);
  if (!options.quiet) {
    const { skipped, catalog } = outcome;
    const tiers = catalog.models.filter((m) => m.longContext !== undefined).length;
    const dated = options.asOf === undefined ? "the map's last_updated" : '--as-of';
    io.stderr.write(
      `Wrote ${options.out}: ${countOf(catalog.models.length, 'model')} priced as of ` +
        `${catalog.asOf} (${dated}; ${tiers} with a long-context tier); skipped ` +
        `${countOf(skipped.nonModel, 'non-model key')}, ` +
        `${countOf(skipped.notText, 'non-text entry', 'non-text entries')}, ` +
        `${countOf(skipped.unpriced, 'entry', 'entries')} without input and output prices.\n`,
    );
  }
  return EXIT.ok;
}

export async function fitPricesCommand(
  options: { history: string; models: readonly string[]; inputShare: number; json: boolean },
  io: CliIo,
): Promise<number> {
  const text = await readTextFile(options.history, io, 'price history');
  let fit: PriceChangeFit;
  try {
    const rows = parsePriceHistoryCsv(text);
    if (options.models.length === 0) {
      const names = [...new Set(rows.map((row) => row.model))].sort().join(', ');
      throw new PriceFitError(
        `name the tier's models with --models a,b,c; the history has ${names}`,
      );
    }
    fit = fitPriceChange(rows, options.models, options.inputShare);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new CliError(`${options.history}: ${error.message}.`, EXIT.usage);
  }
  if (options.json) io.stdout.write(`${JSON.stringify(fit, null, 2)}\n`);
  else io.stdout.write(`${formatFit(fit)}\n`);
  return EXIT.ok;
}

const signed = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`;

function formatFit(fit: PriceChangeFit): string {
  const table = {
    title: `Tier ${fit.models.join(' > ')}, blended ${formatPercent(fit.inputShare)} input`,
    header: ['date', 'cheapest model', 'USD/Mtok'],
    rows: fit.points.map((p) => [p.date, p.model, p.usdPerMillionTokens.toFixed(4)]),
  };
  return [
    renderTextTable(table),
    '',
    `Annual change ${signed(fit.annualChange)} over ${fit.years.toFixed(1)} years ` +
      `(log-linear fit, R^2 ${fit.rSquared.toFixed(2)}). For the scenario:`,
    '',
    'prices:',
    '  curve:',
    `    annual_change: ${signed(fit.p5)} to ${signed(fit.p95)}   # P5 to P95 of the fitted trend`,
  ].join('\n');
}
