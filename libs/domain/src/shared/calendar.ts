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

/** Adds months, clamping to the last day of the target month (2024-02-29 + 12 months = 2025-02-28). */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
};

export const addYears = (date: string, years: number): string => addMonths(date, years * 12);

/** Negative when a < b, zero when equal, positive when a > b (ISO dates compare as strings). */
export const compareDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
