import { defaultSchemes, schemesWith } from '@app/testing';
import type { SchemeCatalogue } from '../scheme/scheme-catalogue';
import type { CertificateEvent } from './certificate.events';
import { cancelled, revoked, suspended } from './certificate.fixtures';
import { certificateAfter, grantedOn, renewedOn, surveilledOn } from './certificate-timeline.fixtures';
import { surveillanceDueDate } from './surveillance-schedule';

const every18Months = schemesWith({ surveillanceIntervalMonths: 18 });

describe('R-TIME-2 surveillance schedule (§6.4.2 年度监督审核)', () => {
  it.each<[string, CertificateEvent[], SchemeCatalogue, string | null]>([
    // 2026-01-08 + 12 months = 2027-01-08; cap 2027-12-31; expiry 2029-01-08 → 2027-01-08
    [
      'first surveillance 12 months after the decision',
      [grantedOn('2026-01-08')],
      defaultSchemes,
      '2027-01-08',
    ],
    // 2024-02-29 + 12 months = 2025-02-29, which does not exist → clamped to 2025-02-28
    ['clamps a leap day to the end of February', [grantedOn('2024-02-29')], defaultSchemes, '2025-02-28'],
    // anchor = last surveillance 2027-01-20; + 12 months = 2028-01-20; expiry 2029-02-10 (not 2028) → 2028-01-20
    [
      'next one 12 months after the last surveillance',
      [grantedOn('2026-02-10'), surveilledOn('2027-01-20')],
      defaultSchemes,
      '2028-01-20',
    ],
    // 2027-01-20 + 12 months = 2028-01-20, in 2028 = the year of expiry 2028-03-10 → recertification replaces it
    [
      'none in the recertification year',
      [grantedOn('2025-03-10'), surveilledOn('2026-03-02'), surveilledOn('2027-01-20')],
      defaultSchemes,
      null,
    ],
    // 2027-12-10 + 12 months = 2028-12-10, still before 2029 (the expiry year of 2029-01-08)
    [
      'a due date late in the year before expiry still counts',
      [grantedOn('2026-01-08'), surveilledOn('2026-12-15'), surveilledOn('2027-12-10')],
      defaultSchemes,
      '2028-12-10',
    ],
    // 2026-01-08 + 18 months = 2027-07-08; cap 31 Dec of 2026 + 1 = 2027-12-31 → 2027-07-08 (cap not binding)
    ['interval parameter of 18 months', [grantedOn('2026-01-08')], every18Months, '2027-07-08'],
    // 2026-09-15 + 18 months = 2028-03-15; cap 2027-12-31 is earlier → 2027-12-31 (at least once per calendar year)
    [
      '18 months capped at 31 December of the next year',
      [grantedOn('2026-09-15')],
      every18Months,
      '2027-12-31',
    ],
    // suspended 2026-06-01: still live (VALID or SUSPENDED) → 2026-01-08 + 12 months
    [
      'a suspended certificate still has a due date',
      [grantedOn('2026-01-08'), suspended()],
      defaultSchemes,
      '2027-01-08',
    ],
    ['a cancelled certificate has none', [grantedOn('2026-01-08'), cancelled()], defaultSchemes, null],
    ['a revoked certificate has none', [grantedOn('2026-01-08'), revoked()], defaultSchemes, null],
    // renewal decided 2028-12-20 (expiry 2029-01-08 → 2032-01-08): anchor = 2028-12-20, not the surveillance of
    // 2027-12-10 → 2029-12-20
    [
      'a renewal resets the anchor to the renewal decision',
      [
        grantedOn('2026-01-08'),
        surveilledOn('2026-12-15'),
        surveilledOn('2027-12-10'),
        renewedOn('2028-12-20', '2029-01-08'),
      ],
      defaultSchemes,
      '2029-12-20',
    ],
    // first surveillance of the new term 2029-11-30 + 12 months = 2030-11-30 (expiry 2032-01-08)
    [
      'after a renewal the new term’s surveillances count',
      [grantedOn('2026-01-08'), renewedOn('2028-12-20', '2029-01-08'), surveilledOn('2029-11-30')],
      defaultSchemes,
      '2030-11-30',
    ],
    // a surveillance decided 2028-06-01 but recorded after the renewal of 2028-12-20 belongs to the old term
    [
      'a late record of the old term does not move the anchor back',
      [
        grantedOn('2026-01-08'),
        renewedOn('2028-12-20', '2029-01-08'),
        surveilledOn('2028-06-01', '2029-01-05'),
      ],
      defaultSchemes,
      '2029-12-20',
    ],
    // records out of order: 2027-06-01 recorded after 2027-12-10 → the latest stays the anchor → 2028-12-10
    [
      'an earlier surveillance recorded late does not move the anchor back',
      [grantedOn('2026-01-08'), surveilledOn('2027-12-10'), surveilledOn('2027-06-01', '2027-12-20')],
      defaultSchemes,
      '2028-12-10',
    ],
  ])('R-TIME-2 %s', (_, events, schemes, due) => {
    expect(surveillanceDueDate(certificateAfter(events), schemes)).toBe(due);
  });

  it('R-TIME-2 a renewal clears the last surveillance of the old term', () => {
    const certificate = certificateAfter([
      grantedOn('2026-01-08'),
      surveilledOn('2027-12-10'),
      renewedOn('2028-12-20', '2029-01-08'),
    ]);
    expect(certificate).toMatchObject({ decisionDate: '2028-12-20', lastSurveillanceDate: null });
  });
});
