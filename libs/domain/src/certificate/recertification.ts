import { addMonths } from '../shared/calendar';
import type { SchemeCatalogue } from '../scheme/scheme-catalogue';
import type { IssuedCertificate } from './certificate.state';

/**
 * R-CERT-9 (§6.4.3): the first date on which recertification may be applied for,
 * `recertificationWindowMonths` before expiry under the certificate's scheme version.
 */
export const recertificationWindowOpens = (
  certificate: Pick<IssuedCertificate, 'expiryDate' | 'schemeVersion'>,
  schemes: SchemeCatalogue,
): string =>
  addMonths(certificate.expiryDate, -schemes.get(certificate.schemeVersion).recertificationWindowMonths);
