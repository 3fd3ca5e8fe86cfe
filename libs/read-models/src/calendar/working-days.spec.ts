import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getDayDetail } from 'chinese-days';
import { addWorkingDays, isCalendarYearCovered, isWorkingDay } from './working-days';

describe('addWorkingDays — State Council calendar with make-up workdays (R-APP-4, R-TIME-1)', () => {
  it('the package data has the 2026 Spring Festival arrangement this spec relies on', () => {
    // Holiday 02-15 (Sun) … 02-23 (Mon); make-up workdays Saturday 02-14 and Saturday 02-28.
    for (const date of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'])
      expect(isWorkingDay(date)).toEqual({ working: false, estimated: false });
    for (const date of ['2026-02-14', '2026-02-28']) {
      expect(isWorkingDay(date)).toEqual({ working: true, estimated: false });
      expect(getDayDetail(date).name).toContain('Spring Festival');
    }
  });

  it('counts the make-up Saturday before Spring Festival 2026 and skips the nine holidays', () => {
    // Thu 02-12 → Fri 02-13 (1), Sat 02-14 make-up (2), 02-15…23 off, 02-24 (3), 02-25 (4), 02-26 (5).
    expect(addWorkingDays('2026-02-12', 5)).toEqual({ date: '2026-02-26', estimated: false });
  });

  it('counts the make-up Saturday after Spring Festival 2026 (02-28)', () => {
    // Tue 02-24 → 25 (1), 26 (2), 27 (3), Sat 28 make-up (4), Mon 03-02 (5).
    expect(addWorkingDays('2026-02-24', 5)).toEqual({ date: '2026-03-02', estimated: false });
  });

  it('a submission on a holiday starts counting on the first working day after it', () => {
    expect(addWorkingDays('2026-02-18', 1)).toEqual({ date: '2026-02-24', estimated: false });
  });

  it('National Day 2025: 10-01…10-08 off, make-up workdays Sunday 09-28 and Saturday 10-11', () => {
    expect(isWorkingDay('2025-09-28')).toEqual({ working: true, estimated: false });
    expect(isWorkingDay('2025-10-08')).toEqual({ working: false, estimated: false });
    expect(isWorkingDay('2025-10-11')).toEqual({ working: true, estimated: false });
    // Fri 09-26 → Sun 09-28 make-up (1), Mon 09-29 (2), Tue 09-30 (3), Thu 10-09 (4), Fri 10-10 (5).
    expect(addWorkingDays('2025-09-26', 5)).toEqual({ date: '2025-10-10', estimated: false });
    // … and Saturday 10-11 is the sixth.
    expect(addWorkingDays('2025-09-26', 6)).toEqual({ date: '2025-10-11', estimated: false });
  });

  it('a year beyond the package data falls back to Monday–Friday and is flagged estimated', () => {
    const beyond = 2040;
    expect(isCalendarYearCovered(beyond)).toBe(false);
    // Fri 2040-02-10 → Mon 13 … Fri 17: no holiday is known, so Spring Festival is not skipped.
    expect(addWorkingDays('2040-02-10', 5)).toEqual({ date: '2040-02-17', estimated: true });
    expect(isWorkingDay('2040-02-11')).toEqual({ working: false, estimated: true });
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
    expect(addWorkingDays('2026-02-18', 0)).toEqual({ date: '2026-02-18', estimated: false });
    expect(addWorkingDays('2026-02-24', -2)).toEqual({ date: '2026-02-13', estimated: false });
  });

  /** Runs `script` in a fresh Node process with the time zone set (a running process keeps its zone). */
  const inTimeZone = (timeZone: string, script: string): unknown =>
    JSON.parse(
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        cwd: join(__dirname, '../../../..'),
        env: { ...process.env, TZ: timeZone },
        encoding: 'utf8',
      }),
    );
  const MODULE = JSON.stringify(join(__dirname, 'working-days.ts'));

  it('gives the same answers in any process time zone (the package itself shifts dates west of UTC)', () => {
    const script = `const w = require(${MODULE});
      const days = ['2026-02-14', '2026-02-15', '2026-02-23', '2026-02-28', '2026-03-02', '2025-10-11'];
      console.log(JSON.stringify({ days: days.map((d) => w.isWorkingDay(d).working), add: w.addWorkingDays('2026-02-12', 5) }));`;
    const expected = {
      days: [true, false, false, true, true, true],
      add: { date: '2026-02-26', estimated: false },
    };
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
  });
});
