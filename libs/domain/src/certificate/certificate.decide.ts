import { assertNever } from '../shared/decider';
import type { CertificateCommand } from './certificate.commands';
import type { CertificateEvent } from './certificate.events';
import type { CertificateState } from './certificate.state';
import { issueCertificate, renewCertificate } from './decide-grant';
import { changeCertificate, recordSurveillance, reissueCertificate } from './decide-records';
import {
  decideRevocationAppeal,
  finaliseRevocation,
  issueRevocationNotice,
  lodgeRevocationAppeal,
  openRevocation,
} from './decide-revocation';
import { cancelCertificate, reinstateCertificate, suspendCertificate } from './decide-status';

/** One pure function per command; each refuses with a DomainError (rule id or INVALID_TRANSITION). */
export const decide = (command: CertificateCommand, state: CertificateState): CertificateEvent[] => {
  switch (command.type) {
    case 'IssueCertificate':
      return issueCertificate(command, state);
    case 'ChangeCertificate':
      return changeCertificate(command, state);
    case 'ReissueCertificate':
      return reissueCertificate(command, state);
    case 'SuspendCertificate':
      return suspendCertificate(command, state);
    case 'ReinstateCertificate':
      return reinstateCertificate(command, state);
    case 'OpenRevocation':
      return openRevocation(command, state);
    case 'IssueRevocationNotice':
      return issueRevocationNotice(command, state);
    case 'LodgeRevocationAppeal':
      return lodgeRevocationAppeal(command, state);
    case 'DecideRevocationAppeal':
      return decideRevocationAppeal(command, state);
    case 'FinaliseRevocation':
      return finaliseRevocation(command, state);
    case 'CancelCertificate':
      return cancelCertificate(command, state);
    case 'RecordSurveillance':
      return recordSurveillance(command, state);
    case 'RenewCertificate':
      return renewCertificate(command, state);
    default:
      return assertNever(command);
  }
};
