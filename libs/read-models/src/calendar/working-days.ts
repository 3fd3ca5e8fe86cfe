/*
 * The State Council arrangement comes from the `chinese-days` package's data file (documented in its README:
 * `holidays` and make-up `workdays`, 调休, keyed by ISO date). Its `isWorkday()` applies exactly this rule, but the
 * package builds its tables at load time with local-time date getters, which shifts every date by one day in
 * time zones west of UTC; reading the shipped data directly gives the same answers in any time zone.
 *
 * The package lags behind the yearly announcement, so an operator file (CALENDAR_FILE, see ./calendar-override.ts)
 * can supply or replace whole years; `useCalendarOverride` installs it process-wide at start-up. Process-wide on
 * purpose: projections are pure functions that cannot get injected dependencies.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';
import { daysInMonth } from '@app/domain';
import { type CalendarOverride, type CalendarYear, parseCalendarOverride } from './calendar-override';

export * from './calendar-override';

/** A date reached by working-day arithmetic; `estimated` when some day on the way lies beyond the calendar data. */
export interface WorkingDate {
  date: string;
  estimated: boolean;
}

/** A day passed over by working-day arithmetic: a public holiday (with its English name) or a plain weekend day. */
export interface NonWorkingDay {
  date: string;
  reason: 'WEEKEND' | 'HOLIDAY';
  /** The holiday's English name from the calendar data, e.g. 'Spring Festival' (holidays only). */
  name?: string;
}

/** {@link addWorkingDays}' answer with its explanation; both lists in calendar order (also when counting back). */
export interface WorkingDaysResult extends WorkingDate {
  /** The non-working days passed over (the start date itself is never included). */
  skipped: NonWorkingDay[];
  /** The make-up workdays (调休, weekend days that are worked) that were counted. */
  makeUpWorkdays: string[];
}

/** A number of working days between two dates; `estimated` when some day counted lies beyond the calendar data. */
export interface WorkingDayCount {
  days: number;
  estimated: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The package's data grouped by year. */
const PACKAGE_YEARS: ReadonlyMap<number, CalendarYear> = (() => {
  const years = new Map<number, { holidays: Record<string, string>; workdays: Record<string, string> }>();
  const add = (kind: 'holidays' | 'workdays', list: Readonly<Record<string, string>>) => {
    for (const [date, name] of Object.entries(list)) {
      const year = Number(date.slice(0, 4));
      const calendar = years.get(year) ?? { holidays: {}, workdays: {} };
      calendar[kind][date] = name;
      years.set(year, calendar);
    }
  };
  add('holidays', calendarData.holidays);
  add('workdays', calendarData.workdays);
  return years;
})();

/** A count of working days from a date, with its explanation: what a deadline shows (see {@link workingDaysFrom}). */
export interface WorkingDaysCounted {
  readonly result: Readonly<WorkingDaysResult>;
  readonly basis: string;
}

/** The answers of {@link workingDaysFrom} under the calendar in use, by start date and count. */
const countedFrom = new Map<string, WorkingDaysCounted>();
/** Answers kept at most; past it they start again (a log's deadlines start on a few hundred dates a year). */
const COUNTED_LIMIT = 20_000;

/** The operator's years, which take precedence over the package's (whole years, not single dates). */
let overrideYears: ReadonlyMap<number, CalendarYear> = new Map();

/**
 * Sets the process-wide calendar override (see {@link loadCalendarOverride}); `null` returns to the package data
 * alone. The override is validated again and copied, so later changes to the object passed in have no effect.
 */
export const useCalendarOverride = (override: CalendarOverride | null): void => {
  countedFrom.clear();
  overrideYears =
    override === null
      ? new Map()
      : new Map(
          Object.entries(
            parseCalendarOverride(override, '(override passed to useCalendarOverride)').years,
          ).map(([year, calendar]) => [Number(year), calendar]),
        );
};

const calendarOf = (year: number): CalendarYear | undefined =>
  overrideYears.get(year) ?? PACKAGE_YEARS.get(year);

/**
 * Whether the arrangement for `year` is known (package data or override). The package answers for any date, silently
 * falling back to Monday–Friday, so coverage has to be known here.
 */
export const isCalendarYearCovered = (year: number): boolean => calendarOf(year) !== undefined;

const parse = (date: string): [number, number, number] => {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw new RangeError(`not a calendar date: ${date}`);
  return [y, m, d];
};

const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Walks consecutive calendar dates one day per `move()`, forwards or backwards. The counting loops use it rather
 * than `Date`, whose parsing and formatting dominated their cost.
 */
class DayWalker {
  date: string;
  year: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  private month: number;
  private day: number;
  private yearText: string;

  constructor(
    date: string,
    private readonly step: 1 | -1,
  ) {
    [this.year, this.month, this.day] = parse(date);
    this.date = date;
    this.yearText = date.slice(0, 4);
    this.weekday = new Date(Date.UTC(this.year, this.month - 1, this.day)).getUTCDay();
  }

  move(): void {
    this.day += this.step;
    if (this.day < 1 || this.day > daysInMonth(this.year, this.month)) {
      this.month += this.step;
      if (this.month < 1 || this.month > 12) {
        this.year += this.step;
        this.month = this.step > 0 ? 1 : 12;
        this.yearText = String(this.year).padStart(4, '0');
      }
      this.day = this.step > 0 ? 1 : daysInMonth(this.year, this.month);
    }
    this.weekday = (this.weekday + this.step + 7) % 7;
    this.date = `${this.yearText}-${TWO_DIGITS[this.month]}-${TWO_DIGITS[this.day]}`;
  }
}

const nextDay = (date: string, step: 1 | -1): string => {
  const walker = new DayWalker(date, step);
  walker.move();
  return walker.date;
};

/** The English name in a data value such as "Spring Festival,春节,4". */
const englishName = (value: string): string => value.split(',')[0].trim();

interface DayDetail {
  working: boolean;
  estimated: boolean;
  /** Why a non-working day is off. */
  off?: NonWorkingDay;
  /** A weekend day worked under the arrangement (调休). */
  makeUp: boolean;
}

const dayDetail = ({ date, year, weekday }: { date: string; year: number; weekday: number }): DayDetail => {
  const mondayToFriday = weekday >= 1 && weekday <= 5;
  const calendar = calendarOf(year);
  if (!calendar)
    return mondayToFriday
      ? { working: true, estimated: true, makeUp: false }
      : { working: false, estimated: true, off: { date, reason: 'WEEKEND' }, makeUp: false };
  if (calendar.workdays[date]) return { working: true, estimated: false, makeUp: !mondayToFriday };
  const holiday = calendar.holidays[date];
  if (holiday)
    return {
      working: false,
      estimated: false,
      off: { date, reason: 'HOLIDAY', name: englishName(holiday) },
      makeUp: false,
    };
  return mondayToFriday
    ? { working: true, estimated: false, makeUp: false }
    : { working: false, estimated: false, off: { date, reason: 'WEEKEND' }, makeUp: false };
};

/** Whether `date` is a working day (工作日), and whether that answer is a Monday–Friday estimate. */
export const isWorkingDay = (date: string): { working: boolean; estimated: boolean } => {
  const { working, estimated } = dayDetail(new DayWalker(date, 1));
  return { working, estimated };
};

/**
 * The date `n` working days after `date` (before it when n < 0), over the China calendar with make-up workdays
 * (R-APP-4, R-AUD-8, R-TIME-1). The start date itself is not counted; n = 0 returns it unchanged. The result also
 * lists the non-working days passed over and the make-up workdays counted (see {@link describeWorkingDays}).
 */
export const addWorkingDays = (date: string, n: number): WorkingDaysResult => {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  const walker = new DayWalker(date, step);
  let remaining = Math.abs(n);
  let estimated = false;
  const skipped: NonWorkingDay[] = [];
  const makeUpWorkdays: string[] = [];
  while (remaining > 0) {
    walker.move();
    const day = dayDetail(walker);
    estimated ||= day.estimated;
    if (day.working) remaining -= 1;
    if (day.off) skipped.push(day.off);
    if (day.makeUp) makeUpWorkdays.push(walker.date);
  }
  if (step < 0) {
    skipped.reverse();
    makeUpWorkdays.reverse();
  }
  return { date: walker.date, estimated, skipped, makeUpWorkdays };
};

/**
 * The number of working days after `from` up to and including `to`, so that
 * `workingDaysBetween(d, addWorkingDays(d, n).date).days === n` for n ≥ 0. When `to` is before `from` the answer is
 * the mirror, `-workingDaysBetween(to, from).days`; 0 when the dates are equal.
 */
export const workingDaysBetween = (from: string, to: string): WorkingDayCount => {
  parse(from);
  parse(to);
  if (to < from) {
    const { days, estimated } = workingDaysBetween(to, from);
    return { days: days === 0 ? 0 : -days, estimated };
  }
  const walker = new DayWalker(from, 1);
  let days = 0;
  let estimated = false;
  while (walker.date < to) {
    walker.move();
    const day = dayDetail(walker);
    estimated ||= day.estimated;
    if (day.working) days += 1;
  }
  return { days, estimated };
};

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * A one-line English explanation of `addWorkingDays(from, n)`, e.g. "2026-02-12 + 5 working days = 2026-02-26
 * (skipped 2026-02-15…2026-02-23 Spring Festival; make-up workday 2026-02-14)". Consecutive days of one holiday
 * collapse to a range, plain weekend days are counted, estimated years are named.
 */
export const describeWorkingDays = (
  from: string,
  n: number,
  result: WorkingDaysResult = addWorkingDays(from, n),
): string => {
  const holidays: { first: string; last: string; name: string }[] = [];
  let weekendDays = 0;
  for (const day of result.skipped) {
    if (day.reason === 'WEEKEND') {
      weekendDays += 1;
      continue;
    }
    const name = day.name ?? 'holiday';
    const previous = holidays.at(-1);
    if (previous && previous.name === name && nextDay(previous.last, 1) === day.date)
      previous.last = day.date;
    else holidays.push({ first: day.date, last: day.date, name });
  }
  const skipped = holidays.map(
    ({ first, last, name }) => `${first === last ? first : `${first}…${last}`} ${name}`,
  );
  if (weekendDays > 0) skipped.push(plural(weekendDays, 'weekend day'));

  const notes: string[] = [];
  if (skipped.length > 0) notes.push(`skipped ${skipped.join(', ')}`);
  if (result.makeUpWorkdays.length > 0)
    notes.push(
      `make-up workday${result.makeUpWorkdays.length === 1 ? '' : 's'} ${result.makeUpWorkdays.join(', ')}`,
    );
  if (result.estimated && n !== 0) {
    // The days counted are those after `from` (before it when counting back) up to the result.
    const [first, last] = n > 0 ? [nextDay(from, 1), result.date] : [result.date, nextDay(from, -1)];
    const years: number[] = [];
    for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++)
      if (!isCalendarYearCovered(year)) years.push(year);
    notes.push(
      years.length > 0 ? `estimated Monday–Friday for ${years.join(', ')}` : 'estimated Monday–Friday',
    );
  }
  const head = `${from} ${n < 0 ? '-' : '+'} ${plural(Math.abs(n), 'working day')} = ${result.date}`;
  return notes.length > 0 ? `${head} (${notes.join('; ')})` : head;
};

/**
 * `addWorkingDays(from, n)` with `describeWorkingDays` of it, answered once per start date and count under the
 * calendar in use (a new override forgets them): the deadlines count the same few numbers of working days from the
 * same dates over and over — a rebuild asks about a million times for a few thousand answers. The answer is frozen,
 * being shared.
 */
export const workingDaysFrom = (from: string, n: number): WorkingDaysCounted => {
  const key = `${from} ${n}`;
  let counted = countedFrom.get(key);
  if (counted === undefined) {
    const result = addWorkingDays(from, n);
    counted = Object.freeze({
      result: Object.freeze({
        ...result,
        skipped: Object.freeze(result.skipped.map((day) => Object.freeze(day))),
        makeUpWorkdays: Object.freeze(result.makeUpWorkdays),
      }) as Readonly<WorkingDaysResult>,
      basis: describeWorkingDays(from, n, result),
    });
    if (countedFrom.size >= COUNTED_LIMIT) countedFrom.clear();
    countedFrom.set(key, counted);
  }
  return counted;
};
