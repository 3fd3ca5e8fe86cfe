/*
 * The State Council arrangement comes from the `chinese-days` package's data file (documented in its README:
 * `holidays` and make-up `workdays`, 调休, keyed by ISO date). Its `isWorkday()` applies exactly this rule, but the
 * package builds its tables at load time with local-time date getters, which shifts every date by one day in
 * time zones west of UTC; reading the shipped data directly gives the same answers in any time zone.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';

/** A date reached by working-day arithmetic; `estimated` when some day on the way lies beyond the calendar data. */
export interface WorkingDate {
  date: string;
  estimated: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const HOLIDAYS: Readonly<Record<string, string>> = calendarData.holidays;
const MAKE_UP_WORKDAYS: Readonly<Record<string, string>> = calendarData.workdays;

/**
 * Years for which the arrangement is in the data. The package answers for any date, silently falling back to
 * Monday–Friday, so coverage has to be known here.
 */
const COVERED_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(HOLIDAYS), ...Object.keys(MAKE_UP_WORKDAYS)].map((d) => Number(d.slice(0, 4))),
);

export const isCalendarYearCovered = (year: number): boolean => COVERED_YEARS.has(year);

const parse = (date: string): [number, number, number] => {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw new RangeError(`not a calendar date: ${date}`);
  return [y, m, d];
};

const nextDay = (date: string, step: 1 | -1): string => {
  const [y, m, d] = parse(date);
  return new Date(Date.UTC(y, m - 1, d + step)).toISOString().slice(0, 10);
};

/** Whether `date` is a working day (工作日), and whether that answer is a Monday–Friday estimate. */
export const isWorkingDay = (date: string): { working: boolean; estimated: boolean } => {
  const [y, m, d] = parse(date);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const mondayToFriday = weekday >= 1 && weekday <= 5;
  if (!isCalendarYearCovered(y)) return { working: mondayToFriday, estimated: true };
  if (MAKE_UP_WORKDAYS[date]) return { working: true, estimated: false };
  return { working: mondayToFriday && !HOLIDAYS[date], estimated: false };
};

/**
 * The date `n` working days after `date` (before it when n < 0), over the China calendar with make-up workdays
 * (R-APP-4, R-AUD-8, R-TIME-1). The start date itself is not counted; n = 0 returns it unchanged.
 */
export const addWorkingDays = (date: string, n: number): WorkingDate => {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  parse(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  let estimated = false;
  while (remaining > 0) {
    current = nextDay(current, step);
    const day = isWorkingDay(current);
    estimated ||= day.estimated;
    if (day.working) remaining -= 1;
  }
  return { date: current, estimated };
};
