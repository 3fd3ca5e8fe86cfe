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
