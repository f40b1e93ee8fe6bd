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
const ratioFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/**
 * A change below this (0.005%) prints as "0%": it is below what the percent
 * shows, and mostly the last bits of a double (2.2e-14 from 1 - 1 by way of a
 * logarithm), which a reader would take for a finding.
 */
const SMALLEST_CHANGE = 0.00005;

/**
 * Money this close to 0 prints as "$0": an absolute billionth of a dollar,
 * 1e-7 of a cent, is far below any amount a report means to show (the
 * smallest priced call, one token at $0.01 per million, is $1e-8). Gaps are
 * cleared of float noise where they are summarised (engine/gapOf.ts); this
 * is the last guard for any other figure.
 */
const NOISE_USD = 1e-9;

/** Shares within this of 1 are float noise about 1 and read "100%". */
const NOISE_SHARE = 1e-9;

/** True when `usd` is float noise about 0. */
export function isMoneyNoise(usd: number): boolean {
  return Math.abs(usd) < NOISE_USD;
}

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
 * quadrillion up in exponent form, 3.34e35 -> "$3.34e35". Float noise about
 * 0 (isMoneyNoise) reads "$0".
 * Throws on NaN and infinities so that a bug upstream cannot reach a report.
 */
export function formatMoney(usd: number): string {
  assertFinite(usd, 'money');
  if (isMoneyNoise(usd)) return '$0';
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

/**
 * Money with an explicit sign, for gaps: 4200 -> "+$4.2k", -4200 -> "-$4.2k",
 * 0 and float noise about it -> "$0" (no sign: a noise of +1e-16 is no rise).
 */
export function formatSignedMoney(usd: number): string {
  if (isMoneyNoise(usd)) return formatMoney(0);
  return usd > 0 ? `+${formatMoney(usd)}` : formatMoney(usd);
}

/**
 * A share (0.62) as a percent ("62%"): two significant figures, whole
 * percents from 10% up. A share strictly between 0 and 1 never reads as
 * "0%" or "100%": those are kept for what never or always happened, but
 * for float noise within a billionth of 1, which reads "100%".
 */
export function formatPercent(share: number): string {
  assertFinite(share, 'a percent');
  if (share > 0 && share < 0.001) return '<0.1%';
  // Within a billionth of 1 is the last bits of a sum (a part that is all of a gap
  // reads 0.999999999999997 of it), never a count of trials: 1 in a million trials
  // is 1e-6.
  if (share < 1 && share >= 1 - NOISE_SHARE) return '100%';
  if (share < 1 && share > 0.999) return nearlyWholeOf(share);
  const format = Math.abs(share) >= 0.1 ? wholePercentFormat : percentFormat;
  const text = format.format(share);
  if (share < 1 && text === '100%') return `${(share * 100).toFixed(1)}%`;
  return text;
}

/**
 * A share between 99.9% and 100% with as many decimals as keep it below 100:
 * 0.9997 -> "99.97%", 0.999991 -> "99.9991%". A fall of 99.97% is a finding
 * (a task that cost $1 now costs $0.0003), which ">99.9%" hid behind a sign
 * ("->99.9%").
 */
function nearlyWholeOf(share: number): string {
  const percent = share * 100;
  // Below 1 - NOISE_SHARE, nine decimals of a percent always stay below 100.
  for (let digits = 2; ; digits += 1) {
    const text = percent.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
    if (Number(text) < 100) return `${text}%`;
  }
}

/**
 * A ratio as a multiplier with three significant figures, the precision of
 * the terminal's "+5.2%": 1.0519 -> "×1.05", 0.17502 -> "×0.175",
 * 12.66 -> "×12.7". Exactly 1 reads "×1"; a ratio that only rounds to 1
 * reads "×1.00", so the reader sees a change smaller than the figures show,
 * not a float's last bits ("×1.0000000000000002").
 */
export function formatRatio(ratio: number): string {
  assertFinite(ratio, 'a ratio');
  const text = ratioFormat.format(ratio);
  return ratio !== 1 && text === '1' ? '×1.00' : `×${text}`;
}

/**
 * A relative change with its sign: 0.052 -> "+5.2%", -0.82 -> "-82%",
 * -0.99972 -> "-99.97%" (digits enough to stay below 100%);
 * below a tenth of a percent two significant digits ("+0.045%") rather than
 * "<0.1%", which reads oddly after a sign; below 0.005%, "0%".
 */
export function formatChange(change: number): string {
  assertFinite(change, 'a change');
  const size = Math.abs(change);
  if (size < SMALLEST_CHANGE) return '0%';
  const percent = size < 0.001 ? `${(size * 100).toPrecision(2)}%` : formatPercent(size);
  return change > 0 ? `+${percent}` : `-${percent}`;
}
