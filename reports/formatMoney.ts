/**
 * How the reports write numbers for people: money with three significant
 * figures and a k/M/B/T suffix, shares as percents, ratios as "×1.05".
 *
 * Intl rounds before it picks the suffix, so 999,999 reads "$1M", never
 * "$1000k", and small amounts keep their digits ("$0.0123", not "$0.01").
 * Locale and currency are pinned to en-US and USD so the output does not
 * depend on the machine; the Summary's money is in USD.
 */

const moneyFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 3,
});

const countFormat = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumSignificantDigits: 3,
});

const percentFormat = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumSignificantDigits: 2,
});

const wholePercentFormat = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 0,
});

/**
 * From here up, money is written as "$3.34e35": the largest compact suffix
 * is T, and a quadrillion dollars in it reads "$1,000T", with one more comma
 * for every further three digits.
 */
const EXPONENT_FROM_USD = 1e15;

/** Ratios with three significant figures, trailing zeros dropped: ×1.05, ×0.175, ×12.7. */
const ratioFormats = Array.from(
  { length: 15 },
  (_, extra) => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 + extra }),
);

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`cannot format ${String(value)} as ${what}: a report never shows it`);
  }
}

/** "$3.34e35", "-$1e15": three significant figures, trailing zeros and the "+" dropped. */
function formatMoneyWithExponent(usd: number): string {
  const [mantissa = '', exponent = ''] = Math.abs(usd).toPrecision(3).split('e');
  const digits = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${usd < 0 ? '-' : ''}$${digits}e${exponent.replace('+', '')}`;
}

/**
 * Money in USD with three significant figures: 125000 -> "$125k",
 * 1234567 -> "$1.23M", 0.0123 -> "$0.0123", -4200 -> "-$4.2k", and from a
 * quadrillion up in exponent form, 3.34e35 -> "$3.34e35".
 * Throws on NaN and infinities so that a bug upstream cannot reach a report.
 */
export function formatMoney(usd: number): string {
  assertFinite(usd, 'money');
  // Compared after rounding, so that 999.6e12 reads "$1e15" and never "$1000T".
  if (Math.abs(Number(usd.toPrecision(3))) >= EXPONENT_FROM_USD) {
    return formatMoneyWithExponent(usd);
  }
  // Adding 0 turns -0 into 0, so an empty gap reads "$0" and not "-$0".
  return moneyFormat.format(usd + 0).replace('K', 'k');
}

/** A count (tokens, tasks) with three significant figures: 86400 -> "86.4k", 2.5e6 -> "2.5M". */
export function formatCount(count: number): string {
  assertFinite(count, 'a count');
  return countFormat.format(count + 0).replace('K', 'k');
}

/** Money with an explicit sign, for gaps: 4200 -> "+$4.2k", -4200 -> "-$4.2k", 0 -> "$0". */
export function formatSignedMoney(usd: number): string {
  return usd > 0 ? `+${formatMoney(usd)}` : formatMoney(usd);
}

/**
 * A share (0.62) as a percent ("62%"): two significant figures, whole
 * percents from 10% up. A share strictly between 0 and 1 never reads as
 * "0%" or "100%": those are kept for what never or always happened.
 */
export function formatPercent(share: number): string {
  assertFinite(share, 'a percent');
  if (share > 0 && share < 0.001) return '<0.1%';
  if (share < 1 && share > 0.999) return '>99.9%';
  const format = Math.abs(share) >= 0.1 ? wholePercentFormat : percentFormat;
  const text = format.format(share);
  if (share < 1 && text === '100%') return `${(share * 100).toFixed(1)}%`;
  return text;
}

/**
 * A ratio as a multiplier with three significant figures, the precision of
 * the terminal's "+5.2%": 1.0519 -> "×1.05", 0.17502 -> "×0.175",
 * 12.66 -> "×12.7". A ratio other than 1 never reads "×1", which would say
 * "no change": it gets the digits that show its change, 0.9996 -> "×0.9996".
 */
export function formatRatio(ratio: number): string {
  assertFinite(ratio, 'a ratio');
  for (const format of ratioFormats) {
    const text = format.format(ratio);
    if (ratio === 1 || text !== '1') return `×${text}`;
  }
  // 17 significant digits tell every double from 1, so the loop has returned by now.
  return `×${String(ratio)}`;
}
