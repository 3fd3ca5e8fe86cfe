import type { Decider } from '../shared/decider';
import type { CertificateCommand } from './certificate.commands';
import { decide } from './certificate.decide';
import type { CertificateEvent } from './certificate.events';
import { evolve } from './certificate.evolve';
import { initialCertificateState, type CertificateState } from './certificate.state';

/** The certificate aggregate (认证证书), stream `certificate-<number>`: domain-rules §4, R-TIME-3/4/5. */
export const certificateDecider: Decider<CertificateCommand, CertificateEvent, CertificateState> = {
  initialState: initialCertificateState,
  evolve,
  decide,
};
