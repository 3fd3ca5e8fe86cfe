import { CMM_525_0002_V1 } from './cmm-525-0002.v1';
import { formatCertificateNumber, matchesCertificateNumberFormat } from './certificate-number';
import { SchemeCatalogue, SchemeDefinitionError } from './scheme-catalogue';
import { DomainError } from '../shared/errors';

const load = (...versions: object[]) => SchemeCatalogue.load(versions);

describe('scheme definition (R-SCHEME-1)', () => {
  it('R-SCHEME-1 ships CMM-525-0002 V1.0 with the defaults of the rules', () => {
    const scheme = load(CMM_525_0002_V1).get('CMM-525-0002@V1.0');
    expect(scheme).toMatchObject({
      acceptanceWorkingDays: 5,
      decisionNoticeWorkingDays: 5,
      auditDays: { INITIAL: { min: 3, max: 5 }, SURVEILLANCE: { min: 1, max: 2 } },
      nonconformityDueDays: 90,
      majorNonconformityMaxMonths: 6,
      certificateValidityYears: 3,
      maxSuspensionMonths: 6,
      revocationAppealWindowDays: 30,
      recertificationWindowMonths: 3,
      passThreshold: null,
    });
  });

  it('R-SCHEME-1 refuses a definition at load time and names every bad entry', () => {
    const bad = {
      ...CMM_525_0002_V1,
      certificateValidityYears: 0,
      auditDays: { ...CMM_525_0002_V1.auditDays, INITIAL: { min: 5, max: 3 } },
    };
    expect(() => load(bad)).toThrow(SchemeDefinitionError);
    try {
      load(bad);
    } catch (error) {
      expect((error as SchemeDefinitionError).problems).toEqual([
        expect.stringContaining('certificateValidityYears'),
        expect.stringContaining('auditDays.INITIAL'),
      ]);
    }
  });

  it('R-SCHEME-1 refuses duplicate versions', () => {
    expect(() => load(CMM_525_0002_V1, CMM_525_0002_V1)).toThrow(/duplicate/);
  });

  it('R-SCHEME-1 new applications go to the newest active version in force', () => {
    const v2 = { ...CMM_525_0002_V1, id: 'CMM-525-0002@V2.0', version: 'V2.0', effectiveFrom: '2027-01-01' };
    const catalogue = load(CMM_525_0002_V1, v2);
    expect(catalogue.forNewApplication('2026-11-28').id).toBe('CMM-525-0002@V1.0');
    expect(catalogue.forNewApplication('2027-01-01').id).toBe('CMM-525-0002@V2.0');
  });

  it('R-SCHEME-1 a retired version accepts no new applications but still serves its files', () => {
    const catalogue = load({ ...CMM_525_0002_V1, status: 'RETIRED' });
    expect(() => catalogue.forNewApplication('2026-11-28', 'CMM-525-0002@V1.0')).toThrow(DomainError);
    expect(catalogue.get('CMM-525-0002@V1.0').certificateValidityYears).toBe(3);
  });

  it('R-CERT-1 certificate numbers follow the scheme format', () => {
    expect(formatCertificateNumber(CMM_525_0002_V1, 2026, 42)).toBe('CMM-ICS-2026-00042');
    expect(matchesCertificateNumberFormat(CMM_525_0002_V1, 'CMM-ICS-2026-00042')).toBe(true);
    expect(matchesCertificateNumberFormat(CMM_525_0002_V1, 'CMM-ICS-26-42')).toBe(false);
  });
});
