/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) and instants, in UTC, without reading the clock.
 * Working-day arithmetic (工作日) lives with the timers; the domain only needs calendar offsets.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

export const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));

/** The calendar date (UTC+8, the scheme's jurisdiction) of an instant. */
export const dateOf = (instant: string): string =>
  new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The days of a month (1–12) of the Gregorian calendar. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Adds months, clamping to the last day of the target month (2024-02-29 + 12 months = 2025-02-28). Counted on the
 * date's own digits, not through `Date`, whose parsing and formatting were most of its cost: every deadline
 * projection and several deciders call it for each event.
 */
export const addMonths = (date: string, months: number): string => {
  const match = DATE.exec(date);
  if (!match || !Number.isInteger(months)) throw new RangeError(`cannot add ${months} months to ${date}`);
  const monthIndex = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (year < 0 || year > 9999) throw new RangeError(`${date} + ${months} months is outside years 0000–9999`);
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
};

export const addYears = (date: string, years: number): string => addMonths(date, years * 12);

/** Negative when a < b, zero when equal, positive when a > b (ISO dates compare as strings). */
export const compareDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
