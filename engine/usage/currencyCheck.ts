/**
 * Keeps track of the currencies a file's costs are in. pertask's prices are USD,
 * so a cost in another currency, or a file that mixes currencies, is refused
 * rather than summed as if one unit.
 */
export class CurrencyCheck {
  private readonly seen = new Set<string>();

  /** Notes a row's currency (blank is USD); `report` is told when it is not USD. */
  note(currency: string, report: (message: string, hint: string) => void): void {
    const code = currency.trim() === '' ? 'USD' : currency.trim().toUpperCase();
    this.seen.add(code);
    if (code === 'USD') return;
    const mixed = this.seen.size > 1 ? ` and mixes ${[...this.seen].sort().join(', ')}` : '';
    report(
      `a cost in ${code}: pertask adds up USD only${mixed}`,
      'USD; export the costs in USD, or drop the cost column to price the tokens from the catalog',
    );
  }
}
