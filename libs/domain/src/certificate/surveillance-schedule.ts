import { addMonths, compareDates } from '../shared/calendar';
import type { SchemeCatalogue } from '../scheme/scheme-catalogue';
import type { IssuedCertificate } from './certificate.state';

const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * R-TIME-2 — when the next surveillance (监督审核) of a certificate must be decided, or null when none is due.
 *
 * - Anchor: the last surveillance decision of the current term, or the term's decision (initial grant or last
 *   renewal) when there is none yet. A surveillance dated before the term's decision belongs to an earlier term.
 * - Due: the earlier of anchor + `surveillanceIntervalMonths` (scheme parameter, 12 by default: "first surveillance
 *   within 12 months of the certification decision; then at most 12 months apart") and 31 December of the year after
 *   the anchor's year (§6.4.2 (1) 年度监督审核: "每年进行一次" — at least once per calendar year). The cap only binds
 *   when the interval parameter exceeds 12 months.
 * - None due when the certificate is not VALID or SUSPENDED, or when the due date falls in the recertification year
 *   (the calendar year of `expiryDate`) or on/after expiry: §6.4.2 excepts that year, the recertification audit
 *   (§6.4.3 再认证) replaces its surveillance.
 *
 * Month arithmetic clamps to the end of the month (2024-02-29 + 12 months = 2025-02-28). The scheme version is the
 * certificate's current one (R-SCHEME-1).
 */
export const surveillanceDueDate = (
  certificate: IssuedCertificate,
  schemes: SchemeCatalogue,
): string | null => {
  if (certificate.status !== 'VALID' && certificate.status !== 'SUSPENDED') return null;
  const { surveillanceIntervalMonths } = schemes.get(certificate.schemeVersion);
  const last = certificate.lastSurveillanceDate;
  const anchor =
    last !== null && compareDates(last, certificate.decisionDate) > 0 ? last : certificate.decisionDate;
  const byInterval = addMonths(anchor, surveillanceIntervalMonths);
  const endOfNextYear = `${yearOf(anchor) + 1}-12-31`;
  const due = compareDates(byInterval, endOfNextYear) < 0 ? byInterval : endOfNextYear;
  if (yearOf(due) >= yearOf(certificate.expiryDate) || compareDates(due, certificate.expiryDate) >= 0) {
    return null;
  }
  return due;
};
