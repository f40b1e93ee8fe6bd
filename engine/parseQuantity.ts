/**
 * Reads a number the way a finance reader writes it: `140k`, `1.8M`, `2.5%`,
 * `-40%`, `+20%`, `$3.00`, `1,200`, `1e6`. Returns undefined when the text is
 * not such a number, so callers can say what would have been valid.
 *
 * Suffixes scale by powers of a thousand (k, M, B); a percent sign divides by
 * a hundred. The result is always finite.
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const [, sign = '', dollar, digits = '', suffix = ''] = match;
  if (dollar !== undefined && suffix === '%') return undefined;
  if (!/\d/.test(digits) || !GROUPED_DIGITS.test(digits)) return undefined;
  const magnitude = Number(digits.replaceAll(',', ''));
  if (!Number.isFinite(magnitude)) return undefined;
  // Dividing by 100 rather than multiplying by 0.01 keeps `2.5%` at the double nearest 0.025.
  const scaled = suffix === '%' ? magnitude / 100 : magnitude * SUFFIX_SCALE[suffix]!;
  const value = sign === '-' ? -scaled : scaled;
  return Number.isFinite(value) ? value : undefined;
}

// sign, optional dollar sign, digits with optional thousands separators,
// decimals and exponent, then an optional scale suffix.
const QUANTITY_PATTERN =
  /^([+-])?\s*(\$)?\s*((?:\d[\d,]*)?(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(k|K|M|B|%)?$/;

// Thousands separators, when present, must group by three: `1,200` but not `12,00`.
const GROUPED_DIGITS = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const SUFFIX_SCALE: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  B: 1e9,
};

/** Whether a quantity text was written as a percentage, which matters for messages. */
export function isPercentText(text: string): boolean {
  return text.trim().endsWith('%');
}

/**
 * Reads a share as a command-line flag takes it: `75%` or `0.75`, the same
 * value. Undefined for anything else (a suffix such as k, a dollar sign, text),
 * so that every flag taking a share accepts both forms alike.
 */
export function parseShare(text: string): number | undefined {
  if (/[$kKMB]/.test(text)) return undefined;
  return parseQuantity(text);
}
