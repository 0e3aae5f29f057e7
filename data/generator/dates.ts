/**
 * Calendar arithmetic on UTC day numbers (days since 1970-01-01). The generator produces tens of
 * millions of timestamps at the larger sizes, so formatting is cached per day.
 */

export type Day = number;

const MS_PER_DAY = 86_400_000;
const dayStrings = new Map<Day, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Parses `YYYY-MM-DD` strictly (the month and day must exist). */
export function parseDay(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`"${iso}" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = Math.round(ms / MS_PER_DAY);
  if (formatDay(day) !== iso) throw new Error(`"${iso}" is not a real calendar date`);
  return day;
}

export function formatDay(day: Day): string {
  let s = dayStrings.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dayStrings.set(day, s);
  }
  return s;
}

/** `YYYY-MM-DDTHH:MM:SSZ` for a day and a second of that day. */
export function formatTimestamp(day: Day, secondOfDay: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(secondOfDay)));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${formatDay(day)}T${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s % 60]}Z`;
}

/** `YYYY-MM` of a day. */
export function monthOf(day: Day): string {
  return formatDay(day).slice(0, 7);
}

/** Months since year 0 (for month arithmetic). */
export function monthIndex(day: Day): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The given day of the month with index `monthIdx` (clamped to the month's last day). */
export function dayInMonth(monthIdx: number, dayOfMonth: number): Day {
  const year = Math.floor(monthIdx / 12);
  const month = monthIdx % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(year, month, Math.min(dayOfMonth, last)) / MS_PER_DAY);
}

export function monthKey(monthIdx: number): string {
  return `${Math.floor(monthIdx / 12)}-${TWO_DIGITS[(monthIdx % 12) + 1]}`;
}

/** The same calendar day `months` later (or earlier), clamped to the end of shorter months. */
export function addMonths(day: Day, months: number): Day {
  const d = new Date(day * MS_PER_DAY);
  return dayInMonth(d.getUTCFullYear() * 12 + d.getUTCMonth() + months, d.getUTCDate());
}

export function addYears(day: Day, years: number): Day {
  return addMonths(day, years * 12);
}

/** Whole years from `birth` to `on` (the usual "age"). */
export function ageOn(birth: Day, on: Day): number {
  const b = new Date(birth * MS_PER_DAY);
  const o = new Date(on * MS_PER_DAY);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  if (o.getUTCMonth() < b.getUTCMonth() || (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())) age--;
  return age;
}
