/** Reads 'YYYY-MM' into a count of months since year 0, or undefined if it is not one. */
export function parseMonth(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (match === null) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return Number(match[1]) * 12 + (month - 1);
}

/** The 'YYYY-MM' label of the month `offset` months after `start` ('YYYY-MM'). */
export function monthLabel(start: string, offset: number): string {
  const absolute = (parseMonth(start) ?? 0) + offset;
  const year = Math.floor(absolute / 12);
  const month = (absolute % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Labels for every month of a horizon. */
export function monthLabels(start: string, months: number): string[] {
  return Array.from({ length: months }, (_, offset) => monthLabel(start, offset));
}

/** Calendar month (0 = January) of the month `offset` months after `start`. */
export function calendarMonth(start: string, offset: number): number {
  return ((parseMonth(start) ?? 0) + offset) % 12;
}
