import { addDays, addMonths, addYears, dateOf, isIsoDate } from './calendar';

describe('calendar arithmetic', () => {
  it('takes the calendar date of an instant in China time (UTC+8)', () => {
    expect(dateOf('2026-03-31T16:30:00Z')).toBe('2026-04-01');
    expect(dateOf('2026-03-31T15:59:59Z')).toBe('2026-03-31');
  });

  it('clamps month arithmetic to the end of the month', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addYears('2026-04-20', 3)).toBe('2029-04-20');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('validates ISO dates strictly', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
});

describe('addMonths', () => {
  /** The same arithmetic through Date: the target month's first day, then the day clamped to its length. */
  const throughDate = (date: string, months: number): string => {
    const [y, m, d] = date.split('-').map(Number);
    const target = new Date(Date.UTC(y, m - 1 + months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d, lastDay));
    return target.toISOString().slice(0, 10);
  };

  it('agrees with Date arithmetic on every day of 2023–2025 moved by −40 … +40 months', () => {
    const mismatches: string[] = [];
    for (
      let day = new Date(Date.UTC(2023, 0, 1));
      day.getUTCFullYear() < 2026;
      day.setUTCDate(day.getUTCDate() + 1)
    ) {
      const date = day.toISOString().slice(0, 10);
      for (let months = -40; months <= 40; months++) {
        if (addMonths(date, months) !== throughDate(date, months)) mismatches.push(`${date} ${months}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('crosses century leap-year rules and keeps four-digit years', () => {
    expect(addMonths('2096-02-29', 48)).toBe('2100-02-28');
    expect(addMonths('1996-02-29', 48)).toBe('2000-02-29');
    expect(addMonths('0101-01-31', -13)).toBe('0099-12-31');
  });

  it('refuses what is not an ISO date or a whole number of months', () => {
    expect(() => addMonths('2026-2-1', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});
