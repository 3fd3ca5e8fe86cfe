import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDayDetail } from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import {
  addWorkingDays,
  CalendarOverrideError,
  describeWorkingDays,
  isCalendarYearCovered,
  isWorkingDay,
  loadCalendarOverride,
  useCalendarOverride,
  workingDaysBetween,
  workingDaysFrom,
} from './working-days';

const WORKING = { working: true, estimated: false };
const OFF = { working: false, estimated: false };
const holiday = (name: string, ...dates: string[]) =>
  dates.map((date) => ({ date, reason: 'HOLIDAY', name }));
const weekend = (...dates: string[]) => dates.map((date) => ({ date, reason: 'WEEKEND' }));
/** Every ISO date from `first` to `last` inclusive. */
const datesFrom = (first: string, last: string): string[] => {
  const dates: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000)
    dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
};

describe('addWorkingDays — State Council calendar with make-up workdays (R-APP-4, R-TIME-1)', () => {
  it('the package data has the 2026 Spring Festival arrangement this spec relies on', () => {
    // Holiday 02-15 (Sun) … 02-23 (Mon); make-up workdays Saturday 02-14 and Saturday 02-28.
    for (const date of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'])
      expect(isWorkingDay(date)).toEqual(OFF);
    for (const date of ['2026-02-14', '2026-02-28']) {
      expect(isWorkingDay(date)).toEqual(WORKING);
      expect(getDayDetail(date).name).toContain('Spring Festival');
    }
  });

  it('counts the make-up Saturday before Spring Festival 2026 and skips the nine holidays', () => {
    // Thu 02-12 → Fri 02-13 (1), Sat 02-14 make-up (2), 02-15…23 off, 02-24 (3), 02-25 (4), 02-26 (5).
    expect(addWorkingDays('2026-02-12', 5)).toEqual({
      date: '2026-02-26',
      estimated: false,
      skipped: holiday('Spring Festival', ...datesFrom('2026-02-15', '2026-02-23')),
      makeUpWorkdays: ['2026-02-14'],
    });
  });

  it('counts the make-up Saturday after Spring Festival 2026 (02-28)', () => {
    // Tue 02-24 → 25 (1), 26 (2), 27 (3), Sat 28 make-up (4), [Sun 03-01 weekend], Mon 03-02 (5).
    expect(addWorkingDays('2026-02-24', 5)).toEqual({
      date: '2026-03-02',
      estimated: false,
      skipped: weekend('2026-03-01'),
      makeUpWorkdays: ['2026-02-28'],
    });
  });

  it('a submission on a holiday starts counting on the first working day after it', () => {
    // Wed 02-18 (holiday) → 02-19…23 off, Tue 02-24 (1).
    expect(addWorkingDays('2026-02-18', 1)).toMatchObject({ date: '2026-02-24', estimated: false });
  });

  it('National Day 2025: 10-01…10-08 off, make-up workdays Sunday 09-28 and Saturday 10-11', () => {
    expect(isWorkingDay('2025-09-28')).toEqual(WORKING);
    expect(isWorkingDay('2025-10-08')).toEqual(OFF);
    expect(isWorkingDay('2025-10-11')).toEqual(WORKING);
    // Fri 09-26 → [Sat 09-27 weekend], Sun 09-28 make-up (1), Mon 09-29 (2), Tue 09-30 (3),
    // 10-01…10-05 National Day, 10-06 Mid-autumn Festival (in the package data), 10-07…08 National Day,
    // Thu 10-09 (4), Fri 10-10 (5).
    expect(addWorkingDays('2025-09-26', 5)).toEqual({
      date: '2025-10-10',
      estimated: false,
      skipped: [
        ...weekend('2025-09-27'),
        ...holiday('National Day', ...datesFrom('2025-10-01', '2025-10-05')),
        ...holiday('Mid-autumn Festival', '2025-10-06'),
        ...holiday('National Day', '2025-10-07', '2025-10-08'),
      ],
      makeUpWorkdays: ['2025-09-28'],
    });
    // … and Saturday 10-11 is the sixth.
    expect(addWorkingDays('2025-09-26', 6)).toMatchObject({
      date: '2025-10-11',
      estimated: false,
      makeUpWorkdays: ['2025-09-28', '2025-10-11'],
    });
  });

  it('a year beyond the package data falls back to Monday–Friday and is flagged estimated', () => {
    const beyond = 2040;
    expect(isCalendarYearCovered(beyond)).toBe(false);
    // Fri 2040-02-10 → Mon 13 … Fri 17: no holiday is known, so Spring Festival is not skipped.
    expect(addWorkingDays('2040-02-10', 5)).toEqual({
      date: '2040-02-17',
      estimated: true,
      skipped: weekend('2040-02-11', '2040-02-12'),
      makeUpWorkdays: [],
    });
    expect(isWorkingDay('2040-02-11')).toEqual({ working: false, estimated: true });
    expect(isWorkingDay('2040-02-13')).toEqual({ working: true, estimated: true });
  });

  it('a deadline that crosses into an uncovered year is estimated', () => {
    const lastCovered = [...Array(60).keys()]
      .map((i) => 2004 + i)
      .filter(isCalendarYearCovered)
      .pop() as number;
    expect(isCalendarYearCovered(lastCovered + 1)).toBe(false);
    const result = addWorkingDays(`${lastCovered}-12-30`, 5);
    expect(result.estimated).toBe(true);
    expect(result.date.startsWith(`${lastCovered + 1}-01-`)).toBe(true);
  });

  it('n = 0 returns the date itself; negative n counts backwards', () => {
    expect(addWorkingDays('2026-02-18', 0)).toEqual({
      date: '2026-02-18',
      estimated: false,
      skipped: [],
      makeUpWorkdays: [],
    });
    // Tue 02-24 → back over 02-23…15 (Spring Festival), Sat 02-14 make-up (1), Fri 02-13 (2); lists in calendar order.
    expect(addWorkingDays('2026-02-24', -2)).toEqual({
      date: '2026-02-13',
      estimated: false,
      skipped: holiday('Spring Festival', ...datesFrom('2026-02-15', '2026-02-23')),
      makeUpWorkdays: ['2026-02-14'],
    });
  });

  /** Runs `script` in a fresh Node process with the time zone set (a running process keeps its zone). */
  const inTimeZone = (timeZone: string, script: string): unknown =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script],
        {
          cwd: join(__dirname, '../../../..'),
          env: { ...process.env, TZ: timeZone },
          encoding: 'utf8',
        },
      ),
    );
  const MODULE = JSON.stringify(join(__dirname, 'working-days.ts'));

  it('gives the same answers in any process time zone (the package itself shifts dates west of UTC)', () => {
    const script = `const w = require(${MODULE});
      const days = ['2026-02-14', '2026-02-15', '2026-02-23', '2026-02-28', '2026-03-02', '2025-10-11'];
      console.log(JSON.stringify({
        days: days.map((d) => w.isWorkingDay(d).working),
        add: w.addWorkingDays('2026-02-12', 5),
        between: w.workingDaysBetween('2026-02-12', '2026-02-26'),
        text: w.describeWorkingDays('2026-02-12', 5),
      }));`;
    const expected = {
      days: [true, false, false, true, true, true],
      add: addWorkingDays('2026-02-12', 5),
      between: { days: 5, estimated: false },
      text: '2026-02-12 + 5 working days = 2026-02-26 (skipped 2026-02-15…2026-02-23 Spring Festival; make-up workday 2026-02-14)',
    };
    expect(expected.add).toMatchObject({ date: '2026-02-26', estimated: false });
    expect(inTimeZone('America/Los_Angeles', script)).toEqual(expected);
    expect(inTimeZone('Asia/Shanghai', script)).toEqual(expected);
  });

  it("agrees with the package's isWorkday() on every day of every covered year (in Beijing time)", () => {
    const script = `const w = require(${MODULE}); const cd = require('chinese-days');
      const differences = [];
      for (let y = 2000; y <= 2100; y++) {
        if (!w.isCalendarYearCovered(y)) continue;
        for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += 86400000) {
          const date = new Date(t).toISOString().slice(0, 10);
          if (w.isWorkingDay(date).working !== cd.isWorkday(date)) differences.push(date);
        }
      }
      console.log(JSON.stringify(differences));`;
    expect(inTimeZone('Asia/Shanghai', script)).toEqual([]);
  });

  it('rejects malformed dates and fractional counts', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('26-2-3', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-03', 1.5)).toThrow(RangeError);
    expect(() => workingDaysBetween('2026-02-03', '2026-13-01')).toThrow(RangeError);
    expect(() => workingDaysBetween('2026/02/03', '2026-02-04')).toThrow(RangeError);
  });
});

describe('the 2025 and 2026 arrangements (国务院办公厅 notices, as in the package data)', () => {
  it('New Year 2025: Wed 01-01 off, no make-up workday', () => {
    expect(isWorkingDay('2025-01-01')).toEqual(OFF);
    // Tue 2024-12-31 → Wed 01-01 New Year's Day, Thu 01-02 (1).
    expect(addWorkingDays('2024-12-31', 1)).toEqual({
      date: '2025-01-02',
      estimated: false,
      skipped: holiday("New Year's Day", '2025-01-01'),
      makeUpWorkdays: [],
    });
  });

  it('Spring Festival 2025: Tue 01-28 … Tue 02-04 off, make-up workdays Sun 01-26 and Sat 02-08', () => {
    expect(isWorkingDay('2025-01-26')).toEqual(WORKING);
    expect(isWorkingDay('2025-02-08')).toEqual(WORKING);
    for (const date of datesFrom('2025-01-28', '2025-02-04')) expect(isWorkingDay(date)).toEqual(OFF);
    // Fri 01-24 → [Sat 01-25 weekend], Sun 01-26 make-up (1), Mon 01-27 (2), 01-28…02-04 off, Wed 02-05 (3).
    expect(addWorkingDays('2025-01-24', 3)).toEqual({
      date: '2025-02-05',
      estimated: false,
      skipped: [
        ...weekend('2025-01-25'),
        ...holiday('Spring Festival', ...datesFrom('2025-01-28', '2025-02-04')),
      ],
      makeUpWorkdays: ['2025-01-26'],
    });
    // Wed 02-05 → Thu 02-06 (1), Fri 02-07 (2), Sat 02-08 make-up (3).
    expect(addWorkingDays('2025-02-05', 3)).toMatchObject({
      date: '2025-02-08',
      makeUpWorkdays: ['2025-02-08'],
    });
  });

  it('Qingming 2025: Fri 04-04 … Sun 04-06 off, no make-up workday', () => {
    // Thu 04-03 → 04-04…06 Tomb-sweeping Day, Mon 04-07 (1).
    expect(addWorkingDays('2025-04-03', 1)).toEqual({
      date: '2025-04-07',
      estimated: false,
      skipped: holiday('Tomb-sweeping Day', '2025-04-04', '2025-04-05', '2025-04-06'),
      makeUpWorkdays: [],
    });
  });

  it('Labour Day 2025: Thu 05-01 … Mon 05-05 off, make-up workday Sun 04-27', () => {
    // Fri 04-25 → [Sat 04-26 weekend], Sun 04-27 make-up (1), Mon 04-28 (2).
    expect(addWorkingDays('2025-04-25', 2)).toEqual({
      date: '2025-04-28',
      estimated: false,
      skipped: weekend('2025-04-26'),
      makeUpWorkdays: ['2025-04-27'],
    });
    // Wed 04-30 → 05-01…05 off, Tue 05-06 (1).
    expect(addWorkingDays('2025-04-30', 1)).toEqual({
      date: '2025-05-06',
      estimated: false,
      skipped: holiday('Labour Day', ...datesFrom('2025-05-01', '2025-05-05')),
      makeUpWorkdays: [],
    });
  });

  it('Dragon Boat 2025: Sat 05-31 … Mon 06-02 off, no make-up workday', () => {
    // Fri 05-30 → 05-31, 06-01, 06-02 off, Tue 06-03 (1).
    expect(addWorkingDays('2025-05-30', 1)).toEqual({
      date: '2025-06-03',
      estimated: false,
      skipped: holiday('Dragon Boat Festival', '2025-05-31', '2025-06-01', '2025-06-02'),
      makeUpWorkdays: [],
    });
  });

  it('National Day and Mid-autumn 2025: 10-01 … 10-08 off (10-06 is Mid-autumn), make-ups Sun 09-28, Sat 10-11', () => {
    for (const date of datesFrom('2025-10-01', '2025-10-08')) expect(isWorkingDay(date)).toEqual(OFF);
    // Tue 09-30 → 10-01…08 off, Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up (3).
    expect(addWorkingDays('2025-09-30', 3)).toMatchObject({
      date: '2025-10-11',
      makeUpWorkdays: ['2025-10-11'],
    });
  });

  it('New Year 2026: Thu 01-01 … Sat 01-03 off, make-up workday Sun 01-04', () => {
    expect(isWorkingDay('2026-01-04')).toEqual(WORKING);
    // Wed 2025-12-31 → 01-01…03 New Year's Day, Sun 01-04 make-up (1).
    expect(addWorkingDays('2025-12-31', 1)).toEqual({
      date: '2026-01-04',
      estimated: false,
      skipped: holiday("New Year's Day", '2026-01-01', '2026-01-02', '2026-01-03'),
      makeUpWorkdays: ['2026-01-04'],
    });
  });

  it('Qingming 2026: Sat 04-04 … Mon 04-06 off, no make-up workday', () => {
    // Fri 04-03 → 04-04…06 Tomb-sweeping Day, Tue 04-07 (1).
    expect(addWorkingDays('2026-04-03', 1)).toEqual({
      date: '2026-04-07',
      estimated: false,
      skipped: holiday('Tomb-sweeping Day', '2026-04-04', '2026-04-05', '2026-04-06'),
      makeUpWorkdays: [],
    });
  });

  it('Labour Day 2026: Fri 05-01 … Tue 05-05 off, make-up workday Sat 05-09', () => {
    // Thu 04-30 → 05-01…05 off, Wed 05-06 (1), Thu 05-07 (2), Fri 05-08 (3), Sat 05-09 make-up (4).
    expect(addWorkingDays('2026-04-30', 4)).toEqual({
      date: '2026-05-09',
      estimated: false,
      skipped: holiday('Labour Day', ...datesFrom('2026-05-01', '2026-05-05')),
      makeUpWorkdays: ['2026-05-09'],
    });
  });

  it('Dragon Boat 2026: Fri 06-19 … Sun 06-21 off, no make-up workday', () => {
    // Thu 06-18 → 06-19…21 off, Mon 06-22 (1).
    expect(addWorkingDays('2026-06-18', 1)).toEqual({
      date: '2026-06-22',
      estimated: false,
      skipped: holiday('Dragon Boat Festival', '2026-06-19', '2026-06-20', '2026-06-21'),
      makeUpWorkdays: [],
    });
  });

  it('Mid-autumn 2026 (Fri 09-25 … Sun 09-27) and National Day 2026 (Thu 10-01 … Wed 10-07), make-ups Sun 09-20, Sat 10-10', () => {
    // Fri 09-18 → [Sat 09-19 weekend], Sun 09-20 make-up (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5),
    // 09-25…27 Mid-autumn, Mon 28 (6), Tue 29 (7), Wed 30 (8), 10-01…07 National Day, Thu 10-08 (9), Fri 10-09 (10).
    expect(addWorkingDays('2026-09-18', 10)).toEqual({
      date: '2026-10-09',
      estimated: false,
      skipped: [
        ...weekend('2026-09-19'),
        ...holiday('Mid-autumn Festival', '2026-09-25', '2026-09-26', '2026-09-27'),
        ...holiday('National Day', ...datesFrom('2026-10-01', '2026-10-07')),
      ],
      makeUpWorkdays: ['2026-09-20'],
    });
    // … Sat 10-10 make-up is the eleventh.
    expect(addWorkingDays('2026-09-18', 11)).toMatchObject({
      date: '2026-10-10',
      makeUpWorkdays: ['2026-09-20', '2026-10-10'],
    });
  });
});

describe('describeWorkingDays', () => {
  it('explains the Spring Festival 2026 example in one line', () => {
    expect(describeWorkingDays('2026-02-12', 5, addWorkingDays('2026-02-12', 5))).toBe(
      '2026-02-12 + 5 working days = 2026-02-26 (skipped 2026-02-15…2026-02-23 Spring Festival; make-up workday 2026-02-14)',
    );
  });

  it('keeps holidays of different names apart and counts plain weekend days', () => {
    // National Day 2025 with Mid-autumn on 10-06 in the middle; Sat 09-27 is an ordinary weekend day.
    expect(describeWorkingDays('2025-09-26', 6)).toBe(
      '2025-09-26 + 6 working days = 2025-10-11 (skipped 2025-10-01…2025-10-05 National Day, ' +
        '2025-10-06 Mid-autumn Festival, 2025-10-07…2025-10-08 National Day, 1 weekend day; ' +
        'make-up workdays 2025-09-28, 2025-10-11)',
    );
    expect(describeWorkingDays('2026-03-02', 10)).toBe(
      '2026-03-02 + 10 working days = 2026-03-16 (skipped 4 weekend days)',
    );
  });

  it('counting back, no days passed over, and estimates', () => {
    expect(describeWorkingDays('2026-02-24', -2)).toBe(
      '2026-02-24 - 2 working days = 2026-02-13 (skipped 2026-02-15…2026-02-23 Spring Festival; make-up workday 2026-02-14)',
    );
    expect(describeWorkingDays('2026-03-02', 1)).toBe('2026-03-02 + 1 working day = 2026-03-03');
    expect(describeWorkingDays('2026-02-18', 0)).toBe('2026-02-18 + 0 working days = 2026-02-18');
    expect(describeWorkingDays('2040-02-10', 5)).toBe(
      '2040-02-10 + 5 working days = 2040-02-17 (skipped 2 weekend days; estimated Monday–Friday for 2040)',
    );
  });
});

describe('workingDaysFrom', () => {
  it('answers as addWorkingDays and describeWorkingDays do, once per date and count, frozen', () => {
    for (const from of ['2026-02-12', '2025-09-30', '2027-12-30', '2026-02-16']) {
      for (const n of [0, 1, 5, 10, 20, -3]) {
        const counted = workingDaysFrom(from, n);
        expect(counted.result).toEqual(addWorkingDays(from, n));
        expect(counted.basis).toBe(describeWorkingDays(from, n));
        expect(workingDaysFrom(from, n)).toBe(counted);
        expect(Object.isFrozen(counted.result.skipped)).toBe(true);
      }
    }
    expect(() => workingDaysFrom('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('across Spring Festival 2026', () => {
    // After Thu 02-12: Fri 02-13 (1), Sat 02-14 make-up (2), 02-15…23 off, 02-24 (3), 02-25 (4), 02-26 (5).
    expect(workingDaysBetween('2026-02-12', '2026-02-26')).toEqual({ days: 5, estimated: false });
    // After Fri 02-13: Sat 02-14 make-up (1), 02-24 … 02-27 (2…5), Sat 02-28 make-up (6), Mon 03-02 (7).
    expect(workingDaysBetween('2026-02-13', '2026-03-02')).toEqual({ days: 7, estimated: false });
    expect(workingDaysBetween('2026-03-02', '2026-02-13')).toEqual({ days: -7, estimated: false });
    // Within the holiday nothing is a working day.
    expect(workingDaysBetween('2026-02-15', '2026-02-23')).toEqual({ days: 0, estimated: false });
  });

  it('across National Day 2025 and 2026', () => {
    // After Tue 2025-09-30: 10-01…08 off, Thu 10-09 (1).
    expect(workingDaysBetween('2025-09-30', '2025-10-09')).toEqual({ days: 1, estimated: false });
    // After Fri 2025-09-26: Sun 09-28 (1), 29 (2), 30 (3), 10-09 (4), 10-10 (5), Sat 10-11 make-up (6).
    expect(workingDaysBetween('2025-09-26', '2025-10-11')).toEqual({ days: 6, estimated: false });
    // After Wed 2026-09-30: 10-01…07 off, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3).
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toEqual({ days: 3, estimated: false });
    expect(workingDaysBetween('2026-10-10', '2026-09-30')).toEqual({ days: -3, estimated: false });
  });

  it('is 0 for equal dates, and mirrors when `to` is before `from`', () => {
    expect(workingDaysBetween('2026-02-18', '2026-02-18')).toEqual({ days: 0, estimated: false });
    expect(workingDaysBetween('2026-02-23', '2026-02-15')).toEqual({ days: 0, estimated: false });
    for (const [a, b] of [
      ['2025-01-20', '2025-02-10'],
      ['2025-12-25', '2026-01-06'],
      ['2026-04-30', '2026-05-11'],
    ])
      expect(workingDaysBetween(b, a).days).toBe(-workingDaysBetween(a, b).days);
  });

  it('is estimated when a day counted lies beyond the calendar data', () => {
    // After Sun 2040-01-01: Mon 01-02 … Fri 01-06 (5), Sat/Sun 07-08, Mon 01-09 (6) — Monday–Friday only.
    expect(workingDaysBetween('2040-01-01', '2040-01-09')).toEqual({ days: 6, estimated: true });
    // Only the days after `from` count: a covered year's last day as `from` does not make it estimated…
    expect(workingDaysBetween('2026-12-30', '2026-12-31')).toEqual({ days: 1, estimated: false });
    // … but reaching into the next, uncovered year does.
    const lastCovered = [...Array(60).keys()]
      .map((i) => 2004 + i)
      .filter(isCalendarYearCovered)
      .pop() as number;
    expect(workingDaysBetween(`${lastCovered}-12-20`, `${lastCovered + 1}-01-10`).estimated).toBe(true);
  });

  it('round-trips with addWorkingDays for every start date in 2025–2026 and n = 0 … 25 (and back)', () => {
    const daysApart = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    const failures: string[] = [];
    let checked = 0;
    for (const start of datesFrom('2025-01-01', '2026-12-31')) {
      const startIsWorking = isWorkingDay(start).working;
      for (let n = 0; n <= 25; n++) {
        const forward = addWorkingDays(start, n);
        const between = workingDaysBetween(start, forward.date);
        if (between.days !== n || between.estimated !== forward.estimated)
          failures.push(`${start} + ${n} = ${forward.date}, back ${JSON.stringify(between)}`);
        // Every calendar day passed is either counted or listed as skipped.
        if (n + forward.skipped.length !== daysApart(start, forward.date))
          failures.push(`${start} + ${n}: ${forward.skipped.length} skipped`);
        // Counting back: `to`-inclusive workingDaysBetween counts the start (when it is a working day), not the result.
        const back = addWorkingDays(start, -n);
        const expectedBack = n === 0 ? 0 : 1 - n - (startIsWorking ? 1 : 0);
        if (workingDaysBetween(start, back.date).days !== expectedBack)
          failures.push(`${start} - ${n} = ${back.date}, back ${workingDaysBetween(start, back.date).days}`);
        checked += 1;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(730 * 26);
  });
});

describe('calendar override file (CALENDAR_FILE)', () => {
  let dir: string;
  const write = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-override-'));
  });
  afterEach(() => useCalendarOverride(null));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A made-up 2099 New Year like 2026's: Thu 01-01 … Sat 01-03 off, Sun 01-04 worked. */
  const YEAR_2099 = {
    years: {
      '2099': {
        holidays: {
          '2099-01-01': "New Year's Day,元旦,1",
          '2099-01-02': "New Year's Day,元旦,1",
          '2099-01-03': "New Year's Day,元旦,1",
        },
        workdays: { '2099-01-04': "New Year's Day,元旦,1" },
      },
    },
  };

  it('makes a year beyond the package covered and exact, with its holidays and make-up workdays', () => {
    expect(isCalendarYearCovered(2099)).toBe(false);
    useCalendarOverride(loadCalendarOverride(write('2099.json', YEAR_2099)));
    expect(isCalendarYearCovered(2099)).toBe(true);
    expect(isWorkingDay('2099-01-02')).toEqual(OFF);
    expect(isWorkingDay('2099-01-04')).toEqual(WORKING);
    // Wed 2099-12-31 is in 2098, still uncovered; from Thu 2099-01-01 (holiday): 01-02…03 off, Sun 01-04 make-up (1),
    // Mon 01-05 (2).
    expect(addWorkingDays('2099-01-01', 2)).toEqual({
      date: '2099-01-05',
      estimated: false,
      skipped: holiday("New Year's Day", '2099-01-02', '2099-01-03'),
      makeUpWorkdays: ['2099-01-04'],
    });
    expect(workingDaysBetween('2099-01-01', '2099-01-05')).toEqual({ days: 2, estimated: false });
    expect(isCalendarYearCovered(2098)).toBe(false);
    expect(addWorkingDays('2098-12-31', 1)).toMatchObject({ date: '2099-01-04', estimated: false });
    expect(addWorkingDays('2098-12-30', 2)).toMatchObject({ date: '2099-01-04', estimated: true });
    // Other years keep the package data.
    expect(addWorkingDays('2026-02-12', 5)).toMatchObject({ date: '2026-02-26', estimated: false });
  });

  it('replaces the whole of a year the package covers', () => {
    // 2026 reduced to National Day alone: Spring Festival is then an ordinary week and 02-14 an ordinary Saturday.
    const path = write('2026.json', {
      years: { '2026': { holidays: { '2026-10-01': 'National Day,国庆节,3' }, workdays: {} } },
    });
    useCalendarOverride(loadCalendarOverride(path));
    expect(isWorkingDay('2026-02-16')).toEqual(WORKING);
    expect(isWorkingDay('2026-02-14')).toEqual(OFF);
    expect(isWorkingDay('2026-10-01')).toEqual(OFF);
    expect(isWorkingDay('2026-10-02')).toEqual(WORKING);
  });

  it('a new override is followed by the answers already given', () => {
    // Thu 2099-01-01 + 1: Friday 01-02 by Monday–Friday; with the override, Sunday 01-04 (make-up workday).
    expect(workingDaysFrom('2099-01-01', 1).result).toMatchObject({ date: '2099-01-02', estimated: true });
    useCalendarOverride(loadCalendarOverride(write('2099.json', YEAR_2099)));
    expect(workingDaysFrom('2099-01-01', 1).result).toEqual(addWorkingDays('2099-01-01', 1));
    expect(workingDaysFrom('2099-01-01', 1)).toMatchObject({
      result: { date: '2099-01-04', estimated: false },
      basis: describeWorkingDays('2099-01-01', 1),
    });
    useCalendarOverride(null);
    expect(workingDaysFrom('2099-01-01', 1).result).toMatchObject({ date: '2099-01-02', estimated: true });
  });

  it('useCalendarOverride(null) restores the package data', () => {
    useCalendarOverride(loadCalendarOverride(write('2099.json', YEAR_2099)));
    useCalendarOverride(
      loadCalendarOverride(write('2026.json', { years: { '2026': { holidays: {}, workdays: {} } } })),
    );
    // The second call replaces the first override entirely.
    expect(isCalendarYearCovered(2099)).toBe(false);
    expect(isWorkingDay('2026-02-16')).toEqual(WORKING);
    useCalendarOverride(null);
    expect(isWorkingDay('2026-02-16')).toEqual(OFF);
    expect(addWorkingDays('2026-02-12', 5)).toMatchObject({ date: '2026-02-26', estimated: false });
    expect(isWorkingDay('2099-01-02')).toEqual({ working: true, estimated: true });
  });

  it('refuses a bad file, naming the file and every problem', () => {
    const path = write('bad.json', {
      years: {
        '2027': {
          holidays: {
            '2027-02-30': 'Spring Festival,春节,4',
            '2028-01-01': "New Year's Day,元旦,1",
            '2027-10-01': 42,
            '2027-10-02': 'National Day,国庆节,3',
            '2027-10-03': '',
          },
          workdays: { '2027-10-02': 'National Day,国庆节,3', '2027/10/09': 'National Day,国庆节,3' },
          holiday: {},
        },
        '27': { holidays: {}, workdays: {} },
        '2029': { holidays: {} },
        '2030': [],
      },
      comment: 'x',
    });
    let error: unknown;
    try {
      loadCalendarOverride(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarOverrideError);
    expect(error).toBeInstanceOf(Error);
    const { message, problems } = error as CalendarOverrideError;
    expect(message).toContain(path);
    expect(problems).toEqual([
      'top level: unknown key "comment" (expected years)',
      'years.27: the key must be a four-digit year',
      'years.2027: unknown key "holiday" (expected holidays, workdays)',
      'years.2027.holidays.2027-02-30: not an ISO calendar date (YYYY-MM-DD)',
      'years.2027.holidays.2028-01-01: the date is not in 2027',
      'years.2027.holidays.2027-10-01: the name must be a non-empty string ("English,中文,days")',
      'years.2027.holidays.2027-10-03: the name must be a non-empty string ("English,中文,days")',
      'years.2027.workdays.2027/10/09: not an ISO calendar date (YYYY-MM-DD)',
      'years.2027: 2027-10-02 is both a holiday and a workday',
      'years.2029.workdays: must be an object of "YYYY-MM-DD": "name" (may be empty)',
      'years.2030: must be an object { "holidays": { … }, "workdays": { … } }',
    ]);
    for (const problem of problems) expect(message).toContain(problem);
  });

  it('refuses a missing file, invalid JSON and a file without "years", naming the file', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadCalendarOverride(missing)).toThrow(CalendarOverrideError);
    expect(() => loadCalendarOverride(missing)).toThrow(new RegExp(`${missing}[^]*cannot read the file`));
    const notJson = write('not-json.json', '{ "years": { "2027": ');
    expect(() => loadCalendarOverride(notJson)).toThrow(new RegExp(`${notJson}[^]*not valid JSON`));
    const empty = write('empty.json', {});
    expect(() => loadCalendarOverride(empty)).toThrow(new RegExp(`${empty}[^]*"years" must be an object`));
    const list = write('list.json', []);
    expect(() => loadCalendarOverride(list)).toThrow(/the top level must be an object/);
  });

  it('useCalendarOverride validates an override built in code as well, and keeps its own copy', () => {
    expect(() =>
      useCalendarOverride({ years: { '2099': { holidays: { '2098-01-01': 'x' }, workdays: {} } } }),
    ).toThrow(/years\.2099\.holidays\.2098-01-01: the date is not in 2099/);
    expect(isCalendarYearCovered(2099)).toBe(false); // a refused override installs nothing
    const override = {
      years: { '2099': { holidays: { '2099-01-02': 'Test Day' } as Record<string, string>, workdays: {} } },
    };
    useCalendarOverride(override);
    override.years['2099'].holidays['2099-01-05'] = 'Later Day';
    expect(isWorkingDay('2099-01-05')).toEqual(WORKING);
    expect(addWorkingDays('2099-01-01', 1)).toMatchObject({
      date: '2099-01-05',
      skipped: [...holiday('Test Day', '2099-01-02'), ...weekend('2099-01-03', '2099-01-04')],
    });
  });

  it('the documented example (docs/calendar-override.example.json) is valid and equals the package’s 2026', () => {
    const example = loadCalendarOverride(join(__dirname, '../../../../docs/calendar-override.example.json'));
    const of2026 = (list: Record<string, string>) =>
      Object.fromEntries(Object.entries(list).filter(([date]) => date.startsWith('2026-')));
    expect(example.years).toEqual({
      '2026': { holidays: of2026(calendarData.holidays), workdays: of2026(calendarData.workdays) },
    });
    useCalendarOverride(example);
    expect(describeWorkingDays('2026-02-12', 5)).toBe(
      '2026-02-12 + 5 working days = 2026-02-26 (skipped 2026-02-15…2026-02-23 Spring Festival; make-up workday 2026-02-14)',
    );
  });
});
