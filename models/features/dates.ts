/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC, so SQL compares plain text on both engines. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkIsoDate(value: string, what: string): void {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new Error(`${what} must be an ISO date YYYY-MM-DD, got "${value}"`);
  }
}

const toDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/** Same day of month `months` later, clamped to the month's last day (2026-08-31 − 6 months → 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return toIso(d);
}

/** Whole days from `from` to `to` (positive when `to` is later); accepts timestamps too. */
export function daysBetween(from: string, to: string): number {
  return Math.floor((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

/** Whole months from `from` to `to`, counting a month only once its day of month is reached. */
export function monthsBetween(from: string, to: string): number {
  const a = calendarParts(from);
  const b = calendarParts(to);
  let m = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day) m--;
  return m;
}

/**
 * Year, month and day of an ISO date read from its digits (feature SQL calls this twice per customer,
 * a million times a run); anything else, or a day the month does not have, goes through Date.
 */
function calendarParts(iso: string): { year: number; month: number; day: number } {
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45) return { year, month: month - 1, day };
  const d = toDate(iso);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** The decimal number written by `length` digits at `start`, or -1 when one of them is not a digit. */
function digits(s: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Whole years from `from` to `to` (age on a date). */
export function yearsBetween(from: string, to: string): number {
  return Math.floor(monthsBetween(from, to) / 12);
}

/** `YYYY-MM` of a date. */
export const monthKey = (iso: string): string => iso.slice(0, 7);
