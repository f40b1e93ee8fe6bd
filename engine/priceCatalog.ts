/**
 * The price catalog: what one million tokens of each kind cost on each model, and where
 * that number came from. Scenario steps name a model by its catalog key; the validator
 * resolves the key here and, when it fails, offers the nearest names.
 *
 * The built-in entries are generated from public data by tools/buildCatalog.ts into
 * ./catalog/catalogData.ts, so the product needs no data files at run time.
 */
import { isCalendarDate } from './isCalendarDate.js';
import { CATALOG_ENTRIES } from './catalog/catalogData.js';

/**
 * List prices of one model, in USD per million tokens.
 *
 * Known limitation: one price per token kind. Vendors that charge more once a prompt passes
 * a length threshold (Claude Sonnet 4 and Gemini 2.5 Pro above 200k input tokens, GPT-5.5
 * above 272k) are priced at their base rate, so very long prompts are under-priced. So are
 * Anthropic's 1-hour cache writes (2x input; only the 5-minute 1.25x write is kept), and
 * priority, flex and regional-processing prices are left out.
 */
export interface ModelPrice {
  /** Catalog key, short and stable: 'claude-sonnet-4', not 'claude-sonnet-4-20250514'. */
  readonly model: string;
  /** 'openai' | 'anthropic' | 'google' | 'deepseek' | 'mistral' | 'xai' | ... */
  readonly vendor: string;
  readonly input: number;
  /** Prompt-cache read; equals input when the vendor has no cache discount. */
  readonly cachedInput: number;
  /** Prompt-cache write; equals input when the vendor charges nothing extra for it. */
  readonly cacheWrite: number;
  readonly output: number;
  /** Equals output unless the model prices reasoning tokens separately. */
  readonly reasoning: number;
  /** Share off list price through the batch API: 0.5 is 50% off, 0 is no batch price. */
  readonly batchDiscount: number;
  /** Maximum input tokens, or null when the source does not say. */
  readonly contextWindow: number | null;
  /** 'YYYY-MM-DD' on which the price was read. */
  readonly asOf: string;
  /** Where the numbers come from, precise enough to look them up again. */
  readonly source: string;
}

/** A built-in entry also keeps the exact key of the source data it was read from. */
export type CatalogEntry = ModelPrice & { readonly sourceKey: string };

export interface PriceCatalog {
  readonly models: ReadonlyMap<string, ModelPrice>;
}

const PRICE_FIELDS = ['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning'] as const;

/**
 * Makes a catalog from a list of prices, checking each one so that a NaN or a negative
 * price fails here, with the model named, instead of surfacing later in a report.
 * Throws a RangeError listing every problem found. Cost: linear in the number of entries.
 */
export function createPriceCatalog(entries: readonly ModelPrice[]): PriceCatalog {
  const models = new Map<string, ModelPrice>();
  const problems: string[] = [];
  for (const entry of entries) {
    problems.push(...checkModelPrice(entry));
    // A second entry with the same key would silently replace the first; overrides are
    // meant to be applied before the list reaches here, so a duplicate is a mistake.
    if (models.has(entry.model)) problems.push(`${entry.model}: listed twice`);
    models.set(entry.model, entry);
  }
  if (problems.length > 0) {
    throw new RangeError(`invalid price catalog entries:\n  ${problems.join('\n  ')}`);
  }
  return { models };
}

function checkModelPrice(entry: ModelPrice): string[] {
  const problems: string[] = [];
  const name = entry.model === '' ? '(empty model name)' : entry.model;
  if (entry.model === '') problems.push(`${name}: the model name is empty`);
  for (const field of PRICE_FIELDS) {
    const value = entry[field];
    if (!Number.isFinite(value) || value < 0) {
      problems.push(`${name}: ${field} is ${value}; expected a finite number >= 0`);
    }
  }
  if (!(entry.batchDiscount >= 0 && entry.batchDiscount < 1)) {
    problems.push(`${name}: batchDiscount is ${entry.batchDiscount}; expected 0 <= x < 1`);
  }
  const window = entry.contextWindow;
  if (window !== null && !(Number.isInteger(window) && window > 0)) {
    problems.push(`${name}: contextWindow is ${window}; expected a positive integer or null`);
  }
  if (!isCalendarDate(entry.asOf)) {
    problems.push(`${name}: asOf is '${entry.asOf}'; expected a calendar date, YYYY-MM-DD`);
  }
  return problems;
}

/** The catalog shipped with pertask, read from public price data (see catalogData.ts). */
export const BUILTIN_CATALOG: PriceCatalog = createPriceCatalog(CATALOG_ENTRIES);

/**
 * Looks a model up by its catalog key. Keys are lower case, so 'GPT-4o' and ' gpt-4o '
 * find 'gpt-4o' too; anything else returns undefined (see suggestModelNames).
 */
export function findModelPrice(catalog: PriceCatalog, model: string): ModelPrice | undefined {
  return catalog.models.get(model) ?? catalog.models.get(model.trim().toLowerCase());
}

/**
 * Names the catalog models closest to a name that was not found, nearest first, for a
 * "did you mean" hint. A name counts as close when its edit distance is at most a third
 * of the query's length (at least 2), or when it contains the query ('sonnet' finds
 * 'claude-sonnet-4'), or when it has every dash-separated part of the query ('gemini-pro'
 * finds 'gemini-2.5-pro'). Ties are broken alphabetically so the hint is stable.
 * Cost: one edit distance per catalog model, O(query length x name length) each.
 */
export function suggestModelNames(catalog: PriceCatalog, model: string, limit = 3): string[] {
  const query = model.trim().toLowerCase();
  const allowed = Math.max(2, Math.floor(query.length / 3));
  const scored: Array<{ readonly name: string; readonly distance: number }> = [];
  for (const name of catalog.models.keys()) {
    const distance = measureEditDistance(query, name.toLowerCase());
    if (distance <= allowed || isLooseMatch(query, name.toLowerCase())) {
      scored.push({ name, distance });
    }
  }
  scored.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1));
  return scored.slice(0, Math.max(0, limit)).map((candidate) => candidate.name);
}

function isLooseMatch(query: string, name: string): boolean {
  if (query.length < 3) return false;
  const nameParts = new Set(name.split('-'));
  return name.includes(query) || query.split('-').every((part) => nameParts.has(part));
}

/**
 * Optimal string alignment distance: Levenshtein's insertions, deletions and substitutions
 * plus the swap of two adjacent characters, the commonest typo ('gtp-4o'). Damerau (1964),
 * restricted form as in Boytsov (2011), "Indexing methods for approximate dictionary
 * searching", section 2.2. Cost: O(a.length x b.length) time, O(b.length) memory.
 */
function measureEditDistance(a: string, b: string): number {
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + substitution,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
