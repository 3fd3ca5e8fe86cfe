/*
 * An operator-supplied working-day arrangement for years the `chinese-days` package does not cover yet (it lags behind
 * the State Council's yearly announcement), or to correct a year. Same value format as the package data:
 * "English name,中文名,days", e.g. "Spring Festival,春节,4". Example: docs/calendar-override.example.json.
 */
import { readFileSync } from 'node:fs';

/** One year's arrangement: public holidays (放假) and make-up workdays (调休上班), keyed by ISO date. */
export interface CalendarYear {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

/** `{ "years": { "2027": { "holidays": {…}, "workdays": {…} } } }`; a year listed replaces the package's whole year. */
export interface CalendarOverride {
  readonly years: Readonly<Record<string, CalendarYear>>;
}

export class CalendarOverrideError extends Error {
  override readonly name = 'CalendarOverrideError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid calendar override ${source}:\n- ${problems.join('\n- ')}`);
  }
}

const YEAR = /^\d{4}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCalendarDate = (date: string): boolean => {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
};

const unknownKeys = (value: Record<string, unknown>, allowed: readonly string[], where: string): string[] =>
  Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where}: unknown key ${JSON.stringify(key)} (expected ${allowed.join(', ')})`);

/**
 * Checks parsed override data strictly and returns a frozen copy: `years` keyed by four-digit year, each with
 * `holidays` and `workdays` objects (both required, may be empty) mapping ISO dates of that year to non-empty
 * names, no date both a holiday and a workday. Throws a {@link CalendarOverrideError} listing every problem.
 */
export const parseCalendarOverride = (data: unknown, source: string): CalendarOverride => {
  const problems: string[] = [];
  const years: Record<string, CalendarYear> = {};
  if (!isObject(data)) problems.push('the top level must be an object { "years": { … } }');
  else {
    problems.push(...unknownKeys(data, ['years'], 'top level'));
    if (!isObject(data.years)) problems.push('"years" must be an object keyed by year ("2027": { … })');
    else
      for (const [year, entry] of Object.entries(data.years)) {
        const where = `years.${year}`;
        if (!YEAR.test(year)) problems.push(`${where}: the key must be a four-digit year`);
        if (!isObject(entry)) {
          problems.push(`${where}: must be an object { "holidays": { … }, "workdays": { … } }`);
          continue;
        }
        problems.push(...unknownKeys(entry, ['holidays', 'workdays'], where));
        const lists: Record<'holidays' | 'workdays', Record<string, string>> = { holidays: {}, workdays: {} };
        for (const kind of ['holidays', 'workdays'] as const) {
          const list = entry[kind];
          if (!isObject(list)) {
            problems.push(`${where}.${kind}: must be an object of "YYYY-MM-DD": "name" (may be empty)`);
            continue;
          }
          for (const [date, name] of Object.entries(list)) {
            const at = `${where}.${kind}.${date}`;
            if (!isCalendarDate(date)) problems.push(`${at}: not an ISO calendar date (YYYY-MM-DD)`);
            else if (date.slice(0, 4) !== year) problems.push(`${at}: the date is not in ${year}`);
            if (typeof name !== 'string' || name.split(',')[0].trim() === '')
              problems.push(`${at}: the name must be a non-empty string ("English,中文,days")`);
            else lists[kind][date] = name;
          }
        }
        for (const date of Object.keys(lists.holidays))
          if (date in lists.workdays) problems.push(`${where}: ${date} is both a holiday and a workday`);
        years[year] = Object.freeze({
          holidays: Object.freeze(lists.holidays),
          workdays: Object.freeze(lists.workdays),
        });
      }
  }
  if (problems.length > 0) throw new CalendarOverrideError(source, problems);
  return Object.freeze({ years: Object.freeze(years) });
};

/** Reads and validates an override file (for CALENDAR_FILE); the error names the file and every problem in it. */
export const loadCalendarOverride = (path: string): CalendarOverride => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CalendarOverrideError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CalendarOverrideError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseCalendarOverride(data, path);
};
